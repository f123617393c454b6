import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher, JobEnqueuer } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { assignmentChangeJob } from './assignment-change-job.js';
import { checkAssignmentReferences, type AssignmentReferenceStores } from './check-assignment-references.js';
import type { Assignment, AssignmentId } from './model.js';
import { authorizePolicyWrite } from './policy-access.js';
import type { AssignmentStore } from './ports.js';
import { validateAssignmentInput } from './validate-assignment-input.js';

export type CreateAssignmentStores = Pick<AssignmentStore, 'insertAssignment'> & AssignmentReferenceStores & AuditTrail & EventPublisher & JobEnqueuer;

/**
 * Assigns a profile or compliance policy to a group, all users or all devices, as an include or
 * an exclude, optionally narrowed by a filter. The devices concerned are recomputed in the
 * background. One item has at most one assignment per target (ASSIGNMENT_EXISTS).
 */
export async function createAssignment(deps: Deps<CreateAssignmentStores>, principal: Principal, input: unknown): Promise<Result<Assignment, ErrorCode>> {
  const allowed = authorizePolicyWrite(principal);
  if (!allowed.ok) return allowed;
  const valid = validateAssignmentInput(input);
  if (!valid.ok) return valid;
  return deps.tx.transaction(async (s) => {
    const refs = await checkAssignmentReferences(s, principal.tenantId, valid.value);
    if (!refs.ok) return refs;
    const now = deps.clock.now();
    const assignment: Assignment = { id: deps.ids.newId() as AssignmentId, tenantId: principal.tenantId, ...valid.value, createdAt: now };
    if (!(await s.insertAssignment(assignment))) return fail('ASSIGNMENT_EXISTS', `${refs.value.name} is already assigned to this target; change that assignment instead.`, { field: 'target' });
    await recordAudit(s, principal, now, 'assignment.created', { type: 'assignment', id: assignment.id }, null, assignment);
    s.publish({ type: 'assignment.changed', tenantId: principal.tenantId, subject: assignment.id });
    await s.enqueue(assignmentChangeJob(principal.tenantId, assignment));
    return ok(assignment);
  });
}
