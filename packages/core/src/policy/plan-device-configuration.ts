import { deviceHolds } from './derive-profile-status.js';
import type { ConfigurationItem, ConfigurationPlan, DeviceProfileState } from './model.js';

/**
 * Pure: the check-in answer's `configuration` from a device's rows and its rendered desired
 * items. Install: desired items whose hash differs from the one the device last reported (a
 * version it failed on is not resent until it changes). Remove: profiles the device holds that it
 * should not (no longer assigned, or no longer applicable). Undefined when there is nothing to do,
 * so the answer omits the field.
 */
export function planDeviceConfiguration(rows: readonly DeviceProfileState[], items: ReadonlyMap<string, ConfigurationItem>): ConfigurationPlan | undefined {
  const install: ConfigurationItem[] = [];
  const remove: string[] = [];
  for (const row of [...rows].sort((a, b) => (a.profileId < b.profileId ? -1 : a.profileId > b.profileId ? 1 : 0))) {
    if (row.action === 'install') {
      const item = items.get(row.profileId);
      if (item !== undefined && (item.hash !== row.reportedHash || row.reportedStatus === 'removed')) install.push(item);
    } else if (deviceHolds(row)) {
      remove.push(row.profileId);
    }
  }
  return install.length === 0 && remove.length === 0 ? undefined : { install, remove };
}

/** Whether a device's rows ask for anything (so a check-in needs to render its items). */
export function needsDelivery(rows: readonly DeviceProfileState[]): boolean {
  return rows.some((row) => (row.action === 'install' ? row.desiredHash !== row.reportedHash || row.reportedStatus === 'removed' : deviceHolds(row)));
}
