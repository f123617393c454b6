import { describe, expect, it } from 'vitest';
import { compareVersions, versionKey } from './version-key.js';

describe('versionKey', () => {
  it('sorts versions numerically as text', () => {
    const versions = ['10.10', '10.2', '9', '17.4.1', '17.4', '22H2', '6.8.0-45-generic'];
    const sorted = [...versions].sort((a, b) => (versionKey(a) ?? '').localeCompare(versionKey(b) ?? ''));
    expect(sorted).toEqual(['6.8.0-45-generic', '9', '10.2', '10.10', '17.4', '17.4.1', '22H2']);
    expect(versionKey('no digits')).toBeNull();
  });

  it('compares with missing parts as zero', () => {
    expect(compareVersions('17', '17.0')).toBe(0);
    expect(compareVersions('17.0.1', '17')).toBe(1);
    expect(compareVersions('9.9', '10')).toBe(-1);
  });
});
