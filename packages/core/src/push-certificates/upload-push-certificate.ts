import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import { holdsTenantWide } from '../directory/authorize.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { maxPushCertificateUploadBytes, mdmPushTopicPrefix, pushCertificateStatusOf, summarizePushCertificate, type ActivePushCertificate, type PushCertificateStatus } from './model.js';
import type { PushCertificateCrypto, PushCertificateStore } from './ports.js';

/** The certificate as uploaded: PEM text or DER bytes. */
export interface UploadPushCertificateInput {
  readonly certificate: Uint8Array | string;
}

const encoder = new TextEncoder();

/**
 * Completes the push certificate workflow (issue 5 §1) with the certificate Apple signed over the
 * tenant's pending CSR. The certificate must be well-formed, carry an MDM topic in its subject UID,
 * be signed over the pending request's key and not be expired; when a certificate is already active
 * (a renewal) its topic must be the same, so enrolled devices keep listening without re-enrolling.
 * Any refusal changes nothing. On success the certificate and the pending key become the active
 * credential and the request is cleared. Needs tenant-wide `settings.manage`.
 */
export async function uploadPushCertificate(
  deps: Deps<Pick<PushCertificateStore, 'getPushCertificates' | 'activatePushCertificate'> & AuditTrail> & { readonly pushCrypto: PushCertificateCrypto },
  principal: Principal,
  input: UploadPushCertificateInput,
): Promise<Result<PushCertificateStatus, ErrorCode>> {
  if (!holdsTenantWide(principal, 'settings.manage')) return fail('FORBIDDEN', 'Push certificates need tenant-wide settings.manage.');
  const bytes = typeof input.certificate === 'string' ? encoder.encode(input.certificate) : input.certificate;
  if (bytes.length === 0 || bytes.length > maxPushCertificateUploadBytes) {
    return fail('PUSH_CERTIFICATE_INVALID', `The upload must be one certificate of at most ${maxPushCertificateUploadBytes} bytes.`, { bytes: bytes.length });
  }
  const facts = deps.pushCrypto.readCertificate(bytes);
  if (facts === undefined) return fail('PUSH_CERTIFICATE_INVALID', 'The upload is not an X.509 certificate (PEM or DER).');
  if (facts.topic?.startsWith(mdmPushTopicPrefix) !== true) {
    return fail('PUSH_CERTIFICATE_INVALID', `The certificate is not an MDM push certificate: its subject has no UID starting with ${mdmPushTopicPrefix}.`, { topic: facts.topic });
  }
  const topic = facts.topic;

  return deps.tx.transaction(async (s) => {
    const now = deps.clock.now();
    const { pending, active } = await s.getPushCertificates(principal.tenantId);
    if (pending === null) return fail('PUSH_CERTIFICATE_REQUEST_NOT_FOUND', 'There is no pending push certificate request: create one and have Apple sign that CSR.');
    if (facts.publicKeySha256 !== pending.publicKeySha256) {
      const hint = active?.publicKeySha256 === facts.publicKeySha256 ? ' It is signed over the active certificate\'s key, an older CSR.' : '';
      return fail('PUSH_CERTIFICATE_KEY_MISMATCH', `The certificate is not signed over the key of the pending request.${hint}`);
    }
    if (facts.notAfter.getTime() <= now.getTime()) {
      return fail('PUSH_CERTIFICATE_EXPIRED', `The certificate expired on ${facts.notAfter.toISOString()}.`, { notAfter: facts.notAfter.toISOString() });
    }
    if (active !== null && active.topic !== topic) {
      return fail('PUSH_CERTIFICATE_TOPIC_MISMATCH', `The certificate's topic ${topic} is not the active topic ${active.topic}: renew with the same Apple ID so devices need no re-enrollment.`, {
        topic,
        activeTopic: active.topic,
      });
    }
    const certificate: ActivePushCertificate = {
      tenantId: principal.tenantId,
      topic,
      certificatePem: facts.certificatePem,
      privateKeyPem: pending.privateKeyPem,
      publicKeySha256: facts.publicKeySha256,
      serialNumber: facts.serialNumber,
      subject: facts.subject,
      notBefore: facts.notBefore,
      notAfter: facts.notAfter,
      uploadedAt: now,
    };
    if (!(await s.activatePushCertificate(certificate, pending.id))) {
      return fail('PUSH_CERTIFICATE_REQUEST_NOT_FOUND', 'The pending request was replaced or used while this upload ran; upload again for the current request.');
    }
    await recordAudit(
      s,
      principal,
      now,
      active === null ? 'pushCertificate.uploaded' : 'pushCertificate.renewed',
      { type: 'pushCertificate', id: principal.tenantId },
      active === null ? null : auditView(summarizePushCertificate(active, now)),
      auditView(summarizePushCertificate(certificate, now)),
    );
    return ok(pushCertificateStatusOf({ pending: null, active: certificate }, now));
  });
}

function auditView(summary: ReturnType<typeof summarizePushCertificate>): Record<string, unknown> {
  return { topic: summary.topic, serialNumber: summary.serialNumber, notBefore: summary.notBefore.toISOString(), notAfter: summary.notAfter.toISOString() };
}
