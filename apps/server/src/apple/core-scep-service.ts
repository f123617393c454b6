import { enrollOverScep, type AuthDeps, type CertificateIssuer, type ErrorCode, type WardStores } from '@ward/core';
import type { ScepFailInfo } from '@ward/pki';
import type { ScepDecision, ScepService } from '@ward/apple';
import type { ClientCertificateVerifier } from '@ward/http';

/** What the SCEP service needs from the server. */
export interface CoreScepServiceOptions {
  readonly deps: AuthDeps<WardStores>;
  /** Issues the device's MDM identity from its CSR (Ward's issuing CA). */
  readonly issuer: CertificateIssuer;
  /** Checks a renewal's signer: issued by Ward's CA, in its validity, not revoked. */
  readonly verifyClientCertificate: ClientCertificateVerifier;
}

/**
 * The failInfo a device is told for each of core's refusals (RFC 8894 §3.2.1.4): a bad or used
 * challenge and a refused CSR are `badRequest`; a renewal whose signer Ward does not know, or no
 * longer trusts, is `badCertId`.
 */
function failInfoOf(code: ErrorCode): ScepFailInfo {
  switch (code) {
    case 'APPLE_IDENTITY_UNKNOWN':
    case 'DEVICE_CERTIFICATE_INVALID':
    case 'DEVICE_CERTIFICATE_REVOKED':
    case 'DEVICE_CERTIFICATE_EXPIRED':
      return 'badCertId';
    default:
      return 'badRequest';
  }
}

/**
 * The SCEP route's {@link ScepService} over core's `enrollOverScep`: PKCSReq redeems the one-time
 * challenge from the enrollment profile; RenewalReq must be signed by a certificate that still
 * verifies against Ward's CA (chain, validity, revocation) before core looks up its identity.
 */
export function createCoreScepService(options: CoreScepServiceOptions): ScepService {
  const issuing = { ...options.deps, issuer: options.issuer };
  return {
    async enroll(request): Promise<ScepDecision> {
      if (request.messageType === 'RenewalReq') {
        const signer = await options.verifyClientCertificate(request.signerCertificateDer);
        if (!signer.ok) return { ok: false, failInfo: 'badCertId', code: signer.code };
        const renewed = await enrollOverScep(issuing, {
          messageType: 'RenewalReq',
          csrDer: request.csrDer,
          signer: { serialNumber: signer.serialNumber, fingerprint: signer.fingerprintSha256 },
        });
        return renewed.ok ? { ok: true, certificateDer: renewed.value.certificateDer } : { ok: false, failInfo: failInfoOf(renewed.code), code: renewed.code };
      }
      const enrolled = await enrollOverScep(issuing, {
        messageType: 'PKCSReq',
        csrDer: request.csrDer,
        ...(request.challengePassword === undefined ? {} : { challenge: request.challengePassword }),
      });
      return enrolled.ok ? { ok: true, certificateDer: enrolled.value.certificateDer } : { ok: false, failInfo: failInfoOf(enrolled.code), code: enrolled.code };
    },
  };
}
