import type { Clock } from '@ward/core';
import type { ClientCertificateVerifier } from '@ward/http';
import type { CertificateAuthority } from '@ward/pki';

/**
 * The http package's {@link ClientCertificateVerifier} over Ward's CA, for certificates that arrive
 * in a trusted proxy's RFC 9440 header (no TLS stack checked them): issued by the issuing CA,
 * valid now, client auth. Revocation is core's check, made next on every device request.
 */
export function pkiClientCertificateVerifier(ca: Pick<CertificateAuthority, 'verifyClientCertificate'>, clock: Clock): ClientCertificateVerifier {
  return async (der) => {
    const checked = await ca.verifyClientCertificate(der, clock.now());
    return checked.ok ? { ok: true, serialNumber: checked.serialNumber, fingerprintSha256: checked.fingerprintSha256 } : { ok: false, code: checked.code };
  };
}
