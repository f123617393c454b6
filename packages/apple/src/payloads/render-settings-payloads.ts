import { findSettingDefinition, type SettingReport, type SettingValue } from '@ward/core';
import type { PlistValue } from '../plist/plist-value.js';
import type { ApplePlatform } from './apple-platform.js';
import type { BuiltPayload, PayloadFactory } from './payload-factory.js';

/** Apple's passcode payload accepts at most 16 characters (com.apple.mobiledevice.passwordpolicy.yaml, minLength). */
export const APPLE_MAX_PASSCODE_LENGTH = 16;
/** Apple's maxInactivity range tops out at 15 minutes (com.apple.mobiledevice.passwordpolicy.yaml). */
export const APPLE_MAX_INACTIVITY_MINUTES = 15;

/** The payloads of a settings profile and the settings that did not land as asked. */
export interface SettingsRendering {
  readonly payloads: readonly BuiltPayload[];
  /**
   * One report per setting that will not be applied as set: `notApplicable` (no Apple mapping for
   * the platform, or not a configuration-profile setting) or `failed` (Apple cannot express the
   * value; the nearest stricter value was applied where one exists). Settings not listed are
   * rendered exactly.
   */
  readonly reports: readonly SettingReport[];
}

const DISPLAY_NAMES: Readonly<Record<string, string>> = {
  'com.apple.mobiledevice.passwordpolicy': 'Passcode',
  'com.apple.applicationaccess': 'Restrictions',
  'com.apple.MCX.FileVault2': 'FileVault',
  'com.apple.security.firewall': 'Firewall',
  'com.apple.screensaver': 'Screen lock',
  'com.apple.SoftwareUpdate': 'Software update',
  'com.apple.systemuiserver': 'Media access',
  'com.apple.shareddeviceconfiguration': 'Lock screen',
};

type Keys = Record<string, PlistValue>;
type Apply = (value: SettingValue, keys: Keys) => string | undefined;

const bool = (value: SettingValue): boolean => value === true;
const int = (value: SettingValue): number => (typeof value === 'number' ? value : Number.NaN);

/**
 * How each catalog setting with an Apple mapping becomes payload keys, following the catalog's
 * notes. An entry returns a message when it had to change the value (then the setting is reported
 * failed with it). A value that means "not required" (false, 0, empty) adds no key where a key
 * would do more than nothing: `EnableFirewall: false` would switch a user's firewall off.
 */
const converters: Readonly<Record<string, Apply>> = {
  'passcode.required': (v, k) => {
    k.forcePIN = bool(v);
    return undefined;
  },
  'passcode.minimumLength': (v, k) => {
    const n = int(v);
    k.minLength = Math.min(n, APPLE_MAX_PASSCODE_LENGTH);
    return n > APPLE_MAX_PASSCODE_LENGTH ? `Apple enforces at most ${APPLE_MAX_PASSCODE_LENGTH} characters; ${APPLE_MAX_PASSCODE_LENGTH} is applied.` : undefined;
  },
  'passcode.complexity': (v, k) => {
    if (v === 'none') return undefined;
    k.allowSimple = false;
    if (v === 'alphanumeric' || v === 'complex') k.requireAlphanumeric = true;
    if (v === 'complex') k.minComplexChars = 1;
    return undefined;
  },
  'passcode.maxInactivitySeconds': (v, k) => {
    // Apple counts whole minutes (rounded up, as the catalog says); beyond its range the longest
    // Apple allows is the stricter choice that still honours "lock within the maximum".
    k.maxInactivity = Math.min(Math.ceil(int(v) / 60), APPLE_MAX_INACTIVITY_MINUTES);
    return undefined;
  },
  'passcode.expiryDays': (v, k) => {
    if (int(v) > 0) k.maxPINAgeInDays = int(v);
    return undefined;
  },
  'passcode.historyCount': (v, k) => {
    if (int(v) > 0) k.pinHistory = int(v);
    return undefined;
  },
  'encryption.required': (v, k) => {
    // Defer: FileVault turns on at the user's next sign-in, which is when it can ask for the password.
    if (bool(v)) Object.assign(k, { Enable: 'On', Defer: true });
    return undefined;
  },
  'firewall.enabled': (v, k) => {
    if (bool(v)) k.EnableFirewall = true;
    return undefined;
  },
  'screenLock.timeoutSeconds': (v, k) => {
    const seconds = int(v);
    k.idleTime = seconds;
    // A screen saver that does not ask for the password locks nothing.
    if (seconds > 0) Object.assign(k, { askForPassword: true, askForPasswordDelay: 0 });
    return undefined;
  },
  'restrictions.cameraDisabled': (v, k) => {
    k.allowCamera = !bool(v);
    return undefined;
  },
  'restrictions.screenshotDisabled': (v, k) => {
    k.allowScreenShot = !bool(v);
    return undefined;
  },
  'restrictions.usbStorageDisabled': (v, k) => {
    if (bool(v)) k['mount-controls'] = { 'harddisk-external': ['deny'] };
    return undefined;
  },
  'softwareUpdate.automaticDownload': (v, k) => {
    k.AutomaticDownload = bool(v);
    return undefined;
  },
  'softwareUpdate.automaticInstall': (v, k) => {
    k.AutomaticallyInstallMacOSUpdates = bool(v);
    return undefined;
  },
  'softwareUpdate.deferralDays': (v, k) => {
    const days = int(v);
    k.forceDelayedSoftwareUpdates = days > 0;
    if (days > 0) k.enforcedSoftwareUpdateDelay = days;
    return undefined;
  },
  'lockScreen.message': (v, k) => {
    if (typeof v === 'string' && v !== '') k.LockScreenFootnote = v;
    return undefined;
  },
};

/** Settings whose Apple mapping is a declaration (declarative device management), not a profile payload. */
const DECLARATION_PREFIX = 'com.apple.configuration.';

/**
 * The Apple payloads for a settings profile on `platform`, one payload per payload type the
 * settings map to (the catalog's `mappings.apple`), keys merged. Settings the platform cannot take
 * come back as reports instead of keys, so the per-setting status is right without the device.
 */
export function renderSettingsPayloads(factory: PayloadFactory, settings: Readonly<Record<string, SettingValue>>, platform: ApplePlatform): SettingsRendering {
  const byType = new Map<string, Keys>();
  const reports: SettingReport[] = [];
  for (const id of Object.keys(settings).sort()) {
    const value = settings[id];
    if (value === undefined) continue;
    const mapping = findSettingDefinition(id)?.mappings.apple;
    const convert = converters[id];
    if (mapping === undefined || !mapping.platforms.includes(platform)) {
      reports.push({ id, status: 'notApplicable', error: `No Apple configuration-profile setting for ${platform}.` });
      continue;
    }
    if (mapping.payloadType.startsWith(DECLARATION_PREFIX)) {
      reports.push({ id, status: 'notApplicable', error: `Apple takes this as a declaration (${mapping.payloadType}), not a configuration profile.` });
      continue;
    }
    if (convert === undefined || !valueFits(id, value)) {
      reports.push({ id, status: 'failed', error: convert === undefined ? 'The Apple adapter does not render this setting.' : 'The value does not have the type the catalog declares.' });
      continue;
    }
    const keys = byType.get(mapping.payloadType) ?? {};
    const adjusted = convert(value, keys);
    byType.set(mapping.payloadType, keys);
    if (adjusted !== undefined) reports.push({ id, status: 'failed', error: adjusted });
  }
  const payloads: BuiltPayload[] = [];
  for (const [payloadType, keys] of [...byType].sort(([a], [b]) => a.localeCompare(b))) {
    if (Object.keys(keys).length === 0) continue;
    payloads.push(factory.payload(payloadType, payloadType, DISPLAY_NAMES[payloadType] ?? payloadType, keys));
  }
  return { payloads, reports };
}

function valueFits(id: string, value: SettingValue): boolean {
  const type = findSettingDefinition(id)?.value.type;
  if (type === 'boolean') return typeof value === 'boolean';
  if (type === 'integer') return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
  return typeof value === 'string';
}
