import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodePlist } from './encode-plist.js';
import { parsePlist } from './parse-plist.js';
import { PlistError } from './plist-error.js';
import { PlistReal, type PlistValue } from './plist-value.js';

const testdata = new URL('../../testdata/', import.meta.url);
const fixtures = readdirSync(testdata).filter((name) => /\.(plist|mobileconfig)$/.test(name)).sort();
// Written by Apple's CoreFoundation (or laid out exactly as it writes): these re-encode byte for byte.
const appleWritten = ['Authenticate.1.plist', 'Error.result.plist', 'TokenUpdate.1.plist', 'enroll.example.mobileconfig'];

describe('encodePlist', () => {
  it('writes Apple\'s layout', () => {
    const text = encodePlist({ s: 'a<b>&c', i: 1, n: -5n, r: 1.5, w: new PlistReal(3), t: true, d: new Date(Date.UTC(2024, 4, 1, 12, 0, 0, 999)), b: new Uint8Array(60), e: [], o: {}, a: ['x'] });
    expect(text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n' +
        '<dict>\n\t<key>s</key>\n\t<string>a&lt;b&gt;&amp;c</string>\n\t<key>i</key>\n\t<integer>1</integer>\n\t<key>n</key>\n\t<integer>-5</integer>\n' +
        '\t<key>r</key>\n\t<real>1.5</real>\n\t<key>w</key>\n\t<real>3</real>\n\t<key>t</key>\n\t<true/>\n\t<key>d</key>\n\t<date>2024-05-01T12:00:00Z</date>\n' +
        `\t<key>b</key>\n\t<data>\n\t${'A'.repeat(68)}\n\t${'A'.repeat(12)}\n\t</data>\n` +
        '\t<key>e</key>\n\t<array/>\n\t<key>o</key>\n\t<dict/>\n\t<key>a</key>\n\t<array>\n\t\t<string>x</string>\n\t</array>\n</dict>\n</plist>\n',
    );
  });

  it('keeps insertion order and leaves out undefined optional properties', () => {
    const value = { b: 1, a: 2, skipped: undefined } as unknown as PlistValue;
    expect(parsePlist(encodePlist(value))).toEqual({ b: 1, a: 2 });
    expect(Object.keys(parsePlist(encodePlist(value)) as object)).toEqual(['b', 'a']);
  });

  it('round-trips every kind of value, including CR, special reals and 64-bit integers', () => {
    const value: PlistValue = {
      text: 'line\r\nnext\ttab é 🍏 ]]> &amp;',
      ints: [0, -1, Number.MAX_SAFE_INTEGER, 2n ** 64n - 1n, -(2n ** 63n)],
      reals: [0.1, -2.5e-300, new PlistReal(0), new PlistReal(-7), Number.NaN, Infinity, -Infinity],
      dates: [new Date(Date.UTC(1, 0, 1)), new Date(Date.UTC(9999, 11, 31, 23, 59, 59))],
      data: [new Uint8Array(0), new Uint8Array([255, 0, 128])],
      nested: { deeper: [{ x: [[[]]] }] },
      __proto__key: { ['__proto__']: 'data' },
    };
    expect(parsePlist(encodePlist(value))).toEqual(value);
  });

  it.each(fixtures)('round-trips %s', (name) => {
    const bytes = readFileSync(new URL(name, testdata));
    const value = parsePlist(bytes);
    const encoded = encodePlist(value);
    expect(parsePlist(encoded)).toEqual(value);
    expect(encodePlist(parsePlist(encoded))).toBe(encoded);
    if (appleWritten.includes(name)) expect(encoded).toBe(bytes.toString('utf8'));
  });

  it.each<[string, unknown]>([
    ['a control character', 'a\u0000b'],
    ['a lone surrogate', 'a\uD800b'],
    ['an invalid Date', new Date(Number.NaN)],
    ['a date before year 1', new Date(Date.UTC(-5, 0, 1))],
    ['an integer beyond 64 bits', 2n ** 64n],
    ['a whole number beyond 64 bits', 1e30],
    ['null', null],
    ['a function', () => 1],
    ['a cycle', (() => { const a: Record<string, unknown> = {}; a['self'] = a; return a; })()],
  ])('refuses %s with PLIST_UNENCODABLE', (_name, value) => {
    expect(() => encodePlist(value as PlistValue)).toThrow(PlistError);
    try {
      encodePlist(value as PlistValue);
    } catch (error) {
      expect((error as PlistError).code).toBe('PLIST_UNENCODABLE');
    }
  });
});
