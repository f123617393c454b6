import type { Brand, DeviceId, TenantId } from '../kernel/brand.js';

export type CommandId = Brand<string, 'CommandId'>;

/** Remote actions an admin can send to a device: through the agent, or as Apple MDM commands. */
export const actionTypes = ['sync', 'refreshInventory', 'lock', 'restart', 'runScript', 'retire', 'wipe', 'clearPasscode', 'shutdown', 'enableLostMode', 'disableLostMode'] as const;
export type ActionType = (typeof actionTypes)[number];

/** The actions the Ward agent carries out; the rest exist for Apple devices only (ACTION_NOT_SUPPORTED on an agent). */
export const agentActionTypes = ['sync', 'refreshInventory', 'lock', 'restart', 'runScript', 'retire'] as const satisfies readonly ActionType[];

/** What a script command carries; the agent runs it only if the server's signature verifies. */
export interface ScriptPayload {
  readonly interpreter: 'sh' | 'bash' | 'powershell' | 'zsh';
  readonly script: string;
  readonly timeoutSeconds: number;
}

/**
 * A command waiting for a device. The queue holds only pending work: once acknowledged or expired,
 * a command leaves the queue and becomes a history entry (ARCHITECTURE: the queue never grows with
 * history).
 */
export interface PendingCommand {
  readonly id: CommandId;
  readonly tenantId: TenantId;
  readonly deviceId: DeviceId;
  readonly type: ActionType;
  readonly payload: Readonly<Record<string, unknown>>;
  /** The server's signature over the command's canonical form, which the agent checks before acting. */
  readonly signature: string;
  /** `queued` until handed to the device, then `sent`; redelivered until a result arrives. */
  readonly status: 'queued' | 'sent';
  readonly deliveries: number;
  readonly requestedBy: string;
  readonly createdAt: Date;
  readonly sentAt: Date | null;
  readonly expiresAt: Date;
}

export const finalCommandStates = ['succeeded', 'failed', 'expired', 'canceled'] as const;
export type FinalCommandState = (typeof finalCommandStates)[number];

/** Every state a command shows in a device's action history. */
export type CommandState = 'pending' | 'sent' | FinalCommandState;

/** A finished command, kept as per-device action history. */
export interface CommandRecord {
  readonly id: CommandId;
  readonly tenantId: TenantId;
  readonly deviceId: DeviceId;
  readonly type: ActionType;
  readonly status: FinalCommandState;
  /** What the device reported: exit code, output (bounded), error text. */
  readonly result: Readonly<Record<string, unknown>> | null;
  readonly requestedBy: string;
  readonly createdAt: Date;
  readonly completedAt: Date;
}

/** How long a command waits for its device before it expires, by default. */
export const defaultCommandTtlHours = 72;
