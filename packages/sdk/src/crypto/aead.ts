import { concatBytes, copyBytes, randomBytes, utf8, type Bytes } from './bytes.js';

const NONCE_BYTES = 12;

/**
 * AES-GCM with a random 96-bit nonce, stored as nonce ‖ ciphertext ‖ tag. `context` is the
 * additional data: it binds the ciphertext to where it is stored, so values cannot be swapped.
 */
export async function sealBytes(key: CryptoKey, plaintext: Uint8Array, context: string): Promise<Bytes> {
  const iv = randomBytes(NONCE_BYTES);
  const ciphertext = await globalThis.crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8(context) }, key, copyBytes(plaintext));
  return concatBytes(iv, new Uint8Array(ciphertext));
}

/** Opens what {@link sealBytes} sealed; null when the key, the context or the bytes are wrong. */
export async function openBytes(key: CryptoKey, sealed: Uint8Array, context: string): Promise<Bytes | null> {
  if (sealed.byteLength < NONCE_BYTES + 16) return null;
  const bytes = copyBytes(sealed);
  try {
    const plain = await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.subarray(0, NONCE_BYTES), additionalData: utf8(context) }, key, bytes.subarray(NONCE_BYTES));
    return new Uint8Array(plain);
  } catch {
    // WebCrypto reports a failed tag check as an OperationError: for us, simply "does not open".
    return null;
  }
}
