import { decodePem } from './decode-pem.js';
import { fingerprintSha256 } from './fingerprint-sha256.js';
import type { IssuerContext } from './issuer-context.js';
import type { ClientCertificateRejectionCode } from './pki-error.js';
import { assertValidDate } from './validity-period.js';
import { webcrypto, x509 } from './x509.js';

/** Largest certificate accepted for verification, in bytes of PEM text or DER. */
export const MAX_CLIENT_CERTIFICATE_SIZE = 16 * 1024;

/** A client certificate that this CA issued, valid now, for client authentication. */
export interface VerifiedClientCertificate {
  readonly ok: true;
  /** Lowercase hex serial number; check it against revocations, which this function does not. */
  readonly serialNumber: string;
  /** The subject commonName (the device id Ward put there), or null when there is none. */
  readonly subjectCommonName: string | null;
  /** SHA-256 fingerprint, colon-separated uppercase hex. */
  readonly fingerprintSha256: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/** A refused client certificate. */
export interface RejectedClientCertificate {
  readonly ok: false;
  readonly code: ClientCertificateRejectionCode;
}

/** The outcome of {@link verifyClientCertificate}. */
export type ClientCertificateVerification = VerifiedClientCertificate | RejectedClientCertificate;

/**
 * Checks a certificate presented for client authentication: issued by this issuing CA (issuer name
 * and signature), valid at `now` (bounds inclusive, RFC 5280), and carrying extendedKeyUsage
 * clientAuth. Revocation is the caller's check, against its own records of revoked serials.
 *
 * @param certificate PEM (the first `CERTIFICATE` block is the one checked) or DER.
 * @throws PkiError `INVALID_INPUT` when `now` is not a valid date.
 */
export async function verifyClientCertificate(
  issuer: IssuerContext,
  certificate: string | Uint8Array,
  now: Date,
): Promise<ClientCertificateVerification> {
  assertValidDate(now, 'now');
  const der = readDer(certificate);
  if (der === undefined) return { ok: false, code: 'CERT_MALFORMED' };
  let cert: x509.X509Certificate;
  try {
    cert = new x509.X509Certificate(der);
  } catch {
    return { ok: false, code: 'CERT_MALFORMED' };
  }
  if (!bytesEqual(cert.issuerName.toArrayBuffer(), issuer.certificate.subjectName.toArrayBuffer())) {
    return { ok: false, code: 'CERT_UNTRUSTED' };
  }
  let signatureOk = false;
  try {
    signatureOk = await cert.verify({ publicKey: issuer.certificate.publicKey, signatureOnly: true }, webcrypto);
  } catch {
    // A signature that cannot be decoded did not come from this CA.
  }
  if (!signatureOk) return { ok: false, code: 'CERT_UNTRUSTED' };
  if (now.getTime() < cert.notBefore.getTime()) return { ok: false, code: 'CERT_NOT_YET_VALID' };
  if (now.getTime() > cert.notAfter.getTime()) return { ok: false, code: 'CERT_EXPIRED' };
  const eku = cert.getExtension(x509.ExtendedKeyUsageExtension);
  if (eku === null || !eku.usages.includes(x509.ExtendedKeyUsage.clientAuth)) return { ok: false, code: 'CERT_NOT_CLIENT_AUTH' };
  return {
    ok: true,
    serialNumber: cert.serialNumber,
    subjectCommonName: cert.subjectName.getField('CN')[0] ?? null,
    fingerprintSha256: fingerprintSha256(der),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
  };
}

function readDer(certificate: unknown): Uint8Array | undefined {
  if (certificate instanceof Uint8Array) return certificate.length <= MAX_CLIENT_CERTIFICATE_SIZE ? certificate : undefined;
  if (typeof certificate !== 'string' || certificate.length > MAX_CLIENT_CERTIFICATE_SIZE) return undefined;
  return decodePem(certificate)?.find((block) => block.label === 'CERTIFICATE')?.der;
}

function bytesEqual(a: ArrayBuffer, b: ArrayBuffer): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}
