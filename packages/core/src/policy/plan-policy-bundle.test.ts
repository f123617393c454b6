import { describe, expect, it } from 'vitest';
import { assign, group as groupTarget, now, profile, rootPem, tenantId } from '../../test/support/policy-fixtures.js';
import type { Group } from '../directory/model.js';
import type { GroupId } from '../kernel/brand.js';
import type { Profile } from './model.js';
import { planPolicyBundle, type CurrentPolicyState } from './plan-policy-bundle.js';

const finance: Group = { id: 'g-fin' as GroupId, tenantId, name: 'Finance', description: '', membershipType: 'static', memberType: 'user', rule: null, memberCount: 3, createdAt: new Date(0), updatedAt: new Date(0) };

let n = 0;
const options = (prune = false) => ({ prune, tenantId, now, newId: () => `new-${++n}` });

const baseline = profile('p-base', { kind: 'settings', body: { settings: { 'passcode.minimumLength': 8 } } }, { name: 'Baseline' });
const root = profile('p-root', { kind: 'certificate', body: { type: 'trustedRoot', name: 'Root', certificatePem: rootPem } }, { name: 'Corp Root' });
const office = profile('p-wifi', { kind: 'wifi', body: { ssid: 'Office', hidden: false, autoJoin: true, security: 'wpa2Personal', passphrase: 'stored-passphrase', proxy: { type: 'none' } } }, { name: 'Office Wi-Fi' });

function state(profiles: readonly Profile[] = [baseline, root, office], assignments = [assign('p-base', groupTarget('g-fin'))]): CurrentPolicyState {
  return { profiles, compliancePolicies: [], filters: [], assignments: assignments.map((a) => ({ ...a, id: `${a.id}-x` as never })), groups: new Map([[finance.id, finance]]) };
}

const exported = {
  profiles: [
    { name: 'Baseline', description: '', platforms: ['linux', 'macos', 'windows', 'ios', 'ipados', 'android'], kind: 'settings', body: { settings: { 'passcode.minimumLength': 8 } } },
    { name: 'Corp Root', description: '', platforms: ['linux', 'macos', 'windows', 'ios', 'ipados', 'android'], kind: 'certificate', body: { type: 'trustedRoot', name: 'Root', certificatePem: rootPem } },
    { name: 'Office Wi-Fi', description: '', platforms: ['linux', 'macos', 'windows', 'ios', 'ipados', 'android'], kind: 'wifi', body: { ssid: 'Office', hidden: false, autoJoin: true, security: 'wpa2Personal', passphrase: null, proxy: { type: 'none' } } },
  ],
  assignments: [{ item: { kind: 'profile', name: 'Baseline' }, target: { type: 'group', group: 'Finance' }, mode: 'include', intent: 'required' }],
};

describe('planPolicyBundle', () => {
  it('plans nothing for a bundle equal to the current state (secrets null keep the stored ones)', () => {
    const plan = planPolicyBundle(exported, state(), options());
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.value.changes).toEqual([]);
    expect(plan.value.unchanged).toBe(4);
  });

  it('diffs created, changed and deleted objects, with the fields that changed', () => {
    const bundle = {
      groups: [{ name: 'Laptops', membershipType: 'dynamic', memberType: 'device', rule: 'device.platform == "linux"' }],
      filters: [{ name: 'Corporate', rule: 'device.ownership == "corporate"' }],
      profiles: [{ ...exported.profiles[0], body: { settings: { 'passcode.minimumLength': 12 } } }, exported.profiles[1], exported.profiles[2]],
      assignments: [
        { item: { kind: 'profile', name: 'Baseline' }, target: { type: 'group', group: 'Laptops' }, filter: { name: 'Corporate', mode: 'include' } },
        { item: { kind: 'profile', name: 'Office Wi-Fi' }, target: { type: 'allDevices' } },
      ],
    };
    const plan = planPolicyBundle(bundle, state(), options());
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.value.changes.map((c) => [c.section, c.action, c.name, c.fields])).toEqual([
      ['groups', 'create', 'Laptops', undefined],
      ['filters', 'create', 'Corporate', undefined],
      ['profiles', 'update', 'Baseline', ['body']],
      ['assignments', 'create', 'Baseline → group Laptops', undefined],
      ['assignments', 'create', 'Office Wi-Fi → allDevices', undefined],
      ['assignments', 'delete', 'Baseline → group Finance', undefined],
    ]);
    const updated = plan.value.profiles[0]?.after;
    expect(updated?.version).toBe(2);
    const wifi = plan.value.after.profiles.find((p) => p.name === 'Office Wi-Fi');
    expect(wifi?.kind === 'wifi' && wifi.body.passphrase).toBe('stored-passphrase');
    expect([...plan.value.regroupedGroupIds]).toEqual([plan.value.groups[0]?.after?.id]);
  });

  it('leaves objects it does not list alone, unless pruning; never prunes groups', () => {
    const only = { profiles: [exported.profiles[1]] };
    const kept = planPolicyBundle(only, state(), options());
    expect(kept.ok && kept.value.changes).toEqual([]);
    const pruned = planPolicyBundle(only, state(), options(true));
    if (!pruned.ok) throw new Error(pruned.message);
    expect(pruned.value.changes.map((c) => [c.section, c.action, c.name])).toEqual([
      ['profiles', 'delete', 'Baseline'],
      ['profiles', 'delete', 'Office Wi-Fi'],
      ['assignments', 'delete', 'Baseline → group Finance'],
    ]);
    expect(pruned.value.groups).toEqual([]);
  });

  it('resolves certificate references by name within the bundle, in any order', () => {
    const bundle = {
      profiles: [
        { name: 'Corp Wi-Fi', kind: 'wifi', body: { ssid: 'Corp', security: 'wpa3Enterprise', eap: { method: 'tls', identity: '{{user.upn}}', serverNames: ['radius.example.com'], trustedRootProfileIds: ['New Root'], clientCertificateProfileId: 'Device Cert' } } },
        { name: 'New Root', kind: 'certificate', body: { type: 'trustedRoot', name: 'New', certificatePem: rootPem } },
        { name: 'Device Cert', kind: 'certificate', body: { type: 'issued', scope: 'device', subject: 'CN={{device.id}}', validityDays: 365 } },
      ],
    };
    const plan = planPolicyBundle(bundle, state([]), options());
    if (!plan.ok) throw new Error(plan.message);
    const byName = new Map(plan.value.after.profiles.map((p) => [p.name, p]));
    const wifi = byName.get('Corp Wi-Fi');
    expect(wifi?.kind === 'wifi' && wifi.body.eap).toMatchObject({ trustedRootProfileIds: [byName.get('New Root')?.id], clientCertificateProfileId: byName.get('Device Cert')?.id });
  });

  it.each([
    ['an unknown section', { scripts: [] }, 'POLICY_BUNDLE_INVALID', {}],
    ['a section that is not a list', { profiles: {} }, 'POLICY_BUNDLE_INVALID', {}],
    ['a profile defined twice', { profiles: [exported.profiles[0], { ...exported.profiles[0], name: 'BASELINE' }] }, 'POLICY_BUNDLE_INVALID', { section: 'profiles', index: 1 }],
    ['a setting out of range', { profiles: [{ name: 'P', kind: 'settings', body: { settings: { 'passcode.minimumLength': 100 } }, source: { file: 'profiles/p.yaml', line: 7 } }] }, 'SETTING_VALUE_INVALID', { section: 'profiles', index: 0, name: 'P', source: { file: 'profiles/p.yaml', line: 7 } }],
    ['an unknown setting', { profiles: [{ name: 'P', kind: 'settings', body: { settings: { 'passcode.colour': 1 } } }] }, 'SETTING_UNKNOWN', { section: 'profiles' }],
    ['a new secret left null', { profiles: [{ name: 'New Wi-Fi', kind: 'wifi', body: { ssid: 'X', security: 'wpa2Personal', passphrase: null } }] }, 'PROFILE_SECRET_REQUIRED', { section: 'profiles' }],
    ['a kind change', { profiles: [{ name: 'Baseline', kind: 'custom', body: { platform: 'linux', format: 'file', path: '/etc/x', contentBase64: '', mode: '0644' } }] }, 'PROFILE_KIND_MISMATCH', { section: 'profiles' }],
    ['a reference to a missing profile', { profiles: [{ name: 'W', kind: 'wifi', body: { ssid: 'C', security: 'wpa2Enterprise', eap: { method: 'tls', identity: 'x', serverNames: ['r.example.com'], trustedRootProfileIds: ['Nope'], clientCertificateProfileId: 'Nope' } } }] }, 'PROFILE_NOT_FOUND', { section: 'profiles', field: 'body.eap.trustedRootProfileIds[0]' }],
    ['a reference to a profile of the wrong type', { profiles: [{ name: 'W', kind: 'wifi', body: { ssid: 'C', security: 'wpa2Enterprise', eap: { method: 'tls', identity: 'x', serverNames: ['r.example.com'], trustedRootProfileIds: ['Baseline'], clientCertificateProfileId: 'Corp Root' } } }] }, 'PROFILE_KIND_MISMATCH', { section: 'profiles' }],
    ['an assignment to a missing group', { assignments: [{ item: { kind: 'profile', name: 'Baseline' }, target: { type: 'group', group: 'Nobody' } }] }, 'ASSIGNMENT_GROUP_NOT_FOUND', { section: 'assignments', index: 0 }],
    ['an assignment of a missing item', { assignments: [{ item: { kind: 'profile', name: 'Ghost' }, target: { type: 'allDevices' } }] }, 'ASSIGNMENT_ITEM_NOT_FOUND', { section: 'assignments' }],
    ['an assignment with a missing filter', { assignments: [{ item: { kind: 'profile', name: 'Baseline' }, target: { type: 'allDevices' }, filter: { name: 'Nope', mode: 'include' } }] }, 'ASSIGNMENT_FILTER_NOT_FOUND', { section: 'assignments' }],
    ['an assignment listed twice', { assignments: [{ item: { kind: 'profile', name: 'Baseline' }, target: { type: 'allDevices' } }, { item: { kind: 'profile', name: 'Baseline' }, target: { type: 'allDevices' } }] }, 'POLICY_BUNDLE_INVALID', { index: 1 }],
    ['a filter on an exclude', { assignments: [{ item: { kind: 'profile', name: 'Baseline' }, target: { type: 'allDevices' }, mode: 'exclude', filter: null }, { item: { kind: 'profile', name: 'Baseline' }, target: { type: 'group', group: 'Finance' }, mode: 'exclude', filter: { name: 'F', mode: 'include' } }], filters: [{ name: 'F', rule: 'device.ownership == "corporate"' }] }, 'ASSIGNMENT_INVALID', { index: 1 }],
    ['a filter that does not parse', { filters: [{ name: 'F', rule: 'device.ownership ==' }] }, 'ASSIGNMENT_FILTER_INVALID', { section: 'filters' }],
    ['a group rule that does not parse', { groups: [{ name: 'G', membershipType: 'dynamic', memberType: 'device', rule: 'device.nope == 1' }] }, 'GROUP_RULE_INVALID', { section: 'groups' }],
    ['a compliance rule that does not parse', { compliancePolicies: [{ name: 'C', platforms: ['linux'], rules: [{ kind: 'custom', name: 'x', expression: 'device.encrypted and' }] }] }, 'COMPLIANCE_RULE_INVALID', { section: 'compliancePolicies' }],
  ])('refuses %s with its location', (_what, bundle, code, details) => {
    const plan = planPolicyBundle(bundle, state(), options());
    expect(plan.ok ? 'ok' : plan.code).toBe(code);
    if (!plan.ok) expect(plan.details).toMatchObject(details);
  });

  it('refuses a change that breaks a profile the bundle does not list', () => {
    const wifi = profile('p-eap', { kind: 'wifi', body: { ssid: 'C', hidden: false, autoJoin: true, security: 'wpa2Enterprise', eap: { method: 'tls', identity: 'x', serverNames: ['r.example.com'], trustedRootProfileIds: [root.id], clientCertificateProfileId: 'p-cert' as never }, proxy: { type: 'none' } } }, { name: 'EAP' });
    const cert = profile('p-cert', { kind: 'certificate', body: { type: 'issued', scope: 'device', subject: 'CN=x', validityDays: 30 } }, { name: 'Cert' });
    const retyped = { name: 'Corp Root', kind: 'certificate', body: { type: 'issued', scope: 'device', subject: 'CN=x', validityDays: 30 } };
    const plan = planPolicyBundle({ profiles: [retyped] }, state([baseline, root, cert, wifi]), options());
    expect(plan.ok ? 'ok' : plan.code).toBe('PROFILE_KIND_MISMATCH');
    const pruned = planPolicyBundle({ profiles: [{ name: 'EAP', kind: 'wifi', body: { ...wifi.body, eap: { ...(wifi.kind === 'wifi' ? wifi.body.eap : {}), trustedRootProfileIds: ['Corp Root'], clientCertificateProfileId: 'Cert' } } }] }, state([baseline, root, cert, wifi]), options(true));
    expect(pruned.ok ? 'ok' : [pruned.code, pruned.details?.name]).toEqual(['PROFILE_NOT_FOUND', 'EAP']);
  });

  it('refuses a group whose fields have the wrong types, naming the field, instead of throwing', () => {
    for (const [group, field] of [
      [{ name: 123, membershipType: 'static', memberType: 'user' }, 'name'],
      [{ name: 'G', membershipType: 'dynamic', memberType: 'device', rule: ['device.platform == "linux"'] }, 'rule'],
      [{ name: 'G', membershipType: 7, memberType: 'user' }, 'membershipType'],
    ] as const) {
      const plan = planPolicyBundle({ groups: [group] }, state(), options());
      expect(plan.ok ? 'ok' : [plan.code, plan.details?.field]).toEqual(['VALIDATION_FAILED', field]);
    }
  });
});
