import { describe, expect, it } from 'vitest';
import { compareVersions } from '../devices/version-key.js';
import { compareVersionToParts, versionParts } from './compare-version-parts.js';

describe('compareVersionToParts', () => {
  const versions = ['', '0', '1', '9', '10', '10.0', '10.2', '10.10', '14.2.1', '17', '17.0', '17.4 (21E219)', '22H2', '6.8.0-45-generic', ' 5', '+5', '-1', '- 5', '.5', '5.', '1..2', 'abc', '10.0.22631', '99999999999.1', '\u00a07.1', '1e5'];

  it('orders every pair exactly as compareVersions does', () => {
    for (const a of versions) {
      for (const b of versions) {
        const expected = compareVersions(a, b);
        expect([a, b, compareVersionToParts(a, versionParts(b))]).toEqual([a, b, expected]);
      }
    }
  });

  it('treats missing parts as zero', () => {
    expect(compareVersionToParts('17', versionParts('17.0.0'))).toBe(0);
    expect(compareVersionToParts('17.0.1', versionParts('17'))).toBe(1);
    expect(compareVersionToParts('16.9', versionParts('17'))).toBe(-1);
  });
});
