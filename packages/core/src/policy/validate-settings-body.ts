import type { Platform } from '../devices/model.js';
import { invalid, objectAt, unwrap } from './field-reader.js';
import type { SettingsBody, SettingValue } from './model.js';
import { findSettingDefinition, settingDefinitions } from './settings-catalog.js';
import { validateSettingValue } from './validate-setting-value.js';

/**
 * A settings profile's body: `{ settings: { "passcode.minimumLength": 8, … } }`. Every value goes
 * through the catalog's validator; a setting none of the profile's platforms can take is refused
 * (SETTING_PLATFORM_UNSUPPORTED) rather than saved to be reported not applicable everywhere.
 */
export function validateSettingsBody(value: unknown, path: string, profilePlatforms: readonly Platform[] | undefined): SettingsBody {
  const body = objectAt(value, path, ['settings']);
  const settingsPath = `${path}.settings`;
  const raw = body.settings;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) invalid(settingsPath, 'must be an object of setting id to value');
  const entries = Object.entries(raw);
  // Unknown ids are refused one by one below with SETTING_UNKNOWN; this only bounds the work.
  if (entries.length > settingDefinitions.length) invalid(settingsPath, `sets ${entries.length} settings; the catalog has ${settingDefinitions.length}`, 'SETTING_UNKNOWN');
  if (entries.length === 0) invalid(settingsPath, 'must set at least one setting');
  const settings: Record<string, SettingValue> = {};
  for (const [id, v] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    settings[id] = unwrap(validateSettingValue(id, v));
    const definition = findSettingDefinition(id);
    if (profilePlatforms !== undefined && definition !== undefined && !definition.platforms.some((p) => profilePlatforms.includes(p))) {
      invalid(`${settingsPath}.${id}`, `applies to ${definition.platforms.join(', ')}, none of which this profile targets`, 'SETTING_PLATFORM_UNSUPPORTED', { setting: id });
    }
  }
  return { settings };
}
