import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import { evaluatePolicyDevicesJob } from '../compliance/compliance-jobs.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { JobEnqueuer } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { desiredStateJob } from './desired-state-job.js';
import type { AssignmentFilter, AssignmentFilterId } from './model.js';
import { authorizePolicyWrite } from './policy-access.js';
import type { AssignmentFilterStore, AssignmentStore } from './ports.js';
import { validateAssignmentFilterInput } from './validate-assignment-filter-input.js';

export type UpdateAssignmentFilterStores = Pick<AssignmentFilterStore, 'getAssignmentFilter' | 'updateAssignmentFilter'> & Pick<AssignmentStore, 'listAssignmentsOfFilter'> & AuditTrail & JobEnqueuer;

/**
 * Replaces a filter's definition. When its rule or platform changed, the devices of every
 * profile that uses it are recomputed, and every compliance policy that uses it re-evaluated.
 */
export async function updateAssignmentFilter(deps: Deps<UpdateAssignmentFilterStores>, principal: Principal, id: string, input: unknown): Promise<Result<AssignmentFilter, ErrorCode>> {
  const allowed = authorizePolicyWrite(principal);
  if (!allowed.ok) return allowed;
  const valid = validateAssignmentFilterInput(input);
  if (!valid.ok) return valid;
  return deps.tx.transaction(async (s) => {
    const before = await s.getAssignmentFilter(principal.tenantId, id as AssignmentFilterId);
    if (before === undefined) return fail('ASSIGNMENT_FILTER_NOT_FOUND', `No assignment filter with id ${id}.`);
    const now = deps.clock.now();
    const after: AssignmentFilter = { ...before, ...valid.value, updatedAt: now };
    if (!(await s.updateAssignmentFilter(after))) return fail('ASSIGNMENT_FILTER_NAME_TAKEN', `A filter named ${after.name} exists already.`, { field: 'name' });
    await recordAudit(s, principal, now, 'assignmentFilter.updated', { type: 'assignmentFilter', id: after.id }, before, after);
    if (after.rule !== before.rule || after.platform !== before.platform) {
      await s.enqueue(desiredStateJob(principal.tenantId, { type: 'filter', filterId: after.id }));
      const policies = new Set((await s.listAssignmentsOfFilter(principal.tenantId, after.id)).filter((a) => a.itemKind === 'compliancePolicy').map((a) => a.itemId));
      for (const policyId of policies) await s.enqueue(evaluatePolicyDevicesJob(principal.tenantId, policyId));
    }
    return ok(after);
  });
}
