import type { Device } from '../devices/model.js';
import type { Digests, Ids } from '../kernel/ports.js';
import { deliverDeviceConfiguration, type DeliverDeviceConfigurationStores } from '../policy/deliver-device-configuration.js';
import { deviceHolds } from '../policy/derive-profile-status.js';
import type { DeviceProfileState } from '../policy/model.js';
import { needsDelivery } from '../policy/plan-device-configuration.js';
import type { ProfileCredentialSource } from '../policy/ports.js';
import { wardAppleProfileIdentifier, wardProfileIdOf, type AppleProfileNaming } from './apple-profile-identifier.js';
import { defaultAppleCommandTtlHours, type AppleCommand, type AppleCommandResult } from './model.js';
import type { AppleCommandQueue, AppleCommandResults } from './ports.js';

export type PlanAppleConfigurationStores = DeliverDeviceConfigurationStores &
  Pick<AppleCommandQueue, 'listAppleCommands' | 'enqueueAppleCommands' | 'deleteAppleCommand'> &
  Pick<AppleCommandResults, 'insertAppleCommandResults'>;

/** What policy delivery to Apple devices needs besides the stores. */
export interface AppleDeliveryServices {
  /**
   * How Ward names its profiles on devices. Without it there is no policy delivery over MDM:
   * Ward could not name what to remove nor recognise its profiles in a ProfileList.
   */
  readonly appleProfiles?: AppleProfileNaming;
  /** The CA, for certificates that configuration profiles issue. */
  readonly credentials?: ProfileCredentialSource;
}

/** What a plan queued and dropped. */
export interface AppleConfigurationPlan {
  /** InstallProfile commands queued. */
  readonly installs: number;
  /** RemoveProfile commands queued. */
  readonly removals: number;
  /** Unsent policy commands dropped because a newer plan replaced them. */
  readonly superseded: number;
}

/** The origin of the commands policy delivery queues. */
export const policyOrigin = 'policy';

const nothing: AppleConfigurationPlan = { installs: 0, removals: 0, superseded: 0 };

/**
 * Policy delivery over MDM (issue 5 §6), inside the caller's transaction: brings an active Apple
 * device's command queue in line with its desired configuration, as the agent's check-in does
 * with its `configuration` answer. Profiles whose current version the device does not hold
 * (no report at the desired hash, or a reported removal) get an `InstallProfile` with the
 * abstract payload `{ profileId, hash }` (the adapter renders and signs the profile when it
 * sends the command); profiles it holds but should not get a `RemoveProfile` naming Ward's
 * identifier. A version the device failed on is not sent again until it changes. Nothing is
 * queued twice: a pending command for the same profile and hash (or the same removal) is the
 * answer; unsent policy commands a newer plan contradicts are moved to history as canceled.
 * Rows become pending or removing through the policy engine's own reconciliation.
 *
 * Most calls cost one indexed read: the device's rows say there is nothing to deliver. Pass
 * `recompute` when what assignment depends on changed (enrollment completed, facts moved).
 * The caller wakes the device if it is not talking to Ward right now.
 */
export async function planAppleConfiguration(
  s: PlanAppleConfigurationStores,
  services: { readonly ids: Ids; readonly digests: Digests; readonly naming: AppleProfileNaming; readonly credentials?: ProfileCredentialSource },
  device: Pick<Device, 'id' | 'tenantId' | 'managementState'>,
  now: Date,
  options: { readonly recompute?: boolean } = {},
): Promise<AppleConfigurationPlan> {
  if (device.managementState !== 'enrolled') return nothing;
  const recompute = options.recompute === true;
  const rows = await s.listDeviceProfileStates(device.tenantId, [device.id]);
  if (!recompute && !needsDelivery(rows)) return nothing;
  const pending = policyCommandsOf(await s.listAppleCommands(device.tenantId, device.id), services.naming);
  // The device's commands already carry everything its rows ask for: no need to render anything.
  if (!recompute && rows.every((row) => covered(row, pending))) return nothing;

  const plan = await deliverDeviceConfiguration(s, services.digests.sha256Hex.bind(services.digests), device, now, {
    recompute,
    ...(services.credentials === undefined ? {} : { credentials: services.credentials }),
  });
  const installs = new Map((plan?.install ?? []).map((item) => [item.id, item.hash]));
  const removals = new Set(plan?.remove ?? []);
  const superseded: AppleCommand[] = [];
  const queued: AppleCommand[] = [];
  for (const command of pending) {
    const wanted = command.kind === 'install' ? installs.get(command.profileId) === command.hash : removals.has(command.profileId);
    if (wanted) {
      // Asked again, the pending command is the answer.
      if (command.kind === 'install') installs.delete(command.profileId);
      else removals.delete(command.profileId);
    } else if (command.command.status !== 'sent' && (command.kind === 'install' || installs.has(command.profileId))) {
      // Not in the device's hands yet and contradicted by this plan: an install of another
      // version (or of a profile no longer wanted), a removal of a profile wanted again. A
      // removal the plan does not mention stays: ProfileList reconciliation queues those. A sent
      // command is answered first; a stale InstallProfile is skipped when it is rendered.
      superseded.push(command.command);
    }
  }
  const expiresAt = new Date(now.getTime() + defaultAppleCommandTtlHours * 3_600_000);
  const command = (requestType: 'InstallProfile' | 'RemoveProfile', payload: Readonly<Record<string, unknown>>): AppleCommand => ({
    tenantId: device.tenantId,
    deviceId: device.id,
    channel: 'device',
    commandUuid: services.ids.newId(),
    requestType,
    payload,
    status: 'queued',
    origin: policyOrigin,
    createdAt: now,
    sentAt: null,
    expiresAt,
  });
  for (const [profileId, hash] of installs) queued.push(command('InstallProfile', { profileId, hash }));
  for (const profileId of removals) queued.push(command('RemoveProfile', { Identifier: wardAppleProfileIdentifier(services.naming, profileId) }));
  if (superseded.length > 0) await cancelSuperseded(s, superseded, now);
  if (queued.length > 0) await s.enqueueAppleCommands(queued);
  return { installs: installs.size, removals: removals.size, superseded: superseded.length };
}

/** A pending policy command, by the profile it is about. */
interface PolicyCommand {
  readonly kind: 'install' | 'remove';
  readonly profileId: string;
  /** The version an InstallProfile installs; null for a removal. */
  readonly hash: string | null;
  readonly command: AppleCommand;
}

/** The device's pending InstallProfile and RemoveProfile commands that are about Ward profiles. */
export function policyCommandsOf(commands: readonly AppleCommand[], naming: AppleProfileNaming): PolicyCommand[] {
  const found: PolicyCommand[] = [];
  for (const command of commands) {
    if (command.channel !== 'device') continue;
    if (command.requestType === 'InstallProfile') {
      const { profileId, hash } = command.payload;
      if (typeof profileId === 'string' && typeof hash === 'string') found.push({ kind: 'install', profileId, hash, command });
    } else if (command.requestType === 'RemoveProfile') {
      const identifier = command.payload.Identifier;
      const profileId = typeof identifier === 'string' ? wardProfileIdOf(naming, identifier) : undefined;
      if (profileId !== undefined) found.push({ kind: 'remove', profileId, hash: null, command });
    }
  }
  return found;
}

/** Whether a pending command already does what this row asks (or the row asks nothing). */
function covered(row: DeviceProfileState, pending: readonly PolicyCommand[]): boolean {
  if (row.action === 'install') {
    if (row.desiredHash === row.reportedHash && row.reportedStatus !== 'removed') return true;
    return pending.some((p) => p.kind === 'install' && p.profileId === row.profileId && p.hash === row.desiredHash);
  }
  if (!deviceHolds(row)) return true;
  return pending.some((p) => p.kind === 'remove' && p.profileId === row.profileId);
}

async function cancelSuperseded(s: PlanAppleConfigurationStores, commands: readonly AppleCommand[], now: Date): Promise<void> {
  const results: AppleCommandResult[] = [];
  for (const c of commands) {
    if (!(await s.deleteAppleCommand(c.tenantId, c.commandUuid))) continue;
    results.push({ ...resultBase(c), status: 'canceled', result: { reason: 'superseded' }, errorChain: null, completedAt: now });
  }
  if (results.length > 0) await s.insertAppleCommandResults(results);
}

function resultBase(c: AppleCommand): Pick<AppleCommandResult, 'tenantId' | 'deviceId' | 'channel' | 'commandUuid' | 'requestType' | 'origin' | 'createdAt'> {
  return { tenantId: c.tenantId, deviceId: c.deviceId, channel: c.channel, commandUuid: c.commandUuid, requestType: c.requestType, origin: c.origin, createdAt: c.createdAt };
}
