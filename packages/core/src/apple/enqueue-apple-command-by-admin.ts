import type { AuditTrail } from '../audit/ports.js';
import { findDeviceInScope } from '../devices/find-device-in-scope.js';
import type { DeviceStore } from '../devices/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { wardAppleEnrollmentIdentifier, wardProfileIdOf, type AppleProfileNaming } from './apple-profile-identifier.js';
import { queueAppleCommands, type EnqueueAppleCommandsStores } from './enqueue-apple-commands.js';
import { defaultAppleCommandTtlHours, maxApplePayloadBytes, type AppleChannel, type AppleRequestType } from './model.js';
import type { AppleEnrollmentStore } from './ports.js';

/**
 * RequestTypes an admin may send as they are (issue 5 §5; NanoMDM's enqueue API), each to one
 * device. The others Ward sends only as remote actions (`lock`, `wipe`, `clearPasscode`, …),
 * which add what the raw command cannot: the corporate-only and platform rules, the escrowed
 * UnlockToken, the retire sequence, and one entry in the device's action history.
 */
export const adminAppleRequestTypes = [
  'DeviceInformation',
  'SecurityInfo',
  'ProfileList',
  'CertificateList',
  'InstalledApplicationList',
  'InstallProfile',
  'RemoveProfile',
  'InstallApplication',
  'RemoveApplication',
  'Settings',
] as const satisfies readonly AppleRequestType[];
export type AdminAppleRequestType = (typeof adminAppleRequestTypes)[number];

/** The remote action to use instead of each RequestType an admin may not send raw. */
const actionFor: Readonly<Partial<Record<AppleRequestType, string>>> = {
  DeviceLock: 'lock',
  EraseDevice: 'wipe',
  ClearPasscode: 'clearPasscode',
  RestartDevice: 'restart',
  ShutDownDevice: 'shutdown',
  EnableLostMode: 'enableLostMode',
  DisableLostMode: 'disableLostMode',
};

/** The `origin` of commands an admin queued raw: `admin:` and who (the actor's name, bounded). */
export const adminAppleCommandOriginPrefix = 'admin:';

/** One way a payload breaks Apple's schema for its RequestType. */
export interface AppleCommandPayloadProblem {
  /** Where, as a key path (`Settings[0].DeviceName`); empty for the payload itself. */
  readonly path: string;
  readonly message: string;
}

/**
 * Checks a command payload (the Command dictionary's keys besides RequestType, as the queue's
 * JSON: `{ "$data": base64 }` for data, `{ "$date": ISO }` for dates) against Apple's schema for
 * its RequestType, strictly: a key the schema does not know is a problem. Returns every problem;
 * none means the command can be encoded. The server fills it from `@ward/apple`
 * (`jsonToPlist` then `encodeCommand`'s schema check); core holds no copy of Apple's schema.
 */
export type AppleCommandPayloadValidator = (requestType: AdminAppleRequestType, payload: Readonly<Record<string, unknown>>) => readonly AppleCommandPayloadProblem[];

/** An admin's command for one Apple device. */
export interface EnqueueAppleCommandByAdminInput {
  readonly deviceId: string;
  /** Apple's RequestType, one of {@link adminAppleRequestTypes}. */
  readonly requestType: string;
  /** The Command dictionary's other keys, as Apple names them (see {@link AppleCommandPayloadValidator}). */
  readonly payload?: Readonly<Record<string, unknown>>;
  /** `device` (default) or `user:<UserID>`: a user channel the device has registered (macOS). */
  readonly channel?: string;
  /** Hours the command waits for the device; 72 by default, 1 to 720. */
  readonly ttlHours?: number;
}

/** The command queued. */
export interface QueuedAppleCommand {
  readonly deviceId: string;
  readonly commandUuid: string;
  readonly requestType: AdminAppleRequestType;
  readonly channel: AppleChannel;
  readonly expiresAt: Date;
}

export type EnqueueAppleCommandByAdminStores = Pick<DeviceStore, 'getDevice' | 'isDeviceWithinGroups'> &
  EnqueueAppleCommandsStores &
  Pick<AppleEnrollmentStore, 'getAppleEnrollment' | 'listAppleUserChannels'> &
  AuditTrail;

/** Most problems quoted back in one refusal. */
const maxProblemsShown = 20;

/**
 * Queues one raw Apple MDM command an admin asked for (`POST /devices/{id}/mdm-commands`,
 * `ward device mdm-command`) and wakes the device through APNs once it commits.
 *
 * Refused, writing nothing: a RequestType outside {@link adminAppleRequestTypes}
 * (VALIDATION_FAILED, naming the action to use where there is one); a payload over 2 MiB, or one
 * `validatePayload` finds breaking Apple's schema (VALIDATION_FAILED with `problems`); a caller
 * without `devices.action` over the device (FORBIDDEN / DEVICE_NOT_FOUND); a device not enrolled
 * over Apple MDM (ACTION_NOT_SUPPORTED), or one that left management; a user channel the device
 * has not registered; RemoveProfile of Ward's enrollment profile (that is `retire`) or of a Ward
 * policy profile (unassign it instead: the policy engine would install it again);
 * InstalledApplicationList of every app on a personal device (IT sees managed apps only there);
 * and what `queueAppleCommands` refuses for personal devices and User Enrollment.
 * The command is audited as `device.actionRequested` (its payload's keys only, never its values)
 * and its answer, like an action's, as `device.actionCompleted`.
 */
export async function enqueueAppleCommandByAdmin(
  deps: Deps<EnqueueAppleCommandByAdminStores> & { readonly appleProfiles?: AppleProfileNaming },
  principal: Principal,
  input: EnqueueAppleCommandByAdminInput,
  validatePayload: AppleCommandPayloadValidator,
): Promise<Result<QueuedAppleCommand, ErrorCode>> {
  const requestType = input.requestType;
  if (!(adminAppleRequestTypes as readonly string[]).includes(requestType)) {
    const action = Object.hasOwn(actionFor, requestType) ? actionFor[requestType as AppleRequestType] : undefined;
    const message = action === undefined ? `Ward does not send RequestType ${requestType.slice(0, 64)}; use one of ${adminAppleRequestTypes.join(', ')}.` : `${requestType} is sent by the ${action} action (POST /devices/{id}/actions), which applies its rules.`;
    return fail('VALIDATION_FAILED', message, { field: 'requestType' });
  }
  const type = requestType as AdminAppleRequestType;
  // Typed as an object, but it arrives from JSON: a null or an array is refused, not trusted.
  const raw: unknown = input.payload === undefined ? {} : input.payload;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('VALIDATION_FAILED', 'A payload is a JSON object.', { field: 'payload' });
  const payload = raw as Readonly<Record<string, unknown>>;
  if (new TextEncoder().encode(JSON.stringify(payload)).length > maxApplePayloadBytes) return fail('VALIDATION_FAILED', `A payload may have at most ${maxApplePayloadBytes} bytes.`, { field: 'payload' });
  const ttlHours = input.ttlHours ?? defaultAppleCommandTtlHours;
  if (!Number.isInteger(ttlHours) || ttlHours < 1 || ttlHours > 24 * 30) return fail('VALIDATION_FAILED', 'ttlHours must be from 1 to 720.', { field: 'ttlHours' });
  const channel = input.channel ?? 'device';
  if (channel !== 'device' && !/^user:[\x21-\x7e]{1,128}$/.test(channel)) return fail('VALIDATION_FAILED', 'channel is device or user:<UserID>.', { field: 'channel' });
  if (Object.hasOwn(payload, 'RequestType')) return fail('VALIDATION_FAILED', 'RequestType goes in requestType, not in the payload.', { field: 'payload' });
  const problems = validatePayload(type, payload);
  if (problems.length > 0) {
    const shown = problems.slice(0, maxProblemsShown).map((p) => ({ path: p.path.slice(0, 200), message: p.message.slice(0, 300) }));
    return fail('VALIDATION_FAILED', `The ${type} payload breaks Apple's schema: ${shown.map((p) => `${p.path === '' ? 'payload' : p.path}: ${p.message}`).join('; ').slice(0, 1000)}`, { field: 'payload', problems: shown });
  }
  const refused = ruleOf(type, payload, deps.appleProfiles);
  if (refused !== undefined) return fail('ACTION_NOT_ALLOWED', refused);

  const found = await findDeviceInScope(deps.stores, principal, 'devices.action', input.deviceId);
  if (!found.ok) return found;
  const device = found.value;
  if (device.ownership !== 'corporate' && type === 'InstalledApplicationList' && payload['ManagedAppsOnly'] !== true) {
    return fail('ACTION_NOT_ALLOWED', 'A personal device lists only managed apps to IT: set ManagedAppsOnly to true.');
  }
  return deps.tx.transaction(async (s) => {
    const now = deps.clock.now();
    const enrollment = await s.getAppleEnrollment(device.tenantId, device.id);
    if (enrollment === undefined) return fail('ACTION_NOT_SUPPORTED', 'The device is not enrolled over Apple MDM.');
    if (channel !== 'device' && !(await s.listAppleUserChannels(device.tenantId, device.id)).some((c) => `user:${c.userId}` === channel)) {
      return fail('VALIDATION_FAILED', `The device has no user channel ${channel.slice(0, 140)}.`, { field: 'channel' });
    }
    const origin = `${adminAppleCommandOriginPrefix}${principal.actor.name}`.slice(0, 128);
    const queued = await queueAppleCommands(s, deps.ids, now, device.tenantId, [{ deviceId: device.id, channel: channel as AppleChannel, requestType: type, payload, origin, ttlHours }]);
    if (!queued.ok) return queued;
    const outcome = queued.value[0];
    if (outcome === undefined || outcome.commandUuid === null) return fail(outcome?.code ?? 'ACTION_NOT_ALLOWED', outcome?.message ?? 'The command was refused.');
    const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000);
    await s.appendAudit({
      tenantId: device.tenantId,
      action: 'device.actionRequested',
      actor: principal.actor,
      origin: principal.origin,
      target: { type: 'device', id: device.id },
      before: null,
      // Keys only: a payload may carry a profile's credentials or a user's data.
      after: { commandId: outcome.commandUuid, type, protocol: 'apple-mdm', channel, payloadKeys: Object.keys(payload).slice(0, 50), expiresAt },
      occurredAt: now,
    });
    return ok({ deviceId: device.id, commandUuid: outcome.commandUuid, requestType: type, channel: channel as AppleChannel, expiresAt });
  });
}

/** Why Ward will not send this command to any device, or undefined. */
function ruleOf(type: AdminAppleRequestType, payload: Readonly<Record<string, unknown>>, naming: AppleProfileNaming | undefined): string | undefined {
  if (type !== 'RemoveProfile' || naming === undefined) return undefined;
  const identifier = payload['Identifier'];
  if (typeof identifier !== 'string') return undefined;
  if (identifier === wardAppleEnrollmentIdentifier(naming)) return 'Removing the enrollment profile ends management: retire the device instead.';
  if (wardProfileIdOf(naming, identifier) !== undefined) return 'This is one of Ward\'s policy profiles: remove its assignment instead, or the policy engine installs it again.';
  return undefined;
}
