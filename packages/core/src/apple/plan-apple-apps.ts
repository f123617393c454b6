import type { AppleAppSource } from '../apps/apple-app-item.js';
import { appleMdmDevices, type AppleMdmDeviceStores } from '../apps/apple-mdm-devices.js';
import { computeDesiredApps } from '../apps/compute-desired-apps.js';
import { loadAppSnapshot, type AppSnapshotStores } from '../apps/load-app-snapshot.js';
import type { DeviceAppState } from '../apps/model.js';
import type { DeviceAppStateStore } from '../apps/ports.js';
import { reconcileDeviceApps } from '../apps/reconcile-device-apps.js';
import type { Device } from '../devices/model.js';
import type { DeviceId, TenantId } from '../kernel/brand.js';
import type { Digests, Ids } from '../kernel/ports.js';
import type { AssignmentTargetingStore } from '../policy/ports.js';
import { defaultAppleCommandTtlHours, type AppleCommand, type AppleCommandResult } from './model.js';
import type { AppleCommandQueue, AppleCommandResults } from './ports.js';

export type PlanAppleAppsStores = AppSnapshotStores &
  Pick<AssignmentTargetingStore, 'getAssignmentSubjects'> &
  AppleMdmDeviceStores &
  Pick<DeviceAppStateStore, 'listDeviceAppStates' | 'upsertDesiredAppStates' | 'deleteDeviceAppStates'> &
  Pick<AppleCommandQueue, 'listAppleCommands' | 'enqueueAppleCommands' | 'deleteAppleCommand'> &
  Pick<AppleCommandResults, 'insertAppleCommandResults'>;

/** The origin of the commands app delivery queues (answers are not audited one by one, as policy's). */
export const appsOrigin = 'apps';

/** What a plan queued and dropped. */
export interface AppleAppsPlan {
  /** InstallApplication commands queued. */
  readonly installs: number;
  /** RemoveApplication commands queued. */
  readonly removals: number;
  /** Whether a ManagedApplicationList was queued to learn how installs in progress ended. */
  readonly statusQuery: boolean;
  /** Unsent app commands dropped because a newer plan replaced them. */
  readonly superseded: number;
}

const nothing: AppleAppsPlan = { installs: 0, removals: 0, statusQuery: false, superseded: 0 };

/** A pending InstallApplication or RemoveApplication that app delivery queued, by the app it is about. */
export interface AppleAppCommand {
  readonly kind: 'install' | 'remove';
  readonly appId: string;
  readonly hash: string;
  readonly command: AppleCommand;
}

/**
 * The device's pending app commands: InstallApplication and RemoveApplication with the abstract
 * payload `{ appId, hash }` (rendered into Apple's keys when handed out). Commands an admin
 * queued with Apple's own keys are not Ward's deliveries and are left out.
 */
export function appleAppCommandsOf(commands: readonly AppleCommand[]): AppleAppCommand[] {
  const found: AppleAppCommand[] = [];
  for (const command of commands) {
    if (command.channel !== 'device' || (command.requestType !== 'InstallApplication' && command.requestType !== 'RemoveApplication')) continue;
    const { appId, hash } = command.payload;
    if (typeof appId === 'string' && typeof hash === 'string') found.push({ kind: command.requestType === 'InstallApplication' ? 'install' : 'remove', appId, hash, command });
  }
  return found;
}

/** The Apple source of a row's item, if it is an Apple one. */
export function appleSourceOfRow(row: DeviceAppState): AppleAppSource | undefined {
  if (row.item?.type === 'appleInstall') return row.item.install.source;
  if (row.item?.type === 'appleRemove') return row.item.remove.source;
  return undefined;
}

/** An Apple install the device acknowledged but has not finished (Queued, Installing, Prompting…). */
export function appleInstallInProgress(row: DeviceAppState): boolean {
  return row.action === 'install' && row.item?.type === 'appleInstall' && row.desiredHash !== null && row.reportedHash === row.desiredHash && row.reportedStatus === null;
}

/** Whether a row asks an Apple device for an install or a removal it has not confirmed. */
function due(row: DeviceAppState): boolean {
  if (row.desiredHash === null) return false;
  if (row.action === 'install' && row.item?.type === 'appleInstall') return row.desiredHash !== row.reportedHash || row.reportedStatus === 'removed';
  if (row.action === 'remove' && row.item?.type === 'appleRemove') return row.desiredHash !== row.reportedHash;
  return false;
}

/**
 * App delivery over MDM (issue 7 §2), inside the caller's transaction, as `planAppleConfiguration`
 * does for profiles: brings an active Apple device's command queue in line with its app rows.
 * A required app whose current item the device has not confirmed (or reported gone) gets an
 * `InstallApplication` with the abstract payload `{ appId, hash }` (the adapter renders Apple's
 * keys, the managed app configuration included, when it hands it out); an app to uninstall, or
 * one Ward installed that is no longer assigned, gets a `RemoveApplication`. An item the device
 * failed on is not sent again until it changes. Installs the device acknowledged without
 * finishing are asked after with one `ManagedApplicationList` naming their bundle ids. Nothing
 * is queued twice; unsent app commands the plan contradicts move to history as canceled.
 *
 * Most calls cost one indexed read. With `recompute` (enrollment completed, facts changed) the
 * device's desired apps are computed afresh first.
 */
export async function planAppleApps(
  s: PlanAppleAppsStores,
  services: { readonly ids: Ids; readonly digests: Digests },
  device: Pick<Device, 'id' | 'tenantId' | 'managementState'>,
  now: Date,
  options: { readonly recompute?: boolean } = {},
): Promise<AppleAppsPlan> {
  if (device.managementState !== 'enrolled') return nothing;
  let rows = await s.listDeviceAppStates(device.tenantId, [device.id]);
  if (options.recompute === true) rows = await recompute(s, services.digests, device, rows, now);
  const wanted = rows.filter(due);
  const checking = rows.filter(appleInstallInProgress);
  if (wanted.length === 0 && checking.length === 0) return nothing;

  const commands = await s.listAppleCommands(device.tenantId, device.id);
  const pending = appleAppCommandsOf(commands);
  const installs = new Map(wanted.filter((r) => r.action === 'install').map((r) => [r.appId as string, r.desiredHash ?? '']));
  const removals = new Map(wanted.filter((r) => r.action === 'remove').map((r) => [r.appId as string, r.desiredHash ?? '']));
  const superseded: AppleCommand[] = [];
  for (const p of pending) {
    const asked = p.kind === 'install' ? installs : removals;
    if (asked.get(p.appId) === p.hash) {
      // Asked again, the pending command is the answer.
      asked.delete(p.appId);
    } else if (p.command.status !== 'sent') {
      // Not in the device's hands yet and no longer what its row asks: another version, or an
      // install of an app now to be removed (and the reverse). A sent one is answered first.
      superseded.push(p.command);
    }
  }
  const queued: AppleCommand[] = [];
  const command = (requestType: 'InstallApplication' | 'RemoveApplication', appId: string, hash: string): AppleCommand =>
    appleAppsCommand(services.ids, device.tenantId, device.id, requestType, { appId, hash }, now);
  for (const [appId, hash] of installs) queued.push(command('InstallApplication', appId, hash));
  for (const [appId, hash] of removals) queued.push(command('RemoveApplication', appId, hash));
  const bundleIds = checking.map(appleSourceOfRow).filter((x): x is AppleAppSource => x !== undefined).map((x) => x.bundleId);
  const query = bundleIds.length > 0 && !hasPendingStatusQuery(commands) ? managedApplicationListCommand(services.ids, device.tenantId, device.id, bundleIds, now) : undefined;
  if (query !== undefined) queued.push(query);
  if (superseded.length > 0) await cancelSuperseded(s, superseded, now);
  if (queued.length > 0) await s.enqueueAppleCommands(queued);
  return { installs: installs.size, removals: removals.size, statusQuery: query !== undefined, superseded: superseded.length };
}

/** Whether app delivery already has a ManagedApplicationList waiting for this device. */
export function hasPendingStatusQuery(commands: readonly AppleCommand[]): boolean {
  return commands.some((c) => c.requestType === 'ManagedApplicationList' && c.origin === appsOrigin && c.channel === 'device');
}

/** A ManagedApplicationList for these bundle ids, as app delivery queues it (at most 500 named: the rest are asked next time). */
export function managedApplicationListCommand(ids: Ids, tenantId: TenantId, deviceId: DeviceId, bundleIds: readonly string[], now: Date): AppleCommand {
  return appleAppsCommand(ids, tenantId, deviceId, 'ManagedApplicationList', { Identifiers: [...new Set(bundleIds)].sort().slice(0, 500) }, now);
}

function appleAppsCommand(ids: Ids, tenantId: TenantId, deviceId: DeviceId, requestType: AppleCommand['requestType'], payload: Readonly<Record<string, unknown>>, now: Date): AppleCommand {
  return {
    tenantId,
    deviceId,
    channel: 'device',
    commandUuid: ids.newId(),
    requestType,
    payload,
    status: 'queued',
    origin: appsOrigin,
    createdAt: now,
    sentAt: null,
    expiresAt: new Date(now.getTime() + defaultAppleCommandTtlHours * 3_600_000),
  };
}

/** Computes the device's desired apps afresh (it is an Apple MDM device) and returns its rows after. */
async function recompute(s: PlanAppleAppsStores, digests: Digests, device: Pick<Device, 'id' | 'tenantId'>, rows: readonly DeviceAppState[], now: Date): Promise<readonly DeviceAppState[]> {
  const snapshot = await loadAppSnapshot(s, device.tenantId);
  if (snapshot.assignments.length === 0 && rows.length === 0) return rows;
  const [subject] = await s.getAssignmentSubjects(device.tenantId, [device.id]);
  if (subject === undefined) return rows;
  const sha256Hex = (text: string): string => digests.sha256Hex(text);
  // The same test the background recomputation makes, so both plan the same items.
  const appleMdm = (await appleMdmDevices(s, device.tenantId, [subject.device])).has(device.id);
  const desired = computeDesiredApps(subject, snapshot, undefined, now, sha256Hex, { appleMdm });
  const reconciled = reconcileDeviceApps(device.tenantId, device.id, rows, desired, now, sha256Hex);
  if (reconciled.writes.length > 0) await s.upsertDesiredAppStates(reconciled.writes);
  if (reconciled.deletes.length > 0) await s.deleteDeviceAppStates(device.tenantId, reconciled.deletes);
  return reconciled.writes.length > 0 || reconciled.deletes.length > 0 ? s.listDeviceAppStates(device.tenantId, [device.id]) : rows;
}

async function cancelSuperseded(s: PlanAppleAppsStores, commands: readonly AppleCommand[], now: Date): Promise<void> {
  const results: AppleCommandResult[] = [];
  for (const c of commands) {
    if (!(await s.deleteAppleCommand(c.tenantId, c.commandUuid))) continue;
    results.push({
      tenantId: c.tenantId,
      deviceId: c.deviceId,
      channel: c.channel,
      commandUuid: c.commandUuid,
      requestType: c.requestType,
      origin: c.origin,
      status: 'canceled',
      result: { reason: 'superseded' },
      errorChain: null,
      createdAt: c.createdAt,
      completedAt: now,
    });
  }
  if (results.length > 0) await s.insertAppleCommandResults(results);
}
