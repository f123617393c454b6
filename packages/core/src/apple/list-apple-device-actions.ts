import type { DeviceAction } from '../commands/list-device-actions.js';
import type { ActionType } from '../commands/model.js';
import type { DeviceId, TenantId } from '../kernel/brand.js';
import type { AppleActionStore, AppleCommandQueue } from './ports.js';

/**
 * The pending admin actions of an Apple device as lines of its action list, newest first, with
 * their progress: `sent` once any of its commands reached the device, each command's state in
 * `result.commands` (finished ones are `done`). Finished actions are in the command history
 * already, so the device's list is these followed by `listCommandRecords`' page.
 */
export async function listPendingAppleActions(
  stores: Pick<AppleActionStore, 'listAppleActions'> & Pick<AppleCommandQueue, 'listAppleCommands'>,
  tenantId: TenantId,
  deviceId: DeviceId,
): Promise<DeviceAction[]> {
  const actions = await stores.listAppleActions(tenantId, deviceId);
  if (actions.length === 0) return [];
  const pending = new Map((await stores.listAppleCommands(tenantId, deviceId)).map((c) => [c.commandUuid, c]));
  return actions
    .map((action): DeviceAction => {
      const commands = action.commandUuids.map((uuid) => {
        const c = pending.get(uuid);
        return { commandUuid: uuid, requestType: c?.requestType ?? null, state: c?.status ?? 'done' };
      });
      const sent = commands.filter((c) => c.state !== 'queued');
      return {
        id: action.id,
        // Written from a validated action type (see requestAppleDeviceAction).
        type: action.type as ActionType,
        status: sent.length > 0 ? 'sent' : 'pending',
        requestedBy: action.requestedBy,
        createdAt: action.createdAt,
        sentAt: sent.map((c) => pending.get(c.commandUuid)?.sentAt ?? null).find((at) => at !== null) ?? null,
        completedAt: null,
        expiresAt: action.expiresAt,
        result: { protocol: 'apple-mdm', commands },
      };
    })
    .reverse();
}
