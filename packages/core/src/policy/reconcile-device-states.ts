import type { DeviceId, TenantId } from '../kernel/brand.js';
import type { DesiredItem } from './compute-desired-state.js';
import { deriveProfileStatus, deviceHolds } from './derive-profile-status.js';
import type { DesiredProfileState, DeviceProfileState, SettingConflict } from './model.js';
import type { DesiredStateWrite, DeviceProfileKey } from './ports.js';

/** The writes that bring one device's rows to its newly computed desired state. */
export interface DeviceReconciliation {
  readonly writes: readonly DesiredStateWrite[];
  readonly deletes: readonly DeviceProfileKey[];
  /** Whether what the device must do changed (an install with a new hash, or a new removal): wake it. */
  readonly wake: boolean;
}

/**
 * Pure: compares a device's stored rows with its computed desired items. New or changed items
 * are written (keeping the reported side); rows for profiles no longer assigned become removals
 * while the device still holds the profile, and are deleted otherwise. Unchanged rows produce no
 * write, so recomputing a large group that did not change costs reads only.
 */
export function reconcileDeviceStates(tenantId: TenantId, deviceId: DeviceId, existing: readonly DeviceProfileState[], desired: readonly DesiredItem[], now: Date): DeviceReconciliation {
  const rows = new Map(existing.map((r) => [r.profileId as string, r]));
  const writes: DesiredStateWrite[] = [];
  const deletes: DeviceProfileKey[] = [];
  let wake = false;
  for (const item of desired) {
    const row = rows.get(item.profileId);
    rows.delete(item.profileId);
    const next: DesiredProfileState = {
      tenantId,
      deviceId,
      profileId: item.profileId,
      action: item.action,
      desiredHash: item.item?.hash ?? null,
      reason: item.reason,
      conflicts: item.conflicts,
      desiredAt: now,
    };
    const reported = row ?? { reportedHash: null, reportedStatus: null };
    if (row !== undefined && sameDesired(row, next)) continue;
    writes.push({ ...next, status: deriveProfileStatus(next, reported) });
    if (next.action === 'install' ? next.desiredHash !== reported.reportedHash : deviceHolds(reported)) wake = true;
  }
  for (const row of rows.values()) {
    if (!deviceHolds(row)) {
      deletes.push({ deviceId, profileId: row.profileId });
      continue;
    }
    if (row.action === 'remove') continue;
    const next: DesiredProfileState = { tenantId, deviceId, profileId: row.profileId, action: 'remove', desiredHash: null, reason: null, conflicts: [], desiredAt: now };
    writes.push({ ...next, status: deriveProfileStatus(next, row) });
    wake = true;
  }
  return { writes, deletes, wake };
}

function sameDesired(a: DesiredProfileState, b: DesiredProfileState): boolean {
  return a.action === b.action && a.desiredHash === b.desiredHash && a.reason === b.reason && sameConflicts(a.conflicts, b.conflicts);
}

function sameConflicts(a: readonly SettingConflict[], b: readonly SettingConflict[]): boolean {
  return a.length === b.length && a.every((c, i) => c.settingId === b[i]?.settingId && c.profileIds.join() === b[i].profileIds.join());
}
