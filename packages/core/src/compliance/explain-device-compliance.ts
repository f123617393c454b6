import { findDeviceInScope } from '../devices/find-device-in-scope.js';
import type { ComplianceState, Platform } from '../devices/model.js';
import type { DeviceStore } from '../devices/ports.js';
import type { DeviceId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { clampLimit, type Page } from '../kernel/pagination.js';
import { ok, type Result } from '../kernel/result.js';
import type { ComplianceActionOutcome, ComplianceHistoryEntry, CompliancePolicyId, RuleResult, ScheduledComplianceAction } from './model.js';
import type { CompliancePolicyStore, DeviceComplianceStore } from './ports.js';

export type ExplainDeviceComplianceStores = Pick<DeviceStore, 'getDevice' | 'isDeviceWithinGroups'> &
  Pick<CompliancePolicyStore, 'listAllCompliancePolicies'> &
  Pick<DeviceComplianceStore, 'listDeviceComplianceRecords' | 'listComplianceHistory' | 'listComplianceActionsOfDevice'>;

/** One scheduled action as the explain view shows it. */
export interface ExplainedAction {
  readonly actionId: string;
  readonly kind: ScheduledComplianceAction['kind'];
  readonly dueAt: Date;
  readonly doneAt: Date | null;
  readonly outcome: ComplianceActionOutcome | null;
}

/** Where the device stands against one policy, rule by rule. */
export interface ExplainedPolicy {
  readonly policyId: CompliancePolicyId;
  /** Null when the policy was deleted and the device awaits re-evaluation. */
  readonly policyName: string | null;
  /** The policy's current version, and the one the device was evaluated against. */
  readonly policyVersion: number | null;
  readonly evaluatedVersion: number;
  readonly state: ComplianceState;
  readonly failingSince: Date | null;
  /** When the device becomes noncompliant if it is not fixed (in grace only). */
  readonly graceEndsAt: Date | null;
  readonly evaluatedAt: Date;
  readonly rules: readonly RuleResult[];
  readonly actions: readonly ExplainedAction[];
}

/** Everything that explains a device's compliance state. */
export interface DeviceComplianceExplanation {
  readonly deviceId: DeviceId;
  readonly deviceName: string;
  readonly platform: Platform;
  readonly state: ComplianceState;
  readonly lastSeenAt: Date | null;
  readonly policies: readonly ExplainedPolicy[];
  /** One page of state changes, newest first. */
  readonly history: Page<ComplianceHistoryEntry>;
}

/** Which page of history to include. */
export interface ExplainDeviceComplianceInput {
  readonly historyLimit?: number;
  readonly historyCursor?: string;
}

/**
 * Explains a device's compliance: for every policy it was evaluated against, every rule with the
 * expected value, what the device reported, pass/fail/unknown and the remediation text for the
 * user; the failing episode, grace deadline and scheduled actions; and its history of state
 * changes with their causes. Shows what was last decided (stored records), which is what access
 * decisions used.
 */
export async function explainDeviceCompliance(deps: Deps<ExplainDeviceComplianceStores>, principal: Principal, deviceId: string, input: ExplainDeviceComplianceInput = {}): Promise<Result<DeviceComplianceExplanation, ErrorCode>> {
  const found = await findDeviceInScope(deps.stores, principal, 'policy.read', deviceId);
  if (!found.ok) return found;
  const device = found.value;
  const [records, policies, actions, history] = await Promise.all([
    deps.stores.listDeviceComplianceRecords(device.tenantId, [device.id]),
    deps.stores.listAllCompliancePolicies(device.tenantId),
    deps.stores.listComplianceActionsOfDevice(device.tenantId, device.id),
    deps.stores.listComplianceHistory(device.tenantId, device.id, { limit: clampLimit(input.historyLimit), ...(input.historyCursor === undefined ? {} : { cursor: input.historyCursor }) }),
  ]);
  const byId = new Map(policies.map((p) => [p.id, p]));
  const explained = records
    .map((r): ExplainedPolicy => {
      const policy = byId.get(r.policyId);
      return {
        policyId: r.policyId,
        policyName: policy?.name ?? null,
        policyVersion: policy?.version ?? null,
        evaluatedVersion: r.policyVersion,
        state: r.state,
        failingSince: r.failingSince,
        graceEndsAt: r.graceEndsAt,
        evaluatedAt: r.evaluatedAt,
        rules: r.results,
        actions: actions
          .filter((a) => a.policyId === r.policyId)
          .map((a) => ({ actionId: a.actionId, kind: a.kind, dueAt: a.dueAt, doneAt: a.doneAt, outcome: a.outcome })),
      };
    })
    .sort((a, b) => (a.policyName ?? '').localeCompare(b.policyName ?? '') || a.policyId.localeCompare(b.policyId));
  return ok({ deviceId: device.id, deviceName: device.name, platform: device.platform, state: device.complianceState, lastSeenAt: device.lastSeenAt, policies: explained, history });
}
