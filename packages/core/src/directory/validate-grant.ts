import type { GroupId, TenantId } from '../kernel/brand.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { GroupStore } from './ports.js';
import { isRole, type Grant } from './roles.js';

/** Checks a role name and that every scope group exists in the tenant. */
export async function validateGrant(
  stores: Pick<GroupStore, 'getGroups'>,
  tenantId: TenantId,
  role: string,
  scopeGroupIds: readonly string[] | null | undefined,
): Promise<Result<Grant, 'VALIDATION_FAILED' | 'GROUP_NOT_FOUND'>> {
  if (!isRole(role)) return fail('VALIDATION_FAILED', `Unknown role ${role.slice(0, 64)}; use globalAdmin, policyManager, helpDeskOperator or readOnlyAuditor.`, { field: 'role' });
  if (scopeGroupIds === null || scopeGroupIds === undefined || scopeGroupIds.length === 0) return ok({ role, scopeGroupIds: null });
  const ids = [...new Set(scopeGroupIds)] as GroupId[];
  if (ids.length > 100) return fail('VALIDATION_FAILED', 'A role may be scoped to at most 100 groups.', { field: 'scopeGroupIds' });
  const found = new Set((await stores.getGroups(tenantId, ids)).map((g) => g.id));
  const missing = ids.find((id) => !found.has(id));
  if (missing !== undefined) return fail('GROUP_NOT_FOUND', `No group with id ${missing}.`, { field: 'scopeGroupIds' });
  return ok({ role, scopeGroupIds: ids });
}
