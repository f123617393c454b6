import { describe, expect, it } from 'vitest';
import { defaultProtectionSettings } from './model.js';
import { validateAppProtectionPolicy, type AppProtectionPolicyInput } from './validate-app-protection-policy.js';

const base = { name: 'Notes protection', targets: { users: { include: 'allUsers' }, apps: ['com.ward.notes-demo'] } } as const;

function fieldOf(input: unknown): unknown {
  const result = validateAppProtectionPolicy(input as AppProtectionPolicyInput);
  if (result.ok) return 'valid';
  expect(result.code).toBe('APP_PROTECTION_POLICY_INVALID');
  return result.details?.field;
}

function withSettings(settings: unknown): unknown {
  return fieldOf({ ...base, settings });
}

describe('validateAppProtectionPolicy', () => {
  it('fills defaults, trims, drops duplicate apps (case-insensitively) and groups', () => {
    const result = validateAppProtectionPolicy({
      name: '  Notes  ',
      settings: { pin: { minLength: 8 } },
      targets: { users: { include: ['g1', 'g1'], exclude: ['g2'] }, apps: ['com.ward.notes-demo', 'COM.WARD.NOTES-DEMO', 'com.ward.mail'] },
    });
    expect(result).toEqual({
      ok: true,
      value: {
        name: 'Notes',
        description: '',
        settings: { ...defaultProtectionSettings, pin: { ...defaultProtectionSettings.pin, minLength: 8 } },
        targets: { users: { include: ['g1'], exclude: ['g2'] }, apps: ['com.ward.notes-demo', 'com.ward.mail'] },
      },
    });
  });

  it('merges settings over a base at every depth (an update naming one setting keeps the others)', () => {
    const stored = { ...defaultProtectionSettings, printBlocked: true, offline: { accessCheckAfterMinutes: 60, wipeAfterDays: 30 } };
    const result = validateAppProtectionPolicy({ ...base, settings: { offline: { wipeAfterDays: 10 } } }, stored);
    expect(result.ok && result.value.settings).toEqual({ ...stored, offline: { accessCheckAfterMinutes: 60, wipeAfterDays: 10 } });
  });

  it('accepts the bounds of every range and refuses one step beyond', () => {
    const ranges: readonly [string, string, number, number][] = [
      ['pin', 'minLength', 4, 16],
      ['pin', 'recheckAfterMinutes', 0, 1440],
      ['pin', 'maxRetries', 1, 20],
    ];
    for (const [group, key, min, max] of ranges) {
      const at = (v: unknown) => withSettings({ [group]: { [key]: v } });
      expect(at(min), `${key}=${min}`).toBe('valid');
      expect(at(max), `${key}=${max}`).toBe('valid');
      expect(at(min - 1), `${key}=${min - 1}`).toBe(`settings.${group}.${key}`);
      expect(at(max + 1), `${key}=${max + 1}`).toBe(`settings.${group}.${key}`);
      expect(at(min + 0.5)).toBe(`settings.${group}.${key}`);
      expect(at(String(min))).toBe(`settings.${group}.${key}`);
    }
    // The contract's outer bounds: 10080 minutes of offline access, 1 to 90 days to wipe.
    expect(withSettings({ offline: { accessCheckAfterMinutes: 1, wipeAfterDays: 90 } })).toBe('valid');
    expect(withSettings({ offline: { accessCheckAfterMinutes: 0 } })).toBe('settings.offline.accessCheckAfterMinutes');
    expect(withSettings({ offline: { accessCheckAfterMinutes: 10080, wipeAfterDays: 7 } })).toBe('valid');
    expect(withSettings({ offline: { accessCheckAfterMinutes: 10081, wipeAfterDays: 90 } })).toBe('settings.offline.accessCheckAfterMinutes');
    expect(withSettings({ offline: { accessCheckAfterMinutes: 60, wipeAfterDays: 1 } })).toBe('valid');
    expect(withSettings({ offline: { accessCheckAfterMinutes: 60, wipeAfterDays: 0 } })).toBe('settings.offline.wipeAfterDays');
    expect(withSettings({ offline: { accessCheckAfterMinutes: 60, wipeAfterDays: 91 } })).toBe('settings.offline.wipeAfterDays');
    // Wiping before access is even checked again is refused.
    expect(withSettings({ offline: { accessCheckAfterMinutes: 2000, wipeAfterDays: 1 } })).toBe('settings.offline.wipeAfterDays');
  });

  it('reads versions as dotted numbers and null as no minimum', () => {
    expect(withSettings({ conditionalLaunch: { minAppVersion: '1.2.0', minSdkVersion: '1' } })).toBe('valid');
    expect(withSettings({ conditionalLaunch: { minAppVersion: null } })).toBe('valid');
    for (const bad of ['1.2.0-beta', 'v1', '1..2', '1.2.3.4.5', '', ' 1.2', 1.2, '1234567890.1']) {
      expect(withSettings({ conditionalLaunch: { minAppVersion: bad } }), String(bad)).toBe('settings.conditionalLaunch.minAppVersion');
    }
  });

  it('names the offending field of hostile or mistaken input', () => {
    const cases: readonly [unknown, string][] = [
      [null, 'policy'],
      [[], 'policy'],
      [{ ...base, extra: 1 }, 'policy.extra'],
      [{ ...base, name: '' }, 'name'],
      [{ ...base, name: 'x'.repeat(100_000) }, 'name'],
      [{ ...base, name: 'a\u0007b' }, 'name'],
      [{ ...base, settings: { pin: { required: 'yes' } } }, 'settings.pin.required'],
      [{ ...base, settings: { pin: { type: 'alphabet' } } }, 'settings.pin.type'],
      [{ ...base, settings: { clipboard: 'some' } }, 'settings.clipboard'],
      [{ ...base, settings: { conditionalLaunch: { jailbroken: 'ignore' } } }, 'settings.conditionalLaunch.jailbroken'],
      [{ ...base, settings: { conditionalLaunch: { maxPinRetries: 'warn' } } }, 'settings.conditionalLaunch.maxPinRetries'],
      [{ ...base, settings: { managedApps: [] } }, 'settings.managedApps'],
      [{ ...base, settings: { pin: { minLenght: 6 } } }, 'settings.pin.minLenght'],
      [{ ...base, settings: JSON.parse('{"__proto__": {"encryptData": false}}') as unknown }, 'settings.__proto__'],
      [{ ...base, targets: undefined }, 'targets'],
      [{ ...base, targets: { users: { include: 'allUsers' }, apps: [] } }, 'targets.apps'],
      [{ ...base, targets: { users: { include: 'allUsers' }, apps: Array.from({ length: 101 }, (_, i) => `app.${i}`) } }, 'targets.apps'],
      [{ ...base, targets: { users: { include: 'allUsers' }, apps: ['has space'] } }, 'targets.apps[0]'],
      [{ ...base, targets: { users: { include: 'allUsers' }, apps: ['x'.repeat(256)] } }, 'targets.apps[0]'],
      [{ ...base, targets: { users: { include: 'all' }, apps: ['a'] } }, 'targets.users.include'],
      [{ ...base, targets: { users: { include: [] }, apps: ['a'] } }, 'targets.users.include'],
      [{ ...base, targets: { users: { include: ['../etc'] }, apps: ['a'] } }, 'targets.users.include[0]'],
      [{ ...base, targets: { users: { include: Array.from({ length: 101 }, (_, i) => `g${i}`) }, apps: ['a'] } }, 'targets.users.include'],
      [{ ...base, targets: { apps: ['a'] } }, 'targets.users'],
    ];
    for (const [input, field] of cases) expect(fieldOf(input), JSON.stringify(input).slice(0, 120)).toBe(field);
    expect(fieldOf({ ...base, targets: { users: { include: 'allUsers' }, apps: Array.from({ length: 100 }, (_, i) => `app.${i}`) } })).toBe('valid');
  });
});
