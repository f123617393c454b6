import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { clampLimit, type Page } from '../kernel/pagination.js';
import { ok, type Result } from '../kernel/result.js';
import { findGroupInScope } from './find-group-in-scope.js';
import type { GroupMember } from './model.js';
import type { GroupStore } from './ports.js';

/** One page of a group's members. */
export async function listGroupMembers(
  deps: Deps<Pick<GroupStore, 'getGroup' | 'listMembers'>>,
  principal: Principal,
  groupId: string,
  input: { readonly limit?: number; readonly cursor?: string },
): Promise<Result<Page<GroupMember>, ErrorCode>> {
  const found = await findGroupInScope(deps.stores, principal, 'directory.read', groupId);
  if (!found.ok) return found;
  const page = await deps.stores.listMembers(principal.tenantId, found.value.id, { limit: clampLimit(input.limit), ...(input.cursor === undefined ? {} : { cursor: input.cursor }) });
  return ok(page);
}
