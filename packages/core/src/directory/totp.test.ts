import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Digests } from '../kernel/ports.js';
import { base32Decode, base32Encode, hotp, otpauthUri, verifyTotp } from './totp.js';

const digests: Digests = {
  sha256Hex: (d) => createHash('sha256').update(d).digest('hex'),
  hmac: (alg, key, data) => new Uint8Array(createHmac(alg, key).update(data).digest()),
  timingSafeEqual: (a, b) => a.length === b.length && timingSafeEqual(a, b),
};
// RFC 6238 appendix B: the SHA-1 seed is the ASCII "12345678901234567890".
const seed = new TextEncoder().encode('12345678901234567890');

describe('TOTP (RFC 6238)', () => {
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('matches the RFC test vector at %i s', (seconds, code) => {
    expect(hotp(seed, Math.floor(seconds / 30), digests)).toBe(code);
    expect(verifyTotp(seed, code, new Date(seconds * 1000), null, digests)).toBe(Math.floor(seconds / 30));
  });

  it('accepts one step of drift, refuses more, and refuses replays', () => {
    const at = new Date(1234567890 * 1000);
    const step = Math.floor(1234567890 / 30);
    expect(verifyTotp(seed, hotp(seed, step - 1, digests), at, null, digests)).toBe(step - 1);
    expect(verifyTotp(seed, hotp(seed, step + 2, digests), at, null, digests)).toBeUndefined();
    expect(verifyTotp(seed, hotp(seed, step, digests), at, step, digests)).toBeUndefined();
    expect(verifyTotp(seed, '12345', at, null, digests)).toBeUndefined();
    expect(verifyTotp(seed, '12345a', at, null, digests)).toBeUndefined();
  });

  it('round-trips base32 and builds an otpauth URI', () => {
    expect(base32Encode(seed)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq')).toEqual(seed);
    expect(base32Decode('not*base32')).toBeUndefined();
    expect(otpauthUri('Ward', 'ada@example.com', seed)).toBe('otpauth://totp/Ward:ada%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Ward&algorithm=SHA1&digits=6&period=30');
  });
});
