import { webcrypto } from 'node:crypto';

/**
 * HKDF info label of version-1 encrypted CA keys. Changing it orphans every stored key, so a new
 * derivation gets a new label and a new record version instead.
 */
export const CA_KEY_INFO_V1 = 'ward/ca-key/v1';

/**
 * The AES-256-GCM key that protects one record: HKDF-SHA256 over the master key with the record's
 * salt and the v1 info label. A per-record salt gives every record its own key, so an IV collision
 * across records (2^-96 per pair, but cheap to rule out) could never reuse a GCM key/nonce pair.
 */
export async function deriveKeyEncryptionKey(masterKey: Uint8Array, salt: Uint8Array): Promise<webcrypto.CryptoKey> {
  const ikm = await webcrypto.subtle.importKey('raw', masterKey, 'HKDF', false, ['deriveKey']);
  return webcrypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt, info: new TextEncoder().encode(CA_KEY_INFO_V1) },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}
