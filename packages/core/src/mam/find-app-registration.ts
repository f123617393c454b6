import { authorize } from '../directory/authorize.js';
import type { UserStore } from '../directory/ports.js';
import type { Permission } from '../directory/roles.js';
import type { Principal } from '../kernel/context.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { AppRegistration, AppRegistrationId } from './model.js';
import type { AppRegistrationStore } from './ports.js';

export type FindAppRegistrationStores = Pick<AppRegistrationStore, 'getAppRegistration'> & Pick<UserStore, 'isUserWithinGroups'>;

/**
 * The registration with this id if the principal holds `permission` over its user. Another
 * tenant's registration, or one of a user outside a scoped admin's groups, is reported as not
 * found, so neither leaks that it exists.
 */
export async function findAppRegistration(stores: FindAppRegistrationStores, principal: Principal, permission: Permission, id: string): Promise<Result<AppRegistration, ErrorCode>> {
  const scope = authorize(principal, permission);
  if (!scope.ok) return scope;
  const notFound = fail('APP_REGISTRATION_NOT_FOUND', `No app registration with id ${id.slice(0, 64)}.`);
  const registration = id.length > 64 ? undefined : await stores.getAppRegistration(principal.tenantId, id as AppRegistrationId);
  if (registration === undefined) return notFound;
  if (scope.value.kind === 'groups' && !(await stores.isUserWithinGroups(principal.tenantId, registration.userId, scope.value.groupIds))) return notFound;
  return ok(registration);
}
