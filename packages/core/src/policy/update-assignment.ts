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

export type UpdateAssignmentStores = Pick<AssignmentStore, 'getAssignment' | 'updateAssignment'> & AssignmentReferenceStores & AuditTrail & EventPublisher & JobEnqueuer;

/** What may change on an assignment: its item and target are what it is (delete and re-create to change them). */
export interface AssignmentPatch {
  readonly mode?: string;
  readonly filter?: { readonly filterId: string; readonly mode: string } | null;
  readonly intent?: string;
}

/** Changes an assignment's mode, filter or intent. */
export async function updateAssignment(deps: Deps<UpdateAssignmentStores>, principal: Principal, id: string, patch: AssignmentPatch): Promise<Result<Assignment, ErrorCode>> {
  const allowed = authorizePolicyWrite(principal);
  if (!allowed.ok) return allowed;
  return deps.tx.transaction(async (s) => {
    const before = await s.getAssignment(principal.tenantId, id as AssignmentId);
    if (before === undefined) return fail('ASSIGNMENT_NOT_FOUND', `No assignment with id ${id}.`);
    const valid = validateAssignmentInput({
      itemKind: before.itemKind,
      itemId: before.itemId,
      target: before.target,
      mode: patch.mode ?? before.mode,
      filter: patch.filter === undefined ? before.filter : patch.filter,
      intent: patch.intent ?? before.intent,
    });
    if (!valid.ok) return valid;
    const refs = await checkAssignmentReferences(s, principal.tenantId, valid.value);
    if (!refs.ok) return refs;
    const after: Assignment = { ...before, mode: valid.value.mode, filter: valid.value.filter, intent: valid.value.intent };
    if (!(await s.updateAssignment(after))) return fail('ASSIGNMENT_NOT_FOUND', `No assignment with id ${id}.`);
    await recordAudit(s, principal, deps.clock.now(), 'assignment.updated', { type: 'assignment', id: after.id }, before, after);
    s.publish({ type: 'assignment.changed', tenantId: principal.tenantId, subject: after.id });
    await s.enqueue(assignmentChangeJob(principal.tenantId, after));
    return ok(after);
  });
}
