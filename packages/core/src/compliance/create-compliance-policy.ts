import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import { authorize } from '../directory/authorize.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { CompliancePolicy, CompliancePolicyId, CompliancePolicyView } from './model.js';
import type { CompliancePolicyStore } from './ports.js';
import { redactCompliancePolicy } from './redact-compliance-policy.js';
import { validateCompliancePolicy, type CompliancePolicyInput } from './validate-compliance-policy.js';

export type CreateCompliancePolicyStores = Pick<CompliancePolicyStore, 'insertCompliancePolicy'> & AuditTrail & EventPublisher;

/**
 * Creates a compliance policy. It reaches no device until it is assigned, so nothing is evaluated
 * yet. Policies are tenant-wide objects: admins scoped to groups may read them but not create them.
 */
export async function createCompliancePolicy(deps: Deps<CreateCompliancePolicyStores>, principal: Principal, input: CompliancePolicyInput): Promise<Result<CompliancePolicyView, ErrorCode>> {
  const scope = authorize(principal, 'policy.write');
  if (!scope.ok) return scope;
  if (scope.value.kind !== 'tenant') return fail('FORBIDDEN', 'Admins scoped to groups cannot create compliance policies.');
  const fields = validateCompliancePolicy(input);
  if (!fields.ok) return fields;
  return deps.tx.transaction(async (s) => {
    const now = deps.clock.now();
    const policy: CompliancePolicy = { id: deps.ids.newId() as CompliancePolicyId, tenantId: principal.tenantId, ...fields.value, version: 1, createdAt: now, updatedAt: now };
    if (!(await s.insertCompliancePolicy(policy))) return fail('COMPLIANCE_POLICY_NAME_TAKEN', `A compliance policy named ${policy.name} exists already.`, { field: 'name' });
    const view = redactCompliancePolicy(policy);
    await recordAudit(s, principal, now, 'compliancePolicy.created', { type: 'compliancePolicy', id: policy.id }, null, view);
    s.publish({ type: 'compliancePolicy.changed', tenantId: principal.tenantId, subject: policy.id });
    return ok(view);
  });
}
