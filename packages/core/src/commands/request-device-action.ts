import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import { findDeviceInScope } from '../devices/find-device-in-scope.js';
import type { Device } from '../devices/model.js';
import type { DeviceStore } from '../devices/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { commandSigningBytes } from './command-signing-bytes.js';
import { actionTypes, defaultCommandTtlHours, type ActionType, type CommandId, type PendingCommand } from './model.js';
import type { CommandQueue, CommandSigner } from './ports.js';

export type RequestDeviceActionStores = Pick<DeviceStore, 'getDevice' | 'isDeviceWithinGroups' | 'updateDevice'> & Pick<CommandQueue, 'enqueueCommand' | 'listPendingCommands'> & AuditTrail & EventPublisher;

/** At most this many devices per request; larger fleets are addressed in batches. */
export const maxActionDevices = 10_000;
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
 */
export async function requestDeviceAction(
  deps: Deps<RequestDeviceActionStores> & { readonly signer: CommandSigner },
  principal: Principal,
  input: RequestDeviceActionInput,
): Promise<Result<readonly ActionRequestOutcome[], ErrorCode>> {
  if (!(actionTypes as readonly string[]).includes(input.type)) return fail('VALIDATION_FAILED', `Unknown action ${input.type.slice(0, 32)}; use ${actionTypes.join(', ')}.`, { field: 'type' });
  const type = input.type as ActionType;
  const ids = [...new Set(input.deviceIds)];
  if (ids.length === 0 || ids.length > maxActionDevices) return fail('VALIDATION_FAILED', `Name 1 to ${maxActionDevices} devices.`, { field: 'deviceIds' });
  const ttlHours = input.ttlHours ?? defaultCommandTtlHours;
  if (!Number.isInteger(ttlHours) || ttlHours < 1 || ttlHours > 24 * 30) return fail('VALIDATION_FAILED', 'ttlHours must be from 1 to 720.', { field: 'ttlHours' });
  const payload = validatePayload(type, input.payload ?? {});
  if (!payload.ok) return payload;
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000);
  // Signing is CPU work outside the transaction, so writers are not held while it runs.
  const planned = ids.map((deviceId) => ({ deviceId, commandId: deps.ids.newId() as CommandId }));
  const signatures = new Map<string, string>();
  for (const p of planned) signatures.set(p.commandId, await deps.signer.sign(commandSigningBytes({ id: p.commandId, deviceId: p.deviceId, type, payload: payload.value, expiresAt })));
  return deps.tx.transaction(async (s) => {
    const outcomes: ActionRequestOutcome[] = [];
    for (const p of planned) {
      const found = await findDeviceInScope(s, principal, 'devices.action', p.deviceId);
      if (!found.ok) {
        if (found.code === 'FORBIDDEN') return found;
        outcomes.push({ deviceId: p.deviceId, commandId: null, status: 'refused', code: found.code, message: found.message });
        continue;
      }
      const device: Device = found.value;
      if (device.managementState === 'retired') {
        outcomes.push({ deviceId: device.id, commandId: null, status: 'refused', code: 'ACTION_NOT_ALLOWED', message: 'The device is retired.' });
        continue;
      }
      if (type !== 'runScript') {
        const same = (await s.listPendingCommands(device.tenantId, device.id)).find((c) => c.type === type);
        if (same !== undefined) {
          outcomes.push({ deviceId: device.id, commandId: same.id, status: 'alreadyPending' });
          s.publish({ type: 'device.wake', tenantId: device.tenantId, subject: device.id });
          continue;
        }
      }
      const command: PendingCommand = {
        id: p.commandId,
        tenantId: device.tenantId,
        deviceId: device.id,
        type,
        payload: payload.value,
        signature: signatures.get(p.commandId) ?? '',
        status: 'queued',
        deliveries: 0,
        requestedBy: principal.actor.name,
        createdAt: now,
        sentAt: null,
        expiresAt,
      };
      await s.enqueueCommand(command);
      if (type === 'retire') await s.updateDevice({ ...device, managementState: 'retirePending', updatedAt: now });
      await recordAudit(s, principal, now, 'device.actionRequested', { type: 'device', id: device.id }, null, { commandId: command.id, type, payload: type === 'runScript' ? { ...payload.value } : undefined, expiresAt });
      s.publish({ type: 'device.wake', tenantId: device.tenantId, subject: device.id });
      outcomes.push({ deviceId: device.id, commandId: command.id, status: 'queued' });
    }
    return ok(outcomes);
  });
}
