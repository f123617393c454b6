import { utf8, type Bytes } from './bytes.js';

/** PBKDF2 iterations for the PIN key, as the contract fixes them (OWASP's figure for SHA-256). */
export const PIN_KEY_ITERATIONS = 310_000;

/**
 * The PIN key: PBKDF2-SHA-256(pin, salt, iterations), 32 bytes. The PIN is NFC-normalised so the
 * same passcode typed on two keyboards derives the same key.
 */
export async function derivePinKeyBits(pin: string, salt: Bytes, iterations: number = PIN_KEY_ITERATIONS): Promise<Bytes> {
  const base = await globalThis.crypto.subtle.importKey('raw', utf8(pin.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  const bits = await globalThis.crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, 256);
  return new Uint8Array(bits);
}
