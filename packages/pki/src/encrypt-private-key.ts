import { randomBytes, webcrypto } from 'node:crypto';
import { assertMasterKey } from './assert-master-key.js';
import type { EncryptedPrivateKey } from './ca-bundle.js';
import { deriveKeyEncryptionKey } from './derive-key-encryption-key.js';

/**
 * Encrypts a PKCS#8 DER private key under `masterKey` into a version-1 {@link EncryptedPrivateKey},
 * with a fresh random salt and IV on every call.
 *
 * @throws PkiError `MASTER_KEY_INVALID` unless the master key is 32 bytes.
 */
export async function encryptPrivateKey(pkcs8: Uint8Array, masterKey: Uint8Array): Promise<EncryptedPrivateKey> {
  assertMasterKey(masterKey);
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const kek = await deriveKeyEncryptionKey(masterKey, salt);
  const ciphertext = await webcrypto.subtle.encrypt({ name: 'AES-GCM', iv }, kek, pkcs8);
  return {
    version: 1,
    algorithm: 'AES-256-GCM',
    kdf: 'HKDF-SHA256',
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    ciphertext: Buffer.from(ciphertext).toString('base64'),
  };
}
