import { wipeDeviceAppRegistrations, type WipeDeviceAppRegistrationsStores } from '../mam/wipe-device-app-registrations.js';
import type { AuditTrail } from '../audit/ports.js';
import { actionTypes, defaultCommandTtlHours } from '../commands/model.js';
import type { ActionRequestOutcome, RequestDeviceActionInput } from '../commands/request-device-action.js';
import type { Device } from '../devices/model.js';
import type { DeviceStore } from '../devices/ports.js';
import { authorize, type Scope } from '../directory/authorize.js';
import type { DeviceId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { deviceHolds } from '../policy/derive-profile-status.js';
import type { DeviceConfigurationStore } from '../policy/ports.js';
import { wardAppleEnrollmentIdentifier, wardAppleProfileIdentifier, wardProfileIdOf, type AppleProfileNaming } from './apple-profile-identifier.js';
import { queueAppleCommands, type AppleCommandRequest, type EnqueueAppleCommandsStores } from './enqueue-apple-commands.js';
import { corporateOnlyRequestTypes, userEnrollmentRefusedRequestTypes, type AppleAction, type AppleCommandResult, type AppleEnrollment, type AppleRequestType } from './model.js';
import { policyOrigin } from './plan-apple-configuration.js';
import type { AppleActionStore, AppleCommandQueue, AppleCommandResults, AppleEnrollmentStore } from './ports.js';
import { initialDeviceInformationQueries } from './update-apple-tokens.js';

export type RequestAppleDeviceActionStores = Pick<DeviceStore, 'getDevices' | 'isDeviceWithinGroups' | 'updateDevice'> &
  EnqueueAppleCommandsStores &
  Pick<AppleEnrollmentStore, 'getAppleEnrollment'> &
  Pick<AppleActionStore, 'insertAppleActions' | 'listAppleActions'> &
  Pick<AppleCommandQueue, 'listAppleCommands' | 'deleteAppleCommand'> &
  Pick<AppleCommandResults, 'insertAppleCommandResults'> &
  Pick<DeviceConfigurationStore, 'listDeviceProfileStates'> &
  WipeDeviceAppRegistrationsStores &
  AuditTrail &
  EventPublisher;

/**
 * Admin actions an Apple device takes: the agent's (`actionTypes`) and those only MDM offers.
 * `runScript` is among them so that it is refused per device (ACTION_NOT_SUPPORTED), not as an
 * unknown type.
 */
const mdmOnlyActionTypes = ['wipe', 'clearPasscode', 'shutdown', 'enableLostMode', 'disableLostMode'] as const;
export type AppleActionType = (typeof actionTypes)[number] | (typeof mdmOnlyActionTypes)[number];
export const appleActionTypes: readonly AppleActionType[] = [...actionTypes, ...mdmOnlyActionTypes.filter((t) => !(actionTypes as readonly string[]).includes(t))];

/** At most this many devices per request, as for the agent's actions. */
const maxDevices = 10_000;
/** Devices per transaction: each chunk commits, and wakes its devices, on its own. */
const chunkSize = 500;

/** Action payload fields, checked before anything is queued. */
interface ApplePayload {
  readonly message?: string;
  readonly phoneNumber?: string;
  readonly footnote?: string;
  readonly pin?: string;
}

/** The agent's action path, for the devices that are not Apple MDM devices. */
export type OtherDeviceAction = (input: RequestDeviceActionInput) => Promise<Result<readonly ActionRequestOutcome[], ErrorCode>>;

/**
 * Remote actions on Apple MDM devices (issue 5 §7), the Apple half of `requestDeviceAction`:
 * devices with an Apple enrollment get Apple commands, every other device is handed to `others`
 * (the agent's path; refused as DEVICE_NOT_FOUND without one), and the outcomes come back in
 * the order asked.
 *
 * - sync: a push, and a DeviceInformation and SecurityInfo refresh;
 * - refreshInventory: DeviceInformation, SecurityInfo, ProfileList, CertificateList, and
 *   InstalledApplicationList on corporate devices only;
 * - lock: DeviceLock (optional `message`, `phoneNumber`; `pin` for Macs); restart:
 *   RestartDevice; shutdown: ShutDownDevice;
 * - retire: RemoveProfile for every Ward profile the device holds, then RemoveProfile of the
 *   enrollment profile, after which the device checks out; unsent policy commands are dropped
 *   and the device is `retirePending` until then;
 * - wipe: EraseDevice (optional `pin`), corporate devices only;
 * - clearPasscode: ClearPasscode with the UnlockToken the device escrowed (iPhone, iPad);
 * - enableLostMode (`message` or `phoneNumber`, optional `footnote`) / disableLostMode:
 *   supervised corporate iPhones and iPads only;
 * - runScript: ACTION_NOT_SUPPORTED (MDM runs no scripts).
 * Refusals are per device with a stable code; User Enrollment refuses what Apple forbids there.
 * Each action is one pending {@link AppleAction} whose id is its commands' `origin` and its
 * history record's id (the action's progress, then outcome, in the device's action list), is
 * audited, and wakes its device. A device with the same action pending gets no second one.
 */
export async function requestAppleDeviceAction(
  deps: Deps<RequestAppleDeviceActionStores> & { readonly appleProfiles: AppleProfileNaming },
  principal: Principal,
  input: RequestDeviceActionInput,
  others?: OtherDeviceAction,
): Promise<Result<readonly ActionRequestOutcome[], ErrorCode>> {
  if (!(appleActionTypes as readonly string[]).includes(input.type)) return fail('VALIDATION_FAILED', `Unknown action ${input.type.slice(0, 32)}; use ${appleActionTypes.join(', ')}.`, { field: 'type' });
  const type = input.type as AppleActionType;
  const ids = [...new Set(input.deviceIds)];
  if (ids.length === 0 || ids.length > maxDevices) return fail('VALIDATION_FAILED', `Name 1 to ${maxDevices} devices.`, { field: 'deviceIds' });
  const ttlHours = input.ttlHours ?? defaultCommandTtlHours;
  if (!Number.isInteger(ttlHours) || ttlHours < 1 || ttlHours > 24 * 30) return fail('VALIDATION_FAILED', 'ttlHours must be from 1 to 720.', { field: 'ttlHours' });
  // A script's payload is the agent's to check; Apple devices refuse the action itself.
  const payload = type === 'runScript' ? ok({}) : validatePayload(type, input.payload ?? {});
  if (!payload.ok) return payload;
  const scope = authorize(principal, 'devices.action');
  if (!scope.ok) return scope;

  const outcomes = new Map<string, ActionRequestOutcome>();
  const rest: string[] = [];
  for (let i = 0; i < ids.length; i += chunkSize) {
    const chunk = ids.slice(i, i + chunkSize);
    const done = await deps.tx.transaction((s) => queueChunk(s, deps, principal, scope.value, { type, payload: payload.value, ttlHours }, chunk));
    for (const o of done.outcomes) outcomes.set(o.deviceId, o);
    rest.push(...done.others);
  }
  if (rest.length > 0) {
    if (others === undefined) {
      for (const id of rest) outcomes.set(id, { deviceId: id, commandId: null, status: 'refused', code: 'DEVICE_NOT_FOUND', message: `No Apple device with id ${id.slice(0, 64)}.` });
    } else {
      const theirs = await others({ ...input, deviceIds: rest });
      if (!theirs.ok) return theirs;
      for (const o of theirs.value) outcomes.set(o.deviceId, o);
    }
  }
  return ok(ids.flatMap((id) => outcomes.get(id) ?? []));
}

interface PlannedAppleAction {
  readonly type: AppleActionType;
  readonly payload: ApplePayload;
  readonly ttlHours: number;
}

async function queueChunk(
  s: RequestAppleDeviceActionStores,
  deps: Pick<Deps<unknown>, 'ids' | 'clock'> & { readonly appleProfiles: AppleProfileNaming },
  principal: Principal,
  scope: Scope,
  action: PlannedAppleAction,
  chunk: readonly string[],
): Promise<{ readonly outcomes: readonly ActionRequestOutcome[]; readonly others: readonly string[] }> {
  const { tenantId } = principal;
  const now = deps.clock.now();
  const devices = new Map<string, Device>((await s.getDevices(tenantId, chunk as DeviceId[])).map((d) => [d.id, d]));
  const outcomes: ActionRequestOutcome[] = [];
  const others: string[] = [];
  const actions: AppleAction[] = [];
  const refuse = (deviceId: string, code: ErrorCode, message: string): void => {
    outcomes.push({ deviceId, commandId: null, status: 'refused', code, message });
  };
  for (const id of chunk) {
    const device = devices.get(id);
    const enrollment = device === undefined ? undefined : await s.getAppleEnrollment(tenantId, device.id);
    // Not an Apple MDM device (or not one at all): the agent's path decides, scope included.
    if (device === undefined || enrollment === undefined || enrollment.state === 'checkedOut') {
      others.push(id);
      continue;
    }
    if (scope.kind === 'groups' && !(await s.isDeviceWithinGroups(tenantId, device.id, scope.groupIds))) {
      refuse(id, 'DEVICE_NOT_FOUND', `No device with id ${id.slice(0, 64)}.`);
      continue;
    }
    if (device.managementState === 'retired') {
      refuse(id, 'ACTION_NOT_ALLOWED', 'The device is retired.');
      continue;
    }
    if (enrollment.state !== 'active') {
      refuse(id, 'ACTION_NOT_ALLOWED', 'The device has not finished enrolling.');
      continue;
    }
    const same = (await s.listAppleActions(tenantId, device.id)).find((a) => a.type === action.type);
    if (same !== undefined) {
      outcomes.push({ deviceId: id, commandId: same.id, status: 'alreadyPending' });
      s.publish({ type: 'device.wake', tenantId, subject: device.id });
      continue;
    }
    const planned = await commandsFor(s, deps.appleProfiles, action, device, enrollment);
    if (!planned.ok) {
      refuse(id, planned.code, planned.message);
      continue;
    }
    // Checked here, not left to the queue, so that an action is queued whole or not at all.
    const forbidden = enrollment.userEnrollment ? userEnrollmentRefusedRequestTypes : device.ownership === 'corporate' ? [] : corporateOnlyRequestTypes;
    const refused = planned.value.find((r) => forbidden.includes(r.requestType));
    if (refused !== undefined) {
      refuse(id, 'ACTION_NOT_ALLOWED', `${action.type} is not possible on ${enrollment.userEnrollment ? 'a User Enrollment' : 'a personal device'}.`);
      continue;
    }
    const actionId = deps.ids.newId();
    if (action.type === 'retire') await dropPolicyCommands(s, device, now);
    const queued = await queueAppleCommands(
      s,
      deps.ids,
      now,
      tenantId,
      planned.value.map((r) => ({ deviceId: device.id, requestType: r.requestType, payload: r.payload, origin: actionId, ttlHours: action.ttlHours })),
    );
    if (!queued.ok) throw new Error(`Apple commands of a validated action were refused: ${queued.message}`);
    actions.push({
      tenantId,
      id: actionId,
      deviceId: device.id,
      type: action.type,
      commandUuids: queued.value.flatMap((o) => (o.commandUuid === null ? [] : [o.commandUuid])),
      requestedBy: principal.actor.name,
      createdAt: now,
      expiresAt: new Date(now.getTime() + action.ttlHours * 3_600_000),
    });
    if (action.type === 'retire') {
      await s.updateDevice({ ...device, managementState: 'retirePending', updatedAt: now });
      // Issue 7 §7: the SDK apps bound to the device lose their corporate data too.
      await wipeDeviceAppRegistrations(deps, s, principal, device.id);
    }
    outcomes.push({ deviceId: id, commandId: actionId, status: 'queued' });
  }
  if (actions.length > 0) await s.insertAppleActions(actions);
  // One audit event per action, sealed onto the chain together. Payloads are left out: an
  // UnlockToken or a PIN has no place in an audit trail.
  await s.appendAudits(
    actions.map((a) => ({
      tenantId,
      action: 'device.actionRequested',
      actor: principal.actor,
      origin: principal.origin,
      target: { type: 'device', id: a.deviceId },
      before: null,
      after: { commandId: a.id, type: a.type, protocol: 'apple-mdm', commands: a.commandUuids.length, expiresAt: a.expiresAt },
      occurredAt: now,
    })),
  );
  return { outcomes, others };
}

type PlannedRequest = Pick<AppleCommandRequest, 'payload'> & { readonly requestType: AppleRequestType };

/** The Apple commands one action becomes on one device, or why it cannot have them. */
async function commandsFor(
  s: RequestAppleDeviceActionStores,
  naming: AppleProfileNaming,
  action: PlannedAppleAction,
  device: Device,
  enrollment: AppleEnrollment,
): Promise<Result<readonly PlannedRequest[], ErrorCode>> {
  const { payload } = action;
  const mobile = device.platform === 'ios' || device.platform === 'ipados';
  const information: PlannedRequest = { requestType: 'DeviceInformation', payload: { Queries: [...initialDeviceInformationQueries] } };
  switch (action.type) {
    case 'sync':
      return ok([information, { requestType: 'SecurityInfo' }]);
    case 'refreshInventory':
      return ok([
        information,
        { requestType: 'SecurityInfo' },
        // Personal devices keep their app list from IT.
        ...(device.ownership === 'corporate' ? [{ requestType: 'InstalledApplicationList' as const, payload: { ManagedAppsOnly: false } }] : []),
        { requestType: 'ProfileList' },
        { requestType: 'CertificateList' },
      ]);
    case 'lock':
      return ok([{ requestType: 'DeviceLock', payload: defined({ Message: payload.message, PhoneNumber: payload.phoneNumber, PIN: device.platform === 'macos' ? payload.pin : undefined }) }]);
    case 'restart':
      return ok([{ requestType: 'RestartDevice' }]);
    case 'shutdown':
      return ok([{ requestType: 'ShutDownDevice' }]);
    case 'wipe':
      if (device.ownership !== 'corporate') return fail('ACTION_NOT_ALLOWED', 'A personal device is never erased; retire it instead, which removes only what Ward installed.');
      return ok([{ requestType: 'EraseDevice', payload: defined({ PIN: device.platform === 'macos' ? payload.pin : undefined }) }]);
    case 'clearPasscode':
      if (!mobile) return fail('ACTION_NOT_SUPPORTED', 'Apple offers ClearPasscode for iPhone and iPad only.');
      if (enrollment.unlockToken === null) return fail('ACTION_NOT_ALLOWED', 'The device has not escrowed an UnlockToken, so its passcode cannot be cleared.');
      // Binary plist fields travel in the queue's JSON as { $data: <base64> }.
      return ok([{ requestType: 'ClearPasscode', payload: { UnlockToken: { $data: enrollment.unlockToken } } }]);
    case 'enableLostMode':
    case 'disableLostMode':
      if (!mobile) return fail('ACTION_NOT_SUPPORTED', 'Apple offers Lost Mode for iPhone and iPad only.');
      if (device.facts.supervised !== true) return fail('ACTION_NOT_ALLOWED', 'Lost Mode needs a supervised device.');
      if (action.type === 'disableLostMode') return ok([{ requestType: 'DisableLostMode' }]);
      return ok([{ requestType: 'EnableLostMode', payload: defined({ Message: payload.message, PhoneNumber: payload.phoneNumber, Footnote: payload.footnote }) }]);
    case 'retire':
      return ok(await retireCommands(s, naming, device, enrollment));
    case 'runScript':
      return fail('ACTION_NOT_SUPPORTED', 'Apple devices managed over MDM run no scripts; use the agent on a Mac.');
  }
}

/**
 * Every Ward profile the device may hold (its rows, and what its last ProfileList showed in
 * Ward's namespace), then the enrollment profile: removing that one ends management.
 */
async function retireCommands(s: RequestAppleDeviceActionStores, naming: AppleProfileNaming, device: Device, enrollment: AppleEnrollment): Promise<PlannedRequest[]> {
  const identifiers = new Set<string>();
  for (const row of await s.listDeviceProfileStates(device.tenantId, [device.id])) {
    if (deviceHolds(row)) identifiers.add(wardAppleProfileIdentifier(naming, row.profileId));
  }
  for (const profile of enrollment.installedProfiles) {
    if (wardProfileIdOf(naming, profile.identifier) !== undefined) identifiers.add(profile.identifier);
  }
  return [...[...identifiers].sort().map((Identifier) => ({ requestType: 'RemoveProfile' as const, payload: { Identifier } })), { requestType: 'RemoveProfile', payload: { Identifier: wardAppleEnrollmentIdentifier(naming) } }];
}

/** Drops the device's unsent policy commands: a device being retired installs nothing more. */
async function dropPolicyCommands(s: RequestAppleDeviceActionStores, device: Device, now: Date): Promise<void> {
  const dropped: AppleCommandResult[] = [];
  for (const c of await s.listAppleCommands(device.tenantId, device.id)) {
    if (c.origin !== policyOrigin || c.status === 'sent' || !(await s.deleteAppleCommand(c.tenantId, c.commandUuid))) continue;
    dropped.push({ tenantId: c.tenantId, deviceId: c.deviceId, channel: c.channel, commandUuid: c.commandUuid, requestType: c.requestType, origin: c.origin, status: 'canceled', result: { reason: 'retiring' }, errorChain: null, createdAt: c.createdAt, completedAt: now });
  }
  if (dropped.length > 0) await s.insertAppleCommandResults(dropped);
}

function defined(fields: Readonly<Record<string, string | undefined>>): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out;
}

const payloadFields: Readonly<Partial<Record<AppleActionType, readonly (keyof ApplePayload)[]>>> = {
  lock: ['message', 'phoneNumber', 'pin'],
  wipe: ['pin'],
  enableLostMode: ['message', 'phoneNumber', 'footnote'],
};

/** Checks an action's payload: only the fields its type takes, as bounded printable text. */
function validatePayload(type: AppleActionType, payload: Readonly<Record<string, unknown>>): Result<ApplePayload, 'VALIDATION_FAILED'> {
  const allowed = payloadFields[type] ?? [];
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (!(allowed as readonly string[]).includes(key)) return fail('VALIDATION_FAILED', allowed.length === 0 ? `${type} takes no payload.` : `Unknown payload field ${key.slice(0, 32)}.`, { field: 'payload' });
    const max = key === 'pin' ? 6 : key === 'phoneNumber' ? 32 : 500;
    // eslint-disable-next-line no-control-regex -- shown on a lock screen: no control characters
    if (typeof value !== 'string' || value.trim() === '' || value.length > max || /[\x00-\x1f\x7f]/.test(value)) return fail('VALIDATION_FAILED', `${key} must be text of 1 to ${max} printable characters.`, { field: `payload.${key}` });
    if (key === 'pin' && !/^\d{6}$/.test(value)) return fail('VALIDATION_FAILED', 'pin must be six digits (Find My).', { field: 'payload.pin' });
    out[key] = value;
  }
  if (type === 'enableLostMode' && out.message === undefined && out.phoneNumber === undefined) return fail('VALIDATION_FAILED', 'Lost Mode needs a message or a phone number.', { field: 'payload' });
  return ok(out);
}
