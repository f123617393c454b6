import { randomBytes, webcrypto } from 'node:crypto';
import type { KeyAlgorithm } from './key-algorithm.js';
import { PkiError } from './pki-error.js';
import { webCryptoParams } from './web-crypto-params.js';
import type { x509 } from './x509.js';

/**
 * Imports a decrypted CA private key (PKCS#8 DER) as a non-extractable signing key and proves it
 * belongs to `certificate` by signing a random challenge and verifying it with the certificate's
 * public key. A decryptable key that belongs to another certificate (records swapped or restored
 * from different backups) would otherwise sign certificates nobody can verify.
 *
 * @throws PkiError `CA_BUNDLE_INVALID` when the key cannot be imported or does not match.
 */
export async function importCaPrivateKey(pkcs8: Uint8Array, certificate: x509.X509Certificate, algorithm: KeyAlgorithm): Promise<webcrypto.CryptoKey> {
  const params = webCryptoParams(algorithm);
  let privateKey: webcrypto.CryptoKey;
  let matches = false;
  try {
    privateKey = await webcrypto.subtle.importKey('pkcs8', pkcs8, params.import, false, ['sign']);
    const publicKey = await certificate.publicKey.export(params.import, ['verify'], webcrypto);
    const challenge = randomBytes(32);
    const signature = await webcrypto.subtle.sign(params.sign, privateKey, challenge);
    matches = await webcrypto.subtle.verify(params.sign, publicKey, signature, challenge);
  } catch (cause) {
    throw new PkiError('CA_BUNDLE_INVALID', `a CA private key could not be imported as ${algorithm}`, { cause });
  }
  if (!matches) throw new PkiError('CA_BUNDLE_INVALID', 'a CA private key does not match its certificate');
  return privateKey;
}
