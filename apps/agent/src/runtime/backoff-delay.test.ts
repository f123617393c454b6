import { describe, expect, it } from 'vitest';
import { backoffDelay, defaultBackoff } from './backoff-delay.js';
import { jitteredInterval, MAX_CHECK_IN_SECONDS, MIN_CHECK_IN_SECONDS } from './jittered-interval.js';

const almostOne = () => 1 - Number.EPSILON;

describe('backoffDelay', () => {
  it('draws from [0, 1 s) first, doubling the window per failure, up to 5 min', () => {
    expect(backoffDelay(0, () => 0)).toBe(0);
    expect(backoffDelay(0, almostOne)).toBeLessThan(1_000);
    expect(backoffDelay(0, almostOne)).toBeGreaterThanOrEqual(999);
    expect(backoffDelay(1, almostOne)).toBeLessThan(2_000);
    expect(backoffDelay(1, almostOne)).toBeGreaterThanOrEqual(1_999);
    expect(backoffDelay(8, almostOne)).toBeLessThan(256_000);
    expect(backoffDelay(9, almostOne)).toBeLessThan(defaultBackoff.maxMs);
    expect(backoffDelay(9, almostOne)).toBeGreaterThanOrEqual(defaultBackoff.maxMs - 1);
    expect(backoffDelay(10_000, almostOne)).toBeLessThan(defaultBackoff.maxMs);
  });

  it('stays within its window for any random source, even a broken one', () => {
    for (const attempt of [0, 1, 5, 12, 100]) {
      const cap = Math.min(defaultBackoff.maxMs, defaultBackoff.baseMs * 2 ** attempt);
      for (const r of [0, 0.25, 0.5, 0.999, 1, 2, -1]) {
        const delay = backoffDelay(attempt, () => r);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(cap);
      }
    }
    expect(backoffDelay(-3, almostOne)).toBeLessThan(1_000);
  });

  it('is full jitter: the draw, not the attempt, sets where in the window it lands', () => {
    expect(backoffDelay(4, () => 0.5)).toBe(8_000);
    expect(backoffDelay(4, () => 0.1)).toBe(1_600);
  });
});

describe('jitteredInterval', () => {
  it('is the interval ±20%', () => {
    expect(jitteredInterval(900, () => 0)).toBe(720_000);
    expect(jitteredInterval(900, () => 0.5)).toBe(900_000);
    expect(jitteredInterval(900, () => 1)).toBe(1_080_000);
  });

  it('clamps nonsense intervals from the server', () => {
    expect(jitteredInterval(0, () => 0.5)).toBe(MIN_CHECK_IN_SECONDS * 1000);
    expect(jitteredInterval(-5, () => 0.5)).toBe(MIN_CHECK_IN_SECONDS * 1000);
    expect(jitteredInterval(10 ** 9, () => 0.5)).toBe(MAX_CHECK_IN_SECONDS * 1000);
    expect(jitteredInterval(Number.NaN, () => 0.5)).toBe(MAX_CHECK_IN_SECONDS * 1000);
  });
});
