import type { DeviceId, TenantId } from '../kernel/brand.js';
import type { Page } from '../kernel/pagination.js';
import type { ActionType, CommandId, CommandRecord, PendingCommand } from './model.js';

/** Pending commands. Rows leave when a result arrives or they expire: the queue holds no history. */
export interface CommandQueue {
  /** Adds a command. */
  enqueueCommand(command: PendingCommand): Promise<void>;
  /** Adds commands (a bulk action's), a few hundred rows a statement. */
  enqueueCommands(commands: readonly PendingCommand[]): Promise<void>;
  /**
   * Hands out up to `limit` commands of a device, oldest first: queued ones, and sent ones whose
   * last delivery was before `redeliverBefore` (at-least-once); marks them sent at `at`. Expired
   * commands are not handed out.
   *
   * Due commands of `fulfilledType` (one the caller fulfils itself, such as a check-in's sync) are
   * instead removed from the queue, all of them whatever `limit` says, and returned among the
   * others as they were queued: the caller records their outcome in the same transaction.
   */
  takeCommands(tenantId: TenantId, deviceId: DeviceId, at: Date, redeliverBefore: Date, limit: number, fulfilledType?: ActionType): Promise<readonly PendingCommand[]>;
  /** The pending command with this id in the tenant. */
  getPendingCommand(tenantId: TenantId, id: CommandId): Promise<PendingCommand | undefined>;
  /** Removes a pending command; false if it was not there (already completed or never existed). */
  deletePendingCommand(tenantId: TenantId, id: CommandId): Promise<boolean>;
  /** Every pending command of a device, oldest first. */
  listPendingCommands(tenantId: TenantId, deviceId: DeviceId): Promise<readonly PendingCommand[]>;
  /** The pending commands of `type` for any of these devices, oldest first (a bulk action's duplicate check). */
  listPendingCommandsOfType(tenantId: TenantId, type: ActionType, deviceIds: readonly DeviceId[]): Promise<readonly PendingCommand[]>;
  /** Removes and returns up to `limit` commands (any tenant) that expired before `at`. */
  takeExpiredCommands(at: Date, limit: number): Promise<readonly PendingCommand[]>;
  /** Removes every pending command of a device (retire, delete); returns them. */
  clearPendingCommands(tenantId: TenantId, deviceId: DeviceId): Promise<readonly PendingCommand[]>;
}

/** Finished commands: the per-device action history. */
export interface CommandHistory {
  /** Adds a finished command; false (nothing written) if one with this id exists already. */
  insertCommandRecord(record: CommandRecord): Promise<boolean>;
  /** The finished command with this id in the tenant. */
  getCommandRecord(tenantId: TenantId, id: CommandId): Promise<CommandRecord | undefined>;
  /** One page of a device's finished commands, newest first. */
  listCommandRecords(tenantId: TenantId, deviceId: DeviceId, page: { readonly limit: number; readonly cursor?: string }): Promise<Page<CommandRecord>>;
}

/** Signs what the server sends devices to run, with a key devices pin at enrollment. */
export interface CommandSigner {
  /** Base64 ECDSA P-256 SHA-256 signature over `data`. */
  sign(data: Uint8Array): Promise<string>;
}
