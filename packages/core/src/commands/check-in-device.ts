import { deliverDeviceApps, type DeliverDeviceAppsStores } from '../apps/deliver-device-apps.js';
import type { AppPlan } from '../apps/model.js';
import { recordAppReports, type RecordAppReportsStores } from '../apps/record-app-reports.js';
import { applyComplianceEvaluation, loadComplianceEvaluationContext, type ComplianceContextStores, type ComplianceEvaluationStores } from '../compliance/apply-compliance-evaluation.js';
import { needsComplianceEvaluation } from '../compliance/needs-compliance-evaluation.js';
import type { Device, DeviceFacts } from '../devices/model.js';
import type { DeviceSoftwareStore, DeviceStore } from '../devices/ports.js';
import type { InstalledSoftware } from '../devices/software.js';
import { refreshDeviceMemberships, type MembershipStores } from '../directory/refresh-memberships.js';
import type { DeviceSession } from '../enrollment/authenticate-device.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { completeCommand, type CompleteCommandStores, type ReportedResult } from './complete-command.js';
import { deliverDeviceConfiguration, type DeliverDeviceConfigurationStores } from '../policy/deliver-device-configuration.js';
import type { ConfigurationPlan } from '../policy/model.js';
import type { ProfileCredentialSource } from '../policy/ports.js';
import { recordConfigurationReports, type RecordConfigurationReportsStores } from '../policy/record-configuration-reports.js';
import type { PendingCommand } from './model.js';
import type { CommandQueue } from './ports.js';

export type CheckInStores = Pick<DeviceStore, 'getDevice' | 'updateDevice' | 'touchDevice'> &
  Pick<DeviceSoftwareStore, 'replaceDeviceSoftware'> &
  Pick<CommandQueue, 'takeCommands'> &
  CompleteCommandStores &
  MembershipStores &
  RecordConfigurationReportsStores &
  DeliverDeviceConfigurationStores &
  RecordAppReportsStores &
  DeliverDeviceAppsStores &
  ComplianceContextStores &
  ComplianceEvaluationStores &
  EventPublisher;

/** What a check-in needs besides the stores: the CA for certificates that configuration profiles issue. */
export interface CheckInServices {
  readonly credentials?: ProfileCredentialSource;
}

/** What a device reports at check-in. */
export interface CheckInInput {
  readonly agentVersion: string;
  readonly facts?: DeviceFacts;
  readonly inventory?: Readonly<Record<string, unknown>>;
  readonly software?: readonly InstalledSoftware[];
  readonly results: readonly ReportedResult[];
  /** What happened to the configuration items applied or removed since the last acknowledged report (validated here). */
  readonly configuration?: { readonly reports: unknown };
  /** What happened to the apps installed or removed since the last acknowledged report (validated here). */
  readonly apps?: { readonly reports: unknown };
}

/** What the device is told. */
export interface CheckInOutcome {
  readonly commands: readonly PendingCommand[];
  readonly acknowledgedResults: readonly string[];
  readonly renewCertificate: boolean;
  /** The configuration items to apply and remove, when what the device holds differs from its desired state. */
  readonly configuration?: ConfigurationPlan;
  /** The apps to install and remove, when the device lacks what it should have (docs/protocols/agent-v1.md, "Apps"). */
  readonly apps?: AppPlan;
}

/** A sent command without a result is handed out again after this long (at-least-once). */
export const redeliverAfterMs = 5 * 60_000;
/** Commands handed out per check-in. */
export const commandsPerCheckIn = 20;

/**
 * Records a sync the check-in fulfilled (already out of the queue) as succeeded, and tells
 * subscribers as any completion does. Not audited: the request that queued it was, and a device
 * checking in is not an act the audit trail records (a check-in without a sync writes none
 * either); the command history keeps when it was fulfilled.
 */
async function fulfilSync(s: CheckInStores, device: Device, command: PendingCommand, now: Date): Promise<void> {
  await s.insertCommandRecord({
    id: command.id,
    tenantId: device.tenantId,
    deviceId: device.id,
    type: command.type,
    status: 'succeeded',
    result: { finishedAt: now.toISOString(), output: 'The device checked in.' },
    requestedBy: command.requestedBy,
    createdAt: command.createdAt,
    completedAt: now,
  });
  s.publish({ type: 'device.actionCompleted', tenantId: device.tenantId, subject: device.id, data: { commandId: command.id, status: 'succeeded' } });
}

/**
 * A device checks in: its fact delta and (corporate devices only) inventory are stored, results
 * are applied exactly once, configuration reports are recorded, compliance is re-evaluated when
 * the facts changed (or the verdict may have lapsed), and the next commands and the configuration
 * and apps the device lacks are handed out. A result for a command this device was never sent, or
 * a report for a profile or app it was never given, refuses the whole check-in (COMMAND_NOT_FOUND,
 * CONFIGURATION_REPORT_UNKNOWN, APP_REPORT_UNKNOWN; nothing written), so a forged or misrouted message cannot touch
 * another device's state. A check-in that changes nothing costs a few indexed reads and one write;
 * one that fulfils a sync, two more writes (the queue row out, its history row in).
 */
export async function checkInDevice(deps: Deps<CheckInStores> & CheckInServices, session: DeviceSession, input: CheckInInput): Promise<Result<CheckInOutcome, ErrorCode>> {
  return deps.tx.transaction(async (s) => {
    const now = deps.clock.now();
    const device = await s.getDevice(session.device.tenantId, session.device.id);
    if (device === undefined) return fail('DEVICE_CERTIFICATE_INVALID', 'The device of this certificate no longer exists.');
    const acknowledged: string[] = [];
    const unknown: string[] = [];
    let retired = false;
    for (const result of input.results) {
      const outcome = await completeCommand(s, device, result, now);
      if (outcome === 'unknown') unknown.push(result.commandId);
      else {
        acknowledged.push(result.commandId);
        if (outcome === 'retired') retired = true;
      }
    }
    if (unknown.length > 0) return fail('COMMAND_NOT_FOUND', `This device was never sent command ${unknown[0] ?? ''}${unknown.length > 1 ? ` (and ${unknown.length - 1} more)` : ''}.`, { commandIds: unknown.slice(0, 20) });
    if (retired) return ok({ commands: [], acknowledgedResults: acknowledged, renewCertificate: false });
    const reported = await recordConfigurationReports(s, device, input.configuration?.reports ?? [], now);
    if (!reported.ok) return reported;
    const appsReported = await recordAppReports(s, device, input.apps?.reports ?? [], now);
    if (!appsReported.ok) return appsReported;

    const facts: DeviceFacts = { ...device.facts, ...input.facts, agentVersion: input.agentVersion };
    const factsChanged = JSON.stringify(facts) !== JSON.stringify(device.facts);
    // Personal devices keep no raw inventory or software list: IT sees only corporate data.
    const personal = device.ownership === 'personal';
    const inventory = input.inventory !== undefined && !personal ? input.inventory : device.inventory;
    // Most check-ins report nothing new: then only the last-seen time is written, not the whole row.
    if (factsChanged || input.inventory !== undefined) {
      await s.updateDevice({ ...device, facts, osVersion: facts.osVersion ?? device.osVersion, inventory, lastSeenAt: now, updatedAt: now });
    } else {
      await s.touchDevice(device.tenantId, device.id, now);
    }
    if (input.software !== undefined && !personal) await s.replaceDeviceSoftware(device.tenantId, device.id, input.software);
    if (factsChanged) {
      await refreshDeviceMemberships(s, device.tenantId, { ...device, facts, osVersion: facts.osVersion ?? device.osVersion }, now);
      s.publish({ type: 'device.factsChanged', tenantId: device.tenantId, subject: device.id });
    }
    if (needsComplianceEvaluation(device, factsChanged, now)) {
      await applyComplianceEvaluation(s, deps.ids, await loadComplianceEvaluationContext(s, device.tenantId), [device.id], now);
    }
    // Facts can move the device in or out of filters and dynamic groups, and a first check-in may
    // precede the background recomputation after enrollment: then its desired state is computed now.
    // Enrollment records lastSeenAt as enrolledAt: no later sighting yet means a first check-in.
    const recompute = factsChanged || device.lastSeenAt === null || device.lastSeenAt.getTime() <= device.enrolledAt.getTime();
    const configuration = await deliverDeviceConfiguration(s, deps.digests.sha256Hex.bind(deps.digests), device, now, {
      recompute,
      ...(deps.credentials === undefined ? {} : { credentials: deps.credentials }),
    });
    const apps = await deliverDeviceApps(s, deps.digests.sha256Hex.bind(deps.digests), device, now, { recompute });
    // "Sync" asks the device to check in, and this check-in is it: the command leaves the queue
    // here rather than being sent, run as a no-op and reported back on yet another check-in.
    const taken = await s.takeCommands(device.tenantId, device.id, now, new Date(now.getTime() - redeliverAfterMs), commandsPerCheckIn, 'sync');
    const commands: PendingCommand[] = [];
    for (const command of taken) {
      if (command.type === 'sync') await fulfilSync(s, device, command, now);
      else commands.push(command);
    }
    const lifetime = session.identity.notAfter.getTime() - session.identity.notBefore.getTime();
    const renewCertificate = session.identity.state === 'active' && session.identity.notAfter.getTime() - now.getTime() < lifetime / 3;
    return ok({ commands, acknowledgedResults: acknowledged, renewCertificate, ...(configuration === undefined ? {} : { configuration }), ...(apps === undefined ? {} : { apps }) });
  });
}
