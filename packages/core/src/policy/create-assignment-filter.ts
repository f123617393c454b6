import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { AssignmentFilter, AssignmentFilterId } from './model.js';
import { authorizePolicyWrite } from './policy-access.js';
import type { AssignmentFilterStore } from './ports.js';
import { validateAssignmentFilterInput } from './validate-assignment-filter-input.js';

export type CreateAssignmentFilterStores = Pick<AssignmentFilterStore, 'insertAssignmentFilter'> & AuditTrail;

/** Creates an assignment filter. Unused yet, it changes no device's desired state. */
export async function createAssignmentFilter(deps: Deps<CreateAssignmentFilterStores>, principal: Principal, input: unknown): Promise<Result<AssignmentFilter, ErrorCode>> {
  const allowed = authorizePolicyWrite(principal);
  if (!allowed.ok) return allowed;
  const valid = validateAssignmentFilterInput(input);
  if (!valid.ok) return valid;
  return deps.tx.transaction(async (s) => {
    const now = deps.clock.now();
    const filter: AssignmentFilter = { id: deps.ids.newId() as AssignmentFilterId, tenantId: principal.tenantId, ...valid.value, createdAt: now, updatedAt: now };
    if (!(await s.insertAssignmentFilter(filter))) return fail('ASSIGNMENT_FILTER_NAME_TAKEN', `A filter named ${filter.name} exists already.`, { field: 'name' });
    await recordAudit(s, principal, now, 'assignmentFilter.created', { type: 'assignmentFilter', id: filter.id }, null, filter);
    return ok(filter);
  });
}
