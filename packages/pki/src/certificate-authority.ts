import type { Crl, CreateCrlInput } from './create-crl.js';
import type { IssueFromCsrInput, IssueFromCsrResult } from './issue-from-csr.js';
import type { IssueServerCertificateInput, ServerCertificate } from './issue-server-certificate.js';
import type { KeyAlgorithm } from './key-algorithm.js';
import type { ClientCertificateVerification } from './verify-client-certificate.js';

/**
 * An unlocked Ward CA, made by {@link loadCertificateAuthority}. It holds the issuing CA's private
 * key in memory (non-extractable) and never the root's. Stateless otherwise: it remembers nothing it
 * issues; recording serials and revocations is the caller's job.
 */
export interface CertificateAuthority {
  /** The CA's key algorithm; server keys it generates use the same. */
  readonly keyAlgorithm: KeyAlgorithm;
  /** The root CA certificate, PEM: the trust anchor to install on devices and clients. */
  readonly rootCertificatePem: string;
  /** The issuing CA certificate, PEM. */
  readonly issuingCertificatePem: string;
  /** Issuing CA then root CA, PEM: what a relying party needs beyond the leaf. */
  readonly chainPem: string;

  /**
   * Issues a TLS server certificate with a fresh key for the given DNS names and IP addresses.
   * @throws PkiError `INVALID_INPUT`, `CA_EXPIRED`.
   */
  issueServerCertificate(input: IssueServerCertificateInput): Promise<ServerCertificate>;

  /**
   * Issues a certificate for the key in a PKCS#10 CSR, with the subject the caller chooses.
   * A refused CSR is a result (`CSR_TOO_LARGE`, `CSR_MALFORMED`, `CSR_SIGNATURE_INVALID`,
   * `CSR_WEAK_KEY`, `CSR_KEY_UNSUPPORTED`), not an exception.
   * @throws PkiError `INVALID_INPUT`, `CA_EXPIRED`.
   */
  issueFromCsr(input: IssueFromCsrInput): Promise<IssueFromCsrResult>;

  /**
   * Creates a CRL of the issuing CA listing the given revocations.
   * @throws PkiError `INVALID_INPUT`.
   */
  createCrl(input: CreateCrlInput): Promise<Crl>;

  /**
   * Checks that a certificate was issued by this issuing CA, is valid at `now` and allows client
   * authentication. A refusal is a result (`CERT_*` codes). Revocation is not checked here.
   */
  verifyClientCertificate(certificate: string | Uint8Array, now: Date): Promise<ClientCertificateVerification>;
}
