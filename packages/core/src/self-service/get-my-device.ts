import type { DeviceStore } from '../devices/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { ok, type Result } from '../kernel/result.js';
import { itAccessOf, type ItAccess } from './it-access.js';
import { myDeviceOf, type MyDevice } from './my-device.js';
import { findOwnDevice } from './own-device.js';

/** One of the caller's devices, with what IT can see and do on it. */
export interface MyDeviceDetail extends MyDevice {
  readonly itAccess: ItAccess;
}

/** The caller's device with this id; anyone else's is DEVICE_NOT_FOUND. */
export async function getMyDevice(deps: Deps<Pick<DeviceStore, 'getDevice'>>, principal: Principal, deviceId: string): Promise<Result<MyDeviceDetail, ErrorCode>> {
  const found = await findOwnDevice(deps.stores, principal, deviceId);
  if (!found.ok) return found;
  return ok({ ...myDeviceOf(found.value), itAccess: itAccessOf(found.value) });
}
