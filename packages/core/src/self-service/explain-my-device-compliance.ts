import { explainDeviceCompliance, type ExplainDeviceComplianceStores } from '../compliance/explain-device-compliance.js';
import type { RuleResult } from '../compliance/model.js';
import type { ComplianceState } from '../devices/model.js';
import type { DeviceId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { ok, type Result } from '../kernel/result.js';
import { findOwnDevice, ownerDelegate } from './own-device.js';

/** One rule as the device's owner sees it: what was checked, what was found, what to do. */
export type MyRuleResult = Pick<RuleResult, 'ruleId' | 'title' | 'outcome' | 'expected' | 'actual' | 'remediation'>;

/** Where the device stands against one of the company's policies. */
export interface MyPolicyResult {
  /** Null when the policy was deleted and the device awaits re-evaluation. */
  readonly policyName: string | null;
  readonly state: ComplianceState;
  /** When the device becomes noncompliant unless fixed (in grace only). */
  readonly graceEndsAt: Date | null;
  /** Failing and unknown rules first, so the owner reads what to fix before what passed. */
  readonly rules: readonly MyRuleResult[];
}

/** Why the caller's device is in its compliance state, and what to do about it. */
export interface MyDeviceCompliance {
  readonly deviceId: DeviceId;
  readonly state: ComplianceState;
  readonly lastSeenAt: Date | null;
  readonly policies: readonly MyPolicyResult[];
}

const outcomeOrder: Readonly<Record<RuleResult['outcome'], number>> = { failed: 0, unknown: 1, passed: 2 };

/**
 * The compliance explanation (`explainDeviceCompliance`) of one of the caller's own devices, cut
 * to what its owner needs: per policy its state and grace deadline, and per rule the check, the
 * device's value and the remediation text the policy's author wrote. Admin-only parts (policy
 * versions, scheduled actions, history) are left out. Anyone else's device is DEVICE_NOT_FOUND.
 */
export async function explainMyDeviceCompliance(deps: Deps<ExplainDeviceComplianceStores>, principal: Principal, deviceId: string): Promise<Result<MyDeviceCompliance, ErrorCode>> {
  const found = await findOwnDevice(deps.stores, principal, deviceId);
  if (!found.ok) return found;
  const explained = await explainDeviceCompliance(deps, ownerDelegate(principal, 'readOnlyAuditor'), found.value.id, { historyLimit: 1 });
  if (!explained.ok) return explained;
  const { value } = explained;
  return ok({
    deviceId: value.deviceId,
    state: value.state,
    lastSeenAt: value.lastSeenAt,
    policies: value.policies.map((p) => ({
      policyName: p.policyName,
      state: p.state,
      graceEndsAt: p.graceEndsAt,
      rules: [...p.rules]
        .sort((a, b) => outcomeOrder[a.outcome] - outcomeOrder[b.outcome])
        .map(({ ruleId, title, outcome, expected, actual, remediation }) => ({ ruleId, title, outcome, expected, actual, remediation })),
    })),
  });
}
