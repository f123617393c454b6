import type { SettingReport, SettingsPayload } from '@ward/agent-protocol';
import { outcomeOfSettings, type ProfileOutcome } from '../profile-outcome.js';
import type { LinuxApplyContext } from './linux-apply-context.js';
import { applyDeviceRestrictions } from './settings/device-restrictions.js';
import { applyFirewall } from './settings/firewall.js';
import { applyLoginBanner } from './settings/login-banner.js';
import { checkSettingValue, notApplicableOnLinux } from './settings/linux-setting-catalog.js';
import { applyPasswordExpiry } from './settings/password-expiry.js';
import { applyPasswordHistory } from './settings/password-history.js';
import { applyPasswordQuality } from './settings/password-quality.js';
import { applyScreenLock } from './settings/screen-lock.js';
import { settingFailed, type SettingResult } from './settings/setting-result.js';
import { applySoftwareUpdates } from './settings/software-updates.js';

type Value = boolean | number | string;

/** Settings applied together because they land in the same file or tool. */
interface SettingGroup {
  readonly ids: readonly string[];
  apply(ctx: LinuxApplyContext, values: ReadonlyMap<string, Value>): Promise<ReadonlyMap<string, SettingResult>>;
}

const num = (values: ReadonlyMap<string, Value>, id: string): number | undefined => {
  const value = values.get(id);
  return typeof value === 'number' ? value : undefined;
};
const bool = (values: ReadonlyMap<string, Value>, id: string): boolean | undefined => {
  const value = values.get(id);
  return typeof value === 'boolean' ? value : undefined;
};
const text = (values: ReadonlyMap<string, Value>, id: string): string | undefined => {
  const value = values.get(id);
  return typeof value === 'string' ? value : undefined;
};

/** Each result for the ids that were asked for. */
function only(values: ReadonlyMap<string, Value>, results: Record<string, SettingResult | undefined>): Map<string, SettingResult> {
  const map = new Map<string, SettingResult>();
  for (const [id, result] of Object.entries(results)) if (values.has(id) && result !== undefined) map.set(id, result);
  return map;
}

const groups: readonly SettingGroup[] = [
  {
    ids: ['screenLock.timeoutSeconds', 'passcode.maxInactivitySeconds'],
    async apply(ctx, values) {
      const result = await applyScreenLock(ctx, { timeoutSeconds: num(values, 'screenLock.timeoutSeconds'), maxInactivitySeconds: num(values, 'passcode.maxInactivitySeconds') });
      return only(values, { 'screenLock.timeoutSeconds': result, 'passcode.maxInactivitySeconds': result });
    },
  },
  {
    ids: ['passcode.minimumLength', 'passcode.complexity'],
    async apply(ctx, values) {
      const result = await applyPasswordQuality(ctx, { minimumLength: num(values, 'passcode.minimumLength'), complexity: text(values, 'passcode.complexity') });
      return only(values, { 'passcode.minimumLength': result.minimumLength, 'passcode.complexity': result.complexity });
    },
  },
  {
    ids: ['lockScreen.message'],
    async apply(ctx, values) {
      return only(values, { 'lockScreen.message': await applyLoginBanner(ctx, text(values, 'lockScreen.message') ?? '') });
    },
  },
  {
    ids: ['passcode.historyCount'],
    async apply(ctx, values) {
      return only(values, { 'passcode.historyCount': await applyPasswordHistory(ctx, num(values, 'passcode.historyCount') ?? 0) });
    },
  },
  {
    ids: ['passcode.expiryDays'],
    async apply(ctx, values) {
      return only(values, { 'passcode.expiryDays': await applyPasswordExpiry(ctx, num(values, 'passcode.expiryDays') ?? 0) });
    },
  },
  {
    ids: ['firewall.enabled'],
    async apply(ctx, values) {
      return only(values, { 'firewall.enabled': await applyFirewall(ctx, bool(values, 'firewall.enabled') ?? false) });
    },
  },
  {
    ids: ['restrictions.usbStorageDisabled', 'restrictions.cameraDisabled'],
    async apply(ctx, values) {
      const result = await applyDeviceRestrictions(ctx, { usbStorageDisabled: bool(values, 'restrictions.usbStorageDisabled'), cameraDisabled: bool(values, 'restrictions.cameraDisabled') });
      return only(values, { 'restrictions.usbStorageDisabled': result.usbStorageDisabled, 'restrictions.cameraDisabled': result.cameraDisabled });
    },
  },
  {
    ids: ['softwareUpdate.automaticDownload', 'softwareUpdate.automaticInstall'],
    async apply(ctx, values) {
      const result = await applySoftwareUpdates(ctx, { automaticDownload: bool(values, 'softwareUpdate.automaticDownload'), automaticInstall: bool(values, 'softwareUpdate.automaticInstall') });
      return only(values, { 'softwareUpdate.automaticDownload': result.automaticDownload, 'softwareUpdate.automaticInstall': result.automaticInstall });
    },
  },
];

/**
 * A settings profile on Linux: each setting is checked against the catalog's type and range, the
 * ones Linux has no counterpart for (or this agent does not know) are not applicable with the reason,
 * and the rest are applied in
 * in groups (one file or tool each). One group failing — even throwing — fails only its own settings.
 */
export async function applySettingsProfile(ctx: LinuxApplyContext, payload: SettingsPayload): Promise<ProfileOutcome> {
  const results = new Map<string, SettingResult>();
  const valid = new Map<string, Value>();
  for (const [id, value] of Object.entries(payload.settings)) {
    const checked = checkSettingValue(id, value);
    if (!checked.ok) results.set(id, checked.unknown ? { status: 'notApplicable', message: checked.error } : settingFailed(checked.error));
    else if (notApplicableOnLinux[id] !== undefined) results.set(id, { status: 'notApplicable', message: notApplicableOnLinux[id] });
    else valid.set(id, checked.value);
  }
  for (const group of groups) {
    const values = new Map([...valid].filter(([id]) => group.ids.includes(id)));
    if (values.size === 0) continue;
    try {
      for (const [id, result] of await group.apply(ctx, values)) results.set(id, result);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      for (const id of values.keys()) results.set(id, settingFailed(message));
    }
    for (const id of values.keys()) if (!results.has(id)) results.set(id, settingFailed('no result (agent defect)'));
  }
  const settings: SettingReport[] = Object.keys(payload.settings).map((id) => {
    const result = results.get(id) ?? settingFailed('no result (agent defect)');
    return { id: id.slice(0, 128), status: result.status, ...(result.message === undefined ? {} : { error: result.message.slice(0, 2000) }) };
  });
  return outcomeOfSettings(settings);
}
