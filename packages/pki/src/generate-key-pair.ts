import { webcrypto } from 'node:crypto';
import type { KeyAlgorithm } from './key-algorithm.js';
import { webCryptoParams } from './web-crypto-params.js';

/**
 * A fresh, extractable signing key pair for `algorithm`. Extractable because every caller exports
 * the private key once: encrypted into a CA bundle, or as PEM to the server that will use it.
 */
export async function generateKeyPair(algorithm: KeyAlgorithm): Promise<webcrypto.CryptoKeyPair> {
  return webcrypto.subtle.generateKey(webCryptoParams(algorithm).generate, true, ['sign', 'verify']);
}
