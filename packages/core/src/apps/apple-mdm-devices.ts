import type { AppleEnrollmentStore } from '../apple/ports.js';
import type { Device } from '../devices/model.js';
import type { DeviceId, TenantId } from '../kernel/brand.js';

export type AppleMdmDeviceStores = Pick<AppleEnrollmentStore, 'listApplePushTargets'>;

const applePlatforms: ReadonlySet<string> = new Set(['ios', 'ipados', 'macos']);

/**
 * The devices among these that Apple MDM can deliver apps to: iOS, iPadOS or macOS with an
 * active enrollment that a push can wake (one query, and none at all when no device is an Apple
 * one). A device whose push token APNs has forgotten cannot be woken for its commands, so it
 * counts as not reachable until its next TokenUpdate.
 */
export async function appleMdmDevices(stores: AppleMdmDeviceStores, tenantId: TenantId, devices: readonly Pick<Device, 'id' | 'platform'>[]): Promise<ReadonlySet<DeviceId>> {
  const apple = devices.filter((d) => applePlatforms.has(d.platform)).map((d) => d.id);
  if (apple.length === 0) return new Set();
  return new Set((await stores.listApplePushTargets(tenantId, apple)).map((t) => t.deviceId));
}
