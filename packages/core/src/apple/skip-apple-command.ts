import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { SettingReport } from '../policy/model.js';
import { recordConfigurationReports, type RecordConfigurationReportsStores } from '../policy/record-configuration-reports.js';
import { validateConfigurationReports } from '../policy/validate-configuration-reports.js';
import type { AppleCommandReply } from './report-apple-command-status.js';
import type { AppleChannel } from './model.js';
import type { AppleCommandQueue, AppleCommandResults } from './ports.js';
import type { BoundAppleSession } from './resolve-apple-request.js';
import { settleAppleActions, type SettleAppleActionsStores } from './settle-apple-actions.js';

export type SkipAppleCommandStores = Pick<AppleCommandQueue, 'getAppleCommand' | 'deleteAppleCommand' | 'nextAppleCommand' | 'setAppleCommandStatus'> &
  Pick<AppleCommandResults, 'insertAppleCommandResults'> &
  RecordConfigurationReportsStores &
  SettleAppleActionsStores &
  EventPublisher;

/** Why the adapter does not send the command it was handed. */
export type AppleSkipReason =
  /** The InstallProfile names a version the device should no longer get. */
  | { readonly kind: 'stale' }
  /**
   * The profile has no Apple form on this device's platform (the adapter's renderer said so),
   * or the policy engine says it does not apply: recorded as the profile's outcome.
   */
  | { readonly kind: 'notApplicable'; readonly reason: string; readonly settings?: readonly SettingReport[] };

/**
 * The adapter did not send the command it was handed (issue 5 §6): an InstallProfile rendered at
 * delivery time was stale, or has no Apple form on this device. In one transaction the command
 * leaves the queue for history as `canceled` (with the reason), a notApplicable profile is
 * recorded as the device's outcome for that version (so it is not planned again until it
 * changes), an admin action it belonged to is settled, and the next command is handed out as
 * `reportAppleCommandStatus` would. Only the command in flight on this channel may be skipped
 * (APPLE_COMMAND_NOT_SENT otherwise); skipping one that is already gone changes nothing.
 */
export async function skipAppleCommand(
  deps: Deps<SkipAppleCommandStores>,
  session: BoundAppleSession,
  input: { readonly channel: AppleChannel; readonly commandUuid: string; readonly reason: AppleSkipReason },
): Promise<Result<AppleCommandReply, ErrorCode>> {
  const { tenantId, id: deviceId } = session.device;
  const commandUuid = input.commandUuid.toLowerCase();
  return deps.tx.transaction(async (s) => {
    const now = deps.clock.now();
    const command = await s.getAppleCommand(tenantId, commandUuid);
    if (command !== undefined) {
      if (command.deviceId !== deviceId || command.channel !== input.channel || command.status !== 'sent') return fail('APPLE_COMMAND_NOT_SENT', 'This device was never sent that command.', { commandUuid: commandUuid.slice(0, 64) });
      const reason = input.reason;
      const { profileId, hash } = command.payload;
      const outcome =
        reason.kind === 'notApplicable' && command.requestType === 'InstallProfile' && typeof profileId === 'string' && typeof hash === 'string'
          ? validateConfigurationReports([{ id: profileId, hash, status: 'notApplicable', error: reason.reason.slice(0, 2000), ...(reason.settings === undefined || reason.settings.length === 0 ? {} : { settings: reason.settings }) }])
          : undefined;
      if (outcome?.ok === false) return outcome;
      if (await s.deleteAppleCommand(tenantId, commandUuid)) {
        await s.insertAppleCommandResults([
          {
            tenantId,
            deviceId,
            channel: command.channel,
            commandUuid,
            requestType: command.requestType,
            origin: command.origin,
            status: 'canceled',
            result: reason.kind === 'stale' ? { reason: 'superseded' } : { reason: 'notApplicable', message: reason.reason.slice(0, 2000) },
            errorChain: null,
            createdAt: command.createdAt,
            completedAt: now,
          },
        ]);
        // A profile deleted meanwhile has no row: nothing is recorded then (the report is refused as unknown, writing nothing).
        if (outcome?.ok === true) await recordConfigurationReports(s, session.device, outcome.value, now);
        await settleAppleActions(s, tenantId, [command.origin], now);
      }
    }
    const next = await s.nextAppleCommand(tenantId, deviceId, input.channel, now, { includeNotNow: false, exceptUuid: commandUuid });
    if (next === undefined) return ok({});
    await s.setAppleCommandStatus(tenantId, next.commandUuid, 'sent', now);
    return ok({ next: { commandUuid: next.commandUuid, requestType: next.requestType, payload: next.payload } });
  });
}
