import { authorize } from '../directory/authorize.js';
import type { Principal } from '../kernel/context.js';
import { fail, ok, type Result } from '../kernel/result.js';

/**
 * Profiles, filters and assignments are tenant-wide objects: one profile reaches devices in many
 * admins' scopes. Changing them therefore needs `policy.write` over the whole tenant; an admin
 * scoped to some groups may read policy but not change what every device receives.
 */
export function authorizePolicyWrite(principal: Principal): Result<void, 'FORBIDDEN'> {
  const scope = authorize(principal, 'policy.write');
  if (!scope.ok) return scope;
  if (scope.value.kind !== 'tenant') return fail('FORBIDDEN', 'Admins scoped to groups cannot change tenant-wide policy.', { permission: 'policy.write' });
  return ok(undefined);
}

/** Reading policy definitions needs `policy.read` in any scope. */
export function authorizePolicyRead(principal: Principal): Result<void, 'FORBIDDEN'> {
  const scope = authorize(principal, 'policy.read');
  return scope.ok ? ok(undefined) : scope;
}

/**
 * Reports that list devices across the tenant (a profile's device states) need `policy.read`
 * over the whole tenant: a scoped admin would otherwise see devices outside their groups. Scoped
 * admins read per-device status through the device, which checks their scope.
 */
export function authorizeTenantWideRead(principal: Principal): Result<void, 'FORBIDDEN'> {
  const scope = authorize(principal, 'policy.read');
  if (!scope.ok) return scope;
  if (scope.value.kind !== 'tenant') return fail('FORBIDDEN', 'Admins scoped to groups read profile status per device.', { permission: 'policy.read' });
  return ok(undefined);
}
