import { describe, expect, it } from 'vitest';
import { normalizeSerialNumber, randomSerialNumber } from './serial-number.js';

describe('serial numbers', () => {
  it('are random, 16 bytes, positive, with a non-zero first byte', () => {
    const serials = Array.from({ length: 200 }, randomSerialNumber);
    expect(new Set(serials).size).toBe(200);
    for (const serial of serials) {
      expect(serial).toMatch(/^[0-9a-f]{32}$/);
      const first = Number.parseInt(serial.slice(0, 2), 16);
      expect(first).toBeGreaterThanOrEqual(1);
      expect(first).toBeLessThanOrEqual(0x7f);
      expect(normalizeSerialNumber(serial)).toBe(serial);
    }
  });

  it.each([
    ['ABCDEF', 'abcdef'],
    ['0x0abc', '0abc'],
    ['00:00:01', '01'],
    ['fff', '0fff'],
    [`ff${'00'.repeat(18)}`, `ff${'00'.repeat(18)}`],
  ])('normalise %s to %s', (input, expected) => {
    expect(normalizeSerialNumber(input)).toBe(expected);
  });

  it.each([['', 'empty'], ['0', 'zero'], ['g1', 'not hex'], [`80${'00'.repeat(19)}`, '21 octets with the sign byte']])('refuse %s (%s)', (input) => {
    expect(() => normalizeSerialNumber(input)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
