import type { Device } from '../devices/model.js';
import type { DeviceStore } from '../devices/ports.js';
import type { TenantId } from '../kernel/brand.js';
import { evaluateRule } from '../expressions/evaluate-rule.js';
import { parseRule } from '../expressions/parse-rule.js';
import { groupRuleAttributes, memberAttributeReader } from './group-rule-attributes.js';
import type { Group, GroupMemberType, User } from './model.js';
import type { GroupStore, UserStore } from './ports.js';

/** What a membership refresh reads and writes. */
export type MembershipStores = Pick<GroupStore, 'listDynamicGroups' | 'groupsOfMember' | 'addMembers' | 'removeMembers'> &
  Pick<UserStore, 'getUser'> &
  Pick<DeviceStore, 'getDevice' | 'deviceIdsOfUser'>;

/** Whether a dynamic group's rule holds for a member; a rule that no longer parses holds for no one. */
export function ruleMatches(group: Group, user: User | undefined, device: Device | undefined): boolean {
  if (group.rule === null) return false;
  const parsed = parseRule(group.rule, groupRuleAttributes(group.memberType));
  return parsed.ok && evaluateRule(parsed.value, memberAttributeReader(user, device));
}

/**
 * Dynamic groups read once and reused across many members of one transaction (imports), where
 * re-reading them per row would double the queries. Only for work that does not change groups.
 */
export type DynamicGroupCache = Partial<Record<GroupMemberType, readonly Group[]>>;

async function refreshOne(stores: MembershipStores, tenantId: TenantId, memberType: GroupMemberType, memberId: string, user: User | undefined, device: Device | undefined, at: Date, cache?: DynamicGroupCache): Promise<void> {
  let groups = cache?.[memberType];
  if (groups === undefined) {
    groups = await stores.listDynamicGroups(tenantId, memberType);
    if (cache !== undefined) cache[memberType] = groups;
  }
  if (groups.length === 0) return;
  const current = new Set<string>(await stores.groupsOfMember(tenantId, { memberType, memberId }));
  const member = [{ memberType, memberId }];
  for (const group of groups) {
    const should = user !== undefined || device !== undefined ? ruleMatches(group, user, device) : false;
    if (should && !current.has(group.id)) await stores.addMembers(tenantId, group.id, member, at);
    if (!should && current.has(group.id)) await stores.removeMembers(tenantId, group.id, member);
  }
}

/**
 * Re-evaluates every dynamic group for one user, and the device groups of that user's devices
 * (their rules may read `user.*`). Called inside the transaction that changed the user, so
 * membership is never stale after a write. Cost: O(dynamic groups × the user's devices).
 */
export async function refreshUserMemberships(stores: MembershipStores, tenantId: TenantId, user: User, at: Date, cache?: DynamicGroupCache): Promise<void> {
  await refreshOne(stores, tenantId, 'user', user.id, user, undefined, at, cache);
  for (const deviceId of await stores.deviceIdsOfUser(tenantId, user.id)) {
    const device = await stores.getDevice(tenantId, deviceId);
    if (device !== undefined) await refreshOne(stores, tenantId, 'device', device.id, user, device, at, cache);
  }
}

/** Re-evaluates every dynamic device group for one device, in the transaction that changed it. */
export async function refreshDeviceMemberships(stores: MembershipStores, tenantId: TenantId, device: Device, at: Date): Promise<void> {
  const user = device.primaryUserId === null ? undefined : await stores.getUser(tenantId, device.primaryUserId);
  await refreshOne(stores, tenantId, 'device', device.id, user, device, at);
}
