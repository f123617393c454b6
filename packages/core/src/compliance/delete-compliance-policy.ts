import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher, JobEnqueuer } from '../kernel/events.js';
import { ok, type Result } from '../kernel/result.js';
import type { AssignmentStore } from '../policy/ports.js';
import { evaluatePolicyDevicesJob } from './compliance-jobs.js';
import { findCompliancePolicy } from './find-compliance-policy.js';
import type { CompliancePolicyStore } from './ports.js';
import { redactCompliancePolicy } from './redact-compliance-policy.js';

export type DeleteCompliancePolicyStores = Pick<CompliancePolicyStore, 'getCompliancePolicy' | 'deleteCompliancePolicy'> &
  Pick<AssignmentStore, 'deleteAssignmentsOfItem'> &
  AuditTrail &
  EventPublisher &
  JobEnqueuer;

/**
 * Removes a compliance policy and its assignments. The devices it was evaluated for are
 * re-evaluated by a queued job, which drops their records and scheduled actions, records why in
 * their history and recomputes their overall state.
 */
export async function deleteCompliancePolicy(deps: Deps<DeleteCompliancePolicyStores>, principal: Principal, id: string): Promise<Result<{ readonly deleted: true; readonly assignmentsRemoved: number }, ErrorCode>> {
  return deps.tx.transaction(async (s) => {
    const found = await findCompliancePolicy(s, principal, 'policy.write', id);
    if (!found.ok) return found;
    const policy = found.value;
    const assignmentsRemoved = await s.deleteAssignmentsOfItem(principal.tenantId, 'compliancePolicy', policy.id);
    await s.deleteCompliancePolicy(principal.tenantId, policy.id);
    await recordAudit(s, principal, deps.clock.now(), 'compliancePolicy.deleted', { type: 'compliancePolicy', id: policy.id }, redactCompliancePolicy(policy), null);
    await s.enqueue(evaluatePolicyDevicesJob(policy.tenantId, policy.id));
    s.publish({ type: 'compliancePolicy.changed', tenantId: principal.tenantId, subject: policy.id });
    return ok({ deleted: true as const, assignmentsRemoved });
  });
}
