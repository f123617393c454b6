import { webcrypto } from 'node:crypto';
import { x509 } from './x509.js';

/** A new device key and the CSR that asks Ward to certify it. */
export interface DeviceKey {
  /** The private key, unencrypted PKCS#8 PEM; the caller stores it 0600. */
  readonly privateKeyPem: string;
  /** PKCS#10 CSR, PEM, signed with the key (proof of possession). */
  readonly csrPem: string;
}

// The structural subset of @peculiar/x509's CSR generator the agent uses. Declared here because the
// library's declarations name the DOM's Web Crypto types, which this build (no DOM lib) lacks.
interface CsrGenerator {
  create(
    params: { name: Record<string, string[]>[]; keys: webcrypto.CryptoKeyPair; signingAlgorithm: webcrypto.EcdsaParams },
    crypto: webcrypto.Crypto,
  ): Promise<{ toString(format: 'pem'): string }>;
}

/**
 * Generates an ECDSA P-256 key in-process and a CSR for it with subject CN = `commonName` (the
 * hardware id). The server chooses the certificate's real subject; the CN only helps people reading
 * the CSR. The key never leaves this process except into the 0600 key file.
 */
export async function createDeviceKey(commonName: string): Promise<DeviceKey> {
  const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const generator: CsrGenerator = x509.Pkcs10CertificateRequestGenerator;
  const csr = await generator.create({ name: [{ CN: [commonName] }], keys, signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } }, webcrypto);
  const pkcs8 = new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const privateKeyPem = toPem(pkcs8, 'PRIVATE KEY');
  pkcs8.fill(0);
  return { privateKeyPem, csrPem: csr.toString('pem') };
}

function toPem(der: Uint8Array, label: string): string {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
