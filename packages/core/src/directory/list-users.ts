import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { clampLimit, type Page, type SortOrder } from '../kernel/pagination.js';
import { ok, type Result } from '../kernel/result.js';
import { authorize } from './authorize.js';
import type { User } from './model.js';
import type { UserFilter, UserSort, UserStore } from './ports.js';

/** A request for a page of users. */
export interface ListUsersInput {
  readonly filter?: Omit<UserFilter, 'withinGroups'>;
  readonly limit?: number;
  readonly cursor?: string;
  readonly sort?: UserSort;
  readonly order?: SortOrder;
}

/** One page of users, restricted to the principal's scope. */
export async function listUsers(deps: Deps<Pick<UserStore, 'listUsers'>>, principal: Principal, input: ListUsersInput): Promise<Result<Page<User>, ErrorCode>> {
  const scope = authorize(principal, 'directory.read');
  if (!scope.ok) return scope;
  const filter: UserFilter = { ...input.filter, ...(scope.value.kind === 'groups' ? { withinGroups: scope.value.groupIds } : {}) };
  const page = await deps.stores.listUsers(principal.tenantId, filter, {
    limit: clampLimit(input.limit),
    sort: input.sort ?? 'email',
    order: input.order ?? 'asc',
    ...(input.cursor === undefined ? {} : { cursor: input.cursor }),
  });
  return ok(page);
}
