import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { clampLimit, type Page, type SortOrder } from '../kernel/pagination.js';
import { ok, type Result } from '../kernel/result.js';
import { authorize } from './authorize.js';
import type { Group } from './model.js';
import type { GroupFilter, GroupSort, GroupStore } from './ports.js';

/** A request for a page of groups. */
export interface ListGroupsInput {
  readonly filter?: GroupFilter;
  readonly limit?: number;
  readonly cursor?: string;
  readonly sort?: GroupSort;
  readonly order?: SortOrder;
}

/**
 * One page of groups. Group names are not secret within a tenant: scoped admins see the list so
 * they can read assignments, but can only change their own scope groups.
 */
export async function listGroups(deps: Deps<Pick<GroupStore, 'listGroups'>>, principal: Principal, input: ListGroupsInput): Promise<Result<Page<Group>, ErrorCode>> {
  const scope = authorize(principal, 'directory.read');
  if (!scope.ok) return scope;
  const page = await deps.stores.listGroups(principal.tenantId, input.filter ?? {}, {
    limit: clampLimit(input.limit),
    sort: input.sort ?? 'name',
    order: input.order ?? 'asc',
    ...(input.cursor === undefined ? {} : { cursor: input.cursor }),
  });
  return ok(page);
}
