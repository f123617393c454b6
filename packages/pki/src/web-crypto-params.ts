import type { webcrypto } from 'node:crypto';
import type { KeyAlgorithm } from './key-algorithm.js';

/** The Web Crypto parameters that realise one {@link KeyAlgorithm}. */
export interface WebCryptoParams {
  /** For `subtle.generateKey`. */
  readonly generate: webcrypto.RsaHashedKeyGenParams | webcrypto.EcKeyGenParams;
  /** For `subtle.importKey` of a PKCS#8 private key or SPKI public key. */
  readonly import: webcrypto.RsaHashedImportParams | webcrypto.EcKeyImportParams;
  /** For `subtle.sign` and the x509 generators' `signingAlgorithm`. */
  readonly sign: webcrypto.Algorithm | webcrypto.EcdsaParams;
}

// 65537, big-endian, as Web Crypto wants it.
const RSA_PUBLIC_EXPONENT = new Uint8Array([0x01, 0x00, 0x01]);

/** Web Crypto parameters for `algorithm`: ECDSA P-256/SHA-256 or RSASSA-PKCS1-v1_5/SHA-256. */
export function webCryptoParams(algorithm: KeyAlgorithm): WebCryptoParams {
  switch (algorithm) {
    case 'ecdsa-p256':
      return {
        generate: { name: 'ECDSA', namedCurve: 'P-256' },
        import: { name: 'ECDSA', namedCurve: 'P-256' },
        sign: { name: 'ECDSA', hash: 'SHA-256' },
      };
    case 'rsa-2048':
    case 'rsa-3072': {
      const modulusLength = algorithm === 'rsa-2048' ? 2048 : 3072;
      return {
        generate: { name: 'RSASSA-PKCS1-v1_5', modulusLength, publicExponent: RSA_PUBLIC_EXPONENT, hash: 'SHA-256' },
        import: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
        sign: { name: 'RSASSA-PKCS1-v1_5' },
      };
    }
  }
}
