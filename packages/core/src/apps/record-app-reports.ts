import type { Device } from '../devices/model.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { deriveAppStatus } from './derive-app-status.js';
import type { AppReport, DeviceAppState, InstalledAppSource, ReportedAppState } from './model.js';
import type { DeviceAppKey, DeviceAppStateStore, ReportedAppStateWrite } from './ports.js';
import { validateAppReports } from './validate-app-reports.js';

export type RecordAppReportsStores = Pick<DeviceAppStateStore, 'listDeviceAppStates' | 'recordReportedAppStates' | 'deleteDeviceAppStates'>;

/**
 * Stores what a device reports about its apps, inside its check-in transaction. A report for an
 * app this device was never given refuses the whole check-in (APP_REPORT_UNKNOWN, nothing
 * written, `details.appIds`), as CONFIGURATION_REPORT_UNKNOWN does for profiles, so a forged or
 * misrouted report cannot create rows. A confirmed removal of an app no longer assigned deletes
 * its row. Recording the same reports twice (an answer lost, the check-in retried) leaves the
 * same rows.
 */
export async function recordAppReports(stores: RecordAppReportsStores, device: Pick<Device, 'id' | 'tenantId'>, input: unknown, now: Date): Promise<Result<{ readonly recorded: number }, ErrorCode>> {
  const reports = validateAppReports(input);
  if (!reports.ok) return reports;
  if (reports.value.length === 0) return ok({ recorded: 0 });
  const rows = new Map((await stores.listDeviceAppStates(device.tenantId, [device.id])).map((r) => [r.appId as string, r]));
  const unknown = reports.value.filter((r) => !rows.has(r.id)).map((r) => r.id);
  if (unknown.length > 0) {
    return fail('APP_REPORT_UNKNOWN', `This device was never given app ${unknown[0] ?? ''}${unknown.length > 1 ? ` (and ${unknown.length - 1} more)` : ''}.`, { appIds: unknown.slice(0, 20) });
  }
  const writes: ReportedAppStateWrite[] = [];
  const deletes: DeviceAppKey[] = [];
  for (const report of reports.value) {
    const row = rows.get(report.id);
    if (row === undefined) continue;
    if (row.intent === null && row.action === 'remove' && report.hash === row.desiredHash && (report.status === 'removed' || report.status === 'notApplicable')) {
      deletes.push({ deviceId: row.deviceId, appId: row.appId });
      continue;
    }
    const reported = reportedSide(row, report, now);
    writes.push({ tenantId: device.tenantId, deviceId: row.deviceId, appId: row.appId, ...reported, status: deriveAppStatus(row, reported) });
  }
  if (writes.length > 0) await stores.recordReportedAppStates(writes);
  if (deletes.length > 0) await stores.deleteDeviceAppStates(device.tenantId, deletes);
  return ok({ recorded: writes.length + deletes.length });
}

/**
 * The row's reported side after a report. `installed` (what Ward would have to remove) is set
 * when the device confirms the install item it was sent, cleared when it confirms a removal, and
 * kept otherwise: a failure or a report about an older item says nothing new about what is there.
 */
function reportedSide(row: DeviceAppState, report: AppReport, now: Date): ReportedAppState {
  let installed: InstalledAppSource | null = row.installed;
  let installedVersion = row.installedVersion;
  if (report.status === 'installed') {
    if (row.item?.type === 'install' && report.hash === row.desiredHash) installed = { name: row.item.install.name, source: row.item.install.source };
    installedVersion = report.installedVersion ?? (row.item?.type === 'install' ? row.item.install.version || null : installedVersion);
  } else if (report.status === 'removed') {
    installed = null;
    installedVersion = null;
  }
  return { reportedHash: report.hash, reportedStatus: report.status, installedVersion, error: report.error ?? null, reportedAt: now, installed };
}
