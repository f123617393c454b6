import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { SdkPublicKey, SdkSignatureVerifier } from '@ward/core';

/** Parsed keys kept: a check-in then costs one ECDSA verification and no key parsing. */
const defaultCacheSize = 10_000;

/**
 * {@link SdkSignatureVerifier} over node:crypto: ES256 with the JWS/WebCrypto signature encoding
 * (r‖s, 64 bytes: `dsaEncoding: 'ieee-p1363'`). Parsed public keys are kept in a bounded map
 * (oldest dropped first), since every check-in of a registration verifies under the same key.
 */
export function createNodeSdkSignatureVerifier(cacheSize = defaultCacheSize): SdkSignatureVerifier {
  const keys = new Map<string, KeyObject>();
  const keyOf = (jwk: SdkPublicKey): KeyObject => {
    const id = `${jwk.x}.${jwk.y}`;
    const cached = keys.get(id);
    if (cached !== undefined) return cached;
    const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, format: 'jwk' });
    if (keys.size >= cacheSize) {
      const oldest = keys.keys().next();
      if (oldest.done !== true) keys.delete(oldest.value);
    }
    keys.set(id, key);
    return key;
  };
  return {
    verifyEs256(jwk, data, signature) {
      if (signature.length !== 64) return false;
      try {
        return verify('sha256', data, { key: keyOf(jwk), dsaEncoding: 'ieee-p1363' }, signature);
      } catch {
        // A key that is not a point of the curve, or another malformed input: not a valid signature.
        return false;
      }
    },
  };
}
