import type { Platform } from '../devices/model.js';

/**
 * The platform of an Apple device from its ProductName (the model identifier Authenticate
 * carries: `iPhone15,2`, `iPad13,1`, `MacBookPro18,3`, `Mac14,2`, `VirtualMac2,1`). Undefined
 * for Apple TV, Watch, Vision Pro and anything else Ward does not manage.
 */
export function applePlatform(productName: string): Extract<Platform, 'ios' | 'ipados' | 'macos'> | undefined {
  if (/^(iPhone|iPod)\d/.test(productName)) return 'ios';
  if (/^iPad\d/.test(productName)) return 'ipados';
  if (/^(Mac|iMac|MacBook|MacBookAir|MacBookPro|Macmini|MacPro|VirtualMac)\d/.test(productName)) return 'macos';
  return undefined;
}
