import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { ok, type Result } from '../kernel/result.js';
import type { AssignmentFilter } from './model.js';
import { authorizePolicyRead } from './policy-access.js';
import type { AssignmentFilterStore } from './ports.js';

/** Every assignment filter of the tenant, by name (a tenant has dozens, so the list is not paged). */
export async function listAssignmentFilters(deps: Deps<Pick<AssignmentFilterStore, 'listAssignmentFilters'>>, principal: Principal): Promise<Result<readonly AssignmentFilter[], ErrorCode>> {
  const allowed = authorizePolicyRead(principal);
  if (!allowed.ok) return allowed;
  return ok(await deps.stores.listAssignmentFilters(principal.tenantId));
}
