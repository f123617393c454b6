import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher, JobEnqueuer } from '../kernel/events.js';
import { ok, type Result } from '../kernel/result.js';
import { assignmentChangeJob } from '../policy/assignment-change-job.js';
import type { AssignmentStore } from '../policy/ports.js';
import { findGroupInScope } from './find-group-in-scope.js';
import type { GroupStore } from './ports.js';

export type DeleteGroupStores = Pick<GroupStore, 'getGroup' | 'deleteGroup'> & Pick<AssignmentStore, 'listAssignmentsOfGroup'> & AuditTrail & EventPublisher & JobEnqueuer;

/**
 * Removes a group and its memberships (not its members). Its assignments go with it (the store
 * cascades them), so each profile and compliance policy assigned to it is recomputed: their jobs
 * find the devices that hold the item through the group (by their state rows and records) as
 * well as those its remaining assignments reach, including devices the group excluded.
 */
export async function deleteGroup(deps: Deps<DeleteGroupStores>, principal: Principal, id: string): Promise<Result<{ readonly deleted: true }, ErrorCode>> {
  return deps.tx.transaction(async (s) => {
    const found = await findGroupInScope(s, principal, 'groups.write', id);
    if (!found.ok) return found;
    const items = new Map<string, Parameters<typeof assignmentChangeJob>[1]>();
    for (const a of await s.listAssignmentsOfGroup(principal.tenantId, found.value.id)) items.set(`${a.itemKind}:${a.itemId}`, a);
    for (const item of items.values()) await s.enqueue(assignmentChangeJob(principal.tenantId, item));
    await s.deleteGroup(principal.tenantId, found.value.id);
    await recordAudit(s, principal, deps.clock.now(), 'group.deleted', { type: 'group', id: found.value.id }, found.value, null);
    s.publish({ type: 'group.changed', tenantId: principal.tenantId, subject: found.value.id });
    return ok({ deleted: true as const });
  });
}
