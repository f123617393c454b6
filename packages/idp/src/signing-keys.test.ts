import { describe, expect, it } from 'vitest';
import { compactVerify, CompactSign, importJWK } from 'jose';
import { createSigningKeySet, parseSigningKeySet, publicJwks, rotateSigningKeys } from './signing-keys.js';

describe('signing keys', () => {
  it('makes one RS256 and one ES256 key with thumbprint kids, and a cookie key', async () => {
    const set = await createSigningKeySet(new Date('2026-01-01T00:00:00Z'));
    expect(set.current.map((k) => [k.alg, k.kty, k.use])).toEqual([
      ['RS256', 'RSA', 'sig'],
      ['ES256', 'EC', 'sig'],
    ]);
    expect(new Set(set.current.map((k) => k.kid)).size).toBe(2);
    expect(set.previous).toEqual([]);
    expect(set.cookieKeys).toHaveLength(1);
    expect(set.rotatedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(parseSigningKeySet(JSON.parse(JSON.stringify(set)))).toEqual(set);
  });

  it('rotates: new current keys, the old ones kept for verification only, one older cookie key kept', async () => {
    const first = await createSigningKeySet();
    const second = await rotateSigningKeys(first);
    const third = await rotateSigningKeys(second);
    expect(second.previous).toEqual(first.current);
    expect(third.previous).toEqual(second.current);
    expect(third.current.map((k) => k.kid)).not.toEqual(expect.arrayContaining(second.current.map((k) => k.kid)));
    expect(third.cookieKeys).toEqual([expect.any(String), second.cookieKeys[0]]);

    // A token signed with a key before the rotation still verifies against the published set.
    const old = first.current[1]!;
    const jws = await new CompactSign(new TextEncoder().encode('hello')).setProtectedHeader({ alg: old.alg, kid: old.kid }).sign(await importJWK(old, old.alg));
    const published = publicJwks(second).keys.find((k) => k.kid === old.kid)!;
    expect(published).not.toHaveProperty('d');
    const { payload } = await compactVerify(jws, await importJWK(published, old.alg));
    expect(new TextDecoder().decode(payload)).toBe('hello');
  });

  it('refuses a persisted set that is not one', async () => {
    const set = await createSigningKeySet();
    const publicOnly = { ...set, current: publicJwks(set).keys };
    for (const bad of [null, 'text', {}, { ...set, current: [] }, publicOnly, { ...set, cookieKeys: ['short'] }, { ...set, rotatedAt: 'yesterday' }, { ...set, current: [{ ...set.current[0], alg: 'HS256' }] }]) {
      expect(parseSigningKeySet(bad)).toBeUndefined();
    }
  });
});
