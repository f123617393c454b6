import { describe, expect, it } from 'vitest';
import { platforms } from '../devices/model.js';
import { findSettingDefinition, settingDefinitions } from './settings-catalog.js';
import { validateSettingValue } from './validate-setting-value.js';

const contractIds = [
  'passcode.required', 'passcode.minimumLength', 'passcode.complexity', 'passcode.maxInactivitySeconds', 'passcode.expiryDays', 'passcode.historyCount',
  'encryption.required', 'firewall.enabled', 'screenLock.timeoutSeconds', 'osUpdate.deadlineDays', 'restrictions.cameraDisabled', 'restrictions.screenshotDisabled',
  'restrictions.usbStorageDisabled', 'softwareUpdate.automaticDownload', 'softwareUpdate.automaticInstall', 'softwareUpdate.deferralDays',
];

describe('settings catalog', () => {
  it('holds every setting of the contract, once', () => {
    const ids = settingDefinitions.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of contractIds) expect(ids).toContain(id);
  });

  it.each(settingDefinitions.map((d) => [d.id, d] as const))('%s is well formed: default valid, platforms from mappings, real payload names', (_id, d) => {
    expect(validateSettingValue(d.id, d.default).ok).toBe(true);
    expect(d.platforms.length).toBeGreaterThan(0);
    for (const p of d.platforms) expect(platforms).toContain(p);
    if (d.mappings.apple !== undefined) expect(d.mappings.apple.payloadType).toMatch(/^com\.apple\./);
    if (d.mappings.windows !== undefined) expect(d.mappings.windows.cspPath).toMatch(/^\.\/(Device\/)?Vendor\/MSFT\//);
    expect(d.name.length).toBeGreaterThan(0);
    expect(d.description.length).toBeGreaterThan(0);
  });

  it('maps the passcode length to the real Apple key and Windows CSP', () => {
    const d = findSettingDefinition('passcode.minimumLength');
    expect(d?.mappings.apple).toMatchObject({ payloadType: 'com.apple.mobiledevice.passwordpolicy', key: 'minLength' });
    expect(d?.mappings.windows?.cspPath).toBe('./Device/Vendor/MSFT/Policy/Config/DeviceLock/MinDevicePasswordLength');
  });

  it.each([
    ['passcode.minimumLength', [4, 64], 3, 65],
    ['passcode.maxInactivitySeconds', [60, 86_400], 59, 86_401],
    ['passcode.expiryDays', [0, 730], -1, 731],
    ['passcode.historyCount', [0, 50], -1, 51],
    ['screenLock.timeoutSeconds', [0, 86_400], -1, 86_401],
    ['osUpdate.deadlineDays', [0, 90], -1, 91],
    ['softwareUpdate.deferralDays', [0, 90], -1, 91],
  ] as const)('%s accepts its bounds and refuses just outside them', (id, [min, max], below, above) => {
    expect(validateSettingValue(id, min)).toEqual({ ok: true, value: min });
    expect(validateSettingValue(id, max)).toEqual({ ok: true, value: max });
    for (const bad of [below, above, min + 0.5, Number.NaN, Number.POSITIVE_INFINITY, `${min}`, true, null, undefined, [min], { value: min }]) {
      const r = validateSettingValue(id, bad);
      expect(r.ok ? 'ok' : r.code, `${id} = ${typeof bad === 'number' ? bad : JSON.stringify(bad)}`).toBe('SETTING_VALUE_INVALID');
    }
  });

  it.each(settingDefinitions.filter((d) => d.value.type === 'boolean').map((d) => d.id))('%s takes only booleans', (id) => {
    expect(validateSettingValue(id, true).ok).toBe(true);
    expect(validateSettingValue(id, false).ok).toBe(true);
    for (const bad of ['true', 1, 0, null, {}, []]) expect(validateSettingValue(id, bad)).toMatchObject({ ok: false, code: 'SETTING_VALUE_INVALID', details: { setting: id } });
  });

  it('takes only the listed enum values, case-sensitively', () => {
    for (const v of ['none', 'numeric', 'alphanumeric', 'complex']) expect(validateSettingValue('passcode.complexity', v).ok).toBe(true);
    for (const bad of ['Complex', 'strong', '', 3, null]) expect(validateSettingValue('passcode.complexity', bad)).toMatchObject({ ok: false, code: 'SETTING_VALUE_INVALID' });
  });

  it('bounds text settings, refuses control characters, checks variables', () => {
    expect(validateSettingValue('lockScreen.message', 'If found call +1 555 0100 ({{device.serial}})').ok).toBe(true);
    expect(validateSettingValue('lockScreen.message', 'x'.repeat(201))).toMatchObject({ ok: false, code: 'SETTING_VALUE_INVALID' });
    expect(validateSettingValue('lockScreen.message', 'x'.repeat(1_000_000))).toMatchObject({ ok: false, code: 'SETTING_VALUE_INVALID' });
    expect(validateSettingValue('lockScreen.message', 'a\u0000b')).toMatchObject({ ok: false, code: 'SETTING_VALUE_INVALID' });
    expect(validateSettingValue('lockScreen.message', 'a\nb')).toMatchObject({ ok: false, code: 'SETTING_VALUE_INVALID' });
    expect(validateSettingValue('lockScreen.message', 'owner {{user.password}}')).toMatchObject({ ok: false, code: 'PROFILE_VARIABLE_UNKNOWN' });
  });

  it.each(['passcode.minLength', 'PASSCODE.REQUIRED', '', '__proto__', 'constructor', 'x'.repeat(10_000)])('refuses the unknown setting %j', (id) => {
    const r = validateSettingValue(id, true);
    expect(r.ok ? 'ok' : r.code).toBe('SETTING_UNKNOWN');
    if (!r.ok) expect(String(r.details?.setting).length).toBeLessThanOrEqual(101);
  });
});
