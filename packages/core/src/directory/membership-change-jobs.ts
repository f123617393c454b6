import type { DeviceStore } from '../devices/ports.js';
import type { DeviceId, GroupId, TenantId, UserId } from '../kernel/brand.js';
import type { JobEnqueuer } from '../kernel/events.js';
import { desiredStateJob } from '../policy/desired-state-job.js';
import type { AssignmentStore } from '../policy/ports.js';
import type { GroupMemberType } from './model.js';

/** Device ids per desired-state job: a payload of tens of kilobytes, a recomputation of two chunks. */
export const devicesPerMembershipJob = 1000;

export type MembershipChangeStores = Pick<AssignmentStore, 'listAssignmentsOfGroup'> & Pick<DeviceStore, 'deviceIdsOfUser'> & JobEnqueuer;

/**
 * After members joined or left a group, inside the transaction that changed them: enqueues the
 * recomputation of exactly the devices concerned (the members of a device group; the devices
 * whose primary user is a member of a user group), whose profiles and compliance policies may
 * have changed with it. Nothing when no assignment targets the group: membership then decides
 * nothing, and an assignment made later recomputes its devices itself. Ids that cannot name a
 * device (a removal of garbage) are skipped. Cost: one query, plus one per user of a user group.
 * Returns how many devices were enqueued.
 */
export async function enqueueMembershipChange(
  s: MembershipChangeStores,
  tenantId: TenantId,
  group: { readonly id: GroupId; readonly memberType: GroupMemberType },
  memberIds: Iterable<string>,
): Promise<number> {
  if ((await s.listAssignmentsOfGroup(tenantId, group.id)).length === 0) return 0;
  const deviceIds = new Set<DeviceId>();
  for (const id of new Set(memberIds)) {
    if (id.length === 0 || id.length > 64) continue;
    if (group.memberType === 'device') deviceIds.add(id as DeviceId);
    else for (const deviceId of await s.deviceIdsOfUser(tenantId, id as UserId)) deviceIds.add(deviceId);
  }
  const sorted = [...deviceIds].sort();
  for (let i = 0; i < sorted.length; i += devicesPerMembershipJob) {
    await s.enqueue(desiredStateJob(tenantId, { type: 'devices', deviceIds: sorted.slice(i, i + devicesPerMembershipJob) }));
  }
  return sorted.length;
}
