import { describe, expect, it } from 'vitest';
import { encodePlist } from '../plist/encode-plist.js';
import { parsePlist } from '../plist/parse-plist.js';
import { PlistReal } from '../plist/plist-value.js';
import { CommandPayloadError, jsonToPlist, plistToJson } from './plist-json.js';

describe('jsonToPlist', () => {
  it('carries data and dates in their wrappers, whole numbers as integers and the rest as reals', () => {
    const plist = jsonToPlist({ Payload: { $data: 'AAEC/w==' }, When: { $date: '2026-11-29T09:00:00Z' }, Count: 3, Ratio: 0.5, Flag: true, List: ['a', { $data: '' }], Nested: { $data: 'AA==', other: 1 } });
    const text = encodePlist(plist);
    expect(text).toMatch(/<data>\s*AAEC\/w==\s*<\/data>/);
    expect(text).toContain('<date>2026-11-29T09:00:00Z</date>');
    expect(text).toContain('<integer>3</integer>');
    expect(text).toContain('<real>0.5</real>');
    // An object with more keys than the wrapper is an ordinary dictionary.
    expect(parsePlist(text)).toMatchObject({ Nested: { $data: 'AA==', other: 1 } });
    expect(plist['Payload']).toEqual(Uint8Array.of(0, 1, 2, 255));
  });

  it('keeps a __proto__ key as data', () => {
    const parsed: Record<string, unknown> = JSON.parse('{"__proto__": {"polluted": true}}');
    const plist = jsonToPlist(parsed);
    expect(Object.keys(plist)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each([
    [{ a: null }, 'a'],
    [{ a: [1, Number.NaN] }, 'a[1]'],
    [{ a: { $data: 'not base64!' } }, 'a'],
    [{ a: { $data: 'AAA' } }, 'a'],
    [{ a: { $data: 12 } }, 'a'],
    [{ a: { $date: 'yesterday' } }, 'a'],
    [{ a: { $date: '2026-13-45T99:00:00Z' } }, 'a'],
    [{ a: { b: undefined } }, 'a.b'],
  ])('refuses %j at %s', (payload, path) => {
    expect(() => jsonToPlist(payload as Record<string, unknown>)).toThrow(expect.objectContaining({ name: 'CommandPayloadError', path }));
  });

  it('refuses nesting deeper than 64', () => {
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 100; i++) {
      const next: Record<string, unknown> = {};
      deep['x'] = next;
      deep = next;
    }
    expect(() => jsonToPlist(root)).toThrow(CommandPayloadError);
  });
});

describe('plistToJson', () => {
  it('is the inverse of jsonToPlist for wrapped values, and writes big integers as text', () => {
    const json = { Payload: { $data: 'AAEC/w==' }, When: { $date: '2026-11-29T09:00:00.000Z' }, Count: 3, List: ['x', false] };
    expect(plistToJson(jsonToPlist(json))).toEqual(json);
    expect(plistToJson({ Big: 2n ** 63n - 1n, Real: new PlistReal(2) })).toEqual({ Big: '9223372036854775807', Real: 2 });
  });

  it('drops a __proto__ key instead of setting a prototype', () => {
    const dict = Object.create(null) as Record<string, string>;
    dict['__proto__'] = 'x';
    dict['ok'] = 'y';
    const json = plistToJson(dict) as Record<string, unknown>;
    expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
    expect(json).toEqual({ ok: 'y' });
  });
});
