import { base64UrlEncode, concatBytes, copyBytes, utf8, type Bytes } from './bytes.js';

// The key hierarchy of the corporate store (docs/protocols/sdk-v1.md, "Keys and storage"):
//   secret   = the PIN key (PBKDF2 of the PIN), or without a required PIN a random local secret
//   KEK      = HKDF-SHA-256(secret ‖ server key share, salt, "ward-sdk/v1 kek")     → AES-KW
//   seal key = HKDF-SHA-256(secret, salt, "ward-sdk/v1 key-share-seal")            → AES-GCM
//   data key (AES-256-GCM) and index key (HMAC-SHA-256): random, stored only wrapped by the KEK.
// The index key names stored values by an HMAC of their name, so key names are not stored in clear.

/** The two random keys of the corporate store. */
export interface VaultKeys {
  readonly dataKey: CryptoKey;
  readonly indexKey: CryptoKey;
}

/** The vault keys wrapped by a KEK (AES-KW, RFC 3394: 40 bytes each). */
export interface WrappedVaultKeys {
  readonly dataKey: Bytes;
  readonly indexKey: Bytes;
}

const hmac = { name: 'HMAC', hash: 'SHA-256', length: 256 } as const;
const aesGcm = { name: 'AES-GCM', length: 256 } as const;

async function hkdfBase(ikm: Bytes): Promise<CryptoKey> {
  return globalThis.crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveKey']);
}

/** The key-encryption key from the secret and the server's key share. */
export async function deriveKek(secret: Bytes, keyShare: Bytes, salt: Bytes): Promise<CryptoKey> {
  const base = await hkdfBase(concatBytes(secret, keyShare));
  return globalThis.crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt, info: utf8('ward-sdk/v1 kek') }, base, { name: 'AES-KW', length: 256 }, false, ['wrapKey', 'unwrapKey']);
}

/** The key that seals the offline copy of the key share: from the secret alone. */
export async function deriveSealKey(secret: Bytes, salt: Bytes): Promise<CryptoKey> {
  const base = await hkdfBase(copyBytes(secret));
  return globalThis.crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt, info: utf8('ward-sdk/v1 key-share-seal') }, base, aesGcm, false, ['encrypt', 'decrypt']);
}

/** New random vault keys, extractable only so they can be wrapped once. */
export async function generateVaultKeys(): Promise<VaultKeys> {
  const [dataKey, indexKey] = await Promise.all([
    globalThis.crypto.subtle.generateKey(aesGcm, true, ['encrypt', 'decrypt']),
    globalThis.crypto.subtle.generateKey(hmac, true, ['sign']),
  ]);
  return { dataKey, indexKey };
}

/** Wraps extractable vault keys under `kek`. */
export async function wrapVaultKeys(kek: CryptoKey, keys: VaultKeys): Promise<WrappedVaultKeys> {
  const [dataKey, indexKey] = await Promise.all([
    globalThis.crypto.subtle.wrapKey('raw', keys.dataKey, kek, 'AES-KW'),
    globalThis.crypto.subtle.wrapKey('raw', keys.indexKey, kek, 'AES-KW'),
  ]);
  return { dataKey: new Uint8Array(dataKey), indexKey: new Uint8Array(indexKey) };
}

/**
 * Unwraps the vault keys; null when `kek` is not the one they were wrapped under (AES-KW's
 * integrity check fails: a wrong PIN or a wrong key share). `extractable` is true only for the
 * moment of re-wrapping them under a new KEK.
 */
export async function unwrapVaultKeys(kek: CryptoKey, wrapped: WrappedVaultKeys, extractable = false): Promise<VaultKeys | null> {
  try {
    const [dataKey, indexKey] = await Promise.all([
      globalThis.crypto.subtle.unwrapKey('raw', copyBytes(wrapped.dataKey), kek, 'AES-KW', aesGcm, extractable, ['encrypt', 'decrypt']),
      globalThis.crypto.subtle.unwrapKey('raw', copyBytes(wrapped.indexKey), kek, 'AES-KW', hmac, extractable, ['sign']),
    ]);
    return { dataKey, indexKey };
  } catch {
    return null;
  }
}

/** The storage name of a value: base64url HMAC of its name under the index key. */
export async function indexName(indexKey: CryptoKey, name: string): Promise<string> {
  const mac = await globalThis.crypto.subtle.sign('HMAC', indexKey, utf8(`ward-sdk/v1 name:${name}`));
  return base64UrlEncode(new Uint8Array(mac));
}
