import type { DeviceId, TenantId } from '../kernel/brand.js';
import type { Sha256Hex } from '../policy/configuration-item-hash.js';
import { removalItemOf } from './apple-app-item.js';
import type { DesiredApp } from './compute-desired-apps.js';
import { deriveAppStatus } from './derive-app-status.js';
import type { DesiredAppState, DeviceAppState } from './model.js';
import type { DesiredAppStateWrite, DeviceAppKey } from './ports.js';

/** The writes that bring one device's app rows to its newly computed desired apps. */
export interface DeviceAppReconciliation {
  readonly writes: readonly DesiredAppStateWrite[];
  readonly deletes: readonly DeviceAppKey[];
  /** Whether the device now has something new to install or remove: wake it. */
  readonly wake: boolean;
}

/**
 * Pure: compares a device's stored app rows with its computed desired apps. New or changed rows
 * are written (keeping the reported side). An app no longer assigned becomes a removal of what
 * Ward installed (the row remembers its source, so this works after the app is deleted) while
 * the device still has it, and its row is deleted otherwise: Ward removes only what it put there.
 * Unchanged rows produce no write.
 */
export function reconcileDeviceApps(tenantId: TenantId, deviceId: DeviceId, existing: readonly DeviceAppState[], desired: readonly DesiredApp[], now: Date, sha256Hex: Sha256Hex): DeviceAppReconciliation {
  const rows = new Map(existing.map((r) => [r.appId as string, r]));
  const writes: DesiredAppStateWrite[] = [];
  const deletes: DeviceAppKey[] = [];
  let wake = false;
  const put = (next: DesiredAppState, row: DeviceAppState | undefined): void => {
    if (row !== undefined && sameDesired(row, next)) return;
    const reported = row ?? { reportedHash: null, reportedStatus: null };
    writes.push({ ...next, status: deriveAppStatus(next, reported) });
    if (next.action !== 'notApplicable' && next.desiredHash !== reported.reportedHash) wake = true;
  };
  for (const d of desired) {
    const row = rows.get(d.appId);
    rows.delete(d.appId);
    put({ tenantId, deviceId, appId: d.appId, intent: d.intent, action: d.action, desiredHash: d.hash, item: d.item, reason: d.reason, desiredAt: now }, row);
  }
  for (const row of rows.values()) {
    if (row.installed === null) {
      deletes.push({ deviceId, appId: row.appId });
      continue;
    }
    const item = removalItemOf(sha256Hex, row.appId, row.installed);
    put({ tenantId, deviceId, appId: row.appId, intent: null, action: 'remove', desiredHash: item.remove.hash, item, reason: null, desiredAt: now }, row);
  }
  return { writes, deletes, wake };
}

function sameDesired(a: DesiredAppState, b: DesiredAppState): boolean {
  return a.intent === b.intent && a.action === b.action && a.desiredHash === b.desiredHash && a.reason === b.reason;
}
