import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { CertificateIssuer, IssuedCertificate } from '../enrollment/certificate-issuer.js';
import type { DeviceId } from '../kernel/brand.js';
import type { Deps } from '../kernel/deps.js';
import { WardError, type ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { fromPem, toPem } from './byte-text.js';
import type { AppleIdentity } from './model.js';
import type { AppleIdentityStore, AppleScepChallengeStore } from './ports.js';
import type { AppleRequestCertificate } from './resolve-apple-request.js';

export type EnrollOverScepStores = Pick<AppleScepChallengeStore, 'getAppleScepChallenge' | 'consumeAppleScepChallenge'> &
  Pick<AppleIdentityStore, 'getAppleIdentity' | 'insertAppleIdentity' | 'retireAppleIdentities'> &
  AuditTrail;

/** Largest CSR accepted, in DER bytes (an RSA-4096 request with attributes is under 2 KiB). */
export const maxScepCsrBytes = 16 * 1024;

/**
 * A SCEP certificate request, decoded and verified by the SCEP adapter (RFC 8894 §3.3): the
 * pkiMessage's signature checked, the envelope opened, the CSR's challengePassword read out.
 */
export type ScepEnrollmentInput =
  | {
      readonly messageType: 'PKCSReq';
      /** The PKCS#10 request, DER. */
      readonly csrDer: Uint8Array;
      /** The CSR's challengePassword attribute; absent when it had none. */
      readonly challenge?: string;
    }
  | {
      readonly messageType: 'RenewalReq';
      readonly csrDer: Uint8Array;
      /** The certificate that signed the pkiMessage (RFC 8894 §3.3.1.2): the identity being renewed. */
      readonly signer: AppleRequestCertificate;
    };

/** The issued certificate, as the CertRep carries it, and the identity it became. */
export interface ScepEnrollment {
  readonly certificate: IssuedCertificate;
  readonly certificateDer: Uint8Array;
  readonly identity: AppleIdentity;
}

/**
 * Issues an Apple device its MDM identity over SCEP (issue 5 §3).
 *
 * PKCSReq: the challenge must be one Ward made and still valid; it is consumed atomically with
 * recording the identity, so a challenge used twice, unknown or expired is SCEP_CHALLENGE_INVALID
 * and nothing is written (the adapter answers failInfo badRequest). The identity is `pending`
 * until the device sends Authenticate. Its certificate's subject names a provisional device id:
 * the UDID, and so the device record, is known only at Authenticate, where the store's binding
 * (not the subject) decides which device the certificate is.
 *
 * RenewalReq: the signer must be an active identity bound to a device; the new certificate is
 * for the same device, the old one is superseded (accepted until it expires).
 */
export async function enrollOverScep(deps: Deps<EnrollOverScepStores> & { readonly issuer: CertificateIssuer }, input: ScepEnrollmentInput): Promise<Result<ScepEnrollment, ErrorCode>> {
  if (input.csrDer.length === 0 || input.csrDer.length > maxScepCsrBytes) return fail('CSR_INVALID', `A certificate request must have 1 to ${maxScepCsrBytes} bytes.`);
  const csrPem = toPem(input.csrDer, 'CERTIFICATE REQUEST');
  return input.messageType === 'PKCSReq' ? enrollWithChallenge(deps, csrPem, input.challenge) : renew(deps, csrPem, input.signer);
}

const invalidChallenge = fail('SCEP_CHALLENGE_INVALID', 'The SCEP challenge is unknown, used already or expired; download the enrollment profile again.');

async function enrollWithChallenge(deps: Deps<EnrollOverScepStores> & { readonly issuer: CertificateIssuer }, csrPem: string, challenge: string | undefined): Promise<Result<ScepEnrollment, ErrorCode>> {
  if (challenge === undefined || !/^[0-9a-f]{64}$/.test(challenge)) return invalidChallenge;
  const challengeHash = deps.digests.sha256Hex(challenge);
  // Looked up first so that an unknown challenge costs no signature.
  const known = await deps.stores.getAppleScepChallenge(challengeHash);
  if (known === undefined || known.expiresAt.getTime() <= deps.clock.now().getTime()) return invalidChallenge;
  const provisionalId = deps.ids.newId() as DeviceId;
  const issued = await deps.issuer.issueDeviceCertificate({ csrPem, deviceId: provisionalId, tenantId: known.tenantId });
  if (!issued.ok) return issued;
  const certificate = issued.value;
  return deps.tx.transaction(async (s) => {
    const now = deps.clock.now();
    const consumed = await s.consumeAppleScepChallenge(challengeHash, now);
    if (consumed === undefined) return invalidChallenge;
    const identity: AppleIdentity = {
      tenantId: consumed.tenantId,
      serialNumber: certificate.serialNumber.toLowerCase(),
      fingerprint: certificate.fingerprint,
      notBefore: certificate.notBefore,
      notAfter: certificate.notAfter,
      state: 'pending',
      context: consumed.context,
      deviceId: null,
      createdAt: now,
      revokedAt: null,
    };
    await s.insertAppleIdentity(identity);
    return ok({ certificate, certificateDer: derOf(certificate), identity });
  });
}

async function renew(deps: Deps<EnrollOverScepStores> & { readonly issuer: CertificateIssuer }, csrPem: string, signer: AppleRequestCertificate): Promise<Result<ScepEnrollment, ErrorCode>> {
  const current = await deps.stores.getAppleIdentity(signer.serialNumber.toLowerCase());
  if (current?.fingerprint !== signer.fingerprint) return fail('APPLE_IDENTITY_UNKNOWN', 'The renewal is signed by a certificate that is no Apple device identity.');
  if (current.state === 'revoked') return fail('DEVICE_CERTIFICATE_REVOKED', 'This device certificate has been revoked; enroll the device again.');
  if (current.state !== 'active' || current.deviceId === null) return fail('APPLE_NOT_AUTHENTICATED', 'Only the active identity of an enrolled device can be renewed.');
  if (current.notAfter.getTime() <= deps.clock.now().getTime()) return fail('DEVICE_CERTIFICATE_EXPIRED', 'This device certificate has expired; enroll the device again.');
  const deviceId = current.deviceId;
  const issued = await deps.issuer.issueDeviceCertificate({ csrPem, deviceId, tenantId: current.tenantId });
  if (!issued.ok) return issued;
  const certificate = issued.value;
  return deps.tx.transaction(async (s) => {
    const now = deps.clock.now();
    await s.retireAppleIdentities(current.tenantId, deviceId, 'superseded', now);
    const identity: AppleIdentity = {
      tenantId: current.tenantId,
      serialNumber: certificate.serialNumber.toLowerCase(),
      fingerprint: certificate.fingerprint,
      notBefore: certificate.notBefore,
      notAfter: certificate.notAfter,
      state: 'active',
      context: current.context,
      deviceId,
      createdAt: now,
      revokedAt: null,
    };
    await s.insertAppleIdentity(identity);
    const principal = { tenantId: current.tenantId, userId: null, actor: { type: 'device' as const, id: deviceId, name: deviceId }, grants: [], origin: { via: 'agent' as const } };
    await recordAudit(s, principal, now, 'device.certificateRenewed', { type: 'device', id: deviceId }, { serialNumber: current.serialNumber }, { serialNumber: identity.serialNumber, protocol: 'scep' });
    return ok({ certificate, certificateDer: derOf(certificate), identity });
  });
}

function derOf(certificate: IssuedCertificate): Uint8Array {
  const der = fromPem(certificate.certificatePem, 'CERTIFICATE');
  if (der === undefined) throw new WardError('INTERNAL', 'The CA returned a certificate that is not PEM.');
  return der;
}
