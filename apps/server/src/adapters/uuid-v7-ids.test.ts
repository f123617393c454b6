import { describe, expect, it } from 'vitest';
import { createUuidV7Ids } from './uuid-v7-ids.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('createUuidV7Ids', () => {
  it('makes version 7, RFC 9562 variant ids whose first 48 bits are the time', () => {
    const at = Date.UTC(2025, 0, 2, 3, 4, 5, 678);
    const id = createUuidV7Ids(() => at).newId();
    expect(id).toMatch(uuid);
    expect(parseInt(id.replaceAll('-', '').slice(0, 12), 16)).toBe(at);
  });

  it('sorts in creation order within one millisecond and when the clock steps back', () => {
    const times = [1000, 1000, 1000, 999, 1001, 1001, 1002];
    let i = 0;
    const ids = createUuidV7Ids(() => times[Math.min(i++, times.length - 1)]!);
    const made = Array.from({ length: 5000 }, () => ids.newId());
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(made.length);
  });

  it('moves to the next millisecond rather than overflow the counter', () => {
    const ids = createUuidV7Ids(() => 5);
    const made = Array.from({ length: 10_000 }, () => ids.newId());
    expect([...made].sort()).toEqual(made);
    for (const id of made) expect(id).toMatch(uuid);
  });

  it('gives random bytes of the asked length', () => {
    const ids = createUuidV7Ids();
    const a = ids.randomBytes(32);
    expect(a).toHaveLength(32);
    expect(Buffer.from(a).equals(Buffer.from(ids.randomBytes(32)))).toBe(false);
  });
});
