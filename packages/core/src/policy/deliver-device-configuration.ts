import type { Device } from '../devices/model.js';
import { computeDesiredState } from './compute-desired-state.js';
import type { Sha256Hex } from './configuration-item-hash.js';
import { loadPolicySnapshot, type PolicySnapshotStores } from './load-policy-snapshot.js';
import type { ConfigurationItem, ConfigurationPlan, IssuedCredential } from './model.js';
import { needsDelivery, planDeviceConfiguration } from './plan-device-configuration.js';
import type { AssignmentTargetingStore, DeviceConfigurationStore, ProfileCredentialSource } from './ports.js';
import { chunkCredentials } from './required-credentials.js';
import { reconcileDeviceStates } from './reconcile-device-states.js';

export type DeliverDeviceConfigurationStores = PolicySnapshotStores &
  Pick<AssignmentTargetingStore, 'getAssignmentSubjects'> &
  Pick<DeviceConfigurationStore, 'listDeviceProfileStates' | 'upsertDesiredStates' | 'deleteDeviceProfileStates'>;

/**
 * The `configuration` part of a check-in answer, inside the check-in transaction (after
 * `recordConfigurationReports`). Most check-ins cost one indexed read: the device's rows say
 * there is nothing to deliver. Otherwise the device's desired state is computed afresh (so a
 * change not yet recomputed by the background job is honoured and its rows corrected) and the
 * items whose hash the device does not hold are rendered into the answer. Pass `recompute` when
 * this check-in changed what assignment depends on (facts that moved the device between groups,
 * its first check-in after enrolment), so the answer already reflects it.
 */
export async function deliverDeviceConfiguration(
  stores: DeliverDeviceConfigurationStores,
  sha256Hex: Sha256Hex,
  device: Pick<Device, 'id' | 'tenantId'>,
  now: Date,
  options: { readonly recompute?: boolean; readonly credentials?: ProfileCredentialSource } = {},
): Promise<ConfigurationPlan | undefined> {
  const rows = await stores.listDeviceProfileStates(device.tenantId, [device.id]);
  if (options.recompute !== true && !needsDelivery(rows)) return undefined;
  const [subject] = await stores.getAssignmentSubjects(device.tenantId, [device.id]);
  if (subject === undefined) return undefined;
  const snapshot = await loadPolicySnapshot(stores, device.tenantId);
  const credentials = await chunkCredentials(options.credentials, device.tenantId, [subject], snapshot, now);
  const desired = computeDesiredState(subject, snapshot, credentials.get(device.id) ?? new Map<string, IssuedCredential>(), now, sha256Hex);
  const reconciled = reconcileDeviceStates(device.tenantId, device.id, rows, desired, now);
  let current = rows;
  if (reconciled.writes.length > 0 || reconciled.deletes.length > 0) {
    if (reconciled.writes.length > 0) await stores.upsertDesiredStates(reconciled.writes);
    if (reconciled.deletes.length > 0) await stores.deleteDeviceProfileStates(device.tenantId, reconciled.deletes);
    current = await stores.listDeviceProfileStates(device.tenantId, [device.id]);
  }
  const items = new Map<string, ConfigurationItem>();
  for (const d of desired) if (d.item !== null) items.set(d.profileId, d.item);
  return planDeviceConfiguration(current, items);
}
