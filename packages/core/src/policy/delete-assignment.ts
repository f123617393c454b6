import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher, JobEnqueuer } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { assignmentChangeJob } from './assignment-change-job.js';
import type { AssignmentId } from './model.js';
import { authorizePolicyWrite } from './policy-access.js';
import type { AssignmentStore } from './ports.js';

export type DeleteAssignmentStores = Pick<AssignmentStore, 'getAssignment' | 'deleteAssignment'> & AuditTrail & EventPublisher & JobEnqueuer;

/** Removes an assignment; devices it alone reached have the item removed in the background. */
export async function deleteAssignment(deps: Deps<DeleteAssignmentStores>, principal: Principal, id: string): Promise<Result<{ readonly deleted: true }, ErrorCode>> {
  const allowed = authorizePolicyWrite(principal);
  if (!allowed.ok) return allowed;
  return deps.tx.transaction(async (s) => {
    const assignment = await s.getAssignment(principal.tenantId, id as AssignmentId);
    if (assignment === undefined) return fail('ASSIGNMENT_NOT_FOUND', `No assignment with id ${id}.`);
    await s.deleteAssignment(principal.tenantId, assignment.id);
    await recordAudit(s, principal, deps.clock.now(), 'assignment.deleted', { type: 'assignment', id: assignment.id }, assignment, null);
    s.publish({ type: 'assignment.changed', tenantId: principal.tenantId, subject: assignment.id });
    await s.enqueue(assignmentChangeJob(principal.tenantId, assignment));
    return ok({ deleted: true as const });
  });
}
