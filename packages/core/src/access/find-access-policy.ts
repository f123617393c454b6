import { authorize } from '../directory/authorize.js';
import type { Permission } from '../directory/roles.js';
import type { Principal } from '../kernel/context.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { AccessPolicy, AccessPolicyId } from './model.js';
import type { AccessPolicyStore } from './ports.js';

/**
 * The policy with this id if the principal holds `permission`. Writing needs the permission
 * tenant-wide: a policy decides sign-ins of users beyond any one admin's groups.
 */
export async function findAccessPolicy(stores: Pick<AccessPolicyStore, 'getAccessPolicy'>, principal: Principal, permission: Permission, id: string): Promise<Result<AccessPolicy, ErrorCode>> {
  const scope = authorize(principal, permission);
  if (!scope.ok) return scope;
  if (permission === 'policy.write' && scope.value.kind !== 'tenant') return fail('FORBIDDEN', 'Admins scoped to groups cannot change conditional access policies.');
  const policy = id.length > 64 ? undefined : await stores.getAccessPolicy(principal.tenantId, id as AccessPolicyId);
  if (policy === undefined) return fail('ACCESS_POLICY_NOT_FOUND', `No conditional access policy with id ${id.slice(0, 64)}.`);
  return ok(policy);
}
