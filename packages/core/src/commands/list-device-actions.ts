import { listPendingAppleActions } from '../apple/list-apple-device-actions.js';
import type { AppleActionStore, AppleCommandQueue } from '../apple/ports.js';
import { findDeviceInScope } from '../devices/find-device-in-scope.js';
import type { DeviceStore } from '../devices/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { clampLimit } from '../kernel/pagination.js';
import { ok, type Result } from '../kernel/result.js';
import type { ActionType, CommandState } from './model.js';
import type { CommandHistory, CommandQueue } from './ports.js';

/** One line of a device's action history. */
export interface DeviceAction {
  readonly id: string;
  readonly type: ActionType;
  readonly status: CommandState;
  readonly requestedBy: string;
  readonly createdAt: Date;
  readonly sentAt: Date | null;
  readonly completedAt: Date | null;
  readonly expiresAt: Date | null;
  readonly result: Readonly<Record<string, unknown>> | null;
}

/**
 * A device's actions: every pending one (first page only; the queue of one device is small) and
 * one page of finished ones, newest first.
 */
/** What {@link listDeviceActions} reads. */
export type ListDeviceActionsStores = Pick<DeviceStore, 'getDevice' | 'isDeviceWithinGroups'> &
  Pick<CommandQueue, 'listPendingCommands'> &
  Pick<CommandHistory, 'listCommandRecords'> &
  Pick<AppleActionStore, 'listAppleActions'> &
  Pick<AppleCommandQueue, 'listAppleCommands'>;

export async function listDeviceActions(
  deps: Deps<ListDeviceActionsStores>,
  principal: Principal,
  deviceId: string,
  input: { readonly limit?: number; readonly cursor?: string },
): Promise<Result<{ readonly items: readonly DeviceAction[]; readonly nextCursor: string | null }, ErrorCode>> {
  const found = await findDeviceInScope(deps.stores, principal, 'devices.read', deviceId);
  if (!found.ok) return found;
  const device = found.value;
  // Pending work leads the first page: an Apple device's actions in progress, then the agent's queue.
  const pending: DeviceAction[] =
    input.cursor === undefined
      ? [...(await listPendingAppleActions(deps.stores, device.tenantId, device.id)), ...(await deps.stores.listPendingCommands(device.tenantId, device.id))
          .map((c) => ({ id: c.id, type: c.type, status: c.status === 'sent' ? ('sent' as const) : ('pending' as const), requestedBy: c.requestedBy, createdAt: c.createdAt, sentAt: c.sentAt, completedAt: null, expiresAt: c.expiresAt, result: null }))
          .reverse()]
      : [];
  const page = await deps.stores.listCommandRecords(device.tenantId, device.id, { limit: clampLimit(input.limit), ...(input.cursor === undefined ? {} : { cursor: input.cursor }) });
  const finished: DeviceAction[] = page.items.map((r) => ({ id: r.id, type: r.type, status: r.status, requestedBy: r.requestedBy, createdAt: r.createdAt, sentAt: null, completedAt: r.completedAt, expiresAt: null, result: r.result }));
  return ok({ items: [...pending, ...finished], nextCursor: page.nextCursor });
}
