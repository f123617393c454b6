import { describe, expect, it } from 'vitest';
import { bearerOf } from './authenticate.js';
import { commaList } from './comma-list.js';

describe('bearerOf', () => {
  it('takes the token of a Bearer header, scheme case-insensitive', () => {
    expect(bearerOf('Bearer wrd_at.abc.def')).toBe('wrd_at.abc.def');
    expect(bearerOf('bearer   tok ')).toBe('tok');
  });

  it.each([[undefined], [''], ['Bearer'], ['Bearer '], ['Basic dXNlcjpwYXNz'], ['Bearer two tokens'], [`Bearer ${'a'.repeat(513)}`], ['Bearer tök']])('refuses %j', (header) => {
    expect(bearerOf(header)).toBeUndefined();
  });
});

describe('commaList', () => {
  it('keeps the allowed values, once each, in the allowed order', () => {
    expect(commaList('ios,macos,ios', ['macos', 'ios', 'linux'] as const)).toEqual(['macos', 'ios']);
    expect(commaList(undefined, ['a'] as const)).toBeUndefined();
  });
});
