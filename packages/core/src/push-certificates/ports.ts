import type { TenantId } from '../kernel/brand.js';
import type { ActivePushCertificate, PendingPushRequest, PushCertificates } from './model.js';

/**
 * A tenant's APNs push credentials. The store seals both private keys under the master key and
 * opens them on read; the domain only ever sees plaintext PEM.
 */
export interface PushCertificateStore {
  /** The tenant's pending request and active certificate (either may be null). */
  getPushCertificates(tenantId: TenantId): Promise<PushCertificates>;
  /** Records `request` as the tenant's pending request, replacing any earlier one; the active certificate stays. */
  putPendingPushRequest(request: PendingPushRequest): Promise<void>;
  /**
   * Makes `certificate` the tenant's active one and clears the pending request, provided the
   * pending request is still `pendingId`; false (nothing written) when another request replaced it
   * or another upload consumed it first.
   */
  activatePushCertificate(certificate: ActivePushCertificate, pendingId: string): Promise<boolean>;
}

/** A fresh key and the CSR over it, as {@link PushCertificateCrypto.createRequest} makes them. */
export interface PushCertificateRequestDraft {
  /** PKCS#10, PEM. */
  readonly csrPem: string;
  /** PKCS#8, PEM. */
  readonly privateKeyPem: string;
  /** SHA-256 of the SubjectPublicKeyInfo (DER), lower-case hex. */
  readonly publicKeySha256: string;
}

/** What Ward reads from an uploaded certificate. */
export interface PushCertificateFacts {
  /** The certificate re-encoded as PEM, whatever form it was uploaded in. */
  readonly certificatePem: string;
  /** SHA-256 of the certificate's SubjectPublicKeyInfo (DER), lower-case hex. */
  readonly publicKeySha256: string;
  /** The subject's UID attribute (0.9.2342.19200300.100.1.1), or null when it has none. */
  readonly topic: string | null;
  readonly serialNumber: string;
  readonly subject: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/** The cryptography of the push certificate workflow, implemented outside the core. */
export interface PushCertificateCrypto {
  /** Generates an RSA-2048 key and a PKCS#10 CSR over it (SHA-256 with RSA) with `commonName` as subject. */
  createRequest(input: { readonly commonName: string }): Promise<PushCertificateRequestDraft>;
  /**
   * Reads one X.509 certificate from an upload: PEM text (the first CERTIFICATE block) or DER.
   * Undefined when the bytes hold no well-formed certificate; never throws for bad input.
   */
  readCertificate(upload: Uint8Array): PushCertificateFacts | undefined;
}
