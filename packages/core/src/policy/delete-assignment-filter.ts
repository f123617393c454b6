import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { AssignmentFilterId } from './model.js';
import { authorizePolicyWrite } from './policy-access.js';
import type { AssignmentFilterStore, AssignmentStore } from './ports.js';

export type DeleteAssignmentFilterStores = Pick<AssignmentFilterStore, 'getAssignmentFilter' | 'deleteAssignmentFilter'> & Pick<AssignmentStore, 'listAssignmentsOfFilter'> & AuditTrail;

/** Deletes a filter that no assignment uses (ASSIGNMENT_FILTER_IN_USE otherwise, naming how many do). */
export async function deleteAssignmentFilter(deps: Deps<DeleteAssignmentFilterStores>, principal: Principal, id: string): Promise<Result<{ readonly deleted: true }, ErrorCode>> {
  const allowed = authorizePolicyWrite(principal);
  if (!allowed.ok) return allowed;
  return deps.tx.transaction(async (s) => {
    const filter = await s.getAssignmentFilter(principal.tenantId, id as AssignmentFilterId);
    if (filter === undefined) return fail('ASSIGNMENT_FILTER_NOT_FOUND', `No assignment filter with id ${id}.`);
    const users = await s.listAssignmentsOfFilter(principal.tenantId, filter.id);
    if (users.length > 0) return fail('ASSIGNMENT_FILTER_IN_USE', `${users.length} assignment${users.length === 1 ? ' uses' : 's use'} filter ${filter.name}; change them first.`, { assignmentIds: users.slice(0, 20).map((a) => a.id) });
    await s.deleteAssignmentFilter(principal.tenantId, filter.id);
    await recordAudit(s, principal, deps.clock.now(), 'assignmentFilter.deleted', { type: 'assignmentFilter', id: filter.id }, filter, null);
    return ok({ deleted: true as const });
  });
}
