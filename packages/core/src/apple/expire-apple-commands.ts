import type { TenantId } from '../kernel/brand.js';
import type { Deps } from '../kernel/deps.js';
import type { EventPublisher } from '../kernel/events.js';
import type { AppleCommandQueue, AppleCommandResults, AppleScepChallengeStore } from './ports.js';
import { settleAppleActions, type SettleAppleActionsStores } from './settle-apple-actions.js';

/** The scheduled job that expires Apple commands and drops expired SCEP challenges. */
export const expireAppleCommandsJobKind = 'apple.commands.expire';

/**
 * Moves Apple commands whose devices did not answer in time from the queue to history as
 * `expired`, in batches so no transaction holds the writer long, settling the admin actions
 * they belonged to, and drops expired SCEP challenges. Returns how many commands expired.
 */
export async function expireAppleCommands(
  deps: Deps<Pick<AppleCommandQueue, 'takeExpiredAppleCommands'> & Pick<AppleCommandResults, 'insertAppleCommandResults'> & Pick<AppleScepChallengeStore, 'deleteExpiredAppleScepChallenges'> & SettleAppleActionsStores & EventPublisher>,
  batch = 1000,
): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await deps.tx.transaction(async (s) => {
      const now = deps.clock.now();
      const expired = await s.takeExpiredAppleCommands(now, batch);
      await s.insertAppleCommandResults(
        expired.map((c) => ({
          tenantId: c.tenantId,
          deviceId: c.deviceId,
          channel: c.channel,
          commandUuid: c.commandUuid,
          requestType: c.requestType,
          origin: c.origin,
          status: 'expired' as const,
          result: { lastStatus: c.status },
          errorChain: null,
          createdAt: c.createdAt,
          completedAt: now,
        })),
      );
      for (const c of expired) s.publish({ type: 'device.actionCompleted', tenantId: c.tenantId, subject: c.deviceId, data: { commandId: c.commandUuid, status: 'expired' } });
      // The admin actions these commands belonged to finish when their last command does.
      const byTenant = new Map<TenantId, string[]>();
      for (const c of expired) byTenant.set(c.tenantId, [...(byTenant.get(c.tenantId) ?? []), c.origin]);
      for (const [tenantId, origins] of byTenant) await settleAppleActions(s, tenantId, origins, now);
      return expired.length;
    });
    total += n;
    if (n < batch) break;
  }
  for (;;) {
    const dropped = await deps.tx.transaction((s) => s.deleteExpiredAppleScepChallenges(deps.clock.now(), batch));
    if (dropped < batch) return total;
  }
}
