import { operationPermissions, rolePermissions, type OperationId } from './access.gen';
import type { Grant } from './types';

/** A permission of the admin API (`devices.action`, …). */
export type Permission = (typeof rolePermissions)[keyof typeof rolePermissions][number];

/** Every permission the caller's grants give, whatever their scope. */
export function permissionsOf(grants: readonly Grant[]): ReadonlySet<Permission> {
  const held = new Set<Permission>();
  for (const grant of grants) for (const permission of rolePermissions[grant.role]) held.add(permission);
  return held;
}

/**
 * Whether the caller may call an operation at all. Scoped grants pass here and may still be
 * refused for a device or user outside their groups: the API decides, the console only hides what
 * can never succeed.
 */
export function mayCall(held: ReadonlySet<Permission>, operation: OperationId): boolean {
  const needed = operationPermissions[operation];
  return needed === null || held.has(needed);
}

/** Whether the grants cover the whole tenant for a permission (some operations need that). */
export function tenantWide(grants: readonly Grant[], permission: Permission): boolean {
  return grants.some((grant) => grant.scopeGroupIds === null && (rolePermissions[grant.role] as readonly Permission[]).includes(permission));
}
