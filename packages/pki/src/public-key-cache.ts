import { createPublicKey, type KeyObject } from 'node:crypto';
import { BoundedLru } from './bounded-lru.js';

/** Most SubjectPublicKeyInfos whose imported key is kept, about one per active device. */
export const PUBLIC_KEY_CACHE_ENTRIES = 10_000;

// Importing a key is a pure function of its SPKI bytes, so a cached KeyObject can never say more
// than the bytes do: trust in the key is decided elsewhere, every time.
const keys = new BoundedLru<string, KeyObject>(PUBLIC_KEY_CACHE_ENTRIES);

/**
 * The node:crypto public key for a DER SubjectPublicKeyInfo (RFC 5280 §4.1.2.7), imported once and
 * remembered (bounded LRU): a device signs every MDM request with the same certificate.
 *
 * @throws the node:crypto error when the bytes are not a public key it can import.
 */
export function publicKeyFromSpki(spkiDer: Uint8Array): KeyObject {
  const bytes = Buffer.from(spkiDer.buffer, spkiDer.byteOffset, spkiDer.byteLength);
  const cacheKey = bytes.toString('base64');
  const cached = keys.get(cacheKey);
  if (cached !== undefined) return cached;
  const key = createPublicKey({ key: bytes, format: 'der', type: 'spki' });
  keys.set(cacheKey, key);
  return key;
}
