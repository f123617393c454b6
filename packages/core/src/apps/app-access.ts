import type { Principal } from '../kernel/context.js';
import type { Result } from '../kernel/result.js';
import { authorizePolicyRead, authorizePolicyWrite, authorizeTenantWideRead } from '../policy/policy-access.js';

// Apps are guarded by the policy permissions rather than new `app.*` ones. An app, like a
// profile, is a tenant-wide object that assignments deliver to devices, and assigning it already
// needs `policy.write`: a separate `app.write` would let a role publish a package it could not
// assign (or the reverse) without making anything safer, and would change every role, token and
// console page that lists permissions. Intune's "Application Manager" role can be added later as
// a role whose permissions are `policy.*` narrowed to apps.

/** Changing the catalog (apps, versions, icons) needs `policy.write` over the whole tenant. */
export function authorizeAppWrite(principal: Principal): Result<void, 'FORBIDDEN'> {
  return authorizePolicyWrite(principal);
}

/** Reading the catalog needs `policy.read` in any scope. */
export function authorizeAppRead(principal: Principal): Result<void, 'FORBIDDEN'> {
  return authorizePolicyRead(principal);
}

/**
 * Reports that list devices across the tenant (an app's install status, fleet inventory) need
 * `policy.read` over the whole tenant: a scoped admin would otherwise see devices outside their groups.
 */
export function authorizeAppReport(principal: Principal): Result<void, 'FORBIDDEN'> {
  return authorizeTenantWideRead(principal);
}
