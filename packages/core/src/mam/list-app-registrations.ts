import { authorize } from '../directory/authorize.js';
import type { UserStore } from '../directory/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { clampLimit, sortOrders, type Page, type SortOrder } from '../kernel/pagination.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { viewOf } from './app-registration-view.js';
import { appRegistrationStates, mamPolicyLimits, sdkLimits, type AppRegistrationView } from './model.js';
import { appRegistrationSorts, type AppRegistrationFilter, type AppRegistrationSort, type AppRegistrationStore } from './ports.js';

/** A request for a page of app registrations. */
export interface ListAppRegistrationsInput {
  readonly filter?: AppRegistrationFilter;
  readonly limit?: number;
  readonly cursor?: string;
  readonly sort?: AppRegistrationSort;
  readonly order?: SortOrder;
}

/**
 * One page of app registrations, newest first by default (without key shares). Needs
 * `devices.read`; an admin scoped to groups must filter by a user within them.
 */
export async function listAppRegistrations(
  deps: Deps<Pick<AppRegistrationStore, 'listAppRegistrations'> & Pick<UserStore, 'isUserWithinGroups'>>,
  principal: Principal,
  input: ListAppRegistrationsInput,
): Promise<Result<Page<AppRegistrationView>, ErrorCode>> {
  const scope = authorize(principal, 'devices.read');
  if (!scope.ok) return scope;
  const filter = input.filter ?? {};
  if (filter.userId !== undefined && (filter.userId.length === 0 || filter.userId.length > 64)) return fail('INVALID_FILTER', 'userId must be an id.', { field: 'userId' });
  if (filter.appIdentifier !== undefined && (filter.appIdentifier.length === 0 || filter.appIdentifier.length > mamPolicyLimits.appIdentifierLength)) return fail('INVALID_FILTER', 'appIdentifier is too long.', { field: 'appIdentifier' });
  if (filter.state !== undefined && !appRegistrationStates.includes(filter.state)) return fail('INVALID_FILTER', `state must be one of ${appRegistrationStates.join(', ')}.`, { field: 'state' });
  if (filter.deviceTag !== undefined && (filter.deviceTag.length === 0 || filter.deviceTag.length > sdkLimits.deviceTag.max)) return fail('INVALID_FILTER', 'deviceTag is too long.', { field: 'deviceTag' });
  if (scope.value.kind === 'groups') {
    if (filter.userId === undefined) return fail('FORBIDDEN', 'Admins scoped to groups list the app registrations of one user at a time (filter by userId).');
    if (!(await deps.stores.isUserWithinGroups(principal.tenantId, filter.userId, scope.value.groupIds))) return ok({ items: [], nextCursor: null });
  }
  const sort = input.sort ?? 'createdAt';
  const order = input.order ?? 'desc';
  if (!appRegistrationSorts.includes(sort)) return fail('INVALID_SORT', `sort must be one of ${appRegistrationSorts.join(', ')}.`, { field: 'sort' });
  if (!sortOrders.includes(order)) return fail('INVALID_SORT', 'order must be asc or desc.', { field: 'order' });
  const page = await deps.stores.listAppRegistrations(principal.tenantId, filter, { limit: clampLimit(input.limit), sort, order, ...(input.cursor === undefined ? {} : { cursor: input.cursor }) });
  return ok({ items: page.items.map(viewOf), nextCursor: page.nextCursor });
}
