import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { DeviceStore } from '../devices/ports.js';
import { authorize } from '../directory/authorize.js';
import type { DeviceId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import {
  applyComplianceEvaluation,
  loadComplianceEvaluationContext,
  type ComplianceContextStores,
  type ComplianceEvaluationStores,
  type ComplianceEvaluationSummary,
} from './apply-compliance-evaluation.js';

export type EvaluateDeviceComplianceStores = ComplianceContextStores & ComplianceEvaluationStores & Pick<DeviceStore, 'isDeviceWithinGroups'> & AuditTrail;

/** At most this many devices per call; larger sets are evaluated by jobs in batches. */
export const maxEvaluateDevices = 1000;

/** A request to evaluate some devices now. */
export interface EvaluateDeviceComplianceInput {
  readonly deviceIds: readonly string[];
}

/** What an evaluation did, plus the ids it could not evaluate (unknown, retired or out of scope). */
export interface EvaluateDeviceComplianceOutcome extends ComplianceEvaluationSummary {
  readonly outOfScope: readonly string[];
}

/**
 * Evaluates these devices against their assigned compliance policies now (an admin's "check
 * compliance", a check-in whose facts changed, a job after a policy change) and stores the
 * outcome in one transaction: records, history, scheduled actions, `Device.complianceState`.
 * Devices outside a scoped admin's groups are left alone and listed. State changes are audited as
 * one event per call that names every device that changed.
 */
export async function evaluateDeviceCompliance(deps: Deps<EvaluateDeviceComplianceStores>, principal: Principal, input: EvaluateDeviceComplianceInput): Promise<Result<EvaluateDeviceComplianceOutcome, ErrorCode>> {
  const scope = authorize(principal, 'policy.write');
  if (!scope.ok) return scope;
  const ids = [...new Set(input.deviceIds)];
  if (ids.length === 0 || ids.length > maxEvaluateDevices) return fail('VALIDATION_FAILED', `Name 1 to ${maxEvaluateDevices} devices.`, { field: 'deviceIds' });
  if (ids.some((id) => typeof id !== 'string' || id.length === 0 || id.length > 64)) return fail('VALIDATION_FAILED', 'Device ids must be 1 to 64 characters.', { field: 'deviceIds' });
  return deps.tx.transaction(async (s) => {
    const inScope: DeviceId[] = [];
    const outOfScope: string[] = [];
    for (const id of ids as DeviceId[]) {
      if (scope.value.kind === 'groups' && !(await s.isDeviceWithinGroups(principal.tenantId, id, scope.value.groupIds))) outOfScope.push(id);
      else inScope.push(id);
    }
    const context = await loadComplianceEvaluationContext(s, principal.tenantId);
    const now = deps.clock.now();
    const summary = await applyComplianceEvaluation(s, deps.ids, context, inScope, now);
    if (summary.changes.length > 0) {
      const target = summary.changes.length === 1 && summary.changes[0] !== undefined ? { type: 'device', id: summary.changes[0].deviceId } : { type: 'compliance', id: 'evaluation' };
      await recordAudit(s, principal, now, 'device.complianceEvaluated', target, null, { changes: summary.changes });
    }
    return ok({ ...summary, outOfScope });
  });
}
