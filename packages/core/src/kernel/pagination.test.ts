import { describe, expect, it } from 'vitest';
import { clampLimit, decodeCursor, encodeCursor } from './pagination.js';

describe('cursors', () => {
  it('round-trip the position for the same sort and order', () => {
    const cursor = encodeCursor('name', 'asc', { value: 'zoë – laptop', id: '0193-abc' });
    expect(decodeCursor(cursor, 'name', 'asc')).toEqual({ ok: true, value: { value: 'zoë – laptop', id: '0193-abc' } });
    const numeric = encodeCursor('lastSeenAt', 'desc', { value: 1_700_000_000_000, id: 'x' });
    expect(decodeCursor(numeric, 'lastSeenAt', 'desc')).toEqual({ ok: true, value: { value: 1_700_000_000_000, id: 'x' } });
  });

  it('refuse a cursor made for another sort or order, or garbage', () => {
    const cursor = encodeCursor('name', 'asc', { value: 'a', id: '1' });
    for (const [c, s, o] of [
      [cursor, 'name', 'desc'],
      [cursor, 'lastSeenAt', 'asc'],
      ['%%%', 'name', 'asc'],
      ['bm90IGpzb24', 'name', 'asc'],
      [btoa(JSON.stringify({ s: 'name', o: 'asc', v: { evil: 1 }, i: '1' })), 'name', 'asc'],
      ['A'.repeat(5000), 'name', 'asc'],
    ] as const) {
      const r = decodeCursor(c, s, o);
      expect(r.ok ? 'ok' : r.code).toBe('INVALID_CURSOR');
    }
  });

  it('clamps page sizes', () => {
    expect(clampLimit(undefined)).toBe(50);
    expect(clampLimit(0)).toBe(50);
    expect(clampLimit(1.5)).toBe(50);
    expect(clampLimit(10_000)).toBe(500);
    expect(clampLimit(20)).toBe(20);
  });
});
