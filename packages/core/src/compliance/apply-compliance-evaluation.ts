import type { ComplianceState, Device } from '../devices/model.js';
import type { DeviceStore } from '../devices/ports.js';
import type { DeviceId, TenantId } from '../kernel/brand.js';
import type { EventPublisher, JobEnqueuer } from '../kernel/events.js';
import type { Ids } from '../kernel/ports.js';
import { compileFilters, type CompiledFilter } from '../policy/compile-assignment-filter.js';
import type { Assignment } from '../policy/model.js';
import type { AssignmentFilterStore, AssignmentStore, AssignmentTargetingStore } from '../policy/ports.js';
import { resolveAssignedItems } from '../policy/resolve-assigned-items.js';
import { compileCompliancePolicy, ruleFailed, ruleUnknown, type CompiledCompliancePolicy } from './compile-compliance-policy.js';
import { mostRestrictiveState } from './compliance-state-order.js';
import { describeRuleResults, evaluateCompliance, newOutcomeBuffer, ruleIdsWithCode, timeOfNextChange } from './evaluate-compliance.js';
import type { ComplianceCause, ComplianceHistoryEntry, ComplianceHistoryId, CompliancePolicyId, DeviceComplianceRecord } from './model.js';
import { nextComplianceState } from './next-compliance-state.js';
import { refreshDeviceMemberships, type MembershipStores } from '../directory/refresh-memberships.js';
import { desiredStateJob } from '../policy/desired-state-job.js';
import { planComplianceActions } from './plan-compliance-actions.js';
import type { ComplianceActionPlan, CompliancePolicyStore, DeviceComplianceStore, DevicePolicyKey } from './ports.js';

/** What loading the tenant-wide evaluation inputs reads. */
export type ComplianceContextStores = Pick<CompliancePolicyStore, 'listAllCompliancePolicies'> & Pick<AssignmentStore, 'listAssignments'> & Pick<AssignmentFilterStore, 'listAssignmentFilters'>;

/** What evaluating a batch of devices reads and writes, inside the caller's transaction. */
export type ComplianceEvaluationStores = Pick<DeviceStore, 'updateDevice'> &
  MembershipStores &
  JobEnqueuer &
  Pick<AssignmentTargetingStore, 'getAssignmentSubjects'> &
  Pick<DeviceComplianceStore, 'listDeviceComplianceRecords' | 'putDeviceComplianceRecords' | 'deleteDeviceComplianceRecords' | 'appendComplianceHistory' | 'syncComplianceActions'> &
  EventPublisher;

/**
 * A tenant's policies compiled and its compliance assignments and filters loaded: read once and
 * reused for every batch of one run (a policy change re-evaluating 100,000 devices compiles once).
 */
export interface ComplianceEvaluationContext {
  readonly tenantId: TenantId;
  readonly policies: ReadonlyMap<string, CompiledCompliancePolicy>;
  readonly assignments: readonly Assignment[];
  readonly filters: ReadonlyMap<string, CompiledFilter>;
}

/** Loads and compiles what evaluating any device of the tenant needs. */
export async function loadComplianceEvaluationContext(stores: ComplianceContextStores, tenantId: TenantId): Promise<ComplianceEvaluationContext> {
  // Sequential: this often runs inside a transaction, which holds one connection.
  const policies = await stores.listAllCompliancePolicies(tenantId);
  const assignments = await stores.listAssignments(tenantId, 'compliancePolicy');
  const filters = await stores.listAssignmentFilters(tenantId);
  return {
    tenantId,
    policies: new Map(policies.map((p) => [p.id, compileCompliancePolicy(p)])),
    assignments,
    filters: compileFilters(filters),
  };
}

/** A device whose overall state changed. */
export interface ComplianceChange {
  readonly deviceId: DeviceId;
  readonly from: ComplianceState;
  readonly to: ComplianceState;
}

/** What one batch did. */
export interface ComplianceEvaluationSummary {
  /** Devices evaluated (existing, not retired). */
  readonly evaluated: number;
  /** Device × policy records written. */
  readonly records: number;
  readonly changes: readonly ComplianceChange[];
}

function sameInstant(a: Date | null, b: Date | null): boolean {
  return a === null || b === null ? a === b : a.getTime() === b.getTime();
}

/**
 * Evaluates these devices against every compliance policy assigned to them, inside the caller's
 * transaction, and writes the outcome: a record per device × policy (rule results, grace,
 * the next time-driven re-evaluation), history entries where a state changed, the scheduled
 * actions of each failing episode, records of policies that no longer apply removed, and the
 * device's overall state (`Device.complianceState`, most restrictive wins) with a
 * `device.complianceChanged` event when it changed. Cost: one subject load, one record load and
 * one bulk write of each kind per batch, plus a device update per device whose overall state
 * changed. Devices that no longer exist or are retired lose their records and pending actions.
 */
export async function applyComplianceEvaluation(stores: ComplianceEvaluationStores, ids: Ids, context: ComplianceEvaluationContext, deviceIds: readonly DeviceId[], now: Date): Promise<ComplianceEvaluationSummary> {
  const tenantId = context.tenantId;
  const unique = [...new Set(deviceIds)];
  if (unique.length === 0) return { evaluated: 0, records: 0, changes: [] };
  const subjects = await stores.getAssignmentSubjects(tenantId, unique);
  const previous = await stores.listDeviceComplianceRecords(tenantId, unique);
  const previousByDevice = new Map<string, Map<string, DeviceComplianceRecord>>();
  for (const r of previous) {
    let m = previousByDevice.get(r.deviceId);
    if (m === undefined) previousByDevice.set(r.deviceId, (m = new Map<string, DeviceComplianceRecord>()));
    m.set(r.policyId, r);
  }
  const nowMs = now.getTime();
  const outcomes = newOutcomeBuffer();
  const records: DeviceComplianceRecord[] = [];
  const removed: DevicePolicyKey[] = [];
  const history: ComplianceHistoryEntry[] = [];
  const plans: ComplianceActionPlan[] = [];
  const changes: ComplianceChange[] = [];
  const changedDevices: Device[] = [];
  const entry = (deviceId: DeviceId, policyId: CompliancePolicyId | null, from: ComplianceState, to: ComplianceState, causes: readonly ComplianceCause[]): ComplianceHistoryEntry => ({
    id: ids.newId() as ComplianceHistoryId,
    tenantId,
    deviceId,
    policyId,
    from,
    to,
    causes,
    at: now,
  });

  const seen = new Set<string>();
  for (const subject of subjects) {
    const device = subject.device;
    seen.add(device.id);
    const before = previousByDevice.get(device.id) ?? new Map<string, DeviceComplianceRecord>();
    const assigned = resolveAssignedItems(subject, 'compliancePolicy', context.assignments, context.filters, now);
    const states: ComplianceState[] = [];
    const changedCauses: ComplianceCause[] = [];
    const causesByState = new Map<ComplianceState, ComplianceCause[]>();
    for (const policyId of assigned) {
      const policy = context.policies.get(policyId);
      if (policy === undefined) continue;
      const verdict = evaluateCompliance(policy, device, nowMs, outcomes);
      const prev = before.get(policyId);
      const next = nextComplianceState(
        prev,
        {
          verdict,
          failedRuleIds: verdict === 'failed' ? ruleIdsWithCode(policy, outcomes, ruleFailed) : [],
          unknownRuleIds: verdict === 'unknown' ? ruleIdsWithCode(policy, outcomes, ruleUnknown) : [],
          errorMessage: policy.error ?? (verdict === 'error' ? 'A rule of this policy could not be evaluated.' : null),
          lastSeenAt: device.lastSeenAt,
        },
        policy,
        now,
      );
      const applicable = verdict !== 'notApplicable' && verdict !== 'error';
      records.push({
        tenantId,
        deviceId: device.id,
        policyId: policy.id,
        policyVersion: policy.version,
        state: next.state,
        failingSince: next.failingSince,
        graceEndsAt: next.graceEndsAt,
        reevaluateAt: timeOfNextChange(policy, device, verdict, outcomes, next.graceEndsAt),
        evaluatedAt: now,
        results: applicable ? describeRuleResults(policy, device, nowMs, outcomes) : [],
      });
      states.push(next.state);
      let list = causesByState.get(next.state);
      if (list === undefined) causesByState.set(next.state, (list = []));
      list.push(...next.causes);
      if (next.changed) {
        history.push(entry(device.id, policy.id, prev?.state ?? 'unknown', next.state, next.causes));
        changedCauses.push(...next.causes);
      }
      const episodeChanged = prev === undefined ? next.failingSince !== null : !sameInstant(prev.failingSince, next.failingSince) || prev.policyVersion !== policy.version;
      if (episodeChanged) {
        plans.push({ tenantId, deviceId: device.id, policyId: policy.id, failingSince: next.failingSince, actions: planComplianceActions(policy.policy, next.failingSince) });
      }
    }
    for (const [policyId, prev] of before) {
      if (assigned.has(policyId) && context.policies.has(policyId)) continue;
      const key = { deviceId: device.id, policyId: prev.policyId };
      removed.push(key);
      plans.push({ tenantId, ...key, failingSince: null, actions: [] });
      const cause: ComplianceCause = { kind: 'policyUnassigned', policyId: prev.policyId };
      history.push(entry(device.id, prev.policyId, prev.state, 'notApplicable', [cause]));
      changedCauses.push(cause);
    }
    const overall = mostRestrictiveState(states);
    if (overall !== device.complianceState) {
      const causes = changedCauses.length > 0 ? changedCauses : (causesByState.get(overall) ?? [{ kind: 'noPolicies' }]);
      history.push(entry(device.id, null, device.complianceState, overall, causes));
      changes.push({ deviceId: device.id, from: device.complianceState, to: overall });
      changedDevices.push({ ...device, complianceState: overall, updatedAt: now });
    }
  }
  // Devices that are gone or retired: nothing is left to evaluate or to act upon.
  for (const r of previous) {
    if (seen.has(r.deviceId)) continue;
    removed.push({ deviceId: r.deviceId, policyId: r.policyId });
    plans.push({ tenantId, deviceId: r.deviceId, policyId: r.policyId, failingSince: null, actions: [] });
  }

  if (records.length > 0) await stores.putDeviceComplianceRecords(records);
  if (removed.length > 0) await stores.deleteDeviceComplianceRecords(tenantId, removed);
  if (history.length > 0) await stores.appendComplianceHistory(history);
  if (plans.length > 0) await stores.syncComplianceActions(plans);
  for (const device of changedDevices) await stores.updateDevice(device);
  // Dynamic device groups may follow compliance (`device.complianceState == "noncompliant"`), and
  // assignments may target them: such a group's members change with the state, and so may what
  // those devices are given.
  if (changedDevices.length > 0 && (await stores.listDynamicGroups(tenantId, 'device')).some((g) => g.rule?.includes('complianceState') === true)) {
    for (const device of changedDevices) await refreshDeviceMemberships(stores, tenantId, device, now);
    await stores.enqueue(desiredStateJob(tenantId, { type: 'devices', deviceIds: changedDevices.map((d) => d.id) }));
  }
  for (const c of changes) stores.publish({ type: 'device.complianceChanged', tenantId, subject: c.deviceId, data: { from: c.from, to: c.to } });
  return { evaluated: subjects.length, records: records.length, changes };
}
