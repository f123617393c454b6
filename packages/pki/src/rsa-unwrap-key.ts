import { constants, createHmac, privateDecrypt, type KeyObject } from 'node:crypto';
import type { CmsDigest } from './cms-algorithms.js';

/** How the content-encryption key was wrapped to the RSA key. */
export type RsaKeyTransport = { readonly scheme: 'pkcs1-v1_5' } | { readonly scheme: 'oaep'; readonly hash: CmsDigest };

/**
 * Unwraps an RSA-encrypted content-encryption key of `keyLength` bytes (RFC 8017 §7.2.2 for
 * PKCS#1 v1.5, §7.1.2 for OAEP) without a padding oracle.
 *
 * Node 20 refuses `RSA_PKCS1_PADDING` in `privateDecrypt` (CVE-2023-46809, the Marvin attack), yet
 * Apple devices wrap SCEP keys that way. So the raw RSA operation runs with `RSA_NO_PADDING` and the
 * type-2 padding is checked here with implicit rejection (as in draft-irtf-cfrg-rsa-guidance and
 * OpenSSL 3.2): the checks are computed branch-free over the whole block, and a bad block yields a
 * deterministic pseudo-random key derived from the ciphertext and `rejectionKey` instead of an
 * error. The caller then fails later, decrypting or parsing the content, on the very path a valid
 * key for tampered content takes, so a client cannot tell good padding from bad.
 *
 * Never throws for a bad ciphertext; always returns `keyLength` bytes.
 */
export function unwrapRsaKey(
  privateKey: KeyObject,
  encryptedKey: Uint8Array,
  keyLength: number,
  rejectionKey: Uint8Array,
  transport: RsaKeyTransport,
): Uint8Array {
  const synthetic = syntheticKey(rejectionKey, encryptedKey, keyLength);
  const modulusBytes = Math.ceil((privateKey.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
  if (encryptedKey.length !== modulusBytes) return synthetic;
  if (transport.scheme === 'oaep') {
    // OpenSSL checks OAEP in constant time; its one failure signal is replaced by the synthetic key.
    try {
      const key = privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: transport.hash }, encryptedKey);
      return key.length === keyLength ? key : synthetic;
    } catch {
      return synthetic;
    }
  }
  let block: Uint8Array;
  try {
    block = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, encryptedKey);
  } catch {
    // Only a ciphertext not below the modulus fails here: a public property, no oracle.
    return synthetic;
  }
  return selectPkcs1Key(block, keyLength, synthetic);
}

/**
 * The key inside an EME-PKCS1-v1_5 block (0x00 0x02 PS 0x00 M, |PS| ≥ 8, |M| = keyLength), or
 * `synthetic` when the block is not one, chosen with masks so timing does not depend on which.
 */
function selectPkcs1Key(block: Uint8Array, keyLength: number, synthetic: Uint8Array): Uint8Array {
  const k = block.length;
  let good = isZero(block[0] ?? 1) & isEqual(block[1] ?? 0, 2);
  let found = 0;
  let separator = 0;
  for (let i = 2; i < k; i++) {
    const zero = isZero(block[i] ?? 1);
    const first = zero & (found ^ 1);
    separator |= -first & i;
    found |= zero;
  }
  good &= found;
  // At least eight padding bytes: the separator sits at index 10 or later.
  good &= lessThan(9, separator);
  good &= isEqual(k - separator - 1, keyLength);
  const mask = -good & 0xff;
  const out = new Uint8Array(keyLength);
  const offset = k - keyLength;
  for (let i = 0; i < keyLength; i++) {
    out[i] = ((block[offset + i] ?? 0) & mask) | ((synthetic[i] ?? 0) & ~mask & 0xff);
  }
  block.fill(0);
  return out;
}

/** 1 when `value` (0..255) is zero, else 0, without a branch. */
function isZero(value: number): number {
  return ((value - 1) >>> 31) & 1;
}

/** 1 when two small non-negative integers are equal, else 0, without a branch. */
function isEqual(a: number, b: number): number {
  return (((a ^ b) - 1) >>> 31) & 1;
}

/** 1 when `a < b` for small non-negative integers, else 0, without a branch. */
function lessThan(a: number, b: number): number {
  return ((a - b) >>> 31) & 1;
}

function syntheticKey(rejectionKey: Uint8Array, encryptedKey: Uint8Array, keyLength: number): Uint8Array {
  const out = new Uint8Array(keyLength);
  for (let counter = 0, filled = 0; filled < keyLength; counter++) {
    const block = createHmac('sha256', rejectionKey).update(Uint8Array.of(counter)).update(encryptedKey).digest();
    out.set(block.subarray(0, Math.min(block.length, keyLength - filled)), filled);
    filled += block.length;
  }
  return out;
}
