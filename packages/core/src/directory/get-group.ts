import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { Result } from '../kernel/result.js';
import { findGroupInScope } from './find-group-in-scope.js';
import type { Group } from './model.js';
import type { GroupStore } from './ports.js';

/** One group, within the principal's `directory.read` scope. */
export async function getGroup(deps: Deps<Pick<GroupStore, 'getGroup'>>, principal: Principal, id: string): Promise<Result<Group, ErrorCode>> {
  return findGroupInScope(deps.stores, principal, 'directory.read', id);
}
