import { deriveAppStatus } from '../apps/derive-app-status.js';
import type { AppReportedStatus, DeviceAppState, InstalledAppSource, ReportedAppState } from '../apps/model.js';
import { appLimits } from '../apps/model.js';
import type { DeviceAppKey, DeviceAppStateStore, ReportedAppStateWrite } from '../apps/ports.js';
import type { Device } from '../devices/model.js';
import type { Ids } from '../kernel/ports.js';
import type { AppleCommand, AppleErrorChainEntry, AppleResultStatus } from './model.js';
import { appleSourceOfRow, hasPendingStatusQuery, managedApplicationListCommand } from './plan-apple-apps.js';
import type { AppleCommandQueue } from './ports.js';
import { errorText } from './record-apple-profile-outcome.js';

export type RecordAppleAppOutcomeStores = Pick<DeviceAppStateStore, 'listDeviceAppStates' | 'recordReportedAppStates' | 'deleteDeviceAppStates'> &
  Pick<AppleCommandQueue, 'listAppleCommands' | 'enqueueAppleCommands'>;

/** One app of a ManagedApplicationList answer, as the adapter normalised it: bundle id and Status. */
export interface AppleManagedApplication {
  readonly identifier: string;
  readonly status: string;
}

/** What an answer carries that app delivery reads. */
export interface AppleAppAnswer {
  /** The answer's fields (InstallApplication: `State`, `RejectionReason`, `Identifier`). */
  readonly result?: Readonly<Record<string, unknown>>;
  /** ManagedApplicationList, normalised. */
  readonly managedApplications?: readonly AppleManagedApplication[];
}

/**
 * Statuses (InstallApplication's `State`, ManagedApplicationList's `Status`) that end an install
 * unsuccessfully. The user's own copy (UserInstalledApp) counts: Ward does not take over apps it
 * did not install unless it may (corporate devices, ChangeManagementState), and the device says
 * it could not.
 */
const failedStates = new Set(['Failed', 'UserRejected', 'UpdateRejected', 'ManagementRejected', 'UserInstalledApp']);
/** RejectionReason that means the install is under way already rather than refused. */
const underWay = 'AppAlreadyQueued';

/** Why an install ended in a failed state, in words for the install status. */
function stateText(state: string, rejection?: string): string {
  if (rejection !== undefined) return `The device refused to install the app (${rejection}).`;
  if (state === 'UserInstalledApp') return 'The user installed this app before Ward could: the device keeps the user’s copy, and Ward does not manage it.';
  if (state === 'UserRejected' || state === 'UpdateRejected' || state === 'ManagementRejected') return `The user declined (${state}).`;
  return `The device reported the install as ${state}.`;
}

const statusText = (value: unknown): string | undefined => (typeof value === 'string' && /^[A-Za-z]{1,64}$/.test(value) ? value : undefined);

/** A device-side outcome for one row: a final status, or `null` for an install under way. */
interface Outcome {
  readonly hash: string;
  readonly status: AppReportedStatus | null;
  readonly error?: string;
}

/**
 * What an answered app command means for the device's app rows (issue 7 §2), inside the caller's
 * transaction, as `recordAppleProfileOutcome` does for profiles:
 * - InstallApplication `{ appId, hash }`: State Managed → installed at that hash; a failed State,
 *   a RejectionReason, an Error or a CommandFormatError → failed (with the text); any other State
 *   (Queued, Installing, Prompting…) → under way, and a ManagedApplicationList is queued to learn
 *   how it ends.
 * - RemoveApplication `{ appId, hash }`: acknowledged → removed (a row no longer assigned goes);
 *   an error → failed, and a ManagedApplicationList asks whether the app is there at all.
 * - ManagedApplicationList: for the apps it names (or all Apple rows when it named none), Managed
 *   → installed, a failed Status → failed, ManagedButUninstalled or missing → removed (an install
 *   is then planned again); a removal whose app is gone is confirmed. An install the device
 *   acknowledged and then stopped listing is failed rather than sent again.
 * Commands about apps the device has no row for (deleted meanwhile) change nothing; expiries and
 * cancellations are not outcomes. Personal devices are asked for Ward's apps by bundle id only:
 * their other apps are never listed (ARCHITECTURE: no personal app inventory).
 */
export async function recordAppleAppOutcome(
  s: RecordAppleAppOutcomeStores,
  ids: Ids,
  device: Pick<Device, 'id' | 'tenantId'>,
  command: AppleCommand,
  status: AppleResultStatus,
  errorChain: readonly AppleErrorChainEntry[] | null,
  answer: AppleAppAnswer,
  now: Date,
): Promise<void> {
  if (status !== 'acknowledged' && status !== 'error' && status !== 'commandFormatError') return;
  if (command.channel !== 'device') return;
  const type = command.requestType;
  if (type !== 'InstallApplication' && type !== 'RemoveApplication' && type !== 'ManagedApplicationList') return;
  if (type === 'ManagedApplicationList' && (status !== 'acknowledged' || answer.managedApplications === undefined)) return;
  const { appId, hash } = command.payload;
  if (type !== 'ManagedApplicationList' && (typeof appId !== 'string' || typeof hash !== 'string')) return;

  const rows = await s.listDeviceAppStates(device.tenantId, [device.id]);
  const outcomes = new Map<string, Outcome>();
  const query: string[] = [];
  if (type === 'ManagedApplicationList') {
    listOutcomes(rows, command, answer.managedApplications ?? [], outcomes);
  } else {
    const row = rows.find((r) => r.appId === appId);
    const source = row === undefined ? undefined : appleSourceOfRow(row);
    if (row === undefined || source === undefined) return;
    const at = hash as string;
    if (status !== 'acknowledged') {
      outcomes.set(row.appId, { hash: at, status: 'failed', error: errorText(status, errorChain) });
      if (type === 'RemoveApplication') query.push(source.bundleId);
    } else if (type === 'RemoveApplication') {
      outcomes.set(row.appId, { hash: at, status: 'removed' });
    } else {
      const state = statusText(answer.result?.State);
      const rejection = statusText(answer.result?.RejectionReason);
      if (rejection !== undefined && rejection !== underWay) outcomes.set(row.appId, { hash: at, status: 'failed', error: stateText(state ?? 'Failed', rejection) });
      else if (state === 'Managed') outcomes.set(row.appId, { hash: at, status: 'installed' });
      else if (state !== undefined && failedStates.has(state)) outcomes.set(row.appId, { hash: at, status: 'failed', error: stateText(state) });
      else {
        outcomes.set(row.appId, { hash: at, status: null });
        query.push(source.bundleId);
      }
    }
  }
  await write(s, device, rows, outcomes, now);
  if (query.length > 0 && !hasPendingStatusQuery(await s.listAppleCommands(device.tenantId, device.id))) {
    await s.enqueueAppleCommands([managedApplicationListCommand(ids, device.tenantId, device.id, query, now)]);
  }
}

/** Outcomes a ManagedApplicationList teaches about the rows whose apps it was asked about. */
function listOutcomes(rows: readonly DeviceAppState[], command: AppleCommand, listed: readonly AppleManagedApplication[], outcomes: Map<string, Outcome>): void {
  const asked = Array.isArray(command.payload.Identifiers) ? new Set(command.payload.Identifiers.filter((x): x is string => typeof x === 'string')) : undefined;
  const statuses = new Map(listed.map((app) => [app.identifier, app.status]));
  for (const row of rows) {
    const source = appleSourceOfRow(row);
    if (source === undefined || row.desiredHash === null || (asked !== undefined && !asked.has(source.bundleId))) continue;
    const listedStatus = statuses.get(source.bundleId);
    const gone = listedStatus === undefined || listedStatus === 'ManagedButUninstalled';
    if (row.action === 'remove') {
      if (gone && !(row.reportedHash === row.desiredHash && row.reportedStatus === 'removed')) outcomes.set(row.appId, { hash: row.desiredHash, status: 'removed' });
      continue;
    }
    // Only the version Ward sent is judged; an older one's status says nothing about the current item.
    if (row.action !== 'install' || row.reportedHash !== row.desiredHash) continue;
    if (listedStatus === 'Managed') {
      if (row.reportedStatus !== 'installed') outcomes.set(row.appId, { hash: row.desiredHash, status: 'installed' });
    } else if (listedStatus !== undefined && failedStates.has(listedStatus)) {
      outcomes.set(row.appId, { hash: row.desiredHash, status: 'failed', error: stateText(listedStatus) });
    } else if (gone && row.reportedStatus === 'installed') {
      // The user removed it: planned again (required apps come back, as Intune does).
      outcomes.set(row.appId, { hash: row.desiredHash, status: 'removed' });
    } else if (gone && row.reportedStatus === null) {
      // Acknowledged, then no longer listed: transient failures are reported once and may have
      // been missed. Failed, so it is not sent again in a loop; a new version is.
      outcomes.set(row.appId, { hash: row.desiredHash, status: 'failed', error: 'The device stopped listing the app before its install finished.' });
    }
  }
}

/** Writes the reported side of each row with an outcome; a confirmed removal of an app no longer assigned deletes its row. */
async function write(s: RecordAppleAppOutcomeStores, device: Pick<Device, 'id' | 'tenantId'>, rows: readonly DeviceAppState[], outcomes: ReadonlyMap<string, Outcome>, now: Date): Promise<void> {
  const writes: ReportedAppStateWrite[] = [];
  const deletes: DeviceAppKey[] = [];
  for (const row of rows) {
    const outcome = outcomes.get(row.appId);
    if (outcome === undefined) continue;
    if (row.intent === null && row.action === 'remove' && outcome.hash === row.desiredHash && outcome.status === 'removed') {
      deletes.push({ deviceId: row.deviceId, appId: row.appId });
      continue;
    }
    const reported = reportedSide(row, outcome, now);
    writes.push({ tenantId: device.tenantId, deviceId: row.deviceId, appId: row.appId, ...reported, status: deriveAppStatus(row, reported) });
  }
  if (writes.length > 0) await s.recordReportedAppStates(writes);
  if (deletes.length > 0) await s.deleteDeviceAppStates(device.tenantId, deletes);
}

/**
 * The row's reported side after an outcome. `installed` (what Ward would have to remove) is set
 * once the device has the current install item in hand (under way or Managed): Ward asked for it,
 * so Ward removes it when it is no longer assigned. A removal clears it; a failure keeps it.
 */
function reportedSide(row: DeviceAppState, outcome: Outcome, now: Date): ReportedAppState {
  let installed: InstalledAppSource | null = row.installed;
  let installedVersion = row.installedVersion;
  const current = row.item?.type === 'appleInstall' && outcome.hash === row.desiredHash ? row.item.install : undefined;
  if (current !== undefined && (outcome.status === 'installed' || outcome.status === null)) installed = { name: current.name, source: current.source };
  if (current !== undefined && outcome.status === 'installed') installedVersion = current.version === '' ? installedVersion : current.version;
  if (outcome.status === 'removed') {
    installed = null;
    installedVersion = null;
  }
  return {
    reportedHash: outcome.hash,
    reportedStatus: outcome.status,
    installedVersion,
    error: outcome.error === undefined ? null : outcome.error.slice(0, appLimits.errorChars),
    reportedAt: now,
    installed,
  };
}
