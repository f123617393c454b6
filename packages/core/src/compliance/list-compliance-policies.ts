import { platforms } from '../devices/model.js';
import { authorize } from '../directory/authorize.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { clampLimit, sortOrders, type Page, type SortOrder } from '../kernel/pagination.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { CompliancePolicyView } from './model.js';
import { compliancePolicySorts, type CompliancePolicyFilter, type CompliancePolicySort, type CompliancePolicyStore } from './ports.js';
import { redactCompliancePolicy } from './redact-compliance-policy.js';

/** A request for a page of compliance policies. */
export interface ListCompliancePoliciesInput {
  readonly filter?: CompliancePolicyFilter;
  readonly limit?: number;
  readonly cursor?: string;
  readonly sort?: CompliancePolicySort;
  readonly order?: SortOrder;
}

/** One page of compliance policies, webhook secrets withheld. */
export async function listCompliancePolicies(deps: Deps<Pick<CompliancePolicyStore, 'listCompliancePolicies'>>, principal: Principal, input: ListCompliancePoliciesInput): Promise<Result<Page<CompliancePolicyView>, ErrorCode>> {
  const scope = authorize(principal, 'policy.read');
  if (!scope.ok) return scope;
  const filter = input.filter ?? {};
  if (filter.q !== undefined && filter.q.length > 200) return fail('INVALID_FILTER', 'A search may be at most 200 characters long.', { field: 'q' });
  if (filter.platform !== undefined && !platforms.includes(filter.platform)) return fail('INVALID_FILTER', `platform must be one of ${platforms.join(', ')}.`, { field: 'platform' });
  const sort = input.sort ?? 'name';
  const order = input.order ?? 'asc';
  if (!compliancePolicySorts.includes(sort)) return fail('INVALID_SORT', `sort must be one of ${compliancePolicySorts.join(', ')}.`, { field: 'sort' });
  if (!sortOrders.includes(order)) return fail('INVALID_SORT', 'order must be asc or desc.', { field: 'order' });
  const page = await deps.stores.listCompliancePolicies(principal.tenantId, filter, { limit: clampLimit(input.limit), sort, order, ...(input.cursor === undefined ? {} : { cursor: input.cursor }) });
  return ok({ items: page.items.map(redactCompliancePolicy), nextCursor: page.nextCursor });
}
