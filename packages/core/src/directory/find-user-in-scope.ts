import type { UserId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { authorize } from './authorize.js';
import type { Permission } from './roles.js';
import type { User } from './model.js';
import type { UserStore } from './ports.js';

/**
 * The user with this id if the principal holds `permission` over them. A user outside a scoped
 * admin's groups is reported as not found, so scopes do not leak who exists.
 */
export async function findUserInScope(
  stores: Pick<UserStore, 'getUser' | 'isUserWithinGroups'>,
  principal: Principal,
  permission: Permission,
  id: string,
): Promise<Result<User, ErrorCode>> {
  const scope = authorize(principal, permission);
  if (!scope.ok) return scope;
  const user = await stores.getUser(principal.tenantId, id as UserId);
  const notFound = fail('USER_NOT_FOUND', `No user with id ${id}.`);
  if (user === undefined) return notFound;
  if (scope.value.kind === 'groups' && !(await stores.isUserWithinGroups(principal.tenantId, user.id, scope.value.groupIds))) return notFound;
  return ok(user);
}
