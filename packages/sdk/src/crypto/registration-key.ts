import { base64UrlDecode, base64UrlEncode, type Bytes } from './bytes.js';

/** The public half of a registration key as the contract sends it (RFC 7517, P-256 only). */
export interface PublicJwk {
  readonly kty: 'EC';
  readonly crv: 'P-256';
  readonly x: string;
  readonly y: string;
}

const ecdsa = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/**
 * A new ECDSA P-256 key pair. `extractable` is false wherever the storage can keep the CryptoKey
 * itself (IndexedDB): the private key then never exists as bytes the app's code could read.
 */
export async function generateRegistrationKey(extractable: boolean): Promise<CryptoKeyPair> {
  return globalThis.crypto.subtle.generateKey(ecdsa, extractable, ['sign', 'verify']);
}

/** The public JWK of `publicKey`, with only the members the contract names. */
export async function publicJwkOf(publicKey: CryptoKey): Promise<PublicJwk> {
  const jwk = await globalThis.crypto.subtle.exportKey('jwk', publicKey);
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') throw new Error('The registration key is not a P-256 key.');
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

/** The private JWK of an extractable key, for storages that can only keep bytes. */
export async function exportPrivateJwk(privateKey: CryptoKey): Promise<JsonWebKey> {
  return globalThis.crypto.subtle.exportKey('jwk', privateKey);
}

/**
 * Imports a stored private JWK as a non-extractable signing key. Throws when the JWK is not a
 * P-256 private key (a corrupt or tampered file).
 */
export async function importPrivateJwk(jwk: JsonWebKey): Promise<CryptoKey> {
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.d !== 'string') throw new Error('The stored registration key is not a P-256 private key.');
  return globalThis.crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, d: jwk.d }, ecdsa, false, ['sign']);
}

/** The public JWK derived from a stored private JWK (its `x` and `y`). */
export function publicJwkOfPrivate(jwk: JsonWebKey): PublicJwk | null {
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') return null;
  if (base64UrlDecode(jwk.x)?.byteLength !== 32 || base64UrlDecode(jwk.y)?.byteLength !== 32) return null;
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

/**
 * ES256 over `data`: WebCrypto's ECDSA already produces the fixed-size r‖s form (IEEE P1363, 64
 * bytes) that JWS and the check-in header use, not DER.
 */
export async function signEs256(privateKey: CryptoKey, data: Bytes): Promise<Bytes> {
  const signature = await globalThis.crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, data);
  return new Uint8Array(signature);
}

/** {@link signEs256} as base64url. */
export async function signEs256Base64Url(privateKey: CryptoKey, data: Bytes): Promise<string> {
  return base64UrlEncode(await signEs256(privateKey, data));
}
