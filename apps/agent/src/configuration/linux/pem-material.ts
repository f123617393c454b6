import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { RefusedChange } from '../host/target-under-root.js';

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/**
 * The certificates in PEM text, each parsed and re-encoded. Re-encoding means only certificates
 * are ever written: text around the blocks (which could carry anything) is dropped.
 *
 * @param what names the field in the error ("payload.certificatePem").
 * @throws RefusedChange when a block does not parse or there is non-whitespace text outside blocks.
 */
export function parseCertificates(pem: string, what: string): X509Certificate[] {
  const blocks = pem.match(CERTIFICATE_BLOCK) ?? [];
  if (pem.replace(CERTIFICATE_BLOCK, '').trim() !== '') throw new RefusedChange(`${what} has text that is not a PEM certificate`);
  return blocks.map((block, index) => {
    try {
      return new X509Certificate(block);
    } catch (error) {
      throw new RefusedChange(`${what}: certificate ${index + 1} does not parse: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

/** Exactly one certificate. */
export function parseCertificate(pem: string, what: string): X509Certificate {
  const certificates = parseCertificates(pem, what);
  if (certificates.length !== 1) throw new RefusedChange(`${what} must hold exactly one certificate, it holds ${certificates.length}`);
  return certificates[0] as X509Certificate;
}

/** PEM text of certificates, one after the other. */
export function certificatesPem(certificates: readonly X509Certificate[]): string {
  return certificates.map((certificate) => certificate.toString().trim()).join('\n') + (certificates.length === 0 ? '' : '\n');
}

/** An unencrypted private key in PEM, re-encoded as PKCS#8. */
export function parsePrivateKey(pem: string, what: string): { readonly key: KeyObject; readonly pem: string } {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch (error) {
    throw new RefusedChange(`${what} is not an unencrypted PEM private key: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { key, pem: key.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

/** A client identity: certificate, chain and the key that belongs to the certificate. */
export interface ClientIdentity {
  readonly certificatePem: string;
  readonly chainPem: string;
  readonly privateKeyPem: string;
}

/**
 * Parses a certificate, its chain and its private key and checks the key is the certificate's.
 *
 * @throws RefusedChange naming the field at fault.
 */
export function parseClientIdentity(input: ClientIdentity, where: string): ClientIdentity {
  const certificate = parseCertificate(input.certificatePem, `${where}.certificatePem`);
  const chain = parseCertificates(input.chainPem, `${where}.chainPem`);
  const key = parsePrivateKey(input.privateKeyPem, `${where}.privateKeyPem`);
  if (!certificate.checkPrivateKey(key.key)) throw new RefusedChange(`${where}.privateKeyPem does not belong to ${where}.certificatePem`);
  return { certificatePem: certificatesPem([certificate]), chainPem: certificatesPem(chain), privateKeyPem: key.pem };
}
