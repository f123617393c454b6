import { appLimits, type AppItem, type AppPlan, type AppRemoval, type DeviceAppState } from './model.js';

/** Whether a row asks the device for something it has not confirmed. */
function wanted(row: DeviceAppState): boolean {
  // Apple MDM items go out as InstallApplication and RemoveApplication (core/apple), never to the agent.
  if (row.item === null || row.desiredHash === null || (row.item.type !== 'install' && row.item.type !== 'remove')) return false;
  if (row.action === 'install') return row.desiredHash !== row.reportedHash || row.reportedStatus === 'removed';
  if (row.action === 'remove') return row.desiredHash !== row.reportedHash;
  return false;
}

/**
 * Pure: the check-in answer's `apps` from a device's rows. Install: items whose hash differs from
 * the one the device last reported (a version it failed on is not resent until it changes, so a
 * broken package does not loop), or that it reported removed. Remove: removals it has not
 * confirmed. At most `appLimits.itemsPerAnswer` in all, by app id; the rest go at the next
 * check-in. Undefined when there is nothing to do, so the answer omits the field.
 */
export function planDeviceApps(rows: readonly DeviceAppState[]): AppPlan | undefined {
  const install: AppItem[] = [];
  const remove: AppRemoval[] = [];
  const due = rows.filter(wanted).sort((a, b) => (a.appId < b.appId ? -1 : a.appId > b.appId ? 1 : 0));
  for (const row of due.slice(0, appLimits.itemsPerAnswer)) {
    if (row.item?.type === 'install') install.push(row.item.install);
    else if (row.item?.type === 'remove') remove.push(row.item.remove);
  }
  return install.length === 0 && remove.length === 0 ? undefined : { install, remove };
}

/** Whether a device's rows ask for anything. */
export function needsAppDelivery(rows: readonly DeviceAppState[]): boolean {
  return rows.some(wanted);
}
