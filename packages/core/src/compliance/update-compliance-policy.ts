import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher, JobEnqueuer } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { evaluatePolicyDevicesJob } from './compliance-jobs.js';
import { findCompliancePolicy } from './find-compliance-policy.js';
import type { CompliancePolicy, CompliancePolicyView } from './model.js';
import type { CompliancePolicyStore } from './ports.js';
import { redactCompliancePolicy } from './redact-compliance-policy.js';
import { validateCompliancePolicy, type CompliancePolicyInput } from './validate-compliance-policy.js';

export type UpdateCompliancePolicyStores = Pick<CompliancePolicyStore, 'getCompliancePolicy' | 'getCompliancePolicyByName' | 'updateCompliancePolicy'> & AuditTrail & EventPublisher & JobEnqueuer;

/**
 * Changes to a policy: fields left out keep their stored value; `rules` and `actions`, when given,
 * replace the lists whole. A webhook action given without its secret keeps the stored one.
 */
export type CompliancePolicyPatch = Partial<CompliancePolicyInput> & {
  /** The version the caller edited; a different stored version is COMPLIANCE_POLICY_VERSION_CONFLICT. */
  readonly expectedVersion?: number;
};

/** What decides evaluation: a change to any of these re-evaluates the policy's devices. */
function evaluationFingerprint(p: CompliancePolicy): string {
  return JSON.stringify([p.platforms, p.rules, p.actions, p.validityDays]);
}

/**
 * Updates a compliance policy and, when its rules, platforms, actions or validity changed, queues
 * the re-evaluation of the devices it reaches (and only those). An update that changes nothing
 * writes nothing.
 */
export async function updateCompliancePolicy(deps: Deps<UpdateCompliancePolicyStores>, principal: Principal, id: string, patch: CompliancePolicyPatch): Promise<Result<CompliancePolicyView, ErrorCode>> {
  return deps.tx.transaction(async (s) => {
    const found = await findCompliancePolicy(s, principal, 'policy.write', id);
    if (!found.ok) return found;
    const before = found.value;
    if (patch.expectedVersion !== undefined && patch.expectedVersion !== before.version) {
      return fail('COMPLIANCE_POLICY_VERSION_CONFLICT', `The policy is at version ${before.version}, not ${patch.expectedVersion}; reload it and apply your change again.`, { version: before.version });
    }
    const fields = validateCompliancePolicy(
      {
        name: patch.name ?? before.name,
        description: patch.description ?? before.description,
        platforms: patch.platforms ?? before.platforms,
        rules: patch.rules ?? before.rules,
        actions: patch.actions ?? before.actions,
        validityDays: patch.validityDays ?? before.validityDays,
      },
      before,
    );
    if (!fields.ok) return fields;
    const now = deps.clock.now();
    const candidate: CompliancePolicy = { ...before, ...fields.value };
    if (JSON.stringify({ ...candidate, updatedAt: 0 }) === JSON.stringify({ ...before, updatedAt: 0 })) return ok(redactCompliancePolicy(before));
    const after: CompliancePolicy = { ...candidate, version: before.version + 1, updatedAt: now };
    const namesake = after.name.toLowerCase() === before.name.toLowerCase() ? undefined : await s.getCompliancePolicyByName(after.tenantId, after.name);
    if (namesake !== undefined && namesake.id !== after.id) return fail('COMPLIANCE_POLICY_NAME_TAKEN', `A compliance policy named ${after.name} exists already.`, { field: 'name' });
    if (!(await s.updateCompliancePolicy(after))) {
      return fail('COMPLIANCE_POLICY_VERSION_CONFLICT', 'The policy changed while this update was being made; reload it and apply your change again.');
    }
    const view = redactCompliancePolicy(after);
    await recordAudit(s, principal, now, 'compliancePolicy.updated', { type: 'compliancePolicy', id: after.id }, redactCompliancePolicy(before), view);
    if (evaluationFingerprint(after) !== evaluationFingerprint(before)) await s.enqueue(evaluatePolicyDevicesJob(after.tenantId, after.id));
    s.publish({ type: 'compliancePolicy.changed', tenantId: principal.tenantId, subject: after.id });
    return ok(view);
  });
}
