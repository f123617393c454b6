import { buildCertsOnlySignedData } from './build-signed-data.js';
import type { ScepRaCredential } from './scep-ra-credential.js';

/**
 * GetCACaps reply (RFC 8894 §3.5.2): one capability a line. SHA-1 and DES3 are listed because
 * Apple devices use them; clients pick the strongest they share.
 */
export const SCEP_CA_CAPS = ['POSTPKIOperation', 'Renewal', 'SHA-1', 'SHA-256', 'AES', 'DES3', 'SCEPStandard'] as const;

/** The GetCACaps body, `text/plain`. */
export function scepCaCapsText(): string {
  return `${SCEP_CA_CAPS.join('\n')}\n`;
}

/** A GetCACert reply: its media type and body. */
export interface ScepCaCertificates {
  /** `application/x-x509-ca-ra-cert` (RFC 8894 §4.2.1.2), as an RA is in use. */
  readonly contentType: 'application/x-x509-ca-ra-cert';
  /** Degenerate certs-only SignedData: RA certificate, issuing CA, root CA. */
  readonly body: Uint8Array;
}

/**
 * The GetCACert reply for Ward's RA: the RA certificate (the encryption recipient and the signer of
 * replies) followed by the CA chain, so a device can check the RA chains to the CA it pins.
 */
export function encodeScepCaCertificates(ra: ScepRaCredential): ScepCaCertificates {
  return { contentType: 'application/x-x509-ca-ra-cert', body: buildCertsOnlySignedData([ra.certificateDer, ...ra.caCertificatesDer]) };
}
