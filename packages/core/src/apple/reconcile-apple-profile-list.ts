import type { Device } from '../devices/model.js';
import type { Ids } from '../kernel/ports.js';
import type { ConfigurationReport } from '../policy/model.js';
import { recordConfigurationReports, type RecordConfigurationReportsStores } from '../policy/record-configuration-reports.js';
import { wardAppleProfileIdentifier, wardProfileIdOf, type AppleProfileNaming } from './apple-profile-identifier.js';
import { defaultAppleCommandTtlHours, type AppleCommand, type AppleInstalledProfile } from './model.js';
import { policyCommandsOf, policyOrigin } from './plan-apple-configuration.js';
import type { AppleCommandQueue } from './ports.js';

export type ReconcileAppleProfileListStores = RecordConfigurationReportsStores & Pick<AppleCommandQueue, 'listAppleCommands' | 'enqueueAppleCommands'>;

/** What a ProfileList answer changed. */
export interface AppleProfileListReconciliation {
  /** Ward profiles the device had installed and no longer holds: marked removed, to be installed again. */
  readonly missing: number;
  /** Profiles in Ward's namespace the device holds but should not: RemoveProfile queued. */
  readonly unwanted: number;
}

/**
 * Compares a ProfileList answer with what Ward installed (issue 5 §6), inside the caller's
 * transaction, so the device's rows tell the truth:
 * - A Ward profile the device reported installed (succeeded) but no longer lists (the user
 *   removed it from a personal device, or it was erased) is reported `removed`: if it is still
 *   wanted the next plan installs it again, otherwise its row goes.
 * - A profile in Ward's namespace (`<prefix>.profile.…`) the device lists but should not hold (no
 *   row that installs it: unassigned while the device was away, left from an earlier enrollment,
 *   its profile deleted) gets a RemoveProfile, unless one is pending. Profiles outside Ward's
 *   namespace, and Ward's enrollment profile, are never touched.
 * A profile being installed right now (a pending InstallProfile) is neither: its answer decides.
 */
export async function reconcileAppleProfileList(
  s: ReconcileAppleProfileListStores,
  ids: Ids,
  device: Pick<Device, 'id' | 'tenantId'>,
  installed: readonly AppleInstalledProfile[],
  naming: AppleProfileNaming,
  now: Date,
): Promise<AppleProfileListReconciliation> {
  // Compared by identifier: what the device lists, and what Ward's ids are named on devices.
  const name = (profileId: string): string => wardAppleProfileIdentifier(naming, profileId);
  const listed = new Set(installed.map((p) => p.identifier).filter((identifier) => wardProfileIdOf(naming, identifier) !== undefined));
  const rows = await s.listDeviceProfileStates(device.tenantId, [device.id]);
  const pending = policyCommandsOf(await s.listAppleCommands(device.tenantId, device.id), naming);
  const installing = new Set(pending.filter((p) => p.kind === 'install').map((p) => name(p.profileId)));
  const removing = new Set(pending.filter((p) => p.kind === 'remove').map((p) => name(p.profileId)));

  const reports: ConfigurationReport[] = [];
  for (const row of rows) {
    const identifier = name(row.profileId);
    if (row.reportedStatus !== 'succeeded' || row.reportedHash === null || installing.has(identifier) || listed.has(identifier)) continue;
    reports.push({ id: row.profileId, hash: row.reportedHash, status: 'removed' });
  }
  if (reports.length > 0) await recordConfigurationReports(s, device, reports, now);

  const wanted = new Set(rows.filter((r) => r.action === 'install').map((r) => name(r.profileId)));
  const expiresAt = new Date(now.getTime() + defaultAppleCommandTtlHours * 3_600_000);
  const removals: AppleCommand[] = [];
  for (const identifier of listed) {
    if (wanted.has(identifier) || removing.has(identifier) || installing.has(identifier)) continue;
    removals.push({
      tenantId: device.tenantId,
      deviceId: device.id,
      channel: 'device',
      commandUuid: ids.newId(),
      requestType: 'RemoveProfile',
      // The identifier exactly as the device spelled it: that is what it will remove.
      payload: { Identifier: identifier },
      status: 'queued',
      origin: policyOrigin,
      createdAt: now,
      sentAt: null,
      expiresAt,
    });
  }
  if (removals.length > 0) await s.enqueueAppleCommands(removals);
  return { missing: reports.length, unwanted: removals.length };
}
