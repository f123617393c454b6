import { fail, ok, type CertificateIssuer, type Clock } from '@ward/core';
import type { CertificateAuthority } from '@ward/pki';

/** How device certificates are issued. */
export interface PkiCertificateIssuerOptions {
  /** Validity of each certificate from issuance (`WARD_DEVICE_CERT_DAYS`); capped by pki at the issuing CA's end. */
  readonly validityDays: number;
  readonly clock: Clock;
  /** Accept CSRs self-signed over SHA-1 (Apple devices' SCEP requests); see pki's `acceptSha1Signature`. */
  readonly acceptSha1CsrSignatures?: boolean;
}

/**
 * Core's {@link CertificateIssuer} over Ward's built-in CA: a client-auth certificate whose subject
 * is CN = device id, OU = tenant id (what the CSR asks for is ignored). A CSR the CA refuses (weak
 * key, bad signature, malformed, too large) becomes `CSR_INVALID` with pki's stable code as
 * `details.reason`; pki's exceptions (an expired CA) stay exceptions.
 */
export function createPkiCertificateIssuer(ca: CertificateAuthority, options: PkiCertificateIssuerOptions): CertificateIssuer {
  return {
    async issueDeviceCertificate({ csrPem, deviceId, tenantId }) {
      const issued = await ca.issueFromCsr({
        csrPem,
        subject: { commonName: deviceId, organizationalUnit: tenantId },
        validityDays: options.validityDays,
        now: options.clock.now(),
        extendedKeyUsage: 'clientAuth',
        acceptSha1Signature: options.acceptSha1CsrSignatures === true,
      });
      if (!issued.ok) return fail('CSR_INVALID', `The certificate signing request was refused: ${issued.message}.`, { reason: issued.code });
      return ok({
        certificatePem: issued.certificatePem,
        chainPem: ca.chainPem,
        serialNumber: issued.serialNumber,
        fingerprint: issued.fingerprintSha256,
        notBefore: issued.notBefore,
        notAfter: issued.notAfter,
      });
    },
  };
}
