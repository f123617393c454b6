import type { GroupId } from '../kernel/brand.js';

/** Admin roles, as Intune and most EMMs name them. */
export const roles = ['globalAdmin', 'policyManager', 'helpDeskOperator', 'readOnlyAuditor'] as const;
export type Role = (typeof roles)[number];

/** What an act needs. Use cases ask for one permission each. */
export const permissions = [
  'directory.read',
  'directory.write',
  'groups.write',
  'devices.read',
  'devices.write',
  'devices.action',
  'policy.read',
  'policy.write',
  'audit.read',
  'admins.manage',
  'settings.manage',
] as const;
export type Permission = (typeof permissions)[number];

const readAll: readonly Permission[] = ['directory.read', 'devices.read', 'policy.read'];

/**
 * The permissions of each role. The help desk operator may only read and run remote actions; the
 * auditor reads everything, including the audit trail, and changes nothing.
 */
export const rolePermissions: Readonly<Record<Role, readonly Permission[]>> = {
  globalAdmin: permissions,
  policyManager: [...readAll, 'policy.write', 'groups.write'],
  helpDeskOperator: [...readAll, 'devices.action'],
  readOnlyAuditor: [...readAll, 'audit.read'],
};

/**
 * One role held by an admin or token, optionally limited to the members of some groups. `null`
 * scope means the whole tenant.
 */
export interface Grant {
  readonly role: Role;
  readonly scopeGroupIds: readonly GroupId[] | null;
}

/** Whether `role` is one of the known roles. */
export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/**
 * Whether a held grant covers another: the held role grants every permission the other grants
 * (a global admin covers every role), and the held scope is the whole tenant or includes every
 * group of the other's scope. A token may carry a grant its owner's grant covers.
 */
export function grantCovers(held: Grant, wanted: Grant): boolean {
  const heldPermissions = rolePermissions[held.role];
  if (!rolePermissions[wanted.role].every((p) => heldPermissions.includes(p))) return false;
  if (held.scopeGroupIds === null) return true;
  return wanted.scopeGroupIds !== null && wanted.scopeGroupIds.every((g) => held.scopeGroupIds?.includes(g) === true);
}
