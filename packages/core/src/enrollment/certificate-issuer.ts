import type { DeviceId, TenantId } from '../kernel/brand.js';
import type { Result } from '../kernel/result.js';

/** A certificate the CA issued. */
export interface IssuedCertificate {
  readonly certificatePem: string;
  /** Issuing CA then root, as the device presents it. */
  readonly chainPem: string;
  readonly serialNumber: string;
  readonly fingerprint: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/** Why a CSR was refused: the PKI's own stable reason (`CSR_WEAK_KEY`, `CSR_SIGNATURE_INVALID`…). */
export type CsrRefusal = { readonly reason: string; readonly message: string };

/** The built-in CA, as enrollment needs it. */
export interface CertificateIssuer {
  /**
   * Issues a client-auth certificate for a device from its CSR, after checking the CSR's signature
   * and key strength. The subject is the device id, never what the CSR asks for.
   */
  issueDeviceCertificate(input: { readonly csrPem: string; readonly deviceId: DeviceId; readonly tenantId: TenantId }): Promise<Result<IssuedCertificate, 'CSR_INVALID'>>;
}
