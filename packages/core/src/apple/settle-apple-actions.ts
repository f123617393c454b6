import type { ActionType, CommandId, FinalCommandState } from '../commands/model.js';
import type { CommandHistory } from '../commands/ports.js';
import type { TenantId } from '../kernel/brand.js';
import type { EventPublisher } from '../kernel/events.js';
import type { AppleAction, AppleCommandResult } from './model.js';
import type { AppleActionStore, AppleCommandQueue, AppleCommandResults } from './ports.js';
import { errorText } from './record-apple-profile-outcome.js';

export type SettleAppleActionsStores = Pick<AppleActionStore, 'getAppleAction' | 'deleteAppleAction'> &
  Pick<AppleCommandQueue, 'getAppleCommand'> &
  Pick<AppleCommandResults, 'getAppleCommandResult'> &
  Pick<CommandHistory, 'insertCommandRecord'> &
  EventPublisher;

/** One Apple command of an action, as the action's history record shows it. */
export interface AppleActionStep {
  readonly commandUuid: string;
  readonly requestType: string;
  readonly status: AppleCommandResult['status'] | 'missing';
  readonly error?: string;
}

/**
 * Writes the history record of each admin action among `origins` whose Apple commands have all
 * left the queue (answered, expired or canceled), inside the caller's transaction, and drops
 * the pending action: the action's list then shows it finished, with each command's outcome.
 * The action failed if any command did, else expired or was canceled if any was, else it
 * succeeded. A retire whose last command was canceled because the device checked out did what
 * it asked: succeeded. Origins that are not pending actions (`policy`, `enrollment`, an action
 * settled already) are skipped. Returns how many actions were settled.
 */
export async function settleAppleActions(s: SettleAppleActionsStores, tenantId: TenantId, origins: Iterable<string>, now: Date): Promise<number> {
  let settled = 0;
  for (const origin of new Set(origins)) {
    const action = await s.getAppleAction(tenantId, origin);
    if (action === undefined) continue;
    let pending = false;
    for (const uuid of action.commandUuids) {
      if ((await s.getAppleCommand(tenantId, uuid)) !== undefined) {
        pending = true;
        break;
      }
    }
    if (pending) continue;
    const steps: AppleActionStep[] = [];
    for (const uuid of action.commandUuids) {
      const result = await s.getAppleCommandResult(tenantId, uuid);
      steps.push(result === undefined ? { commandUuid: uuid, requestType: 'unknown', status: 'missing' } : step(result));
    }
    // Two requests settling one action: the one that removes the row writes the record.
    if (!(await s.deleteAppleAction(tenantId, action.id))) continue;
    const status = actionStatus(action, steps);
    await s.insertCommandRecord({
      id: action.id as CommandId,
      tenantId,
      deviceId: action.deviceId,
      // Written from a validated action type (see requestAppleDeviceAction).
      type: action.type as ActionType,
      status,
      result: { protocol: 'apple-mdm', commands: steps },
      requestedBy: action.requestedBy,
      createdAt: action.createdAt,
      completedAt: now,
    });
    s.publish({ type: 'device.actionCompleted', tenantId, subject: action.deviceId, data: { commandId: action.id, status } });
    settled += 1;
  }
  return settled;
}

function step(result: AppleCommandResult): AppleActionStep {
  const base = { commandUuid: result.commandUuid, requestType: result.requestType, status: result.status };
  if (result.status === 'error' || result.status === 'commandFormatError') return { ...base, error: errorText(result.status, result.errorChain) };
  const reason = result.result?.reason;
  return result.status === 'canceled' && typeof reason === 'string' ? { ...base, error: reason } : base;
}

function actionStatus(action: AppleAction, steps: readonly AppleActionStep[]): FinalCommandState {
  const done = (s: AppleActionStep): boolean => s.status === 'acknowledged' || (action.type === 'retire' && s.status === 'canceled' && s.error === 'checkedOut');
  if (steps.some((s) => s.status === 'error' || s.status === 'commandFormatError')) return 'failed';
  if (steps.some((s) => s.status === 'expired')) return 'expired';
  if (steps.some((s) => !done(s))) return 'canceled';
  return 'succeeded';
}
