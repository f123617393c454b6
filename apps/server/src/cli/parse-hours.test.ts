import { describe, expect, it } from 'vitest';
import { parseHours } from './parse-hours.js';

describe('parseHours', () => {
  it.each([
    ['24h', 24],
    ['7d', 168],
    ['2w', 336],
    ['12', 12],
    [' 3D ', 72],
  ])('%s is %i hours', (text, hours) => {
    expect(parseHours(text)).toBe(hours);
  });

  it.each(['', '0h', '1y', '-1h', '1.5h', 'soon'])('refuses %j', (text) => {
    expect(parseHours(text)).toBeUndefined();
  });
});
