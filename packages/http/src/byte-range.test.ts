import { describe, expect, it } from 'vitest';
import { ifNoneMatchMatches, ifRangeAllows, parseRange } from './byte-range.js';

describe('parseRange', () => {
  it.each([
    ['bytes=0-499', 1000, { start: 0, end: 499 }],
    ['bytes=500-', 1000, { start: 500, end: 999 }],
    ['bytes=500-99999', 1000, { start: 500, end: 999 }],
    ['bytes=-200', 1000, { start: 800, end: 999 }],
    ['bytes=-5000', 1000, { start: 0, end: 999 }],
    ['bytes=999-999', 1000, { start: 999, end: 999 }],
    ['BYTES=0-0', 1, { start: 0, end: 0 }],
    ['bytes= 10-20 ', 1000, { start: 10, end: 20 }],
    ['bytes=0-9999999999999999999999', 1000, { start: 0, end: 999 }],
  ])('%s of %d bytes is %o', (header, size, range) => {
    expect(parseRange(header, size)).toEqual({ kind: 'range', range });
  });

  it.each([
    ['bytes=1000-', 1000],
    ['bytes=1000-2000', 1000],
    ['bytes=-0', 1000],
    ['bytes=0-', 0],
    ['bytes=-10', 0],
    ['bytes=99999999999999999999-', 1000],
  ])('%s of %d bytes is unsatisfiable', (header, size) => {
    expect(parseRange(header, size)).toEqual({ kind: 'unsatisfiable' });
  });

  it.each([
    [undefined],
    [''],
    ['bytes'],
    ['bytes='],
    ['bytes=-'],
    ['bytes=abc-def'],
    ['bytes=5-1'],
    ['bytes=0-1,5-9'],
    ['items=0-5'],
    ['bytes=0x10-20'],
    ['bytes=1e3-'],
    ['bytes=+5-10'],
    [`bytes=0-${'9'.repeat(300)}`],
  ])('ignores %s (the whole file is sent)', (header) => {
    expect(parseRange(header, 1000)).toEqual({ kind: 'none' });
  });
});

describe('ifRangeAllows', () => {
  const etag = `"${'a'.repeat(64)}"`;
  it('applies the range without the header or with the same strong tag', () => {
    expect(ifRangeAllows(undefined, etag)).toBe(true);
    expect(ifRangeAllows(` ${etag}`, etag)).toBe(true);
  });
  it('sends the whole file for another tag, a weak tag or a date', () => {
    expect(ifRangeAllows(`"${'b'.repeat(64)}"`, etag)).toBe(false);
    expect(ifRangeAllows(`W/${etag}`, etag)).toBe(false);
    expect(ifRangeAllows('Sun, 29 Nov 2026 16:00:00 GMT', etag)).toBe(false);
  });
});

describe('ifNoneMatchMatches', () => {
  const etag = '"abc"';
  it('matches the tag in a list, weakly, and the wildcard', () => {
    expect(ifNoneMatchMatches('"x", "abc"', etag)).toBe(true);
    expect(ifNoneMatchMatches('W/"abc"', etag)).toBe(true);
    expect(ifNoneMatchMatches('*', etag)).toBe(true);
  });
  it('does not match other tags or no header', () => {
    expect(ifNoneMatchMatches('"abcd"', etag)).toBe(false);
    expect(ifNoneMatchMatches(undefined, etag)).toBe(false);
  });
});
