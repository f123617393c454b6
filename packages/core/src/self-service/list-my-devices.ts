import type { DeviceStore } from '../devices/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { clampLimit, type Page } from '../kernel/pagination.js';
import { ok, type Result } from '../kernel/result.js';
import { myDeviceOf, type MyDevice } from './my-device.js';
import { selfOf } from './own-device.js';

/** Which page of the caller's devices. */
export interface ListMyDevicesInput {
  readonly limit?: number;
  readonly cursor?: string;
}

/**
 * One page of the devices whose primary user is the caller, by name, each with its compliance
 * state. Retired devices stay listed (as retired) so the person sees that a removal took effect.
 */
export async function listMyDevices(deps: Deps<Pick<DeviceStore, 'listDevices'>>, principal: Principal, input: ListMyDevicesInput = {}): Promise<Result<Page<MyDevice>, ErrorCode>> {
  const self = selfOf(principal);
  if (!self.ok) return self;
  const page = await deps.stores.listDevices(principal.tenantId, { primaryUserId: self.value }, {
    limit: clampLimit(input.limit),
    sort: 'name',
    order: 'asc',
    ...(input.cursor === undefined ? {} : { cursor: input.cursor }),
  });
  return ok({ items: page.items.map(myDeviceOf), nextCursor: page.nextCursor });
}
