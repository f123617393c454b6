import { createCipheriv, createDecipheriv } from 'node:crypto';

/** The Poly1305 tag every encrypted Noise payload carries. */
export const noiseTagLength = 16;

/** Noise reserves nonce 2^64 − 1 (spec §5.1): a CipherState that reaches it may not be used again. */
export const noiseReservedNonce = 2n ** 64n - 1n;

/** ChaChaPoly's 96-bit nonce: 32 zero bits, then the 64-bit counter little-endian (spec §12.3). */
function nonceBytes(nonce: bigint): Buffer {
  const bytes = Buffer.alloc(12);
  bytes.writeBigUInt64LE(nonce, 4);
  return bytes;
}

/**
 * ENCRYPT(k, n, ad, plaintext): ciphertext ‖ 16-byte tag. A cipher object is made per message so
 * that nothing but the key outlives the call.
 */
export function chachaPolyEncrypt(key: Uint8Array, nonce: bigint, ad: Uint8Array, plaintext: Uint8Array): Buffer {
  const cipher = createCipheriv('chacha20-poly1305', key, nonceBytes(nonce), { authTagLength: noiseTagLength });
  cipher.setAAD(ad, { plaintextLength: plaintext.length });
  const body = cipher.update(plaintext);
  cipher.final();
  return Buffer.concat([body, cipher.getAuthTag()]);
}

/**
 * DECRYPT(k, n, ad, ciphertext): the plaintext, or `undefined` when the tag does not verify or the
 * input is too short to hold one. Unauthenticated output is wiped, never returned.
 */
export function chachaPolyDecrypt(key: Uint8Array, nonce: bigint, ad: Uint8Array, ciphertext: Uint8Array): Buffer | undefined {
  if (ciphertext.length < noiseTagLength) return undefined;
  const bodyLength = ciphertext.length - noiseTagLength;
  const decipher = createDecipheriv('chacha20-poly1305', key, nonceBytes(nonce), { authTagLength: noiseTagLength });
  decipher.setAuthTag(ciphertext.subarray(bodyLength));
  decipher.setAAD(ad, { plaintextLength: bodyLength });
  const plaintext = decipher.update(ciphertext.subarray(0, bodyLength));
  try {
    decipher.final();
  } catch {
    plaintext.fill(0);
    return undefined;
  }
  return plaintext;
}
