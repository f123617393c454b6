/**
 * @ward/pki: Ward's built-in certificate authority as a pure library. It does no storage and no
 * I/O beyond Node's crypto: functions take and return serialisable records (PEM text, CA private
 * keys encrypted under a 32-byte master key) and the caller persists them.
 */
export type { CaBundle, CaKeyPairRecord, EncryptedPrivateKey } from './ca-bundle.js';
export type { CertificateAuthority } from './certificate-authority.js';
export {
  createCertificateAuthority,
  ISSUING_CA_VALIDITY_DAYS,
  ROOT_CA_VALIDITY_DAYS,
  type CreateCertificateAuthorityInput,
} from './create-certificate-authority.js';
export { REVOCATION_REASONS, type CreateCrlInput, type Crl, type RevocationReason, type RevokedCertificate } from './create-crl.js';
export { fingerprintSha256 } from './fingerprint-sha256.js';
export { generateMasterKey } from './generate-master-key.js';
export {
  MAX_CSR_PEM_LENGTH,
  MAX_DEVICE_CERTIFICATE_DAYS,
  type CsrRejection,
  type IssuedCertificate,
  type IssueFromCsrInput,
  type IssueFromCsrResult,
} from './issue-from-csr.js';
export { MAX_SERVER_CERTIFICATE_DAYS, type IssueServerCertificateInput, type ServerCertificate } from './issue-server-certificate.js';
export { KEY_ALGORITHMS, isKeyAlgorithm, type KeyAlgorithm } from './key-algorithm.js';
export { loadCertificateAuthority } from './load-certificate-authority.js';
export { parseMasterKey } from './parse-master-key.js';
export { PKI_ERROR_CODES, PkiError, type ClientCertificateRejectionCode, type CsrRejectionCode, type PkiErrorCode } from './pki-error.js';
export { reencryptBundle } from './reencrypt-bundle.js';
export { CLOCK_SKEW_ALLOWANCE_MS } from './validity-period.js';
export type {
  ClientCertificateVerification,
  RejectedClientCertificate,
  VerifiedClientCertificate,
} from './verify-client-certificate.js';
// SCEP (RFC 8894) and CMS (RFC 5652)
export { CMS_CONTENT_CIPHERS, CMS_DIGESTS, type CmsContentCipher, type CmsDigest } from './cms-algorithms.js';
export { signCmsAttached, type CmsAttachedSigner } from './sign-cms-attached.js';
export { MAX_CMS_SIGNATURE_BYTES, verifyCmsDetached, type VerifiedCmsSignature } from './verify-cms-detached.js';
export {
  createScepRaCredential,
  loadScepRaCredential,
  SCEP_RA_VALIDITY_DAYS,
  type CreateScepRaCredentialInput,
  type ScepRaBundle,
  type ScepRaCredential,
} from './scep-ra-credential.js';
export { encodeScepCaCertificates, SCEP_CA_CAPS, scepCaCapsText, type ScepCaCertificates } from './scep-ca-certificates.js';
export {
  decodeScepRequest,
  MAX_SCEP_MESSAGE_BYTES,
  type ScepDecodeResult,
  type ScepReplyContext,
  type ScepRequest,
  type ScepRequestRejection,
  type ScepRequestType,
} from './decode-scep-request.js';
export { encodeCertRep, SCEP_FAIL_INFOS, type EncodeCertRepInput, type ScepCertRepResult, type ScepFailInfo } from './encode-cert-rep.js';
