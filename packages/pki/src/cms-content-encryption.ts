import { createCipheriv, createDecipheriv } from 'node:crypto';
import { opensslCipher, type CmsContentCipher } from './cms-algorithms.js';

/**
 * Decrypts CMS encryptedContent (RFC 5652 §6.3: CBC with PKCS#7 padding), or returns undefined when
 * the padding is wrong. Callers turn undefined into the same refusal as unparseable plaintext.
 */
export function decryptContent(cipher: CmsContentCipher, key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array | undefined {
  const { name, key: opensslKey } = opensslCipher(cipher, key);
  try {
    const decipher = createDecipheriv(name, opensslKey, iv);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return undefined;
  }
}

/** Encrypts `plaintext` as CMS encryptedContent with `key` and `iv` (CBC, PKCS#7 padding). */
export function encryptContent(cipher: CmsContentCipher, key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const { name, key: opensslKey } = opensslCipher(cipher, key);
  const encrypt = createCipheriv(name, opensslKey, iv);
  return Buffer.concat([encrypt.update(plaintext), encrypt.final()]);
}
