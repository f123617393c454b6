import type { Device } from '../devices/model.js';
import type { Sha256Hex } from '../policy/configuration-item-hash.js';
import type { AssignmentTargetingStore } from '../policy/ports.js';
import { appleMdmDevices, type AppleMdmDeviceStores } from './apple-mdm-devices.js';
import { computeDesiredApps } from './compute-desired-apps.js';
import { loadAppSnapshot, type AppSnapshotStores } from './load-app-snapshot.js';
import type { AppPlan } from './model.js';
import { needsAppDelivery, planDeviceApps } from './plan-device-apps.js';
import type { AppTargetingStore, DeviceAppStateStore } from './ports.js';
import { reconcileDeviceApps } from './reconcile-device-apps.js';

export type DeliverDeviceAppsStores = AppSnapshotStores &
  Pick<AssignmentTargetingStore, 'getAssignmentSubjects'> &
  AppTargetingStore &
  AppleMdmDeviceStores &
  Pick<DeviceAppStateStore, 'listDeviceAppStates' | 'upsertDesiredAppStates' | 'deleteDeviceAppStates'>;

/**
 * The `apps` part of a check-in answer, inside the check-in transaction (after
 * `recordAppReports`). Rows carry the items they ask for, so most check-ins cost one indexed
 * read. With `recompute` (this check-in changed what assignment depends on: facts that move the
 * device between groups or filters, the first check-in with the agent), the device's desired apps
 * are computed afresh first, so the answer already reflects them.
 */
export async function deliverDeviceApps(
  stores: DeliverDeviceAppsStores,
  sha256Hex: Sha256Hex,
  device: Pick<Device, 'id' | 'tenantId'>,
  now: Date,
  options: { readonly recompute?: boolean } = {},
): Promise<AppPlan | undefined> {
  let rows = await stores.listDeviceAppStates(device.tenantId, [device.id]);
  if (options.recompute === true) {
    const snapshot = await loadAppSnapshot(stores, device.tenantId);
    if (snapshot.assignments.length > 0 || rows.length > 0) {
      const [subject] = await stores.getAssignmentSubjects(device.tenantId, [device.id]);
      if (subject !== undefined) {
        const release = subject.device.platform === 'linux' ? (await stores.getLinuxReleases(device.tenantId, [device.id])).get(device.id) : undefined;
        // A Mac enrolled in Apple MDM as well gets its App Store apps from there: the agent's
        // recomputation must plan the same items the MDM side does.
        const appleMdm = (await appleMdmDevices(stores, device.tenantId, [subject.device])).has(device.id);
        const desired = computeDesiredApps(subject, snapshot, release, now, sha256Hex, { appleMdm });
        const reconciled = reconcileDeviceApps(device.tenantId, device.id, rows, desired, now, sha256Hex);
        if (reconciled.writes.length > 0) await stores.upsertDesiredAppStates(reconciled.writes);
        if (reconciled.deletes.length > 0) await stores.deleteDeviceAppStates(device.tenantId, reconciled.deletes);
        if (reconciled.writes.length > 0 || reconciled.deletes.length > 0) rows = await stores.listDeviceAppStates(device.tenantId, [device.id]);
      }
    }
  }
  return needsAppDelivery(rows) ? planDeviceApps(rows) : undefined;
}
