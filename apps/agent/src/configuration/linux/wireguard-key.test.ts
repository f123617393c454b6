import { createPublicKey, diffieHellman, generateKeyPairSync, createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateWireguardKeyPair, isWireguardKey, wireguardPublicKey } from './wireguard-key.js';

describe('WireGuard keys', () => {
  it('generates a pair whose public key is derived from the private one', () => {
    const pair = generateWireguardKeyPair();
    expect(isWireguardKey(pair.privateKey)).toBe(true);
    expect(wireguardPublicKey(pair.privateKey, 'key')).toBe(pair.publicKey);
  });

  it('derives the public key Node derives for the same X25519 key, so a shared secret agrees', () => {
    const other = generateKeyPairSync('x25519');
    const pair = generateWireguardKeyPair();
    const ours = createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', d: Buffer.from(pair.privateKey, 'base64').toString('base64url'), x: Buffer.from(pair.publicKey, 'base64').toString('base64url') }, format: 'jwk' });
    const theirsPublic = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: Buffer.from(pair.publicKey, 'base64').toString('base64url') }, format: 'jwk' });
    expect(diffieHellman({ privateKey: ours, publicKey: createPublicKey(other.privateKey) })).toEqual(diffieHellman({ privateKey: other.privateKey, publicKey: theirsPublic }));
  });

  it('refuses text that is not base64 of 32 bytes', () => {
    expect(isWireguardKey('A'.repeat(43))).toBe(false);
    expect(isWireguardKey(`${'A'.repeat(42)}B=`)).toBe(false);
    expect(() => wireguardPublicKey('not a key', 'payload/interface/privateKey')).toThrow('payload/interface/privateKey is not a WireGuard key (base64 of 32 bytes)');
  });
});
