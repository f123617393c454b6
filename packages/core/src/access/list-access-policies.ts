import { authorize } from '../directory/authorize.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { clampLimit, sortOrders, type Page, type SortOrder } from '../kernel/pagination.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { accessPolicyStates, type AccessPolicy } from './model.js';
import { accessPolicySorts, type AccessPolicyFilter, type AccessPolicySort, type AccessPolicyStore } from './ports.js';

/** A request for a page of conditional access policies. */
export interface ListAccessPoliciesInput {
  readonly filter?: AccessPolicyFilter;
  readonly limit?: number;
  readonly cursor?: string;
  readonly sort?: AccessPolicySort;
  readonly order?: SortOrder;
}

/** One page of conditional access policies. */
export async function listAccessPolicies(deps: Deps<Pick<AccessPolicyStore, 'listAccessPolicies'>>, principal: Principal, input: ListAccessPoliciesInput): Promise<Result<Page<AccessPolicy>, ErrorCode>> {
  const scope = authorize(principal, 'policy.read');
  if (!scope.ok) return scope;
  const filter = input.filter ?? {};
  if (filter.q !== undefined && filter.q.length > 200) return fail('INVALID_FILTER', 'A search may be at most 200 characters long.', { field: 'q' });
  if (filter.state !== undefined && !accessPolicyStates.includes(filter.state)) return fail('INVALID_FILTER', `state must be one of ${accessPolicyStates.join(', ')}.`, { field: 'state' });
  const sort = input.sort ?? 'name';
  const order = input.order ?? 'asc';
  if (!accessPolicySorts.includes(sort)) return fail('INVALID_SORT', `sort must be one of ${accessPolicySorts.join(', ')}.`, { field: 'sort' });
  if (!sortOrders.includes(order)) return fail('INVALID_SORT', 'order must be asc or desc.', { field: 'order' });
  const page = await deps.stores.listAccessPolicies(principal.tenantId, filter, { limit: clampLimit(input.limit), sort, order, ...(input.cursor === undefined ? {} : { cursor: input.cursor }) });
  return ok(page);
}
