import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { GroupId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher, JobEnqueuer } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { authorize } from './authorize.js';
import type { Group } from './model.js';
import type { GroupStore } from './ports.js';
import { recomputeGroupJob } from './recompute-group-members.js';
import { validateGroupFields, type GroupFields } from './validate-group-fields.js';

export type CreateGroupStores = Pick<GroupStore, 'insertGroup'> & AuditTrail & EventPublisher & JobEnqueuer;

/** Creates a group. A dynamic group is filled by a background job that evaluates its rule. */
export async function createGroup(deps: Deps<CreateGroupStores>, principal: Principal, input: GroupFields): Promise<Result<Group, ErrorCode>> {
  const scope = authorize(principal, 'groups.write');
  if (!scope.ok) return scope;
  if (scope.value.kind !== 'tenant') return fail('FORBIDDEN', 'Admins scoped to groups cannot create groups.');
  const fields = validateGroupFields(input);
  if (!fields.ok) return fields;
  return deps.tx.transaction(async (s) => {
    const now = deps.clock.now();
    const group: Group = { id: deps.ids.newId() as GroupId, tenantId: principal.tenantId, ...fields.value, memberCount: 0, createdAt: now, updatedAt: now };
    if (!(await s.insertGroup(group))) return fail('GROUP_NAME_TAKEN', `A group named ${group.name} exists already.`, { field: 'name' });
    if (group.membershipType === 'dynamic') await s.enqueue(recomputeGroupJob(group));
    await recordAudit(s, principal, now, 'group.created', { type: 'group', id: group.id }, null, group);
    s.publish({ type: 'group.changed', tenantId: principal.tenantId, subject: group.id });
    return ok(group);
  });
}
