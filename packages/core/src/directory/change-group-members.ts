import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { DeviceStore } from '../devices/ports.js';
import type { DeviceId, UserId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { findGroupInScope } from './find-group-in-scope.js';
import { enqueueMembershipChange, type MembershipChangeStores } from './membership-change-jobs.js';
import type { GroupStore, UserStore } from './ports.js';

export type ChangeGroupMembersStores = Pick<GroupStore, 'getGroup' | 'addMembers' | 'removeMembers'> &
  Pick<UserStore, 'getUsers'> &
  Pick<DeviceStore, 'getDevices'> &
  MembershipChangeStores &
  AuditTrail &
  EventPublisher;

/** At most this many members change in one request; imports go through the CSV import. */
export const maxMemberChange = 1000;

/**
 * Adds or removes members of a static group. Every id must name an existing user or device of the
 * group's member type; one unknown id refuses the whole change.
 */
export async function changeGroupMembers(
  deps: Deps<ChangeGroupMembersStores>,
  principal: Principal,
  groupId: string,
  change: { readonly add?: readonly string[]; readonly remove?: readonly string[] },
): Promise<Result<{ readonly added: number; readonly removed: number }, ErrorCode>> {
  const add = [...new Set(change.add ?? [])];
  const remove = [...new Set(change.remove ?? [])];
  if (add.length + remove.length === 0) return fail('VALIDATION_FAILED', 'Name members to add or remove.');
  if (add.length + remove.length > maxMemberChange) return fail('VALIDATION_FAILED', `At most ${maxMemberChange} members change in one request.`);
  return deps.tx.transaction(async (s) => {
    const found = await findGroupInScope(s, principal, 'groups.write', groupId);
    if (!found.ok) return found;
    const group = found.value;
    if (group.membershipType !== 'static') return fail('GROUP_NOT_STATIC', 'Members of a dynamic group follow its rule; edit the rule instead.');
    if (add.length > 0) {
      const existing =
        group.memberType === 'user'
          ? (await s.getUsers(principal.tenantId, add as UserId[])).map((u) => u.id as string)
          : (await s.getDevices(principal.tenantId, add as DeviceId[])).map((d) => d.id as string);
      const known = new Set(existing);
      const unknown = add.filter((id) => !known.has(id));
      if (unknown.length > 0) {
        return fail(group.memberType === 'user' ? 'USER_NOT_FOUND' : 'DEVICE_NOT_FOUND', `No ${group.memberType} with id ${unknown[0] ?? ''}${unknown.length > 1 ? ` (and ${unknown.length - 1} more)` : ''}.`, { unknown: unknown.slice(0, 20) });
      }
    }
    const now = deps.clock.now();
    const added = add.length === 0 ? 0 : await s.addMembers(principal.tenantId, group.id, add.map((memberId) => ({ memberType: group.memberType, memberId })), now);
    const removed = remove.length === 0 ? 0 : await s.removeMembers(principal.tenantId, group.id, remove.map((memberId) => ({ memberType: group.memberType, memberId })));
    if (added + removed > 0) await enqueueMembershipChange(s, principal.tenantId, group, [...add, ...remove]);
    await recordAudit(s, principal, now, 'group.membersChanged', { type: 'group', id: group.id }, null, { memberType: group.memberType, added: add, removed: remove });
    s.publish({ type: 'group.membersChanged', tenantId: principal.tenantId, subject: group.id });
    return ok({ added, removed });
  });
}
