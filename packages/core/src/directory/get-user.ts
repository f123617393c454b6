import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { Result } from '../kernel/result.js';
import { findUserInScope } from './find-user-in-scope.js';
import type { User } from './model.js';
import type { UserStore } from './ports.js';

/** One user, within the principal's `directory.read` scope. */
export async function getUser(deps: Deps<Pick<UserStore, 'getUser' | 'isUserWithinGroups'>>, principal: Principal, id: string): Promise<Result<User, ErrorCode>> {
  return findUserInScope(deps.stores, principal, 'directory.read', id);
}
