import type { DeviceId, GroupId, TenantId } from '../kernel/brand.js';
import type { DesiredStateChange } from './desired-state-job.js';
import type { Assignment, ProfileId } from './model.js';
import type { AssignmentStore, AssignmentTargetingStore, DeviceConfigurationStore, DeviceIdPage } from './ports.js';

export type AffectedDeviceStores = Pick<AssignmentStore, 'listAssignmentsOfItem' | 'listAssignmentsOfFilter' | 'listAssignmentsOfGroup'> &
  Pick<AssignmentTargetingStore, 'listGroupDeviceIds' | 'listTenantDeviceIds'> &
  Pick<DeviceConfigurationStore, 'listDeviceIdsWithProfileState'>;

/** Ids are read in keyset pages of this size. */
const pageSize = 5000;

/** Reads every page of a keyset-paged id list into `into`. */
export async function collectDeviceIds(into: Set<DeviceId>, read: (page: DeviceIdPage) => Promise<readonly DeviceId[]>): Promise<void> {
  let after: DeviceId | undefined;
  for (;;) {
    const ids = await read({ limit: pageSize, ...(after === undefined ? {} : { after }) });
    for (const id of ids) into.add(id);
    if (ids.length < pageSize) return;
    after = ids[ids.length - 1];
  }
}

/**
 * The devices whose desired configuration a change may alter, ascending. For a profile: the
 * devices its include assignments reach now (exclusions and filters are applied later, per
 * device) and every device that has a row for it (it may have to be removed). A filter or group
 * change is the union over the profiles assigned through it, plus, for a group, its current
 * devices. Read outside any transaction, in keyset pages.
 */
export async function findAffectedDevices(stores: AffectedDeviceStores, tenantId: TenantId, change: DesiredStateChange): Promise<DeviceId[]> {
  const found = new Set<DeviceId>();
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
  const profile = async (profileId: ProfileId): Promise<void> => {
    await reach(await stores.listAssignmentsOfItem(tenantId, 'profile', profileId));
    await collectDeviceIds(found, (page) => stores.listDeviceIdsWithProfileState(tenantId, profileId, page));
  };
  const profilesOf = (assignments: readonly Assignment[]): ProfileId[] => [...new Set(assignments.filter((a) => a.itemKind === 'profile').map((a) => a.itemId as ProfileId))];
  switch (change.type) {
    case 'profile':
      await profile(change.profileId);
      break;
    case 'filter':
      for (const id of profilesOf(await stores.listAssignmentsOfFilter(tenantId, change.filterId))) await profile(id);
      break;
    case 'group': {
      const groupId: GroupId = change.groupId;
      await collectDeviceIds(found, (page) => stores.listGroupDeviceIds(tenantId, groupId, page));
      for (const id of profilesOf(await stores.listAssignmentsOfGroup(tenantId, groupId))) await collectDeviceIds(found, (page) => stores.listDeviceIdsWithProfileState(tenantId, id, page));
      break;
    }
    case 'devices':
      for (const id of change.deviceIds) found.add(id);
      break;
  }
  return [...found].sort();
}
