import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { RefusedChange } from '../host/target-under-root.js';

// PKCS#8 wrapping of a raw 32-byte X25519 private key (RFC 8410), so Node can derive its public key.
const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');

/** A WireGuard key pair in WireGuard's own text form (base64 of 32 bytes). */
export interface WireguardKeyPair {
  readonly privateKey: string;
  readonly publicKey: string;
}

/** A fresh X25519 key pair for a WireGuard interface. */
export function generateWireguardKeyPair(): WireguardKeyPair {
  const { privateKey } = generateKeyPairSync('x25519');
  const jwk = privateKey.export({ format: 'jwk' });
  if (jwk.d === undefined || jwk.x === undefined) throw new Error('X25519 key export gave no key material');
  return { privateKey: Buffer.from(jwk.d, 'base64url').toString('base64'), publicKey: Buffer.from(jwk.x, 'base64url').toString('base64') };
}

/** Whether `key` is a WireGuard key: base64 of exactly 32 bytes. */
export function isWireguardKey(key: string): boolean {
  return /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/.test(key);
}

/**
 * The public key of a WireGuard private key.
 *
 * @throws RefusedChange when `privateKey` is not a WireGuard key.
 */
export function wireguardPublicKey(privateKey: string, what: string): string {
  if (!isWireguardKey(privateKey)) throw new RefusedChange(`${what} is not a WireGuard key (base64 of 32 bytes)`);
  const der = Buffer.concat([X25519_PKCS8_PREFIX, Buffer.from(privateKey, 'base64')]);
  const jwk = createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })).export({ format: 'jwk' });
  if (jwk.x === undefined) throw new Error('X25519 public key export gave no key material');
  return Buffer.from(jwk.x, 'base64url').toString('base64');
}
