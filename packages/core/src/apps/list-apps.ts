import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { clampLimit, type Page, type SortOrder } from '../kernel/pagination.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { authorizeAppRead } from './app-access.js';
import type { App } from './model.js';
import type { AppFilter, AppSort, AppStore } from './ports.js';

/** A request for a page of apps. */
export interface ListAppsInput {
  readonly filter?: AppFilter;
  readonly limit?: number;
  readonly cursor?: string;
  readonly sort?: AppSort;
  readonly order?: SortOrder;
}

/** One page of the catalog (keyset; `q` is a case-insensitive substring of name, publisher or identifier). */
export async function listApps(deps: Deps<Pick<AppStore, 'listApps'>>, principal: Principal, input: ListAppsInput = {}): Promise<Result<Page<App>, ErrorCode>> {
  const allowed = authorizeAppRead(principal);
  if (!allowed.ok) return allowed;
  const filter = input.filter ?? {};
  if (filter.q !== undefined && filter.q.length > 200) return fail('INVALID_FILTER', 'A search may be at most 200 characters long.', { field: 'q' });
  const page = await deps.stores.listApps(principal.tenantId, filter, {
    limit: clampLimit(input.limit),
    sort: input.sort ?? 'name',
    order: input.order ?? 'asc',
    ...(input.cursor === undefined ? {} : { cursor: input.cursor }),
  });
  return ok(page);
}
