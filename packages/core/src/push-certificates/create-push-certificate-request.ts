import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import { holdsTenantWide } from '../directory/authorize.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { PushCertificateCrypto, PushCertificateStore } from './ports.js';

/** What the admin takes to Apple. */
export interface CreatedPushCertificateRequest {
  /** PKCS#10, PEM, over a fresh RSA-2048 key that never leaves Ward. */
  readonly csrPem: string;
  readonly requestedAt: Date;
  /** True when a certificate is already active: it keeps working until the renewal is uploaded. */
  readonly renewing: boolean;
}

/**
 * Starts the push certificate workflow (issue 5 §1): generates an RSA-2048 key and a CSR for the
 * tenant, keeps the key as the tenant's pending request (sealed at rest, replacing an earlier
 * pending one) and returns the CSR for the admin to have Apple sign (Apple Push Certificates
 * Portal, after the MDM vendor signs the request). An active certificate stays in use meanwhile,
 * so a renewal never interrupts pushes. Needs tenant-wide `settings.manage`.
 */
export async function createPushCertificateRequest(
  deps: Deps<Pick<PushCertificateStore, 'getPushCertificates' | 'putPendingPushRequest'> & AuditTrail> & { readonly pushCrypto: PushCertificateCrypto },
  principal: Principal,
): Promise<Result<CreatedPushCertificateRequest, ErrorCode>> {
  if (!holdsTenantWide(principal, 'settings.manage')) return fail('FORBIDDEN', 'Push certificates need tenant-wide settings.manage.');
  // Key generation takes a while; done before the transaction so no write lock waits on it.
  const draft = await deps.pushCrypto.createRequest({ commonName: `Ward MDM push ${principal.tenantId}` });
  return deps.tx.transaction(async (s) => {
    const now = deps.clock.now();
    const current = await s.getPushCertificates(principal.tenantId);
    const id = deps.ids.newId();
    await s.putPendingPushRequest({ tenantId: principal.tenantId, id, csrPem: draft.csrPem, privateKeyPem: draft.privateKeyPem, publicKeySha256: draft.publicKeySha256, requestedAt: now });
    await recordAudit(
      s,
      principal,
      now,
      'pushCertificate.requested',
      { type: 'pushCertificate', id: principal.tenantId },
      current.pending === null ? null : { requestId: current.pending.id, publicKeySha256: current.pending.publicKeySha256 },
      { requestId: id, publicKeySha256: draft.publicKeySha256, activeTopic: current.active?.topic ?? null },
    );
    return ok({ csrPem: draft.csrPem, requestedAt: now, renewing: current.active !== null });
  });
}
