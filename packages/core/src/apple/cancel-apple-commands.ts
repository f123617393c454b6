import type { DeviceId, TenantId } from '../kernel/brand.js';
import type { AppleCommandQueue, AppleCommandResults } from './ports.js';
import { settleAppleActions, type SettleAppleActionsStores } from './settle-apple-actions.js';

export type CancelAppleCommandsStores = Pick<AppleCommandQueue, 'clearAppleCommands'> & Pick<AppleCommandResults, 'insertAppleCommandResults'> & SettleAppleActionsStores;

/**
 * Moves every pending Apple command of a device to history as `canceled` (CheckOut,
 * re-enrollment), inside the caller's transaction, so the queue keeps no dead work, and settles
 * the admin actions they belonged to. Returns how many.
 */
export async function cancelAppleCommands(
  s: CancelAppleCommandsStores,
  tenantId: TenantId,
  deviceId: DeviceId,
  now: Date,
  reason: string,
): Promise<number> {
  const cleared = await s.clearAppleCommands(tenantId, deviceId);
  if (cleared.length === 0) return 0;
  await s.insertAppleCommandResults(
    cleared.map((c) => ({
      tenantId: c.tenantId,
      deviceId: c.deviceId,
      channel: c.channel,
      commandUuid: c.commandUuid,
      requestType: c.requestType,
      origin: c.origin,
      status: 'canceled' as const,
      result: { reason },
      errorChain: null,
      createdAt: c.createdAt,
      completedAt: now,
    })),
  );
  await settleAppleActions(s, tenantId, cleared.map((c) => c.origin), now);
  return cleared.length;
}
