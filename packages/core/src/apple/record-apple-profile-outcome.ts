import type { Device } from '../devices/model.js';
import type { ReportedItemStatus, SettingReport } from '../policy/model.js';
import { recordConfigurationReports, type RecordConfigurationReportsStores } from '../policy/record-configuration-reports.js';
import { maxReportErrorLength } from '../policy/validate-configuration-reports.js';
import { wardProfileIdOf, type AppleProfileNaming } from './apple-profile-identifier.js';
import type { AppleCommand, AppleErrorChainEntry, AppleResultStatus } from './model.js';

/** A hash no rendered item has: what a removal is reported against when the device's row never held a version. */
const noHash = '0'.repeat(64);

/**
 * What an answered InstallProfile or RemoveProfile of a Ward profile means for the profile's row
 * on the device, recorded through the policy engine's own report path (issue 5 §6), inside the
 * caller's transaction:
 * - InstallProfile `{ profileId, hash }` acknowledged → succeeded at that hash, with the
 *   per-setting outcomes the adapter noted when it rendered the profile (settings Apple cannot
 *   take on that platform: notApplicable); an Error or CommandFormatError → failed at that hash,
 *   with the ErrorChain's text (that version is not sent again until it changes).
 * - RemoveProfile of `<prefix>.profile.<id>` acknowledged → removed (the row goes when the
 *   profile is no longer wanted; a profile wanted again is installed anew); an error → failed.
 * Commands about profiles the device has no row for (deleted meanwhile) change nothing. Other
 * commands, expiries and cancellations are not outcomes: the row stays pending.
 */
export async function recordAppleProfileOutcome(
  s: RecordConfigurationReportsStores,
  device: Pick<Device, 'id' | 'tenantId'>,
  command: AppleCommand,
  status: AppleResultStatus,
  errorChain: readonly AppleErrorChainEntry[] | null,
  now: Date,
  naming: AppleProfileNaming | undefined,
): Promise<void> {
  if (status !== 'acknowledged' && status !== 'error' && status !== 'commandFormatError') return;
  const target = profileOf(command, naming);
  if (target === undefined) return;
  const rows = await s.listDeviceProfileStates(device.tenantId, [device.id]);
  const row = rows.find((r) => r.profileId === target.profileId);
  if (row === undefined) return;
  const succeeded = status === 'acknowledged';
  const reportStatus: ReportedItemStatus = succeeded ? (target.kind === 'install' ? 'succeeded' : 'removed') : 'failed';
  const hash = target.hash ?? row.reportedHash ?? row.desiredHash ?? noHash;
  const error = succeeded ? undefined : errorText(status, errorChain);
  const settings = succeeded && target.kind === 'install' ? target.settings : [];
  // Only Ward wrote this report (a hash and ids it made), so it cannot be refused as unknown or
  // malformed; if it were, writing nothing is the safe outcome, and the device is asked again.
  await recordConfigurationReports(s, device, [{ id: target.profileId, hash, status: reportStatus, ...(error === undefined ? {} : { error }), ...(settings.length === 0 ? {} : { settings }) }], now);
}

/** The Ward profile a policy command is about, if it is one. */
function profileOf(
  command: AppleCommand,
  naming: AppleProfileNaming | undefined,
): { readonly kind: 'install'; readonly profileId: string; readonly hash: string; readonly settings: readonly SettingReport[] } | { readonly kind: 'remove'; readonly profileId: string; readonly hash: null } | undefined {
  if (command.requestType === 'InstallProfile') {
    const { profileId, hash, settings } = command.payload;
    if (typeof profileId !== 'string' || typeof hash !== 'string') return undefined;
    return { kind: 'install', profileId, hash, settings: Array.isArray(settings) ? (settings as SettingReport[]) : [] };
  }
  if (command.requestType === 'RemoveProfile' && naming !== undefined && typeof command.payload.Identifier === 'string') {
    const profileId = wardProfileIdOf(naming, command.payload.Identifier);
    return profileId === undefined ? undefined : { kind: 'remove', profileId, hash: null };
  }
  return undefined;
}

/** The device's ErrorChain as one line of text, bounded as every device report's error is. */
export function errorText(status: AppleResultStatus, errorChain: readonly AppleErrorChainEntry[] | null): string {
  const chain = (errorChain ?? []).map((e) => `${(e.usEnglishDescription ?? e.localizedDescription).trim()} (${e.errorDomain} ${e.errorCode})`);
  const text = chain.length > 0 ? chain.join('; ') : status === 'commandFormatError' ? 'The device could not read the command (CommandFormatError).' : 'The device reported an error without an ErrorChain.';
  // eslint-disable-next-line no-control-regex -- device text: one line, no control characters in logs or exports
  return text.replace(/[\x00-\x1f\x7f]/g, ' ').slice(0, maxReportErrorLength);
}
