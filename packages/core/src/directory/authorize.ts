import type { GroupId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { rolePermissions, type Permission } from './roles.js';

/** What part of the tenant a permission reaches: all of it, or the members of some groups. */
export type Scope = { readonly kind: 'tenant' } | { readonly kind: 'groups'; readonly groupIds: readonly GroupId[] };

/**
 * The scope in which `principal` holds `permission`, or FORBIDDEN. Grants add up: one unscoped
 * grant of the permission reaches the whole tenant; otherwise the union of the scoped grants' groups.
 */
export function authorize(principal: Principal, permission: Permission): Result<Scope, 'FORBIDDEN'> {
  const groupIds = new Set<GroupId>();
  let granted = false;
  for (const grant of principal.grants) {
    if (!rolePermissions[grant.role].includes(permission)) continue;
    granted = true;
    if (grant.scopeGroupIds === null) return ok({ kind: 'tenant' });
    for (const id of grant.scopeGroupIds) groupIds.add(id);
  }
  if (!granted) return fail('FORBIDDEN', `This action needs the permission ${permission}, which none of your roles grants.`, { permission });
  return ok({ kind: 'groups', groupIds: [...groupIds] });
}

/** Whether the principal holds the permission across the whole tenant. */
export function holdsTenantWide(principal: Principal, permission: Permission): boolean {
  const scope = authorize(principal, permission);
  return scope.ok && scope.value.kind === 'tenant';
}
