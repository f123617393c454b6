import type { UserId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { ok, type Result } from '../kernel/result.js';
import { authorize } from './authorize.js';
import type { RoleAssignment, User } from './model.js';
import type { RoleAssignmentStore, UserStore } from './ports.js';

/** An admin and their roles. */
export interface Admin {
  readonly user: User;
  readonly roles: readonly RoleAssignment[];
}

/**
 * Every admin of the tenant with their roles. Admins are few (tens, not thousands), so this list
 * is whole rather than paged.
 */
export async function listAdmins(deps: Deps<Pick<RoleAssignmentStore, 'listAllRoleAssignments'> & Pick<UserStore, 'getUsers'>>, principal: Principal): Promise<Result<readonly Admin[], ErrorCode>> {
  const scope = authorize(principal, 'directory.read');
  if (!scope.ok) return scope;
  const assignments = await deps.stores.listAllRoleAssignments(principal.tenantId);
  const byUser = new Map<UserId, RoleAssignment[]>();
  for (const a of assignments) byUser.set(a.userId, [...(byUser.get(a.userId) ?? []), a]);
  const users = await deps.stores.getUsers(principal.tenantId, [...byUser.keys()]);
  return ok(users.map((user) => ({ user, roles: byUser.get(user.id) ?? [] })).sort((a, b) => a.user.email.localeCompare(b.user.email)));
}
