import type { DeviceStore } from '../devices/ports.js';
import type { GroupId, TenantId } from '../kernel/brand.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher, JobRequest } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { forEachCandidate } from './for-each-candidate.js';
import { enqueueMembershipChange, type MembershipChangeStores } from './membership-change-jobs.js';
import type { Group } from './model.js';
import type { GroupStore, UserStore } from './ports.js';
import { ruleMatches } from './refresh-memberships.js';

/** The job kind that fills a dynamic group from its rule. */
export const recomputeGroupJobKind = 'directory.recomputeGroup';

/** The job request for a group; repeated requests while one waits collapse into one. */
export function recomputeGroupJob(group: Pick<Group, 'id' | 'tenantId'>): JobRequest {
  return { kind: recomputeGroupJobKind, tenantId: group.tenantId, payload: { groupId: group.id }, uniqueKey: `${recomputeGroupJobKind}:${group.id}` };
}

export type RecomputeGroupStores = Pick<GroupStore, 'getGroup' | 'listMembers' | 'addMembers' | 'removeMembers'> &
  Pick<UserStore, 'listUsers' | 'getUsers'> &
  Pick<DeviceStore, 'listDevices'> &
  MembershipChangeStores &
  EventPublisher;

/**
 * Evaluates a dynamic group's rule over every user or device of the tenant and applies the
 * difference to its membership in one transaction. Reads happen outside it, so writers are held
 * only for the (small) difference. If the rule changed meanwhile, the newer job corrects it.
 */
export async function recomputeGroupMembers(
  deps: Deps<RecomputeGroupStores>,
  tenantId: TenantId,
  groupId: string,
  onProgress?: (evaluated: number) => void,
): Promise<Result<{ readonly members: number; readonly added: number; readonly removed: number }, ErrorCode>> {
  const group = await deps.stores.getGroup(tenantId, groupId as GroupId);
  if (group === undefined) return fail('GROUP_NOT_FOUND', `No group with id ${groupId}.`);
  if (group.membershipType !== 'dynamic') return ok({ members: group.memberCount, added: 0, removed: 0 });
  const desired = new Set<string>();
  let evaluated = 0;
  await forEachCandidate(deps.stores, tenantId, group.memberType, (candidates) => {
    for (const c of candidates) if (ruleMatches(group, c.user, c.device)) desired.add(c.memberId);
    evaluated += candidates.length;
    onProgress?.(evaluated);
    return true;
  });
  const current = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await deps.stores.listMembers(tenantId, group.id, { limit: 1000, ...(cursor === undefined ? {} : { cursor }) });
    for (const m of page.items) current.add(m.memberId);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  const toAdd = [...desired].filter((id) => !current.has(id));
  const toRemove = [...current].filter((id) => !desired.has(id));
  await deps.tx.transaction(async (s) => {
    const now = deps.clock.now();
    for (let i = 0; i < toAdd.length; i += 500) {
      await s.addMembers(tenantId, group.id, toAdd.slice(i, i + 500).map((memberId) => ({ memberType: group.memberType, memberId })), now);
    }
    for (let i = 0; i < toRemove.length; i += 500) {
      await s.removeMembers(tenantId, group.id, toRemove.slice(i, i + 500).map((memberId) => ({ memberType: group.memberType, memberId })));
    }
    if (toAdd.length + toRemove.length > 0) {
      // Exactly the members that changed, not the whole group: a rule edit that moves ten devices recomputes ten.
      await enqueueMembershipChange(s, tenantId, group, [...toAdd, ...toRemove]);
      s.publish({ type: 'group.membersChanged', tenantId, subject: group.id });
    }
  });
  return ok({ members: desired.size, added: toAdd.length, removed: toRemove.length });
}
