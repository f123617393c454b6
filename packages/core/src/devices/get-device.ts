import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { Result } from '../kernel/result.js';
import { findDeviceInScope } from './find-device-in-scope.js';
import type { Device } from './model.js';
import type { DeviceStore } from './ports.js';

/** One device with its facts and raw inventory, within the principal's `devices.read` scope. */
export async function getDevice(deps: Deps<Pick<DeviceStore, 'getDevice' | 'isDeviceWithinGroups'>>, principal: Principal, id: string): Promise<Result<Device, ErrorCode>> {
  return findDeviceInScope(deps.stores, principal, 'devices.read', id);
}
