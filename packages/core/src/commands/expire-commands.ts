import type { Deps } from '../kernel/deps.js';
import type { EventPublisher } from '../kernel/events.js';
import type { CommandHistory, CommandQueue } from './ports.js';

/** The scheduled job that expires commands. */
export const expireCommandsJobKind = 'commands.expire';

/**
 * Moves commands whose devices did not take them in time from the queue to history as `expired`,
 * in batches, so the queue stays bounded by live work. Returns how many expired.
 */
export async function expireCommands(deps: Deps<Pick<CommandQueue, 'takeExpiredCommands'> & Pick<CommandHistory, 'insertCommandRecord'> & EventPublisher>, batch = 1000): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await deps.tx.transaction(async (s) => {
      const now = deps.clock.now();
      const expired = await s.takeExpiredCommands(now, batch);
      for (const c of expired) {
        await s.insertCommandRecord({ id: c.id, tenantId: c.tenantId, deviceId: c.deviceId, type: c.type, status: 'expired', result: { deliveries: c.deliveries }, requestedBy: c.requestedBy, createdAt: c.createdAt, completedAt: now });
        s.publish({ type: 'device.actionCompleted', tenantId: c.tenantId, subject: c.deviceId, data: { commandId: c.id, status: 'expired' } });
      }
      return expired.length;
    });
    total += n;
    if (n < batch) return total;
  }
}
