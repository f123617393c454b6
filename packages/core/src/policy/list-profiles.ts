import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { clampLimit, type Page, type SortOrder } from '../kernel/pagination.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { ProfileView } from './model.js';
import { authorizePolicyRead } from './policy-access.js';
import type { ProfileFilter, ProfileSort, ProfileStore } from './ports.js';
import { redactProfile } from './profile-secrets.js';

/** A request for a page of profiles. */
export interface ListProfilesInput {
  readonly filter?: ProfileFilter;
  readonly limit?: number;
  readonly cursor?: string;
  readonly sort?: ProfileSort;
  readonly order?: SortOrder;
}

/** One page of profiles, secrets redacted. */
export async function listProfiles(deps: Deps<Pick<ProfileStore, 'listProfiles'>>, principal: Principal, input: ListProfilesInput): Promise<Result<Page<ProfileView>, ErrorCode>> {
  const allowed = authorizePolicyRead(principal);
  if (!allowed.ok) return allowed;
  const filter = input.filter ?? {};
  if (filter.q !== undefined && filter.q.length > 200) return fail('INVALID_FILTER', 'A search may be at most 200 characters long.', { field: 'q' });
  const page = await deps.stores.listProfiles(principal.tenantId, filter, {
    limit: clampLimit(input.limit),
    sort: input.sort ?? 'name',
    order: input.order ?? 'asc',
    ...(input.cursor === undefined ? {} : { cursor: input.cursor }),
  });
  return ok({ items: page.items.map(redactProfile), nextCursor: page.nextCursor });
}
