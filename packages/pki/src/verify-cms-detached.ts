import type { CmsDigest } from './cms-algorithms.js';
import { parseSignedData, verifySignerInfo, type CmsErrorCodes } from './cms-signed-data.js';
import { PkiError } from './pki-error.js';

/** Largest detached signature accepted, in bytes (a certificate chain and one signature). */
export const MAX_CMS_SIGNATURE_BYTES = 64 * 1024;

/** A detached CMS signature that verified. */
export interface VerifiedCmsSignature {
  /** The signer's certificate, DER. Whether it is trusted is the caller's decision. */
  readonly signerCertificateDer: Uint8Array;
  /** Every certificate the signature carried, DER. */
  readonly certificatesDer: readonly Uint8Array[];
  readonly digest: CmsDigest;
}

const CODES: CmsErrorCodes = { malformed: 'CMS_MALFORMED', unsupported: 'CMS_ALGORITHM_UNSUPPORTED', signature: 'CMS_SIGNATURE_INVALID' };

/**
 * Verifies a detached CMS SignedData over `content` (RFC 5652 §5.4, §5.6), BER or DER, one signer,
 * SHA-1 or SHA-2, RSA PKCS#1 v1.5 or ECDSA: the form of Apple's `Mdm-Signature` header (base64 of a
 * detached signature over the request body; Apple sends indefinite-length BER). Checks the
 * signature only, not the certificate's trust, validity or revocation.
 *
 * @throws PkiError `CMS_MALFORMED` (too large, not a detached SignedData with one signer),
 * `CMS_ALGORITHM_UNSUPPORTED`, `CMS_SIGNATURE_INVALID` (tampered content or signature, signer
 * certificate missing).
 */
export function verifyCmsDetached(signature: Uint8Array, content: Uint8Array): VerifiedCmsSignature {
  if (signature.length > MAX_CMS_SIGNATURE_BYTES) throw new PkiError('CMS_MALFORMED', `the signature exceeds ${MAX_CMS_SIGNATURE_BYTES} bytes`);
  const signedData = parseSignedData(signature, CODES);
  if (signedData.eContent !== undefined) throw new PkiError('CMS_MALFORMED', 'expected a detached signature, found encapsulated content');
  const [signer, ...others] = signedData.signers;
  if (signer === undefined || others.length > 0) throw new PkiError('CMS_MALFORMED', 'expected exactly one signer');
  const verified = verifySignerInfo(signer, signedData.certificates, content, signedData.eContentType, CODES);
  return {
    signerCertificateDer: new Uint8Array(verified.certificateDer),
    certificatesDer: signedData.certificates.map((der) => new Uint8Array(der)),
    digest: verified.digest,
  };
}
