/**
 * Every stable code @ward/pki reports, thrown in a {@link PkiError} or returned in a result.
 * Callers branch on these, never on message text; the HTTP layer maps them to statuses.
 */
export const PKI_ERROR_CODES = [
  /** A caller passed an argument outside the documented contract (a bug in the caller). */
  'INVALID_INPUT',
  /** The master key is not 32 bytes, or its text form is neither base64 nor hex of 32 bytes. */
  'MASTER_KEY_INVALID',
  /** A CA private key would not decrypt: wrong master key, or the record was altered. */
  'CA_KEY_DECRYPT_FAILED',
  /** The stored bundle is unreadable or inconsistent (bad PEM, key does not match certificate). */
  'CA_BUNDLE_INVALID',
  /** The issuing CA is not valid at the requested time, so it can no longer issue. */
  'CA_EXPIRED',
  /** The CSR text exceeds the size limit; refused before parsing. */
  'CSR_TOO_LARGE',
  /** The CSR is not a single well-formed PKCS#10 request in PEM. */
  'CSR_MALFORMED',
  /** The CSR's self-signature does not verify, or uses a signature algorithm Ward does not accept. */
  'CSR_SIGNATURE_INVALID',
  /** The CSR's key is too weak: RSA under 2048 bits or an unusable public exponent. */
  'CSR_WEAK_KEY',
  /** The CSR's key type or curve is not accepted (accepted: RSA 2048–8192, EC P-256 and P-384). */
  'CSR_KEY_UNSUPPORTED',
  /** The presented certificate is not a parseable X.509 certificate. */
  'CERT_MALFORMED',
  /** The presented certificate was not issued by this issuing CA (issuer or signature mismatch). */
  'CERT_UNTRUSTED',
  /** The presented certificate's validity has not started yet. */
  'CERT_NOT_YET_VALID',
  /** The presented certificate's validity has ended. */
  'CERT_EXPIRED',
  /** The presented certificate is not meant for TLS client authentication. */
  'CERT_NOT_CLIENT_AUTH',
  /** A SCEP pkiMessage exceeds the size limit; refused before parsing. */
  'SCEP_MESSAGE_TOO_LARGE',
  /** A SCEP pkiMessage is not well-formed CMS, or lacks a required SCEP attribute. */
  'SCEP_MESSAGE_MALFORMED',
  /** A SCEP messageType Ward does not serve (only PKCSReq and RenewalReq are). */
  'SCEP_MESSAGE_TYPE_UNSUPPORTED',
  /** A SCEP pkiMessage uses a digest, signature, key transport or cipher Ward does not accept. */
  'SCEP_ALGORITHM_UNSUPPORTED',
  /** A SCEP pkiMessage's signature or messageDigest does not verify against its signer certificate. */
  'SCEP_SIGNATURE_INVALID',
  /** A SCEP pkiMessage is not encrypted to Ward's SCEP RA certificate. */
  'SCEP_RECIPIENT_MISMATCH',
  /** A SCEP pkiMessage's envelope did not decrypt to a PKCS#10 request (deliberately one code for every cause). */
  'SCEP_DECRYPT_FAILED',
  /** The CSR in a SCEP request is unusable: its key does not match a PKCSReq signer, or it is not PKCS#10. */
  'SCEP_CSR_INVALID',
  /** A CMS structure exceeds the size limit, or is not a well-formed SignedData of the expected shape. */
  'CMS_MALFORMED',
  /** A CMS signature uses a digest or signature algorithm Ward does not accept. */
  'CMS_ALGORITHM_UNSUPPORTED',
  /** A CMS signature does not verify over the content, or its signer certificate is missing. */
  'CMS_SIGNATURE_INVALID',
] as const;

/** One of {@link PKI_ERROR_CODES}. */
export type PkiErrorCode = (typeof PKI_ERROR_CODES)[number];

/** The codes with which {@link CertificateAuthority.issueFromCsr} refuses a request. */
export type CsrRejectionCode = Extract<PkiErrorCode, `CSR_${string}`>;

/** The codes with which {@link CertificateAuthority.verifyClientCertificate} refuses a certificate. */
export type ClientCertificateRejectionCode = Extract<PkiErrorCode, `CERT_${string}`>;

/**
 * The one error class of @ward/pki. `code` is stable and is what callers match; `message` is for
 * people and logs and may change.
 */
export class PkiError extends Error {
  override readonly name = 'PkiError';

  constructor(
    readonly code: PkiErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
