import { hkdfSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { noiseHash, noiseHkdf2, noiseHkdf3 } from './noise-sha256.js';

describe('Noise HASH and HKDF over SHA-256', () => {
  it('hashes the concatenation of its parts', () => {
    expect(noiseHash(Buffer.from('ab'), Buffer.from('c')).toString('hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('equals RFC 5869 HKDF with the chaining key as salt and no info', () => {
    for (const inputKeyMaterial of [Buffer.alloc(0), randomBytes(32), randomBytes(100)]) {
      const chainingKey = randomBytes(32);
      const reference = Buffer.from(hkdfSync('sha256', inputKeyMaterial, chainingKey, Buffer.alloc(0), 96));
      expect(Buffer.concat(noiseHkdf3(chainingKey, inputKeyMaterial))).toEqual(reference);
      expect(Buffer.concat(noiseHkdf2(chainingKey, inputKeyMaterial))).toEqual(reference.subarray(0, 64));
    }
  });
});
