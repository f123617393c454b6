import type { DeviceId, TenantId } from '../kernel/brand.js';
import { collectDeviceIds } from './collect-device-ids.js';
import type { AssignableKind, Assignment } from './model.js';
import type { AssignmentStore, AssignmentTargetingStore, DeviceIdPage } from './ports.js';

export type ItemDeviceReachStores = Pick<AssignmentStore, 'listAssignmentsOfItem'> & Pick<AssignmentTargetingStore, 'listGroupDeviceIds' | 'listTenantDeviceIds'>;

/** Collecting the devices whose desired state for items of one kind a change may alter. */
export interface ItemDeviceReach<I extends string> {
  /** Adds the devices the item's include assignments reach now and every device with a row for it. */
  item(itemId: I): Promise<void>;
  /** Adds every device with a row for the item (it may have to be removed). */
  withState(itemId: I): Promise<void>;
  /** The distinct items of this kind the assignments assign. */
  itemsOf(assignments: readonly Assignment[]): I[];
}

/**
 * Collects into `found`, read in keyset pages, the devices that items of `itemKind` reach.
 * Exclusions and filters are left to the per-device computation; each include target is read
 * once, and none after all devices were.
 */
export function itemDeviceReach<I extends string>(
  stores: ItemDeviceReachStores,
  tenantId: TenantId,
  found: Set<DeviceId>,
  itemKind: AssignableKind,
  listDeviceIdsWithState: (itemId: I, page: DeviceIdPage) => Promise<readonly DeviceId[]>,
): ItemDeviceReach<I> {
  const reached = new Set<string>();
  const reach = async (assignments: readonly Assignment[]): Promise<void> => {
    for (const a of assignments) {
      if (a.mode !== 'include') continue;
      const key = a.target.type === 'group' ? a.target.groupId : a.target.type;
      if (reached.has(key) || reached.has('allDevices')) continue;
      reached.add(key);
      const target = a.target;
      if (target.type === 'group') await collectDeviceIds(found, (page) => stores.listGroupDeviceIds(tenantId, target.groupId, page));
      else await collectDeviceIds(found, (page) => stores.listTenantDeviceIds(tenantId, { ...page, withPrimaryUser: target.type === 'allUsers' }));
    }
  };
  const withState = (itemId: I): Promise<void> => collectDeviceIds(found, (page) => listDeviceIdsWithState(itemId, page));
  return {
    async item(itemId) {
      await reach(await stores.listAssignmentsOfItem(tenantId, itemKind, itemId));
      await withState(itemId);
    },
    withState,
    itemsOf: (assignments) => [...new Set(assignments.filter((a) => a.itemKind === itemKind).map((a) => a.itemId as I))],
  };
}
