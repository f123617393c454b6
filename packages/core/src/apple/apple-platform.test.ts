import { describe, expect, it } from 'vitest';
import { applePlatform } from './apple-platform.js';

describe('applePlatform', () => {
  it('reads the platform from the model identifier', () => {
    expect(applePlatform('iPad2,5')).toBe('ipados');
    expect(applePlatform('iPhone15,2')).toBe('ios');
    expect(applePlatform('iPod9,1')).toBe('ios');
    expect(applePlatform('MacBookPro18,3')).toBe('macos');
    expect(applePlatform('Mac14,2')).toBe('macos');
    expect(applePlatform('VirtualMac2,1')).toBe('macos');
  });

  it('refuses what Ward does not manage, and junk', () => {
    for (const name of ['AppleTV11,1', 'Watch6,1', 'RealityDevice14,1', '', 'iPhone', 'x'.repeat(10_000), 'iPad\n2,5']) expect(applePlatform(name)).toBeUndefined();
  });
});
