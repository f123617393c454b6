import type { DeviceId, GroupId, TenantId } from '../kernel/brand.js';
import type { DesiredStateChange } from './desired-state-job.js';
import { collectDeviceIds } from './collect-device-ids.js';
import { itemDeviceReach } from './item-device-reach.js';
import type { ProfileId } from './model.js';
import type { AssignmentStore, AssignmentTargetingStore, DeviceConfigurationStore } from './ports.js';

export type AffectedDeviceStores = Pick<AssignmentStore, 'listAssignmentsOfItem' | 'listAssignmentsOfFilter' | 'listAssignmentsOfGroup'> &
  Pick<AssignmentTargetingStore, 'listGroupDeviceIds' | 'listTenantDeviceIds'> &
  Pick<DeviceConfigurationStore, 'listDeviceIdsWithProfileState'>;

/**
 * The devices whose desired configuration a change may alter, ascending. For a profile: the
 * devices its include assignments reach now (exclusions and filters are applied later, per
 * device) and every device that has a row for it (it may have to be removed). A filter or group
 * change is the union over the profiles assigned through it, plus, for a group, its current
 * devices. Read outside any transaction, in keyset pages.
 */
export async function findAffectedDevices(stores: AffectedDeviceStores, tenantId: TenantId, change: DesiredStateChange): Promise<DeviceId[]> {
  const found = new Set<DeviceId>();
  const profiles = itemDeviceReach<ProfileId>(stores, tenantId, found, 'profile', (id, page) => stores.listDeviceIdsWithProfileState(tenantId, id, page));
  switch (change.type) {
    case 'profile':
      await profiles.item(change.profileId);
      break;
    case 'filter':
      for (const id of profiles.itemsOf(await stores.listAssignmentsOfFilter(tenantId, change.filterId))) await profiles.item(id);
      break;
    case 'group': {
      const groupId: GroupId = change.groupId;
      await collectDeviceIds(found, (page) => stores.listGroupDeviceIds(tenantId, groupId, page));
      for (const id of profiles.itemsOf(await stores.listAssignmentsOfGroup(tenantId, groupId))) await profiles.withState(id);
      break;
    }
    case 'devices':
      for (const id of change.deviceIds) found.add(id);
      break;
  }
  return [...found].sort();
}
