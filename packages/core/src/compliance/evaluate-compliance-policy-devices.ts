import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import { systemPrincipal } from '../directory/system-principal.js';
import type { DeviceId, TenantId } from '../kernel/brand.js';
import type { Deps } from '../kernel/deps.js';
import type { AssignmentStore, AssignmentTargetingStore, DeviceIdPage } from '../policy/ports.js';
import { applyComplianceEvaluation, loadComplianceEvaluationContext, type ComplianceContextStores, type ComplianceEvaluationStores } from './apply-compliance-evaluation.js';
import type { CompliancePolicyId } from './model.js';
import type { DeviceComplianceStore } from './ports.js';

export type EvaluatePolicyDevicesStores = ComplianceContextStores &
  ComplianceEvaluationStores &
  Pick<AssignmentStore, 'listAssignmentsOfItem'> &
  Pick<AssignmentTargetingStore, 'listGroupDeviceIds' | 'listTenantDeviceIds'> &
  Pick<DeviceComplianceStore, 'listDeviceIdsWithCompliancePolicy'> &
  AuditTrail;

/** Devices per transaction: large enough for bulk writes, small enough to hold writers briefly. */
export const complianceBatchSize = 500;

async function collect(into: Set<DeviceId>, fetch: (page: DeviceIdPage) => Promise<readonly DeviceId[]>): Promise<void> {
  let after: DeviceId | undefined;
  for (;;) {
    const ids = await fetch({ limit: 1000, ...(after === undefined ? {} : { after }) });
    for (const id of ids) into.add(id);
    if (ids.length < 1000) return;
    after = ids[ids.length - 1];
  }
}

/**
 * The job body after a compliance policy, or its assignments, changed: re-evaluates exactly the
 * devices the policy's include assignments reach now plus those that have a record for it (which
 * it may have stopped reaching), in batches of `complianceBatchSize`, each in its own
 * transaction. A deleted policy's devices lose its records. Cost: O(affected devices).
 */
export async function evaluateCompliancePolicyDevices(
  deps: Deps<EvaluatePolicyDevicesStores>,
  tenantId: TenantId,
  policyId: string,
  onProgress?: (done: number, total: number) => void,
): Promise<{ readonly devices: number; readonly changed: number }> {
  const stores = deps.stores;
  const ids = new Set<DeviceId>();
  const assignments = await stores.listAssignmentsOfItem(tenantId, 'compliancePolicy', policyId);
  const include = assignments.filter((a) => a.mode === 'include');
  const everyDevice = include.some((a) => a.target.type === 'allDevices');
  const usersDevices = include.some((a) => a.target.type === 'allUsers');
  if (everyDevice || usersDevices) await collect(ids, (page) => stores.listTenantDeviceIds(tenantId, everyDevice ? page : { ...page, withPrimaryUser: true }));
  if (!everyDevice) {
    for (const a of include) {
      const target = a.target;
      if (target.type === 'group') await collect(ids, (page) => stores.listGroupDeviceIds(tenantId, target.groupId, page));
    }
  }
  await collect(ids, (page) => stores.listDeviceIdsWithCompliancePolicy(tenantId, policyId as CompliancePolicyId, page));
  const sorted = [...ids].sort();
  const context = await loadComplianceEvaluationContext(stores, tenantId);
  const principal = systemPrincipal(tenantId, 'system');
  let changed = 0;
  for (let i = 0; i < sorted.length; i += complianceBatchSize) {
    const batch = sorted.slice(i, i + complianceBatchSize);
    changed += await deps.tx.transaction(async (s) => {
      const now = deps.clock.now();
      const summary = await applyComplianceEvaluation(s, deps.ids, context, batch, now);
      if (summary.changes.length > 0) await recordAudit(s, principal, now, 'device.complianceEvaluated', { type: 'compliancePolicy', id: policyId }, null, { changes: summary.changes });
      return summary.changes.length;
    });
    onProgress?.(Math.min(i + complianceBatchSize, sorted.length), sorted.length);
  }
  return { devices: sorted.length, changed };
}
