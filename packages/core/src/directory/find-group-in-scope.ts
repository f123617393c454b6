import type { GroupId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { authorize } from './authorize.js';
import type { Group } from './model.js';
import type { GroupStore } from './ports.js';
import type { Permission } from './roles.js';

/**
 * The group with this id if the principal holds `permission` over it: tenant-wide, or the group is
 * one of a scoped admin's scope groups. Others are not found.
 */
export async function findGroupInScope(stores: Pick<GroupStore, 'getGroup'>, principal: Principal, permission: Permission, id: string): Promise<Result<Group, ErrorCode>> {
  const scope = authorize(principal, permission);
  if (!scope.ok) return scope;
  const group = await stores.getGroup(principal.tenantId, id as GroupId);
  const notFound = fail('GROUP_NOT_FOUND', `No group with id ${id}.`);
  if (group === undefined) return notFound;
  if (scope.value.kind === 'groups' && !scope.value.groupIds.includes(group.id)) return notFound;
  return ok(group);
}
