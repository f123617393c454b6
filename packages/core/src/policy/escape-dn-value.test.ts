import { describe, expect, it } from 'vitest';
import { escapeDnValue } from './variables.js';

describe('escapeDnValue', () => {
  it('keeps a value that needs nothing', () => {
    expect(escapeDnValue('ada@example.com')).toBe('ada@example.com');
  });

  it('escapes what would end the value or add an attribute (RFC 4514)', () => {
    expect(escapeDnValue('x,CN=admin')).toBe('x\\,CN\\=admin');
    expect(escapeDnValue('a+b;c"d<e>f\\g')).toBe('a\\+b\\;c\\"d\\<e\\>f\\\\g');
  });

  it('escapes a leading # or space and a trailing space', () => {
    expect(escapeDnValue('#hash')).toBe('\\#hash');
    expect(escapeDnValue(' lead')).toBe('\\ lead');
    expect(escapeDnValue('trail ')).toBe('trail\\ ');
  });
});
