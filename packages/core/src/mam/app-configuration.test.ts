import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { User } from '../directory/model.js';
import type { GroupId, TenantId, UserId } from '../kernel/brand.js';
import { compileMamPolicies, pickProtectionPolicy, renderAppConfiguration } from './compile-mam-policies.js';
import { defaultProtectionSettings, type AppConfigurationPolicy, type AppConfigurationPolicyId, type AppProtectionPolicy, type AppProtectionPolicyId, type MamTargets } from './model.js';
import { validateAppConfigurationPolicy, type AppConfigurationPolicyInput } from './validate-app-configuration-policy.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const tenantId = 't1' as TenantId;
const t0 = new Date('2026-01-01T00:00:00Z');

const user: User = {
  id: 'u1' as UserId,
  tenantId,
  email: 'ada@example.com',
  displayName: 'Ada Lovelace',
  givenName: 'Ada',
  surname: null,
  department: null,
  jobTitle: null,
  employeeId: null,
  attributes: { upn: 'ada@corp.example' },
  disabled: false,
  createdAt: t0,
  updatedAt: t0,
};

function protection(id: string, createdMs: number, targets: MamTargets): AppProtectionPolicy {
  return { id: id as AppProtectionPolicyId, tenantId, name: id, description: '', settings: defaultProtectionSettings, targets, hash: `h-${id}`, version: 1, createdAt: new Date(t0.getTime() + createdMs), updatedAt: t0 };
}

function configuration(id: string, createdMs: number, settings: Record<string, string>, targets: MamTargets): AppConfigurationPolicy {
  return { id: id as AppConfigurationPolicyId, tenantId, name: id, description: '', settings, targets, hash: `h-${id}`, version: 1, createdAt: new Date(t0.getTime() + createdMs), updatedAt: t0 };
}

const group = (id: string): GroupId => id as GroupId;
const everyone = (apps: string[]): MamTargets => ({ users: { include: 'allUsers', exclude: [] }, apps });

describe('validateAppConfigurationPolicy', () => {
  const base = { name: 'Notes settings', targets: everyone(['com.ward.notes-demo']) };
  const fieldOf = (input: unknown): unknown => {
    const r = validateAppConfigurationPolicy(input as AppConfigurationPolicyInput);
    return r.ok ? 'valid' : r.details?.field;
  };

  it('keeps text values, sorts keys, and accepts the user variables', () => {
    const r = validateAppConfigurationPolicy({ ...base, settings: { z: '1', account: '{{user.email}}', greeting: 'Hi {{ user.displayName }} ({{user.userPrincipalName}})' } });
    expect(r.ok && Object.keys(r.value.settings)).toEqual(['account', 'greeting', 'z']);
  });

  it('refuses unknown variables, malformed placeholders, non-text values, reserved and oversized keys', () => {
    const cases: readonly [Record<string, unknown>, string][] = [
      [{ a: '{{device.serial}}' }, 'settings.a'],
      [{ a: '{{user.email}' }, 'settings.a'],
      [{ a: 'x }} y' }, 'settings.a'],
      [{ a: 42 }, 'settings.a'],
      [{ a: null }, 'settings.a'],
      [{ a: 'x'.repeat(4097) }, 'settings.a'],
      [{ a: 'bell\u0007' }, 'settings.a'],
      [{ '': 'x' }, 'settings.'],
      [{ ' padded': 'x' }, 'settings. padded'],
      [JSON.parse('{"__proto__": "x"}') as Record<string, unknown>, 'settings.__proto__'],
      [{ constructor: 'x' }, 'settings.constructor'],
      [{ ['k'.repeat(257)]: 'x' }, `settings.${'k'.repeat(64)}`],
      [Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, 'v'])), 'settings'],
    ];
    for (const [settings, field] of cases) expect(fieldOf({ ...base, settings }), JSON.stringify(settings).slice(0, 80)).toBe(field);
    expect(fieldOf({ ...base, settings: ['a'] })).toBe('settings');
    expect(fieldOf({ ...base, settings: { a: 'line\nbreak\ttab' } })).toBe('valid');
  });
});

describe('compileMamPolicies', () => {
  it('picks the oldest protection policy that reaches the user; an exclusion wins over an inclusion', () => {
    const older = protection('older', 0, { users: { include: [group('g-sales')], exclude: [group('g-contractors')] }, apps: ['com.ward.notes-demo'] });
    const newer = protection('newer', 1000, everyone(['COM.WARD.NOTES-DEMO']));
    const compiled = compileMamPolicies([newer, older], []);
    const notes = compiled.forApp('com.ward.notes-demo');
    expect(notes.needsGroups).toBe(true);
    expect(pickProtectionPolicy(notes, new Set(['g-sales']))?.id).toBe('older');
    expect(pickProtectionPolicy(notes, new Set(['g-sales', 'g-contractors']))?.id).toBe('newer');
    expect(pickProtectionPolicy(notes, new Set())?.id).toBe('newer');
    expect(pickProtectionPolicy(compiled.forApp('com.other'), new Set())).toBeUndefined();
  });

  it('ties on creation time break by id, so every server picks the same', () => {
    const a = protection('a', 0, everyone(['app']));
    const b = protection('b', 0, everyone(['app']));
    expect(pickProtectionPolicy(compileMamPolicies([b, a], []).forApp('app'), new Set())?.id).toBe('a');
  });

  it('merges configurations, the oldest winning a shared key, renders variables and leaves out keys whose variable is missing', () => {
    const first = configuration('first', 0, { server: 'https://one.example', account: '{{user.email}}', team: '{{user.department}}' }, everyone(['app']));
    const second = configuration('second', 10, { server: 'https://two.example', team: 'fallback', upn: '{{user.upn}}' }, everyone(['app']));
    const excluded = configuration('excluded', 20, { secret: 'x' }, { users: { include: 'allUsers', exclude: ['g1' as GroupId] }, apps: ['app'] });
    const compiled = compileMamPolicies([], [second, first, excluded]);
    const policies = compiled.forApp('app');
    expect(policies.needsUser).toBe(true);
    const rendered = renderAppConfiguration(sha, policies, new Set(['g1']), user);
    // `team` belongs to the oldest policy, whose value needs a department the user lacks: left out.
    expect(rendered.configuration).toEqual({ account: 'ada@example.com', server: 'https://one.example', upn: 'ada@corp.example' });
    expect(rendered.version).toBe(sha(JSON.stringify(rendered.configuration)));
    const forOthers = renderAppConfiguration(sha, policies, new Set(), user);
    expect(forOthers.configuration.secret).toBe('x');
    expect(forOthers.version).not.toBe(rendered.version);
    expect(renderAppConfiguration(sha, compiled.forApp('none'), new Set(), user)).toEqual({ configuration: {}, version: sha('{}') });
  });
});
