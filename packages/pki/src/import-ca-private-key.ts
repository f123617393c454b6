import { randomBytes, type webcrypto as WebCrypto } from 'node:crypto';
import type * as x509 from '@peculiar/x509';
import type { KeyAlgorithm } from './key-algorithm.js';
import { PkiError } from './pki-error.js';
import { webCryptoParams } from './web-crypto-params.js';
import { webcrypto } from './webcrypto.js';

/**
 * Imports a decrypted CA private key (PKCS#8 DER) as a non-extractable signing key and proves it
 * belongs to `certificate` by signing a random challenge and verifying it with the certificate's
 * public key. A decryptable key that belongs to another certificate (records swapped or restored
 * from different backups) would otherwise sign certificates nobody can verify.
 *
 * @throws PkiError `CA_BUNDLE_INVALID` when the key cannot be imported or does not match.
 */
export async function importCaPrivateKey(pkcs8: Uint8Array, certificate: x509.X509Certificate, algorithm: KeyAlgorithm): Promise<WebCrypto.CryptoKey> {
  const params = webCryptoParams(algorithm);
  let privateKey: WebCrypto.CryptoKey;
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
