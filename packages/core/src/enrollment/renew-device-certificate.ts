import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { ok, type Result } from '../kernel/result.js';
import type { DeviceSession } from './authenticate-device.js';
import type { CertificateIssuer, IssuedCertificate } from './certificate-issuer.js';
import type { DeviceIdentityStore } from './ports.js';

/**
 * Issues a device a new certificate for a new key, over its current identity. The old certificate
 * is superseded, not revoked: it keeps working until it expires, so a device that never received
 * the answer can still check in and try again.
 */
export async function renewDeviceCertificate(
  deps: Deps<Pick<DeviceIdentityStore, 'insertDeviceIdentity' | 'retireDeviceIdentities'> & AuditTrail> & { readonly issuer: CertificateIssuer },
  session: DeviceSession,
  csrPem: string,
): Promise<Result<IssuedCertificate, ErrorCode>> {
  const issued = await deps.issuer.issueDeviceCertificate({ csrPem, deviceId: session.device.id, tenantId: session.device.tenantId });
  if (!issued.ok) return issued;
  return deps.tx.transaction(async (s) => {
    const now = deps.clock.now();
    await s.retireDeviceIdentities(session.device.tenantId, session.device.id, 'superseded', now);
    await s.insertDeviceIdentity({
      tenantId: session.device.tenantId,
      serialNumber: issued.value.serialNumber,
      deviceId: session.device.id,
      fingerprint: issued.value.fingerprint,
      notBefore: issued.value.notBefore,
      notAfter: issued.value.notAfter,
      state: 'active',
      revokedAt: null,
      createdAt: now,
    });
    await recordAudit(s, session.principal, now, 'device.certificateRenewed', { type: 'device', id: session.device.id }, { serialNumber: session.identity.serialNumber }, { serialNumber: issued.value.serialNumber });
    return ok(issued.value);
  });
}
