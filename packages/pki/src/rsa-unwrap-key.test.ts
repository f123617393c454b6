import { constants, generateKeyPairSync, publicEncrypt, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { unwrapRsaKey } from './rsa-unwrap-key.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rejectionKey = randomBytes(32);
const pkcs1 = { scheme: 'pkcs1-v1_5' } as const;

describe('unwrapRsaKey', () => {
  it('unwraps a PKCS#1 v1.5 key that Node itself refuses to decrypt', () => {
    const key = randomBytes(24);
    const wrapped = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, key);
    expect(Buffer.from(unwrapRsaKey(privateKey, wrapped, 24, rejectionKey, pkcs1))).toEqual(key);
  });

  it('unwraps OAEP keys', () => {
    const key = randomBytes(16);
    for (const hash of ['sha1', 'sha256'] as const) {
      const wrapped = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash }, key);
      expect(Buffer.from(unwrapRsaKey(privateKey, wrapped, 16, rejectionKey, { scheme: 'oaep', hash }))).toEqual(key);
    }
  });

  it('answers a bad block with a deterministic synthetic key instead of an error', () => {
    const key = randomBytes(16);
    const wrapped = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, key);
    // A raw RSA block without type-2 padding: decrypts to anything but a valid EME-PKCS1 block.
    const unpadded = publicEncrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, Buffer.concat([Buffer.from([0, 1]), randomBytes(254)]));
    const first = unwrapRsaKey(privateKey, unpadded, 16, rejectionKey, pkcs1);
    const again = unwrapRsaKey(privateKey, unpadded, 16, rejectionKey, pkcs1);
    expect(first).toHaveLength(16);
    expect(Buffer.from(first)).toEqual(Buffer.from(again));
    expect(Buffer.from(first)).not.toEqual(key);
    // Another secret gives another key, so the synthetic key is not guessable from the ciphertext.
    expect(Buffer.from(unwrapRsaKey(privateKey, unpadded, 16, randomBytes(32), pkcs1))).not.toEqual(Buffer.from(first));
    // Valid padding with the wrong key length is rejected the same way.
    const wrongLength = unwrapRsaKey(privateKey, wrapped, 24, rejectionKey, pkcs1);
    expect(wrongLength).toHaveLength(24);
    expect(Buffer.from(wrongLength.subarray(8))).not.toEqual(key);
  });

  it('answers short, oversized and out-of-range ciphertexts without throwing', () => {
    expect(unwrapRsaKey(privateKey, randomBytes(10), 16, rejectionKey, pkcs1)).toHaveLength(16);
    expect(unwrapRsaKey(privateKey, randomBytes(300), 16, rejectionKey, pkcs1)).toHaveLength(16);
    expect(unwrapRsaKey(privateKey, Buffer.alloc(256, 0xff), 16, rejectionKey, pkcs1)).toHaveLength(16);
    expect(unwrapRsaKey(privateKey, Buffer.alloc(256, 0xff), 16, rejectionKey, { scheme: 'oaep', hash: 'sha1' })).toHaveLength(16);
  });
});
