import { authorize } from '../directory/authorize.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { clampLimit, type Page, type SortOrder } from '../kernel/pagination.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { Device } from './model.js';
import type { DeviceFilter, DeviceSort, DeviceStore } from './ports.js';
import { versionKey } from './version-key.js';

/** A request for a page of devices. */
export interface ListDevicesInput {
  readonly filter?: Omit<DeviceFilter, 'withinGroups'>;
  readonly limit?: number;
  readonly cursor?: string;
  readonly sort?: DeviceSort;
  readonly order?: SortOrder;
}

/** One page of devices, restricted to the principal's scope. */
export async function listDevices(deps: Deps<Pick<DeviceStore, 'listDevices'>>, principal: Principal, input: ListDevicesInput): Promise<Result<Page<Device>, ErrorCode>> {
  const scope = authorize(principal, 'devices.read');
  if (!scope.ok) return scope;
  const filter = input.filter ?? {};
  for (const bound of ['osVersionMin', 'osVersionMax'] as const) {
    const v = filter[bound];
    if (v !== undefined && versionKey(v) === null) return fail('INVALID_FILTER', `${bound} must be a version such as 14.2.`, { field: bound });
  }
  if (filter.q !== undefined && filter.q.length > 200) return fail('INVALID_FILTER', 'A search may be at most 200 characters long.', { field: 'q' });
  const page = await deps.stores.listDevices(principal.tenantId, { ...filter, ...(scope.value.kind === 'groups' ? { withinGroups: scope.value.groupIds } : {}) }, {
    limit: clampLimit(input.limit),
    sort: input.sort ?? 'name',
    order: input.order ?? 'asc',
    ...(input.cursor === undefined ? {} : { cursor: input.cursor }),
  });
  return ok(page);
}
