import { createHash, X509Certificate, type KeyObject } from 'node:crypto';
import { decodePem } from './decode-pem.js';
import type { IssuerContext } from './issuer-context.js';
import type { ClientCertificateRejectionCode } from './pki-error.js';
import { publicKeyFromSpki } from './public-key-cache.js';
import { readCertificateSummary, type CertificateSummary } from './read-certificate-summary.js';
import { assertValidDate } from './validity-period.js';
import type { VerifiedCertificateFacts } from './verified-certificate-cache.js';

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
 * and signature), valid at `now` (bounds inclusive, RFC 5280 §4.1.2.5), and carrying
 * extendedKeyUsage clientAuth (§4.2.1.12). Revocation is the caller's check, against its own
 * records of revoked serials, on every request.
 *
 * A certificate that passed the issuer, signature and usage checks is remembered by the SHA-256 of
 * its DER (bounded LRU in `issuer`), so a device's next request costs a hash and a lookup; the
 * validity period is compared with `now` on every call, hit or miss. Refusals are not remembered.
 *
 * @param certificate PEM (the first `CERTIFICATE` block is the one checked) or DER.
 * @throws PkiError `INVALID_INPUT` when `now` is not a valid date.
 */
export function verifyClientCertificate(issuer: IssuerContext, certificate: string | Uint8Array, now: Date): Promise<ClientCertificateVerification> {
  assertValidDate(now, 'now');
  const der = readDer(certificate);
  if (der === undefined) return Promise.resolve({ ok: false, code: 'CERT_MALFORMED' });
  const digest = createHash('sha256').update(der).digest();
  const cacheKey = digest.toString('hex');
  let facts = issuer.verifiedCertificates.get(cacheKey);
  if (facts === undefined) {
    const checked = checkIssued(issuer, der, digest);
    if (!checked.ok) return Promise.resolve(checked);
    facts = checked.facts;
    issuer.verifiedCertificates.set(cacheKey, facts);
  }
  return Promise.resolve(checkValidity(facts, now));
}

const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

function checkIssued(issuer: IssuerContext, der: Uint8Array, digest: Buffer): { ok: true; facts: VerifiedCertificateFacts } | RejectedClientCertificate {
  let summary: CertificateSummary;
  let parsed: X509Certificate;
  try {
    // The structural read refuses trailing bytes and odd forms that OpenSSL's parser might skip.
    summary = readCertificateSummary(der, 'CERT_MALFORMED');
    parsed = new X509Certificate(der);
  } catch {
    return { ok: false, code: 'CERT_MALFORMED' };
  }
  if (Buffer.compare(summary.issuerDer, issuer.subjectDer) !== 0) return { ok: false, code: 'CERT_UNTRUSTED' };
  let signatureOk = false;
  try {
    signatureOk = parsed.verify(issuer.publicKey);
  } catch {
    // A signature that cannot be decoded did not come from this CA.
  }
  if (!signatureOk) return { ok: false, code: 'CERT_UNTRUSTED' };
  // Node names the extendedKeyUsage OIDs `keyUsage`; undefined when the extension is absent.
  const usages = parsed.keyUsage as readonly string[] | undefined;
  if (usages?.includes(CLIENT_AUTH) !== true) return { ok: false, code: 'CERT_NOT_CLIENT_AUTH' };
  let publicKey: KeyObject;
  try {
    publicKey = publicKeyFromSpki(summary.subjectPublicKeyInfoDer);
  } catch {
    return { ok: false, code: 'CERT_MALFORMED' };
  }
  const facts: VerifiedCertificateFacts = {
    serialNumber: summary.serialNumber,
    subjectCommonName: summary.subjectCommonName,
    fingerprintSha256: formatFingerprint(digest),
    notBefore: summary.notBefore,
    notAfter: summary.notAfter,
    publicKey,
  };
  return { ok: true, facts };
}

function checkValidity(facts: VerifiedCertificateFacts, now: Date): ClientCertificateVerification {
  if (now.getTime() < facts.notBefore.getTime()) return { ok: false, code: 'CERT_NOT_YET_VALID' };
  if (now.getTime() > facts.notAfter.getTime()) return { ok: false, code: 'CERT_EXPIRED' };
  return {
    ok: true,
    serialNumber: facts.serialNumber,
    subjectCommonName: facts.subjectCommonName,
    fingerprintSha256: facts.fingerprintSha256,
    // Copies, so a caller cannot move the cached bounds.
    notBefore: new Date(facts.notBefore),
    notAfter: new Date(facts.notAfter),
  };
}

function formatFingerprint(digest: Uint8Array): string {
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0').toUpperCase()).join(':');
}

function readDer(certificate: unknown): Uint8Array | undefined {
  if (certificate instanceof Uint8Array) return certificate.length <= MAX_CLIENT_CERTIFICATE_SIZE ? certificate : undefined;
  if (typeof certificate !== 'string' || certificate.length > MAX_CLIENT_CERTIFICATE_SIZE) return undefined;
  return decodePem(certificate)?.find((block) => block.label === 'CERTIFICATE')?.der;
}
