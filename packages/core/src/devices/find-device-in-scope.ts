import { authorize } from '../directory/authorize.js';
import type { Permission } from '../directory/roles.js';
import type { DeviceId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { Device } from './model.js';
import type { DeviceStore } from './ports.js';

/** The device with this id if the principal holds `permission` over it; otherwise not found. */
export async function findDeviceInScope(
  stores: Pick<DeviceStore, 'getDevice' | 'isDeviceWithinGroups'>,
  principal: Principal,
  permission: Permission,
  id: string,
): Promise<Result<Device, ErrorCode>> {
  const scope = authorize(principal, permission);
  if (!scope.ok) return scope;
  const device = await stores.getDevice(principal.tenantId, id as DeviceId);
  const notFound = fail('DEVICE_NOT_FOUND', `No device with id ${id}.`);
  if (device === undefined) return notFound;
  if (scope.value.kind === 'groups' && !(await stores.isDeviceWithinGroups(principal.tenantId, device.id, scope.value.groupIds))) return notFound;
  return ok(device);
}
