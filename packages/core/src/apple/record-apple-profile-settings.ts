import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { SettingReport } from '../policy/model.js';
import { validateConfigurationReports } from '../policy/validate-configuration-reports.js';
import type { AppleCommandQueue } from './ports.js';
import type { BoundAppleSession } from './resolve-apple-request.js';

/**
 * Notes on an InstallProfile in flight the per-setting outcomes its rendering decided (issue 5
 * §6: settings Apple cannot take on that platform are notApplicable), so that when the device
 * acknowledges the profile they are recorded with it. The adapter calls this when the renderer
 * returned such settings, before sending the command. Settings are validated as a device's
 * report is (catalog ids, statuses, bounded text): CONFIGURATION_REPORT_INVALID otherwise. A
 * command that is not this device's InstallProfile in flight is APPLE_COMMAND_NOT_SENT.
 */
export async function recordAppleProfileSettings(
  deps: Deps<Pick<AppleCommandQueue, 'getAppleCommand' | 'setAppleCommandPayload'>>,
  session: BoundAppleSession,
  input: { readonly commandUuid: string; readonly settings: readonly SettingReport[] },
): Promise<Result<{ readonly recorded: number }, ErrorCode>> {
  const { tenantId, id: deviceId } = session.device;
  const commandUuid = input.commandUuid.toLowerCase();
  return deps.tx.transaction(async (s) => {
    const command = await s.getAppleCommand(tenantId, commandUuid);
    if (command?.deviceId !== deviceId || command.requestType !== 'InstallProfile' || command.status !== 'sent') {
      return fail('APPLE_COMMAND_NOT_SENT', 'This device has no such profile installation in flight.', { commandUuid: commandUuid.slice(0, 64) });
    }
    const { profileId, hash } = command.payload;
    if (typeof profileId !== 'string' || typeof hash !== 'string') return fail('APPLE_COMMAND_NOT_SENT', 'That command does not install a Ward profile.', { commandUuid: commandUuid.slice(0, 64) });
    const checked = validateConfigurationReports([{ id: profileId, hash, status: 'succeeded', settings: input.settings }]);
    if (!checked.ok) return checked;
    const settings = checked.value[0]?.settings ?? [];
    await s.setAppleCommandPayload(tenantId, commandUuid, { ...command.payload, settings });
    return ok({ recorded: settings.length });
  });
}
