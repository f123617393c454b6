import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { assignableKinds, type AssignableKind, type Assignment } from './model.js';
import { authorizePolicyRead } from './policy-access.js';
import type { AssignmentStore } from './ports.js';

/** Which assignments to list: one item's, or every one of a kind. */
export interface ListAssignmentsInput {
  readonly itemKind: AssignableKind;
  readonly itemId?: string;
}

/** Assignments of one item, or of every item of a kind (a tenant has hundreds, so not paged). */
export async function listAssignments(deps: Deps<Pick<AssignmentStore, 'listAssignments' | 'listAssignmentsOfItem'>>, principal: Principal, input: ListAssignmentsInput): Promise<Result<readonly Assignment[], ErrorCode>> {
  const allowed = authorizePolicyRead(principal);
  if (!allowed.ok) return allowed;
  if (!assignableKinds.includes(input.itemKind)) return fail('INVALID_FILTER', `itemKind must be one of ${assignableKinds.join(', ')}.`, { field: 'itemKind' });
  const list = input.itemId === undefined ? await deps.stores.listAssignments(principal.tenantId, input.itemKind) : await deps.stores.listAssignmentsOfItem(principal.tenantId, input.itemKind, input.itemId);
  return ok(list);
}
