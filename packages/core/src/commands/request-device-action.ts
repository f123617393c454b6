import { wipeDeviceAppRegistrations, type WipeDeviceAppRegistrationsStores } from '../mam/wipe-device-app-registrations.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Device } from '../devices/model.js';
import type { DeviceStore } from '../devices/ports.js';
import { authorize, type Scope } from '../directory/authorize.js';
import type { DeviceId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { commandSigningBytes } from './command-signing-bytes.js';
import { requestAppleDeviceAction, type RequestAppleDeviceActionStores } from '../apple/request-apple-device-action.js';
import type { AppleProfileNaming } from '../apple/apple-profile-identifier.js';
import { actionTypes, agentActionTypes, defaultCommandTtlHours, type ActionType, type CommandId, type PendingCommand } from './model.js';
import type { CommandQueue, CommandSigner } from './ports.js';

export type RequestDeviceActionStores = Pick<DeviceStore, 'getDevices' | 'isDeviceWithinGroups' | 'updateDevice'> &
  Pick<CommandQueue, 'enqueueCommands' | 'listPendingCommandsOfType'> &
  WipeDeviceAppRegistrationsStores &
  AuditTrail &
  EventPublisher;

/** At most this many devices per request; larger fleets are addressed in batches. */
export const maxActionDevices = 10_000;
/**
 * Devices queued per transaction. Each chunk commits (and wakes its devices) on its own, so the
 * first devices check in while later chunks are written, and no transaction holds the writer for
 * the whole fleet.
 */
export const actionChunkSize = 500;
/** The largest script accepted, in UTF-8 bytes. */
export const maxScriptBytes = 256 * 1024;

/** A remote action for some devices. */
export interface RequestDeviceActionInput {
  readonly deviceIds: readonly string[];
  readonly type: string;
  /** For `runScript`: `{ interpreter, script, timeoutSeconds }`. */
  readonly payload?: Readonly<Record<string, unknown>>;
  readonly ttlHours?: number;
}

/** Per-device outcome of a request. */
export interface ActionRequestOutcome {
  readonly deviceId: string;
  readonly commandId: string | null;
  readonly status: 'queued' | 'alreadyPending' | 'refused';
  readonly code?: ErrorCode;
  readonly message?: string;
}

function validatePayload(type: ActionType, payload: Readonly<Record<string, unknown>>): Result<Readonly<Record<string, unknown>>, 'VALIDATION_FAILED'> {
  if (type !== 'runScript') {
    if (Object.keys(payload).length > 0) return fail('VALIDATION_FAILED', `${type} takes no payload.`, { field: 'payload' });
    return ok({});
  }
  const { interpreter, script, timeoutSeconds, ...rest } = payload;
  if (Object.keys(rest).length > 0) return fail('VALIDATION_FAILED', `Unknown payload field ${Object.keys(rest)[0] ?? ''}.`, { field: 'payload' });
  if (interpreter !== 'sh' && interpreter !== 'bash' && interpreter !== 'zsh' && interpreter !== 'powershell') return fail('VALIDATION_FAILED', 'interpreter must be sh, bash, zsh or powershell.', { field: 'payload.interpreter' });
  if (typeof script !== 'string' || script.trim() === '') return fail('VALIDATION_FAILED', 'script must be non-empty text.', { field: 'payload.script' });
  if (new TextEncoder().encode(script).length > maxScriptBytes) return fail('VALIDATION_FAILED', `A script may have at most ${maxScriptBytes} bytes.`, { field: 'payload.script' });
  if (typeof timeoutSeconds !== 'number' || !Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > 3600) {
    return fail('VALIDATION_FAILED', 'timeoutSeconds must be a whole number from 1 to 3600.', { field: 'payload.timeoutSeconds' });
  }
  return ok({ interpreter, script, timeoutSeconds });
}

/**
 * Queues a remote action (sync, refresh inventory, lock, restart, run a script, retire) for each
 * device in the caller's `devices.action` scope, signs it, audits it and wakes the device. A device
 * that already has the same parameterless action pending is not given a second one.
 *
 * Devices go in chunks of {@link actionChunkSize}, each one transaction whose wake-ups leave at
 * its commit. A failure (an infrastructure error, thrown) leaves the chunks before it queued and
 * audited; the outcomes list every device in the order asked.
 */
export async function requestDeviceAction(
  deps: Deps<RequestDeviceActionStores & RequestAppleDeviceActionStores> & { readonly signer: CommandSigner; readonly appleProfiles?: AppleProfileNaming },
  principal: Principal,
  input: RequestDeviceActionInput,
): Promise<Result<readonly ActionRequestOutcome[], ErrorCode>> {
  const { appleProfiles } = deps;
  // Apple devices get the action as MDM commands; whatever devices are not Apple's go to the agent.
  if (appleProfiles === undefined) return requestAgentDeviceAction(deps, principal, input);
  return requestAppleDeviceAction({ ...deps, appleProfiles }, principal, input, (rest) => requestAgentDeviceAction(deps, principal, rest));
}

/** {@link requestDeviceAction} for devices that run the Ward agent. */
async function requestAgentDeviceAction(
  deps: Deps<RequestDeviceActionStores> & { readonly signer: CommandSigner },
  principal: Principal,
  input: RequestDeviceActionInput,
): Promise<Result<readonly ActionRequestOutcome[], ErrorCode>> {
  if (!(actionTypes as readonly string[]).includes(input.type)) return fail('VALIDATION_FAILED', `Unknown action ${input.type.slice(0, 32)}; use ${actionTypes.join(', ')}.`, { field: 'type' });
  if (!(agentActionTypes as readonly string[]).includes(input.type)) {
    const scope = authorize(principal, 'devices.action');
    if (!scope.ok) return scope;
    return ok([...new Set(input.deviceIds)].map((deviceId) => ({ deviceId, commandId: null, status: 'refused' as const, code: 'ACTION_NOT_SUPPORTED' as const, message: `The Ward agent does not carry out ${input.type}; it is an Apple MDM action.` })));
  }
  const type = input.type as ActionType;
  const ids = [...new Set(input.deviceIds)];
  if (ids.length === 0 || ids.length > maxActionDevices) return fail('VALIDATION_FAILED', `Name 1 to ${maxActionDevices} devices.`, { field: 'deviceIds' });
  const ttlHours = input.ttlHours ?? defaultCommandTtlHours;
  if (!Number.isInteger(ttlHours) || ttlHours < 1 || ttlHours > 24 * 30) return fail('VALIDATION_FAILED', 'ttlHours must be from 1 to 720.', { field: 'ttlHours' });
  const payload = validatePayload(type, input.payload ?? {});
  if (!payload.ok) return payload;
  const scope = authorize(principal, 'devices.action');
  if (!scope.ok) return scope;
  const now = deps.clock.now();
  const action: PlannedAction = { type, payload: payload.value, now, expiresAt: new Date(now.getTime() + ttlHours * 3_600_000), scope: scope.value };
  const outcomes: ActionRequestOutcome[] = [];
  for (let i = 0; i < ids.length; i += actionChunkSize) {
    const chunk = ids.slice(i, i + actionChunkSize);
    // Signing is CPU work outside the transaction, so writers are not held while it runs.
    const planned: PlannedCommand[] = [];
    for (const deviceId of chunk) {
      const commandId = deps.ids.newId() as CommandId;
      const signature = type === 'sync' ? unsignedSync : await deps.signer.sign(commandSigningBytes({ id: commandId, deviceId, type, payload: action.payload, expiresAt: action.expiresAt }));
      planned.push({ deviceId, commandId, signature });
    }
    outcomes.push(...(await deps.tx.transaction((s) => queueChunk(deps, s, principal, action, planned))));
  }
  return ok(outcomes);
}

/**
 * The signature of a sync: none. A sync never reaches the device (the check-in it asks for fulfils
 * it on the server, see `checkInDevice`), so nothing would ever check a signature, and signing
 * ten thousand of them was most of the CPU a "sync all" cost. An agent handed an unsigned command
 * would refuse it, so a sync that did leak out would do nothing.
 */
const unsignedSync = '';

/** What every device of one request is asked to do. */
interface PlannedAction {
  readonly type: ActionType;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly now: Date;
  readonly expiresAt: Date;
  readonly scope: Scope;
}

/** One device's command, id and signature made before its chunk's transaction. */
interface PlannedCommand {
  readonly deviceId: string;
  readonly commandId: CommandId;
  readonly signature: string;
}

/** Queues one chunk's commands in the caller's transaction; returns the chunk's outcomes in order. */
async function queueChunk(deps: Pick<Deps<unknown>, 'clock' | 'ids'>, s: RequestDeviceActionStores, principal: Principal, action: PlannedAction, planned: readonly PlannedCommand[]): Promise<ActionRequestOutcome[]> {
  const { type, payload, now, expiresAt, scope } = action;
  const tenantId = principal.tenantId;
  const devices = new Map<string, Device>((await s.getDevices(tenantId, planned.map((p) => p.deviceId as DeviceId))).map((d) => [d.id, d]));
  // The oldest pending command of the same type, per device: asked again, it is the answer.
  const samePending = new Map<string, CommandId>();
  if (type !== 'runScript' && devices.size > 0) {
    const pending = await s.listPendingCommandsOfType(tenantId, type, [...devices.keys()] as DeviceId[]);
    for (const c of pending) {
      if (!samePending.has(c.deviceId)) samePending.set(c.deviceId, c.id);
    }
  }
  const outcomes: ActionRequestOutcome[] = [];
  const queued: { readonly device: Device; readonly command: PendingCommand }[] = [];
  for (const p of planned) {
    const device = devices.get(p.deviceId);
    if (device === undefined || (scope.kind === 'groups' && !(await s.isDeviceWithinGroups(tenantId, device.id, scope.groupIds)))) {
      outcomes.push({ deviceId: p.deviceId, commandId: null, status: 'refused', code: 'DEVICE_NOT_FOUND', message: `No device with id ${p.deviceId}.` });
      continue;
    }
    if (device.managementState === 'retired') {
      outcomes.push({ deviceId: device.id, commandId: null, status: 'refused', code: 'ACTION_NOT_ALLOWED', message: 'The device is retired.' });
      continue;
    }
    const same = samePending.get(device.id);
    if (same !== undefined) {
      outcomes.push({ deviceId: device.id, commandId: same, status: 'alreadyPending' });
      s.publish({ type: 'device.wake', tenantId, subject: device.id });
      continue;
    }
    const command: PendingCommand = {
      id: p.commandId,
      tenantId,
      deviceId: device.id,
      type,
      payload,
      signature: p.signature,
      status: 'queued',
      deliveries: 0,
      requestedBy: principal.actor.name,
      createdAt: now,
      sentAt: null,
      expiresAt,
    };
    queued.push({ device, command });
    outcomes.push({ deviceId: device.id, commandId: command.id, status: 'queued' });
  }
  await s.enqueueCommands(queued.map((q) => q.command));
  for (const { device } of queued) {
    if (type !== 'retire') continue;
    await s.updateDevice({ ...device, managementState: 'retirePending', updatedAt: now });
    // Issue 7 §7: a retired device loses corporate app data too; SDK apps bound to it are wiped at their next check-in.
    await wipeDeviceAppRegistrations(deps, s, principal, device.id);
  }
  // One audit event per queued command, sealed onto the chain together.
  await s.appendAudits(
    queued.map(({ device, command }) => ({
      tenantId,
      action: 'device.actionRequested',
      actor: principal.actor,
      origin: principal.origin,
      target: { type: 'device', id: device.id },
      before: null,
      after: { commandId: command.id, type, payload: type === 'runScript' ? { ...payload } : undefined, expiresAt },
      occurredAt: now,
    })),
  );
  for (const { device } of queued) s.publish({ type: 'device.wake', tenantId, subject: device.id });
  return outcomes;
}
