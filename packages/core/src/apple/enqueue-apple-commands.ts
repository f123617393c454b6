import type { DeviceStore } from '../devices/ports.js';
import type { DeviceId, TenantId } from '../kernel/brand.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import type { Ids } from '../kernel/ports.js';
import { fail, ok, type Result } from '../kernel/result.js';
import {
  appleRequestTypes,
  corporateOnlyRequestTypes,
  defaultAppleCommandTtlHours,
  maxApplePayloadBytes,
  userEnrollmentRefusedRequestTypes,
  type AppleChannel,
  type AppleCommand,
  type AppleCommandOrigin,
  type AppleRequestType,
} from './model.js';
import type { AppleCommandQueue, AppleEnrollmentStore } from './ports.js';

export type EnqueueAppleCommandsStores = Pick<DeviceStore, 'getDevices'> & Pick<AppleEnrollmentStore, 'getAppleEnrollment'> & Pick<AppleCommandQueue, 'enqueueAppleCommands'> & EventPublisher;

/** One command for one device. */
export interface AppleCommandRequest {
  readonly deviceId: string;
  /** The device channel unless a user's (`user:<UserID>`). */
  readonly channel?: AppleChannel;
  readonly requestType: string;
  /** The Command dictionary's other fields (Apple's names), as JSON. */
  readonly payload?: Readonly<Record<string, unknown>>;
  /** An admin action's id, `policy` or `enrollment`. */
  readonly origin: AppleCommandOrigin;
  readonly ttlHours?: number;
}

/** What became of one request. */
export interface AppleCommandOutcome {
  readonly deviceId: string;
  readonly commandUuid: string | null;
  readonly status: 'queued' | 'refused';
  readonly code?: ErrorCode;
  readonly message?: string;
}

/** At most this many commands per call. */
export const maxAppleCommandsPerCall = 10_000;

function validate(request: AppleCommandRequest): Result<AppleRequestType, 'VALIDATION_FAILED'> {
  if (!(appleRequestTypes as readonly string[]).includes(request.requestType)) return fail('VALIDATION_FAILED', `Unknown RequestType ${request.requestType.slice(0, 64)}.`, { field: 'requestType' });
  const payload = request.payload ?? {};
  if (typeof payload !== 'object' || Array.isArray(payload)) return fail('VALIDATION_FAILED', 'A payload is a JSON object.', { field: 'payload' });
  if ('RequestType' in payload) return fail('VALIDATION_FAILED', 'The payload may not set RequestType.', { field: 'payload' });
  if (new TextEncoder().encode(JSON.stringify(payload)).length > maxApplePayloadBytes) return fail('VALIDATION_FAILED', `A payload may have at most ${maxApplePayloadBytes} bytes.`, { field: 'payload' });
  const channel = request.channel ?? 'device';
  if (channel !== 'device' && !/^user:[\x21-\x7e]{1,128}$/.test(channel)) return fail('VALIDATION_FAILED', 'channel is device or user:<UserID>.', { field: 'channel' });
  const ttl = request.ttlHours ?? defaultAppleCommandTtlHours;
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 24 * 30) return fail('VALIDATION_FAILED', 'ttlHours must be from 1 to 720.', { field: 'ttlHours' });
  if (request.origin.length === 0 || request.origin.length > 128) return fail('VALIDATION_FAILED', 'origin must have 1 to 128 characters.', { field: 'origin' });
  return ok(request.requestType as AppleRequestType);
}

/**
 * Queues Apple commands inside the caller's transaction and wakes each device (after commit).
 * A device that is not an enrolled Apple device, or that may not take this command (EraseDevice
 * and Lost Mode: corporate only; User Enrollment refuses more), is refused on its own; a
 * malformed request refuses the whole call. The caller authorises.
 */
export async function queueAppleCommands(s: EnqueueAppleCommandsStores, ids: Ids, now: Date, tenantId: TenantId, requests: readonly AppleCommandRequest[]): Promise<Result<readonly AppleCommandOutcome[], ErrorCode>> {
  if (requests.length > maxAppleCommandsPerCall) return fail('VALIDATION_FAILED', `At most ${maxAppleCommandsPerCall} commands per call.`, { field: 'commands' });
  const types: AppleRequestType[] = [];
  for (const request of requests) {
    const type = validate(request);
    if (!type.ok) return type;
    types.push(type.value);
  }
  const devices = new Map((await s.getDevices(tenantId, [...new Set(requests.map((r) => r.deviceId as DeviceId))])).map((d) => [d.id as string, d]));
  const outcomes: AppleCommandOutcome[] = [];
  const queued: AppleCommand[] = [];
  for (const [i, request] of requests.entries()) {
    const requestType = types[i] as AppleRequestType;
    const device = devices.get(request.deviceId);
    const enrollment = device === undefined ? undefined : await s.getAppleEnrollment(tenantId, device.id);
    if (device === undefined || enrollment === undefined) {
      outcomes.push({ deviceId: request.deviceId, commandUuid: null, status: 'refused', code: 'DEVICE_NOT_FOUND', message: `No Apple device with id ${request.deviceId.slice(0, 64)}.` });
      continue;
    }
    if (enrollment.state === 'checkedOut' || device.managementState === 'retired') {
      outcomes.push({ deviceId: device.id, commandUuid: null, status: 'refused', code: 'ACTION_NOT_ALLOWED', message: 'The device has left management.' });
      continue;
    }
    const refused = enrollment.userEnrollment ? userEnrollmentRefusedRequestTypes : device.ownership === 'corporate' ? [] : corporateOnlyRequestTypes;
    if (refused.includes(requestType)) {
      outcomes.push({ deviceId: device.id, commandUuid: null, status: 'refused', code: 'ACTION_NOT_ALLOWED', message: `${requestType} is not sent to ${enrollment.userEnrollment ? 'a User Enrollment' : 'personal devices'}.` });
      continue;
    }
    const command: AppleCommand = {
      tenantId,
      deviceId: device.id,
      channel: request.channel ?? 'device',
      // A UUIDv7: the oldest-first order of the queue is also the order of the ids.
      commandUuid: ids.newId(),
      requestType,
      payload: request.payload ?? {},
      status: 'queued',
      origin: request.origin,
      createdAt: now,
      sentAt: null,
      expiresAt: new Date(now.getTime() + (request.ttlHours ?? defaultAppleCommandTtlHours) * 3_600_000),
    };
    queued.push(command);
    outcomes.push({ deviceId: device.id, commandUuid: command.commandUuid, status: 'queued' });
  }
  await s.enqueueAppleCommands(queued);
  for (const deviceId of new Set(queued.map((c) => c.deviceId))) s.publish({ type: 'device.wake', tenantId, subject: deviceId });
  return ok(outcomes);
}

/**
 * Queues Apple commands for devices of one tenant in one transaction (see {@link queueAppleCommands});
 * each device is woken through the push path (`device.wake`) once it commits.
 */
export async function enqueueAppleCommands(deps: Deps<EnqueueAppleCommandsStores>, tenantId: TenantId, requests: readonly AppleCommandRequest[]): Promise<Result<readonly AppleCommandOutcome[], ErrorCode>> {
  return deps.tx.transaction((s) => queueAppleCommands(s, deps.ids, deps.clock.now(), tenantId, requests));
}
