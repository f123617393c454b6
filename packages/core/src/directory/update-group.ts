import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher, JobEnqueuer } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { findGroupInScope } from './find-group-in-scope.js';
import type { Group } from './model.js';
import type { GroupStore } from './ports.js';
import { recomputeGroupJob } from './recompute-group-members.js';
import { validateGroupFields, type GroupFields } from './validate-group-fields.js';

export type UpdateGroupStores = Pick<GroupStore, 'getGroup' | 'updateGroup'> & AuditTrail & EventPublisher & JobEnqueuer;

/** What may change on a group. Its member type is fixed: members of the other kind would be lost. */
export type GroupPatch = Partial<Omit<GroupFields, 'memberType'>>;

/**
 * Renames a group, edits its description, or changes its rule or membership type. A changed rule
 * (or a switch to dynamic) re-evaluates membership in the background; a switch to static keeps the
 * members the rule had produced, as a starting list.
 */
export async function updateGroup(deps: Deps<UpdateGroupStores>, principal: Principal, id: string, patch: GroupPatch): Promise<Result<Group, ErrorCode>> {
  return deps.tx.transaction(async (s) => {
    const found = await findGroupInScope(s, principal, 'groups.write', id);
    if (!found.ok) return found;
    const before = found.value;
    const membershipType = patch.membershipType ?? before.membershipType;
    const rule = patch.rule !== undefined ? patch.rule : membershipType === 'static' ? null : before.rule;
    const fields = validateGroupFields({ name: patch.name ?? before.name, description: patch.description ?? before.description, membershipType, memberType: before.memberType, rule });
    if (!fields.ok) return fields;
    const now = deps.clock.now();
    const after: Group = { ...before, ...fields.value, updatedAt: now };
    if (!(await s.updateGroup(after))) return fail('GROUP_NAME_TAKEN', `A group named ${after.name} exists already.`, { field: 'name' });
    if (after.membershipType === 'dynamic' && (after.rule !== before.rule || before.membershipType !== 'dynamic')) await s.enqueue(recomputeGroupJob(after));
    await recordAudit(s, principal, now, 'group.updated', { type: 'group', id: after.id }, before, after);
    s.publish({ type: 'group.changed', tenantId: principal.tenantId, subject: after.id });
    return ok(after);
  });
}
