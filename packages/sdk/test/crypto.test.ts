import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openBytes, sealBytes } from '../src/crypto/aead.js';
import { base64UrlDecode, base64UrlEncode, randomBytes, utf8 } from '../src/crypto/bytes.js';
import { derivePinKeyBits, PIN_KEY_ITERATIONS } from '../src/crypto/pin-key.js';
import { exportPrivateJwk, generateRegistrationKey, importPrivateJwk, publicJwkOf, signEs256 } from '../src/crypto/registration-key.js';
import { deriveKek, deriveSealKey, generateVaultKeys, indexName, unwrapVaultKeys, wrapVaultKeys } from '../src/crypto/vault-keys.js';
import { createAppAssertionJws } from '../src/app-assertion.js';

describe('base64url', () => {
  it('round-trips every length and matches Node', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = randomBytes(n);
      const text = base64UrlEncode(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(base64UrlDecode(text)).toEqual(bytes);
    }
  });

  it('refuses padding, foreign characters, impossible lengths and non-canonical spellings', () => {
    expect(base64UrlDecode('AAA=')).toBeNull();
    expect(base64UrlDecode('A+/A')).toBeNull();
    expect(base64UrlDecode('AAAAA')).toBeNull();
    expect(base64UrlDecode('AB')).toBeNull(); // 'AB' leaves non-zero bits: 'AA' is the one spelling of 0x00
    expect(base64UrlDecode('AA')).toEqual(new Uint8Array([0]));
    expect(base64UrlDecode('a b')).toBeNull();
  });
});

describe('the PIN key', () => {
  it('is PBKDF2-SHA-256 with the contract\'s 310,000 iterations, NFC-normalised', async () => {
    expect(PIN_KEY_ITERATIONS).toBe(310_000);
    const salt = randomBytes(16);
    const a = await derivePinKeyBits('café', salt);
    const b = await derivePinKeyBits('cafe\u0301', salt);
    expect(a).toEqual(b);
    const { pbkdf2Sync } = await import('node:crypto');
    expect(Buffer.from(a)).toEqual(pbkdf2Sync(Buffer.from('café'.normalize('NFC')), salt, 310_000, 32, 'sha256'));
    expect(await derivePinKeyBits('1234', salt)).not.toEqual(await derivePinKeyBits('1235', salt));
  });
});

describe('the vault keys', () => {
  it('wrap under the KEK of secret and key share, and open only with both', async () => {
    const secret = randomBytes(32);
    const share = randomBytes(32);
    const salt = randomBytes(16);
    const keys = await generateVaultKeys();
    const wrapped = await wrapVaultKeys(await deriveKek(secret, share, salt), keys);
    expect(wrapped.dataKey.byteLength).toBe(40);
    const opened = await unwrapVaultKeys(await deriveKek(secret, share, salt), wrapped);
    expect(opened).not.toBeNull();
    expect(opened!.dataKey.extractable).toBe(false);
    expect(await unwrapVaultKeys(await deriveKek(randomBytes(32), share, salt), wrapped)).toBeNull();
    expect(await unwrapVaultKeys(await deriveKek(secret, randomBytes(32), salt), wrapped)).toBeNull();
    // The unwrapped key decrypts what the original encrypted.
    const sealed = await sealBytes(keys.dataKey, utf8('secret note'), 'ctx');
    expect(await openBytes(opened!.dataKey, sealed, 'ctx')).toEqual(utf8('secret note'));
    expect(await indexName(opened!.indexKey, 'n')).toBe(await indexName(keys.indexKey, 'n'));
  });

  it('AES-GCM refuses another context, a flipped bit or a short input', async () => {
    const key = await deriveSealKey(randomBytes(32), randomBytes(16));
    const sealed = await sealBytes(key, utf8('hello'), 'a');
    expect(await openBytes(key, sealed, 'b')).toBeNull();
    sealed[20]! ^= 1;
    expect(await openBytes(key, sealed, 'a')).toBeNull();
    expect(await openBytes(key, new Uint8Array(5), 'a')).toBeNull();
  });
});

describe('ES256', () => {
  it('signs r‖s (64 bytes) that node:crypto verifies over the exact bytes', async () => {
    const pair = await generateRegistrationKey(false);
    expect(pair.privateKey.extractable).toBe(false);
    const jwk = await publicJwkOf(pair.publicKey);
    expect(Object.keys(jwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    const data = utf8('{"sequence":1}');
    const sig = await signEs256(pair.privateKey, data);
    expect(sig.byteLength).toBe(64);
    const key = createPublicKey({ key: { ...jwk }, format: 'jwk' });
    expect(verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, sig)).toBe(true);
    expect(verify('sha256', utf8('{"sequence":2}'), { key, dsaEncoding: 'ieee-p1363' }, sig)).toBe(false);
  });

  it('keeps a JWK for byte-only storage and re-imports it non-extractable', async () => {
    const pair = await generateRegistrationKey(true);
    const jwk = await exportPrivateJwk(pair.privateKey);
    const imported = await importPrivateJwk(jwk);
    expect(imported.extractable).toBe(false);
    await expect(importPrivateJwk({ kty: 'RSA', n: 'x', e: 'AQAB' })).rejects.toThrow();
  });

  it('makes an app assertion as the contract says', async () => {
    const pair = await generateRegistrationKey(false);
    const jws = await createAppAssertionJws({ registrationId: 'reg1', issuer: 'https://ward.example/oidc', nowMs: 1_700_000_000_500, privateKey: pair.privateKey });
    const [h, c, s] = jws.split('.');
    expect(JSON.parse(Buffer.from(h!, 'base64url').toString())).toEqual({ alg: 'ES256', typ: 'JWT' });
    const claims = JSON.parse(Buffer.from(c!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ iss: 'reg1', aud: 'https://ward.example/oidc', iat: 1_700_000_000, exp: 1_700_000_300 });
    expect(typeof claims.jti).toBe('string');
    const key = createPublicKey({ key: { ...(await publicJwkOf(pair.publicKey)) }, format: 'jwk' });
    expect(verify('sha256', Buffer.from(`${h}.${c}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(s!, 'base64url'))).toBe(true);
  });
});
