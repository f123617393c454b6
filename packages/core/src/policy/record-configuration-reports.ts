import type { Device } from '../devices/model.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { deriveProfileStatus } from './derive-profile-status.js';
import type { ReportedProfileState } from './model.js';
import type { DeviceConfigurationStore, DeviceProfileKey, ReportedStateWrite } from './ports.js';
import { validateConfigurationReports } from './validate-configuration-reports.js';

export type RecordConfigurationReportsStores = Pick<DeviceConfigurationStore, 'listDeviceProfileStates' | 'recordReportedStates' | 'deleteDeviceProfileStates'>;

/**
 * Stores what a device reports about its configuration items, inside its check-in transaction:
 * hash, status, error and per-setting outcomes per profile, and the derived status. A report for
 * a profile this device was never given refuses the whole check-in (CONFIGURATION_REPORT_UNKNOWN,
 * nothing written), as COMMAND_NOT_FOUND does for commands, so a forged or misrouted report
 * cannot create rows. A confirmed removal of a profile no longer desired deletes its row.
 */
export async function recordConfigurationReports(stores: RecordConfigurationReportsStores, device: Pick<Device, 'id' | 'tenantId'>, input: unknown, now: Date): Promise<Result<{ readonly recorded: number }, ErrorCode>> {
  const reports = validateConfigurationReports(input);
  if (!reports.ok) return reports;
  if (reports.value.length === 0) return ok({ recorded: 0 });
  const rows = new Map((await stores.listDeviceProfileStates(device.tenantId, [device.id])).map((r) => [r.profileId as string, r]));
  const unknown = reports.value.filter((r) => !rows.has(r.id)).map((r) => r.id);
  if (unknown.length > 0) {
    return fail('CONFIGURATION_REPORT_UNKNOWN', `This device was never given profile ${unknown[0] ?? ''}${unknown.length > 1 ? ` (and ${unknown.length - 1} more)` : ''}.`, { profileIds: unknown.slice(0, 20) });
  }
  const writes: ReportedStateWrite[] = [];
  const deletes: DeviceProfileKey[] = [];
  for (const report of reports.value) {
    const row = rows.get(report.id);
    if (row === undefined) continue;
    if (report.status === 'removed' && row.action !== 'install') {
      deletes.push({ deviceId: row.deviceId, profileId: row.profileId });
      continue;
    }
    const reported: ReportedProfileState = { reportedHash: report.hash, reportedStatus: report.status, error: report.error ?? null, settings: report.settings ?? [], reportedAt: now };
    writes.push({ tenantId: device.tenantId, deviceId: row.deviceId, profileId: row.profileId, ...reported, status: deriveProfileStatus(row, reported) });
  }
  if (writes.length > 0) await stores.recordReportedStates(writes);
  if (deletes.length > 0) await stores.deleteDeviceProfileStates(device.tenantId, deletes);
  return ok({ recorded: writes.length + deletes.length });
}
