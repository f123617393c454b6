import type { DeviceId, TenantId } from '../kernel/brand.js';
import { collectDeviceIds } from '../policy/collect-device-ids.js';
import { itemDeviceReach } from '../policy/item-device-reach.js';
import type { AssignmentStore, AssignmentTargetingStore } from '../policy/ports.js';
import type { AppDesiredStateChange } from './app-desired-state-job.js';
import type { AppId } from './model.js';
import type { DeviceAppStateStore } from './ports.js';

export type AppAffectedDeviceStores = Pick<AssignmentStore, 'listAssignmentsOfItem' | 'listAssignmentsOfFilter' | 'listAssignmentsOfGroup'> &
  Pick<AssignmentTargetingStore, 'listGroupDeviceIds' | 'listTenantDeviceIds'> &
  Pick<DeviceAppStateStore, 'listDeviceIdsWithAppState'>;

/**
 * The devices whose desired apps a change may alter, ascending. For an app: the devices its
 * include assignments reach now (exclusions and filters are applied later, per device) and every
 * device that has a row for it (it may have to be removed). A filter or group change is the union
 * over the apps assigned through it, plus, for a group, its current devices. Read outside any
 * transaction, in keyset pages.
 */
export async function findAppAffectedDevices(stores: AppAffectedDeviceStores, tenantId: TenantId, change: AppDesiredStateChange): Promise<DeviceId[]> {
  const found = new Set<DeviceId>();
  const apps = itemDeviceReach<AppId>(stores, tenantId, found, 'app', (id, page) => stores.listDeviceIdsWithAppState(tenantId, id, page));
  switch (change.type) {
    case 'app':
      await apps.item(change.appId);
      break;
    case 'filter':
      for (const id of apps.itemsOf(await stores.listAssignmentsOfFilter(tenantId, change.filterId))) await apps.item(id);
      break;
    case 'group': {
      const assigned = apps.itemsOf(await stores.listAssignmentsOfGroup(tenantId, change.groupId));
      // A group no app is assigned through changes no device's apps.
      if (assigned.length === 0) break;
      await collectDeviceIds(found, (page) => stores.listGroupDeviceIds(tenantId, change.groupId, page));
      for (const id of assigned) await apps.withState(id);
      break;
    }
    case 'devices':
      for (const id of change.deviceIds) found.add(id);
      break;
  }
  return [...found].sort();
}
