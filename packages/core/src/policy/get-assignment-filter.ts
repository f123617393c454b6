import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { AssignmentFilter, AssignmentFilterId } from './model.js';
import { authorizePolicyRead } from './policy-access.js';
import type { AssignmentFilterStore } from './ports.js';

/** One assignment filter. */
export async function getAssignmentFilter(deps: Deps<Pick<AssignmentFilterStore, 'getAssignmentFilter'>>, principal: Principal, id: string): Promise<Result<AssignmentFilter, ErrorCode>> {
  const allowed = authorizePolicyRead(principal);
  if (!allowed.ok) return allowed;
  const filter = await deps.stores.getAssignmentFilter(principal.tenantId, id as AssignmentFilterId);
  return filter === undefined ? fail('ASSIGNMENT_FILTER_NOT_FOUND', `No assignment filter with id ${id}.`) : ok(filter);
}
