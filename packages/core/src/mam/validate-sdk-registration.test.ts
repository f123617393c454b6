import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isP256Point } from './p256-point.js';
import { validateSdkRegistration } from './validate-sdk-registration.js';

function publicJwk(): { kty: string; crv: string; x: string; y: string } {
  const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
  return { kty: 'EC', crv: 'P-256', x: jwk.x ?? '', y: jwk.y ?? '' };
}

const key = publicJwk();
const body = {
  appId: 'com.ward.notes-demo',
  appVersion: '1.2.0',
  sdkVersion: '1.0.0',
  platform: 'web',
  deviceTag: 'AAAAAAAAAAAAAAAAAAAAAA',
  deviceName: 'Firefox on Linux',
  osName: 'linux',
  osVersion: '6.1',
  publicKey: key,
};

function fieldOf(input: unknown): unknown {
  const r = validateSdkRegistration(input);
  if (r.ok) return 'valid';
  expect(r.code).toBe('VALIDATION_FAILED');
  return r.details?.field;
}

describe('isP256Point', () => {
  it('accepts real keys and refuses points off the curve, out of the field or spelled two ways', () => {
    for (let i = 0; i < 5; i++) {
      const k = publicJwk();
      expect(isP256Point(k.x, k.y)).toBe(true);
    }
    expect(isP256Point(key.x, key.x)).toBe(false);
    // p itself (all ones in the top bits) is outside the field.
    expect(isP256Point('_____wAAAAEAAAAAAAAAAAAAAAD_______________8', key.y)).toBe(false);
    expect(isP256Point(key.x.slice(0, 42), key.y)).toBe(false);
    expect(isP256Point(`${key.x}A`, key.y)).toBe(false);
    expect(isP256Point(key.x.replace(/.$/, '+'), key.y)).toBe(false);
  });
});

describe('validateSdkRegistration', () => {
  it('reads a registration and keeps only the public key members it needs', () => {
    const r = validateSdkRegistration({ ...body, publicKey: { ...key, ext: true, key_ops: ['verify'] }, deviceName: undefined });
    expect(r).toEqual({ ok: true, value: { ...body, deviceName: null, publicKey: key } });
  });

  it('names the offending field of hostile or malformed bodies', () => {
    const cases: readonly [unknown, string][] = [
      [null, 'body'],
      ['text', 'body'],
      [{ ...body, admin: true }, 'body.admin'],
      [{ ...body, appId: '' }, 'appId'],
      [{ ...body, appId: 'a b' }, 'appId'],
      [{ ...body, appId: 'x'.repeat(256) }, 'appId'],
      [{ ...body, appVersion: '1.0 beta' }, 'appVersion'],
      [{ ...body, sdkVersion: 'x'.repeat(65) }, 'sdkVersion'],
      [{ ...body, platform: 'ios' }, 'platform'],
      [{ ...body, deviceTag: 'short' }, 'deviceTag'],
      [{ ...body, deviceTag: 'A'.repeat(65) }, 'deviceTag'],
      [{ ...body, deviceTag: `${'A'.repeat(21)}=` }, 'deviceTag'],
      [{ ...body, deviceName: 'x'.repeat(201) }, 'deviceName'],
      [{ ...body, deviceName: 'esc\u001b[31m' }, 'deviceName'],
      [{ ...body, osName: 'x'.repeat(65) }, 'osName'],
      [{ ...body, osVersion: '' }, 'osVersion'],
      [{ ...body, publicKey: { ...key, d: 'secret' } }, 'publicKey.d'],
      [{ ...body, publicKey: { ...key, kty: 'RSA' } }, 'publicKey.kty'],
      [{ ...body, publicKey: { ...key, crv: 'P-384' } }, 'publicKey.crv'],
      [{ ...body, publicKey: { ...key, y: key.x } }, 'publicKey'],
      [{ ...body, publicKey: { ...key, x: 1 } }, 'publicKey'],
      [{ ...body, publicKey: { ...key, n: 'AQAB' } }, 'publicKey.n'],
      [{ ...body, publicKey: 'jwk' }, 'publicKey'],
    ];
    for (const [input, field] of cases) expect(fieldOf(input), JSON.stringify(input).slice(0, 100)).toBe(field);
  });
});
