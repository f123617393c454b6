import { authorize } from '../directory/authorize.js';
import type { Permission } from '../directory/roles.js';
import type { Principal } from '../kernel/context.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { CompliancePolicy, CompliancePolicyId } from './model.js';
import type { CompliancePolicyStore } from './ports.js';

/**
 * The policy with this id if the principal holds `permission`. Writing needs the permission
 * tenant-wide: a policy reaches devices beyond any one admin's groups.
 */
export async function findCompliancePolicy(stores: Pick<CompliancePolicyStore, 'getCompliancePolicy'>, principal: Principal, permission: Permission, id: string): Promise<Result<CompliancePolicy, ErrorCode>> {
  const scope = authorize(principal, permission);
  if (!scope.ok) return scope;
  if (permission === 'policy.write' && scope.value.kind !== 'tenant') return fail('FORBIDDEN', 'Admins scoped to groups cannot change compliance policies.');
  const policy = id.length > 64 ? undefined : await stores.getCompliancePolicy(principal.tenantId, id as CompliancePolicyId);
  if (policy === undefined) return fail('COMPLIANCE_POLICY_NOT_FOUND', `No compliance policy with id ${id.slice(0, 64)}.`);
  return ok(policy);
}
