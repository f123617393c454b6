import type { ErrorCode } from '../kernel/errors.js';
import { clampLimit, sortOrders, type PageRequest, type SortOrder } from '../kernel/pagination.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { mamPolicyLimits } from './model.js';
import { mamPolicySorts, type MamPolicyFilter, type MamPolicySort } from './ports.js';

/** A request for a page of app protection or app configuration policies. */
export interface ListMamPoliciesInput {
  readonly filter?: MamPolicyFilter;
  readonly limit?: number;
  readonly cursor?: string;
  readonly sort?: MamPolicySort;
  readonly order?: SortOrder;
}

/** The checked filter and page of a MAM policy list (name order by default). */
export function readMamPolicyListInput(input: ListMamPoliciesInput): Result<{ readonly filter: MamPolicyFilter; readonly page: PageRequest<MamPolicySort> }, ErrorCode> {
  const filter = input.filter ?? {};
  if (filter.q !== undefined && filter.q.length > 200) return fail('INVALID_FILTER', 'A search may be at most 200 characters long.', { field: 'q' });
  if (filter.appIdentifier !== undefined && (filter.appIdentifier.length === 0 || filter.appIdentifier.length > mamPolicyLimits.appIdentifierLength)) {
    return fail('INVALID_FILTER', `appIdentifier must have 1 to ${mamPolicyLimits.appIdentifierLength} characters.`, { field: 'appIdentifier' });
  }
  const sort = input.sort ?? 'name';
  const order = input.order ?? 'asc';
  if (!mamPolicySorts.includes(sort)) return fail('INVALID_SORT', `sort must be one of ${mamPolicySorts.join(', ')}.`, { field: 'sort' });
  if (!sortOrders.includes(order)) return fail('INVALID_SORT', 'order must be asc or desc.', { field: 'order' });
  return ok({ filter, page: { limit: clampLimit(input.limit), sort, order, ...(input.cursor === undefined ? {} : { cursor: input.cursor }) } });
}
