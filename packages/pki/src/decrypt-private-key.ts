import { webcrypto } from 'node:crypto';
import { assertMasterKey } from './assert-master-key.js';
import type { EncryptedPrivateKey } from './ca-bundle.js';
import { decodeBase64 } from './decode-base64.js';
import { deriveKeyEncryptionKey } from './derive-key-encryption-key.js';
import { PkiError } from './pki-error.js';

/**
 * Decrypts an {@link EncryptedPrivateKey} to the PKCS#8 DER of the private key. The record is read
 * as untrusted input (it comes back from storage), so its shape is checked before use.
 *
 * @throws PkiError `CA_BUNDLE_INVALID` when the record is not a well-formed version-1 record;
 * `CA_KEY_DECRYPT_FAILED` when GCM authentication fails, which means the master key is not the
 * one the record was encrypted with, or the record was altered; `MASTER_KEY_INVALID`.
 */
export async function decryptPrivateKey(record: EncryptedPrivateKey, masterKey: Uint8Array): Promise<Uint8Array> {
  assertMasterKey(masterKey);
  const parts = readRecord(record);
  const kek = await deriveKeyEncryptionKey(masterKey, parts.salt);
  try {
    return new Uint8Array(await webcrypto.subtle.decrypt({ name: 'AES-GCM', iv: parts.iv }, kek, parts.ciphertext));
  } catch (cause) {
    throw new PkiError('CA_KEY_DECRYPT_FAILED', 'a CA private key did not decrypt: wrong master key, or the stored key was altered', { cause });
  }
}

function readRecord(record: unknown): { salt: Uint8Array; iv: Uint8Array; ciphertext: Uint8Array } {
  if (typeof record !== 'object' || record === null) throw invalid('is not an object');
  const { version, salt, iv, ciphertext } = record as Record<string, unknown>;
  if (version !== 1) throw invalid('has an unsupported version (this reader knows version 1)');
  const saltBytes = typeof salt === 'string' ? decodeBase64(salt) : undefined;
  const ivBytes = typeof iv === 'string' ? decodeBase64(iv) : undefined;
  const ciphertextBytes = typeof ciphertext === 'string' ? decodeBase64(ciphertext) : undefined;
  if (saltBytes?.length !== 16) throw invalid('has no 16-byte salt');
  if (ivBytes?.length !== 12) throw invalid('has no 12-byte iv');
  // A GCM tag alone is 16 bytes; anything not longer holds no key.
  if (ciphertextBytes === undefined || ciphertextBytes.length <= 16) throw invalid('has no ciphertext');
  return { salt: saltBytes, iv: ivBytes, ciphertext: ciphertextBytes };
}

function invalid(what: string): PkiError {
  return new PkiError('CA_BUNDLE_INVALID', `the encrypted CA key record ${what}`);
}
