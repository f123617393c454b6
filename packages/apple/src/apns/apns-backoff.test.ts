import { describe, expect, it } from 'vitest';
import { apnsBackoffDelay } from './apns-backoff.js';
import { isApnsDeviceToken } from './apns-device-token.js';

const policy = { baseDelayMs: 100, maxDelayMs: 1000 };

describe('apnsBackoffDelay', () => {
  it('doubles from the base, caps, and keeps half of the wait fixed', () => {
    expect([1, 2, 3, 4, 5, 40].map((n) => apnsBackoffDelay(n, policy, () => 0))).toEqual([50, 100, 200, 400, 500, 500]);
    expect([1, 2, 3, 4, 5].map((n) => apnsBackoffDelay(n, policy, () => 0.999_999))).toEqual([100, 200, 400, 800, 1000].map((v) => expect.closeTo(v, 0) as unknown as number));
  });

  it('honours a server Retry-After up to the cap, and clamps a random source out of range', () => {
    expect(apnsBackoffDelay(1, policy, () => 0, 700)).toBe(700);
    expect(apnsBackoffDelay(1, policy, () => 0, 60_000)).toBe(1000);
    expect(apnsBackoffDelay(1, policy, () => 7)).toBe(100);
    expect(apnsBackoffDelay(1, policy, () => -1)).toBe(50);
  });
});

describe('isApnsDeviceToken', () => {
  it.each([
    ['a 32-byte token', 'a'.repeat(64), true],
    ['upper-case hex', 'AB'.repeat(32), true],
    ['an odd length', 'abc', false],
    ['non-hex', 'zz'.repeat(32), false],
    ['a path', '../'.repeat(20) + 'aa', false],
    ['empty', '', false],
    ['too long', 'a'.repeat(402), false],
  ])('%s', (_name, token, valid) => {
    expect(isApnsDeviceToken(token)).toBe(valid);
  });
});
