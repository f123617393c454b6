import { authorize } from '../directory/authorize.js';
import type { Permission } from '../directory/roles.js';
import type { Principal } from '../kernel/context.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { AppConfigurationPolicy, AppConfigurationPolicyId, AppProtectionPolicy, AppProtectionPolicyId } from './model.js';
import type { AppConfigurationPolicyStore, AppProtectionPolicyStore } from './ports.js';

/**
 * Whether the principal holds `permission` for MAM policies. Writing needs it tenant-wide: a
 * policy reaches users beyond any one admin's groups.
 */
export function authorizeMamPolicy(principal: Principal, permission: Permission): Result<true, ErrorCode> {
  const scope = authorize(principal, permission);
  if (!scope.ok) return scope;
  if (permission === 'policy.write' && scope.value.kind !== 'tenant') return fail('FORBIDDEN', 'Admins scoped to groups cannot change app protection or app configuration policies.');
  return ok(true);
}

/** The protection policy with this id if the principal holds `permission`. */
export async function findAppProtectionPolicy(stores: Pick<AppProtectionPolicyStore, 'getAppProtectionPolicy'>, principal: Principal, permission: Permission, id: string): Promise<Result<AppProtectionPolicy, ErrorCode>> {
  const allowed = authorizeMamPolicy(principal, permission);
  if (!allowed.ok) return allowed;
  const policy = id.length > 64 ? undefined : await stores.getAppProtectionPolicy(principal.tenantId, id as AppProtectionPolicyId);
  if (policy === undefined) return fail('APP_PROTECTION_POLICY_NOT_FOUND', `No app protection policy with id ${id.slice(0, 64)}.`);
  return ok(policy);
}

/** The configuration policy with this id if the principal holds `permission`. */
export async function findAppConfigurationPolicy(stores: Pick<AppConfigurationPolicyStore, 'getAppConfigurationPolicy'>, principal: Principal, permission: Permission, id: string): Promise<Result<AppConfigurationPolicy, ErrorCode>> {
  const allowed = authorizeMamPolicy(principal, permission);
  if (!allowed.ok) return allowed;
  const policy = id.length > 64 ? undefined : await stores.getAppConfigurationPolicy(principal.tenantId, id as AppConfigurationPolicyId);
  if (policy === undefined) return fail('APP_CONFIGURATION_POLICY_NOT_FOUND', `No app configuration policy with id ${id.slice(0, 64)}.`);
  return ok(policy);
}
