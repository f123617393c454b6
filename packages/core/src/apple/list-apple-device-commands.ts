import { findDeviceInScope } from '../devices/find-device-in-scope.js';
import type { DeviceStore } from '../devices/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { clampLimit } from '../kernel/pagination.js';
import { ok, type Result } from '../kernel/result.js';
import { adminAppleCommandOriginPrefix } from './enqueue-apple-command-by-admin.js';
import type { AppleChannel, AppleCommandStatus, AppleErrorChainEntry, AppleRequestType, AppleResultStatus } from './model.js';
import { policyOrigin } from './plan-apple-configuration.js';
import { appsOrigin } from './plan-apple-apps.js';
import type { AppleCommandQueue, AppleCommandResults } from './ports.js';

/**
 * Who asked for a command: an admin raw (`admin`), a remote action (`action`, its id in
 * `actionId`), the policy engine, or enrollment.
 */
export type AppleCommandSource = 'admin' | 'action' | 'policy' | 'apps' | 'enrollment';

/** One Apple MDM command of a device, pending or finished. Payloads are never shown: they may hold an UnlockToken or a profile's credentials. */
export interface AppleDeviceCommand {
  readonly commandUuid: string;
  readonly requestType: AppleRequestType;
  readonly channel: AppleChannel;
  /** Pending: `queued`, `sent` (in flight), `notNow`; finished: how it ended. */
  readonly status: AppleCommandStatus | AppleResultStatus;
  readonly source: AppleCommandSource;
  /** The remote action it belongs to, for `action`. */
  readonly actionId: string | null;
  /** The admin's name, for `admin`. */
  readonly requestedBy: string | null;
  readonly createdAt: Date;
  readonly sentAt: Date | null;
  readonly expiresAt: Date | null;
  readonly completedAt: Date | null;
  /** The device's answer (bounded at 64 KiB when stored), finished commands only. */
  readonly result: Readonly<Record<string, unknown>> | null;
  readonly errorChain: readonly AppleErrorChainEntry[] | null;
}

export type ListAppleDeviceCommandsStores = Pick<DeviceStore, 'getDevice' | 'isDeviceWithinGroups'> & Pick<AppleCommandQueue, 'listAppleCommands'> & Pick<AppleCommandResults, 'listAppleCommandResults'>;

function sourceOf(origin: string): Pick<AppleDeviceCommand, 'source' | 'actionId' | 'requestedBy'> {
  if (origin.startsWith(adminAppleCommandOriginPrefix)) return { source: 'admin', actionId: null, requestedBy: origin.slice(adminAppleCommandOriginPrefix.length) };
  if (origin === policyOrigin) return { source: 'policy', actionId: null, requestedBy: null };
  if (origin === 'enrollment') return { source: 'enrollment', actionId: null, requestedBy: null };
  if (origin === appsOrigin) return { source: 'apps', actionId: null, requestedBy: null };
  return { source: 'action', actionId: origin, requestedBy: null };
}

/**
 * A device's Apple MDM commands (`GET /devices/{id}/mdm-commands`): on the first page every
 * pending one, newest first (a device's queue is small: it holds pending work only), then one
 * page of finished ones, newest first. Needs `devices.read` over the device; a device never
 * enrolled over MDM has none.
 */
export async function listAppleDeviceCommands(
  deps: Deps<ListAppleDeviceCommandsStores>,
  principal: Principal,
  deviceId: string,
  input: { readonly limit?: number; readonly cursor?: string },
): Promise<Result<{ readonly items: readonly AppleDeviceCommand[]; readonly nextCursor: string | null }, ErrorCode>> {
  const found = await findDeviceInScope(deps.stores, principal, 'devices.read', deviceId);
  if (!found.ok) return found;
  const device = found.value;
  const pending: AppleDeviceCommand[] =
    input.cursor === undefined
      ? (await deps.stores.listAppleCommands(device.tenantId, device.id))
          .map((c) => ({
            commandUuid: c.commandUuid,
            requestType: c.requestType,
            channel: c.channel,
            status: c.status,
            ...sourceOf(c.origin),
            createdAt: c.createdAt,
            sentAt: c.sentAt,
            expiresAt: c.expiresAt,
            completedAt: null,
            result: null,
            errorChain: null,
          }))
          .reverse()
      : [];
  const page = await deps.stores.listAppleCommandResults(device.tenantId, device.id, { limit: clampLimit(input.limit), ...(input.cursor === undefined ? {} : { cursor: input.cursor }) });
  const finished = page.items.map(
    (r): AppleDeviceCommand => ({
      commandUuid: r.commandUuid,
      requestType: r.requestType,
      channel: r.channel,
      status: r.status,
      ...sourceOf(r.origin),
      createdAt: r.createdAt,
      sentAt: null,
      expiresAt: null,
      completedAt: r.completedAt,
      result: r.result,
      errorChain: r.errorChain,
    }),
  );
  return ok({ items: [...pending, ...finished], nextCursor: page.nextCursor });
}
