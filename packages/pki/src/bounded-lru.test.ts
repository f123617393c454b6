import { describe, expect, it } from 'vitest';
import { BoundedLru } from './bounded-lru.js';

describe('BoundedLru', () => {
  it('never holds more than its capacity, evicting the least recently used', () => {
    const lru = new BoundedLru<string, number>(3);
    for (let i = 0; i < 1000; i++) {
      lru.set(`k${i}`, i);
      expect(lru.size).toBeLessThanOrEqual(3);
    }
    expect(lru.size).toBe(3);
    expect([lru.get('k996'), lru.get('k997'), lru.get('k998'), lru.get('k999')]).toEqual([undefined, 997, 998, 999]);
  });

  it('counts a read as a use, so a busy entry survives a stream of new ones', () => {
    const lru = new BoundedLru<string, string>(2);
    lru.set('busy', 'device');
    for (let i = 0; i < 50; i++) {
      expect(lru.get('busy')).toBe('device');
      lru.set(`new-${i}`, 'x');
    }
    expect(lru.get('busy')).toBe('device');
    expect(lru.get('new-48')).toBeUndefined();
    expect(lru.get('new-49')).toBe('x');
  });

  it('replaces a value set twice without growing, and forgets a deleted key', () => {
    const lru = new BoundedLru<string, number>(2);
    lru.set('a', 1);
    lru.set('a', 2);
    expect(lru.size).toBe(1);
    expect(lru.get('a')).toBe(2);
    lru.delete('a');
    expect(lru.get('a')).toBeUndefined();
    expect(lru.size).toBe(0);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses capacity %s', (capacity) => {
    expect(() => new BoundedLru(capacity)).toThrow(RangeError);
  });
});
