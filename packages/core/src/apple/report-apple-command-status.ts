import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import { applyComplianceEvaluation, loadComplianceEvaluationContext, type ComplianceContextStores, type ComplianceEvaluationStores } from '../compliance/apply-compliance-evaluation.js';
import { needsComplianceEvaluation } from '../compliance/needs-compliance-evaluation.js';
import type { Device, DeviceFacts } from '../devices/model.js';
import type { DeviceSoftwareStore, DeviceStore } from '../devices/ports.js';
import type { InstalledSoftware } from '../devices/software.js';
import { refreshDeviceMemberships, type MembershipStores } from '../directory/refresh-memberships.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { maxAppleResultBytes, type AppleChannel, type AppleCommand, type AppleErrorChainEntry, type AppleInstalledProfile, type AppleRequestType, type AppleResultStatus } from './model.js';
import { appsOrigin, planAppleApps, type PlanAppleAppsStores } from './plan-apple-apps.js';
import { planAppleConfiguration, type AppleDeliveryServices, type PlanAppleConfigurationStores } from './plan-apple-configuration.js';
import type { AppleCommandQueue, AppleCommandResults, AppleEnrollmentStore } from './ports.js';
import { reconcileAppleProfileList, type ReconcileAppleProfileListStores } from './reconcile-apple-profile-list.js';
import { recordAppleAppOutcome, type AppleManagedApplication, type RecordAppleAppOutcomeStores } from './record-apple-app-outcome.js';
import { recordAppleProfileOutcome } from './record-apple-profile-outcome.js';
import type { BoundAppleSession } from './resolve-apple-request.js';
import { settleAppleActions, type SettleAppleActionsStores } from './settle-apple-actions.js';

export type ReportAppleCommandStatusStores = Pick<AppleCommandQueue, 'getAppleCommand' | 'nextAppleCommand' | 'setAppleCommandStatus' | 'deleteAppleCommand'> &
  Pick<AppleCommandResults, 'insertAppleCommandResults' | 'getAppleCommandResult'> &
  Pick<AppleEnrollmentStore, 'getAppleEnrollment' | 'putAppleEnrollment'> &
  Pick<DeviceStore, 'getDevice' | 'updateDevice' | 'touchDevice'> &
  Pick<DeviceSoftwareStore, 'replaceDeviceSoftware'> &
  MembershipStores &
  ComplianceContextStores &
  ComplianceEvaluationStores &
  PlanAppleConfigurationStores &
  PlanAppleAppsStores &
  RecordAppleAppOutcomeStores &
  ReconcileAppleProfileListStores &
  SettleAppleActionsStores &
  AuditTrail &
  EventPublisher;

/** What the command endpoint needs besides the stores: policy delivery's naming and the CA. */
export type ReportAppleCommandStatusDeps = Deps<ReportAppleCommandStatusStores> & AppleDeliveryServices;

export const appleReportStatuses = ['Idle', 'Acknowledged', 'Error', 'CommandFormatError', 'NotNow'] as const;
/** The Status of a command-endpoint request, as Apple spells it. */
export type AppleReportStatus = (typeof appleReportStatuses)[number];

/**
 * One request to the command endpoint, decoded by the adapter. What an answer teaches about the
 * device (DeviceInformation, SecurityInfo, InstalledApplicationList, ProfileList) arrives already
 * normalised into Ward's facts, inventory, software and profile list.
 */
export interface AppleCommandReport {
  readonly channel: AppleChannel;
  readonly status: AppleReportStatus;
  /** Required unless Idle. */
  readonly commandUuid?: string;
  /** The answer's fields besides Status, CommandUUID, UDID and ErrorChain (bounded when stored). */
  readonly result?: Readonly<Record<string, unknown>>;
  readonly errorChain?: readonly AppleErrorChainEntry[];
  readonly facts?: DeviceFacts;
  readonly inventory?: Readonly<Record<string, unknown>>;
  readonly software?: readonly InstalledSoftware[];
  readonly installedProfiles?: readonly AppleInstalledProfile[];
  /** A ManagedApplicationList answer: each managed app's bundle id and Status. */
  readonly managedApplications?: readonly AppleManagedApplication[];
}

/** The command to send in the response, if any (an empty 200 otherwise). */
export interface AppleCommandReply {
  readonly next?: { readonly commandUuid: string; readonly requestType: AppleRequestType; readonly payload: Readonly<Record<string, unknown>> };
}

const finalStatus: Record<Exclude<AppleReportStatus, 'Idle' | 'NotNow'>, AppleResultStatus> = { Acknowledged: 'acknowledged', Error: 'error', CommandFormatError: 'commandFormatError' };
/** Commands that Ward's own machinery sends; their answers are not audited one by one. */
const systemOrigins = new Set(['enrollment', 'policy', appsOrigin]);
const maxErrorChain = 10;
const maxInstalledProfiles = 1000;

/**
 * The command endpoint (issue 5 §5), with Apple's semantics, in one transaction:
 * - Idle: commands the device put off with NotNow become eligible again; policy delivery plans
 *   what the device lacks of its desired configuration (`planAppleConfiguration`: InstallProfile,
 *   RemoveProfile) and app delivery what it lacks of its apps (`planAppleApps`: InstallApplication,
 *   RemoveApplication, ManagedApplicationList); the oldest eligible command is sent.
 * - Acknowledged, Error, CommandFormatError for a command this device was sent: it leaves the
 *   queue for history (answer bounded, ErrorChain kept); what an acknowledged answer reports is
 *   recorded (facts, corporate inventory and software, installed profiles) and compliance
 *   re-evaluated when facts changed; an InstallProfile or RemoveProfile of a Ward profile becomes
 *   that profile's outcome on the device, an app command or ManagedApplicationList becomes the
 *   apps' install status (`recordAppleAppOutcome`), a ProfileList is reconciled with what Ward
 *   installed, an admin action whose last command this was gets its history record, and facts
 *   that changed re-plan the configuration and apps; then the next command is sent.
 * - NotNow: the command waits for the device's next Idle; the next other command is sent.
 * A CommandUUID this device (and channel) was never sent is APPLE_COMMAND_NOT_SENT and nothing
 * changes; an answer repeated for a finished command changes nothing and gets the next command.
 * One command is in flight at a time: the one handed out last, re-sent until it is answered.
 */
export async function reportAppleCommandStatus(deps: ReportAppleCommandStatusDeps, session: BoundAppleSession, report: AppleCommandReport): Promise<Result<AppleCommandReply, ErrorCode>> {
  if (!(appleReportStatuses as readonly string[]).includes(report.status)) return fail('VALIDATION_FAILED', 'Unknown Status.', { field: 'Status' });
  if (report.status !== 'Idle' && (report.commandUuid === undefined || report.commandUuid.length === 0 || report.commandUuid.length > 64)) {
    return fail('VALIDATION_FAILED', 'A command answer needs its CommandUUID.', { field: 'CommandUUID' });
  }
  const { tenantId, id: deviceId } = session.device;
  return deps.tx.transaction(async (s) => {
    const now = deps.clock.now();
    let answered: string | undefined;
    let replan = report.status === 'Idle';
    let recompute = false;
    await s.touchDevice(tenantId, deviceId, now);
    if (report.status !== 'Idle') {
      // Devices echo the CommandUUID as sent, but may change its case.
      const commandUuid = (report.commandUuid ?? '').toLowerCase();
      const pending = await s.getAppleCommand(tenantId, commandUuid);
      const wasSent = pending !== undefined && pending.deviceId === deviceId && pending.channel === report.channel && pending.status !== 'queued';
      if (!wasSent) {
        const finished = pending === undefined ? await s.getAppleCommandResult(tenantId, commandUuid) : undefined;
        if (finished?.deviceId !== deviceId || finished.channel !== report.channel) {
          return fail('APPLE_COMMAND_NOT_SENT', 'This device was never sent that command.', { commandUuid: commandUuid.slice(0, 64) });
        }
        // A repeated answer: recorded once already.
      } else if (report.status === 'NotNow') {
        await s.setAppleCommandStatus(tenantId, commandUuid, 'notNow');
      } else {
        const learned = await finish(s, deps, session, pending, finalStatus[report.status], report, now);
        replan ||= learned.factsChanged || learned.profilesMissing;
        recompute = learned.factsChanged;
      }
      answered = commandUuid;
    }
    const naming = deps.appleProfiles;
    // Configuration is planned on the device channel only: profiles are installed for the system.
    if (replan && naming !== undefined && report.channel === 'device' && session.enrollment.state === 'active') {
      await planAppleConfiguration(s, { ids: deps.ids, digests: deps.digests, naming, ...(deps.credentials === undefined ? {} : { credentials: deps.credentials }) }, session.device, now, {
        recompute,
      });
    }
    // Apps, like profiles, are installed for the device: planned on the device channel only.
    if (replan && report.channel === 'device' && session.enrollment.state === 'active') {
      await planAppleApps(s, { ids: deps.ids, digests: deps.digests }, session.device, now, { recompute });
    }
    const next = await s.nextAppleCommand(tenantId, deviceId, report.channel, now, { includeNotNow: report.status === 'Idle', ...(answered === undefined ? {} : { exceptUuid: answered }) });
    if (next === undefined) return ok({});
    await s.setAppleCommandStatus(tenantId, next.commandUuid, 'sent', now);
    return ok({ next: { commandUuid: next.commandUuid, requestType: next.requestType, payload: next.payload } });
  });
}

/** What an answer taught that changes the device's configuration plan. */
interface Learned {
  /** Facts changed: assignment may differ, so desired state is computed afresh. */
  readonly factsChanged: boolean;
  /** A ProfileList showed Ward profiles gone from the device: they are to be installed again. */
  readonly profilesMissing: boolean;
}

const learnedNothing: Learned = { factsChanged: false, profilesMissing: false };

/** Moves an answered command to history and records what it taught. */
async function finish(
  s: ReportAppleCommandStatusStores,
  deps: Pick<ReportAppleCommandStatusDeps, 'ids' | 'appleProfiles'>,
  session: BoundAppleSession,
  command: AppleCommand,
  status: AppleResultStatus,
  report: AppleCommandReport,
  now: Date,
): Promise<Learned> {
  if (!(await s.deleteAppleCommand(command.tenantId, command.commandUuid))) return learnedNothing;
  const errorChain = report.errorChain === undefined ? null : report.errorChain.slice(0, maxErrorChain).map(boundEntry);
  await s.insertAppleCommandResults([
    {
      tenantId: command.tenantId,
      deviceId: command.deviceId,
      channel: command.channel,
      commandUuid: command.commandUuid,
      requestType: command.requestType,
      origin: command.origin,
      status,
      result: boundResult(report.result),
      errorChain,
      createdAt: command.createdAt,
      completedAt: now,
    },
  ]);
  if (!systemOrigins.has(command.origin)) {
    await recordAudit(s, session.principal, now, 'device.actionCompleted', { type: 'device', id: command.deviceId }, null, { commandId: command.commandUuid, type: command.requestType, status });
  }
  s.publish({ type: 'device.actionCompleted', tenantId: command.tenantId, subject: command.deviceId, data: { commandId: command.commandUuid, status } });
  await recordAppleProfileOutcome(s, session.device, command, status, errorChain, now, deps.appleProfiles);
  await recordAppleAppOutcome(s, deps.ids, session.device, command, status, errorChain, { ...(report.result === undefined ? {} : { result: report.result }), ...(report.managedApplications === undefined ? {} : { managedApplications: report.managedApplications }) }, now);
  await settleAppleActions(s, command.tenantId, [command.origin], now);
  if (status !== 'acknowledged') return learnedNothing;
  return recordReport(s, deps, session, report, now);
}

/**
 * Records what an acknowledged answer reports, as the agent's check-in does: facts merged (and
 * groups, events and compliance following a change), inventory and software for corporate
 * devices only, the installed profile list.
 */
async function recordReport(
  s: ReportAppleCommandStatusStores,
  deps: Pick<ReportAppleCommandStatusDeps, 'ids' | 'appleProfiles'>,
  session: BoundAppleSession,
  report: AppleCommandReport,
  now: Date,
): Promise<Learned> {
  const { ids } = deps;
  const { tenantId, id: deviceId } = session.device;
  const device = await s.getDevice(tenantId, deviceId);
  if (device === undefined) return learnedNothing;
  const facts: DeviceFacts = { ...device.facts, ...report.facts };
  const factsChanged = JSON.stringify(facts) !== JSON.stringify(device.facts);
  // Personal devices keep no raw inventory or software list: IT sees only corporate data.
  const personal = device.ownership === 'personal';
  const inventory = report.inventory !== undefined && !personal ? { ...device.inventory, ...report.inventory } : device.inventory;
  const after: Device = { ...device, facts, osVersion: facts.osVersion ?? device.osVersion, inventory, lastSeenAt: now, updatedAt: now };
  if (factsChanged || inventory !== device.inventory) await s.updateDevice(after);
  if (report.software !== undefined && !personal) await s.replaceDeviceSoftware(tenantId, deviceId, report.software);
  let profilesMissing = false;
  if (report.installedProfiles !== undefined) {
    const enrollment = await s.getAppleEnrollment(tenantId, deviceId);
    const installed = report.installedProfiles.slice(0, maxInstalledProfiles).map(boundProfile);
    if (enrollment !== undefined) await s.putAppleEnrollment({ ...enrollment, installedProfiles: installed });
    // A user channel's ProfileList lists that user's profiles only; Ward installs for the device.
    if (deps.appleProfiles !== undefined && enrollment?.state === 'active' && report.channel === 'device') profilesMissing = (await reconcileAppleProfileList(s, ids, device, installed, deps.appleProfiles, now)).missing > 0;
  }
  if (factsChanged) {
    await refreshDeviceMemberships(s, tenantId, after, now);
    s.publish({ type: 'device.factsChanged', tenantId, subject: deviceId });
  }
  if (needsComplianceEvaluation(device, factsChanged, now)) {
    await applyComplianceEvaluation(s, ids, await loadComplianceEvaluationContext(s, tenantId), [deviceId], now);
  }
  return { factsChanged, profilesMissing };
}

function boundResult(result: Readonly<Record<string, unknown>> | undefined): Readonly<Record<string, unknown>> | null {
  if (result === undefined) return null;
  const bytes = new TextEncoder().encode(JSON.stringify(result)).length;
  return bytes > maxAppleResultBytes ? { truncated: true, bytes } : result;
}

function boundEntry(entry: AppleErrorChainEntry): AppleErrorChainEntry {
  return {
    errorCode: Number.isSafeInteger(entry.errorCode) ? entry.errorCode : 0,
    errorDomain: entry.errorDomain.slice(0, 256),
    localizedDescription: entry.localizedDescription.slice(0, 1000),
    usEnglishDescription: entry.usEnglishDescription === null ? null : entry.usEnglishDescription.slice(0, 1000),
  };
}

function boundProfile(profile: AppleInstalledProfile): AppleInstalledProfile {
  return { identifier: profile.identifier.slice(0, 256), uuid: profile.uuid?.slice(0, 64) ?? null, displayName: profile.displayName?.slice(0, 256) ?? null };
}
