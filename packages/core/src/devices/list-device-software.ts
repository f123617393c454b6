import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { clampLimit, type Page } from '../kernel/pagination.js';
import { ok, type Result } from '../kernel/result.js';
import { findDeviceInScope } from './find-device-in-scope.js';
import type { DeviceSoftwareStore, DeviceStore } from './ports.js';
import type { InstalledSoftware } from './software.js';

/** One page of a device's installed software, by name. Personal devices report none. */
export async function listDeviceSoftware(
  deps: Deps<Pick<DeviceStore, 'getDevice' | 'isDeviceWithinGroups'> & Pick<DeviceSoftwareStore, 'listDeviceSoftware'>>,
  principal: Principal,
  deviceId: string,
  input: { readonly q?: string; readonly limit?: number; readonly cursor?: string },
): Promise<Result<Page<InstalledSoftware>, ErrorCode>> {
  const found = await findDeviceInScope(deps.stores, principal, 'devices.read', deviceId);
  if (!found.ok) return found;
  const page = await deps.stores.listDeviceSoftware(found.value.tenantId, found.value.id, {
    limit: clampLimit(input.limit),
    ...(input.q === undefined ? {} : { q: input.q }),
    ...(input.cursor === undefined ? {} : { cursor: input.cursor }),
  });
  return ok(page);
}
