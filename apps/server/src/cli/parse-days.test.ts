import { describe, expect, it } from 'vitest';
import { parseDays } from './parse-days.js';

describe('parseDays', () => {
  it('reads days, weeks, months, years and bare numbers', () => {
    expect(parseDays('30d')).toBe(30);
    expect(parseDays('2w')).toBe(14);
    expect(parseDays('6m')).toBe(180);
    expect(parseDays('1Y')).toBe(365);
    expect(parseDays('90')).toBe(90);
  });

  it('refuses anything else', () => {
    for (const bad of ['', '0d', '-1d', '30 days', '1.5d', 'd', '30h']) expect(parseDays(bad)).toBeUndefined();
  });
});
