import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyPolicyBundle,
  changeGroupMembers,
  createAssignment,
  createAssignmentFilter,
  createGroup,
  createProfile,
  createUser,
  deleteAssignment,
  deleteAssignmentFilter,
  deleteProfile,
  deliverDeviceConfiguration,
  exportPolicyBundle,
  getDeviceConfigurationStatus,
  getProfile,
  getProfileSettingStatus,
  getProfileStatus,
  listAuditEvents,
  listProfiles,
  listSettingDefinitions,
  recomputeDesiredState,
  recordConfigurationReports,
  registerDevice,
  runDesiredStateJob,
  updateProfile,
  type ConfigurationPlan,
  type Device,
  type DeviceId,
  type Principal,
} from '../src/index.js';
import { expectOk, openCoreTestEnv, type CoreTestEnv } from './support/env.js';
import { rootPem } from './support/policy-fixtures.js';

let env: CoreTestEnv;
let laptop: Device;
let mac: Device;
let kiosk: Device;
let laptopsGroupId: string;
let financeGroupId: string;

beforeAll(async () => {
  env = await openCoreTestEnv();
  const ada = expectOk(await createUser(env.deps, env.system, { email: 'ada@example.com', displayName: 'Ada Lovelace' }));
  laptop = expectOk(await registerDevice(env.deps, env.system, { name: 'ada-laptop', platform: 'linux', ownership: 'corporate', serialNumber: 'SN-1', primaryUserId: ada.id }));
  mac = expectOk(await registerDevice(env.deps, env.system, { name: 'ada-mac', platform: 'macos', ownership: 'corporate', serialNumber: 'C02', primaryUserId: ada.id }));
  kiosk = expectOk(await registerDevice(env.deps, env.system, { name: 'kiosk', platform: 'linux', ownership: 'corporate', serialNumber: 'SN-K' }));
  laptopsGroupId = expectOk(await createGroup(env.deps, env.system, { name: 'Laptops', membershipType: 'static', memberType: 'device' })).id;
  expectOk(await changeGroupMembers(env.deps, env.system, laptopsGroupId, { add: [laptop.id, kiosk.id] }));
  financeGroupId = expectOk(await createGroup(env.deps, env.system, { name: 'Finance', membershipType: 'static', memberType: 'user' })).id;
  expectOk(await changeGroupMembers(env.deps, env.system, financeGroupId, { add: [ada.id] }));
});
afterAll(async () => env.dispose());

function as(role: Principal['grants'][number]['role'], scopeGroupIds: string[] | null = null): Principal {
  return { ...env.system, actor: { type: 'user', id: 'someone', name: role }, grants: [{ role, scopeGroupIds: scopeGroupIds as never }] };
}

async function auditCount(): Promise<number> {
  return (await env.deps.stores.readAuditHead(env.tenant.id))?.seq ?? 0;
}

const sha = (text: string): string => env.deps.digests.sha256Hex(text);

async function recomputeAll(): Promise<void> {
  await recomputeDesiredState(env.deps, env.tenant.id, [laptop.id, mac.id, kiosk.id]);
}

async function deliver(device: Device): Promise<ConfigurationPlan | undefined> {
  return env.deps.tx.transaction((s) => deliverDeviceConfiguration(s, sha, device, env.clock.now()));
}

async function report(device: Device, reports: unknown): Promise<{ ok: boolean; code?: string }> {
  return env.deps.tx.transaction((s) => recordConfigurationReports(s, device, reports, env.clock.now()));
}

describe('settings catalog', () => {
  it('lists settings per platform for anyone who reads policy', () => {
    const linux = expectOk(listSettingDefinitions(as('readOnlyAuditor'), { platform: 'linux' }));
    expect(linux.map((d) => d.id)).toContain('screenLock.timeoutSeconds');
    expect(linux.map((d) => d.id)).not.toContain('restrictions.screenshotDisabled');
  });
});

describe('profiles', () => {
  it('creates profiles of every kind, audits them, and never returns secrets', async () => {
    const wifi = expectOk(await createProfile(env.deps, env.system, { name: 'Office Wi-Fi', kind: 'wifi', body: { ssid: 'Office', security: 'wpa2Personal', passphrase: 'very-secret-passphrase' } }));
    expect(wifi).toMatchObject({ version: 1, kind: 'wifi', secretsSet: ['passphrase'], body: { passphrase: null } });
    expect(JSON.stringify(expectOk(await getProfile(env.deps, env.system, wifi.id)))).not.toContain('very-secret-passphrase');
    expect(JSON.stringify(expectOk(await listProfiles(env.deps, as('readOnlyAuditor'), {})))).not.toContain('very-secret-passphrase');
    const events = expectOk(await listAuditEvents(env.deps, env.system, { filter: { targetId: wifi.id } })).items;
    expect(events.map((e) => e.action)).toEqual(['profile.created']);
    expect(JSON.stringify(events)).not.toContain('very-secret-passphrase');
  });

  it('keeps a secret on update when it is sent as null, bumps the version, refuses stale versions', async () => {
    const wifi = expectOk(await listProfiles(env.deps, env.system, { filter: { q: 'Office Wi-Fi' } })).items[0]!;
    const updated = expectOk(await updateProfile(env.deps, env.system, { id: wifi.id, expectedVersion: 1, profile: { name: 'Office Wi-Fi', kind: 'wifi', body: { ssid: 'Office-5G', security: 'wpa2Personal', passphrase: null } } }));
    expect(updated).toMatchObject({ version: 2, body: { ssid: 'Office-5G' }, secretsSet: ['passphrase'] });
    expect(await updateProfile(env.deps, env.system, { id: wifi.id, expectedVersion: 1, profile: { name: 'Office Wi-Fi', kind: 'wifi', body: { ssid: 'x', security: 'open' } } })).toMatchObject({ ok: false, code: 'PROFILE_VERSION_CONFLICT' });
    expect(await updateProfile(env.deps, env.system, { id: wifi.id, profile: { name: 'Office Wi-Fi', kind: 'settings', body: { settings: { 'firewall.enabled': true } } } })).toMatchObject({ ok: false, code: 'PROFILE_KIND_MISMATCH' });
  });

  it('refuses bad input, duplicates and unauthorised callers, writing nothing', async () => {
    const before = await auditCount();
    expect(await createProfile(env.deps, as('helpDeskOperator'), { name: 'X', kind: 'settings', body: { settings: { 'firewall.enabled': true } } })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await createProfile(env.deps, as('policyManager', [laptopsGroupId]), { name: 'X', kind: 'settings', body: { settings: { 'firewall.enabled': true } } })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await createProfile(env.deps, env.system, { name: 'office wi-fi', kind: 'settings', body: { settings: { 'firewall.enabled': true } } })).toMatchObject({ ok: false, code: 'PROFILE_NAME_TAKEN' });
    expect(await createProfile(env.deps, env.system, { name: 'X', kind: 'settings', body: { settings: { 'passcode.minimumLength': 65 } } })).toMatchObject({ ok: false, code: 'SETTING_VALUE_INVALID' });
    expect(await createProfile(env.deps, env.system, { name: 'X', kind: 'settings', body: { settings: { 'passcode.length': 8 } } })).toMatchObject({ ok: false, code: 'SETTING_UNKNOWN' });
    expect(await createProfile(env.deps, env.system, { name: 'X', kind: 'wifi', body: { ssid: 'x', security: 'wpa2Personal', passphrase: null } })).toMatchObject({ ok: false, code: 'PROFILE_SECRET_REQUIRED' });
    expect(await createProfile(env.deps, env.system, { name: 'x'.repeat(1_000_000), kind: 'settings', body: { settings: { 'firewall.enabled': true } } })).toMatchObject({ ok: false, code: 'PROFILE_INVALID' });
    expect(await auditCount()).toBe(before);
  });

  it('checks certificate references of EAP-TLS profiles and guards certificate profiles in use', async () => {
    const root = expectOk(await createProfile(env.deps, env.system, { name: 'Corp Root', kind: 'certificate', body: { type: 'trustedRoot', name: 'Corp Root', certificatePem: rootPem } }));
    const eap = (client: string) => ({ name: 'Corp Wi-Fi', kind: 'wifi', body: { ssid: 'Corp', security: 'wpa2Enterprise', eap: { method: 'tls', identity: '{{user.upn}}', serverNames: ['radius.example.com'], trustedRootProfileIds: [root.id], clientCertificateProfileId: client } } });
    expect(await createProfile(env.deps, env.system, eap('00000000-0000-7000-8000-000000000000'))).toMatchObject({ ok: false, code: 'PROFILE_NOT_FOUND', details: { field: 'body.eap.clientCertificateProfileId' } });
    expect(await createProfile(env.deps, env.system, eap(root.id))).toMatchObject({ ok: false, code: 'PROFILE_KIND_MISMATCH' });
    const scep = expectOk(await createProfile(env.deps, env.system, { name: 'Corp SCEP', kind: 'certificate', body: { type: 'scep', url: 'https://ndes.example.com/scep', challenge: 'scep-challenge', subject: 'CN={{user.email}}', keySize: 2048, keyUsage: ['digitalSignature'] } }));
    const wifi = expectOk(await createProfile(env.deps, env.system, eap(scep.id)));
    expect(await deleteProfile(env.deps, env.system, root.id)).toMatchObject({ ok: false, code: 'PROFILE_IN_USE' });
    expect(await updateProfile(env.deps, env.system, { id: root.id, profile: { name: 'Corp Root', kind: 'certificate', body: { type: 'issued', scope: 'device', subject: 'CN=x', validityDays: 30 } } })).toMatchObject({ ok: false, code: 'PROFILE_IN_USE' });
    expectOk(await deleteProfile(env.deps, env.system, wifi.id));
    expectOk(await deleteProfile(env.deps, env.system, scep.id));
    expectOk(await deleteProfile(env.deps, env.system, root.id));
    expect(await getProfile(env.deps, env.system, root.id)).toMatchObject({ ok: false, code: 'PROFILE_NOT_FOUND' });
  });
});

describe('assignments, desired state and check-in', () => {
  let baselineId: string;
  let financeId: string;
  let wifiId: string;

  it('assigns with groups, all devices and filters; refuses missing groups and bad filters', async () => {
    baselineId = expectOk(await createProfile(env.deps, env.system, { name: 'Baseline', kind: 'settings', body: { settings: { 'passcode.minimumLength': 8, 'firewall.enabled': true } } })).id;
    financeId = expectOk(await createProfile(env.deps, env.system, { name: 'Finance hardening', kind: 'settings', body: { settings: { 'passcode.minimumLength': 12, 'screenLock.timeoutSeconds': 300 } } })).id;
    wifiId = expectOk(await listProfiles(env.deps, env.system, { filter: { q: 'Office Wi-Fi' } })).items[0]!.id;
    const corporateLinux = expectOk(await createAssignmentFilter(env.deps, env.system, { name: 'Corporate Linux', platform: 'linux', rule: 'device.ownership == "corporate"' }));
    expect(await createAssignmentFilter(env.deps, env.system, { name: 'Bad', rule: 'device.ownership ==' })).toMatchObject({ ok: false, code: 'ASSIGNMENT_FILTER_INVALID' });
    expect(await createAssignmentFilter(env.deps, env.system, { name: 'corporate linux', rule: 'device.ownership == "personal"' })).toMatchObject({ ok: false, code: 'ASSIGNMENT_FILTER_NAME_TAKEN' });

    expectOk(await createAssignment(env.deps, env.system, { itemKind: 'profile', itemId: baselineId, target: { type: 'allDevices' } }));
    expectOk(await createAssignment(env.deps, env.system, { itemKind: 'profile', itemId: financeId, target: { type: 'group', groupId: financeGroupId } }));
    expectOk(await createAssignment(env.deps, env.system, { itemKind: 'profile', itemId: wifiId, target: { type: 'group', groupId: laptopsGroupId }, filter: { filterId: corporateLinux.id, mode: 'include' } }));
    expectOk(await createAssignment(env.deps, env.system, { itemKind: 'profile', itemId: wifiId, target: { type: 'allUsers' }, mode: 'exclude' }));

    expect(await createAssignment(env.deps, env.system, { itemKind: 'profile', itemId: baselineId, target: { type: 'group', groupId: '00000000-0000-7000-8000-00000000dead' } })).toMatchObject({ ok: false, code: 'ASSIGNMENT_GROUP_NOT_FOUND' });
    expect(await createAssignment(env.deps, env.system, { itemKind: 'profile', itemId: baselineId, target: { type: 'allDevices' } })).toMatchObject({ ok: false, code: 'ASSIGNMENT_EXISTS' });
    expect(await createAssignment(env.deps, env.system, { itemKind: 'profile', itemId: 'nope', target: { type: 'allDevices' } })).toMatchObject({ ok: false, code: 'ASSIGNMENT_ITEM_NOT_FOUND' });
    expect(await createAssignment(env.deps, env.system, { itemKind: 'profile', itemId: financeId, target: { type: 'allUsers' }, mode: 'exclude', filter: { filterId: corporateLinux.id, mode: 'include' } })).toMatchObject({ ok: false, code: 'ASSIGNMENT_INVALID' });
    expect(await createAssignment(env.deps, as('readOnlyAuditor'), { itemKind: 'profile', itemId: financeId, target: { type: 'allUsers' } })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await deleteAssignmentFilter(env.deps, env.system, corporateLinux.id)).toMatchObject({ ok: false, code: 'ASSIGNMENT_FILTER_IN_USE' });
  });

  it('stores desired state with conflicts and not-applicable profiles, and reports it per device', async () => {
    await recomputeAll();
    const status = expectOk(await getDeviceConfigurationStatus(env.deps, env.system, laptop.id));
    expect(status.map((s) => [s.profileName, s.status])).toEqual([
      ['Baseline', 'conflict'],
      ['Finance hardening', 'conflict'],
    ]);
    expect(status[0]?.conflicts).toEqual([{ settingId: 'passcode.minimumLength', profiles: expect.arrayContaining([{ id: baselineId, name: 'Baseline' }, { id: financeId, name: 'Finance hardening' }]) }]);
    // The kiosk has no user: Finance does not reach it, the Wi-Fi exclusion of all users does not either.
    const kioskStatus = expectOk(await getDeviceConfigurationStatus(env.deps, env.system, kiosk.id));
    expect(kioskStatus.map((s) => [s.profileName, s.status])).toEqual([
      ['Baseline', 'pending'],
      ['Office Wi-Fi', 'pending'],
    ]);
    // Recomputing again changes nothing.
    expect(await recomputeDesiredState(env.deps, env.tenant.id, [laptop.id, mac.id, kiosk.id])).toMatchObject({ written: 0, deleted: 0, woken: 0 });
  });

  it('delivers what differs, records reports, and stops delivering once the device holds it', async () => {
    const plan = await deliver(kiosk);
    expect(plan?.remove).toEqual([]);
    expect(plan?.install.map((i) => [i.name, i.kind]).sort()).toEqual([
      ['Baseline', 'settings'],
      ['Office Wi-Fi', 'wifi'],
    ]);
    const wifi = plan?.install.find((i) => i.kind === 'wifi');
    expect(wifi?.payload).toMatchObject({ ssid: 'Office-5G', passphrase: 'very-secret-passphrase' });
    expect(await report(kiosk, plan?.install.map((i) => ({ id: i.id, hash: i.hash, status: i.kind === 'wifi' ? 'failed' : 'succeeded', ...(i.kind === 'wifi' ? { error: 'nmcli: no Wi-Fi device' } : {}) })))).toMatchObject({ ok: true });
    expect(await deliver(kiosk)).toBeUndefined();
    const status = expectOk(await getDeviceConfigurationStatus(env.deps, env.system, kiosk.id));
    expect(status.map((s) => [s.profileName, s.status, s.error])).toEqual([
      ['Baseline', 'succeeded', null],
      ['Office Wi-Fi', 'failed', 'nmcli: no Wi-Fi device'],
    ]);
  });

  it('refuses a report for a profile the device was never given, writing nothing', async () => {
    const hash = 'a'.repeat(64);
    expect(await report(mac, [{ id: baselineId, hash, status: 'succeeded' }, { id: wifiId, hash, status: 'succeeded' }])).toMatchObject({ ok: false, code: 'CONFIGURATION_REPORT_UNKNOWN' });
    expect(await report(mac, [{ id: baselineId, hash: 'nope', status: 'succeeded' }])).toMatchObject({ ok: false, code: 'CONFIGURATION_REPORT_INVALID' });
    const status = expectOk(await getDeviceConfigurationStatus(env.deps, env.system, mac.id));
    expect(status.every((s) => s.reportedHash === null)).toBe(true);
  });

  it('counts a profile across devices and per setting', async () => {
    const baseline = expectOk(await getProfileStatus(env.deps, env.system, { profileId: baselineId }));
    expect(baseline.counts).toMatchObject({ succeeded: 1, conflict: 2, pending: 0 });
    expect(baseline.devices.items.map((d) => d.deviceName).sort()).toEqual(['ada-laptop', 'ada-mac', 'kiosk']);
    expect(await getProfileStatus(env.deps, as('helpDeskOperator', [laptopsGroupId]), { profileId: baselineId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const settings = expectOk(await getProfileSettingStatus(env.deps, env.system, baselineId));
    expect(settings.find((s) => s.settingId === 'passcode.minimumLength')).toMatchObject({ conflict: 2 });
  });

  it('removes a profile from devices when its assignment goes, and forgets it once the device confirms', async () => {
    const assignment = (await env.deps.stores.listAssignmentsOfItem(env.tenant.id, 'profile', wifiId)).find((a) => a.mode === 'include');
    expectOk(await deleteAssignment(env.deps, env.system, assignment!.id));
    expectOk(await runDesiredStateJob(env.deps, env.tenant.id, { type: 'profile', profileId: wifiId }));
    const plan = await deliver(kiosk);
    expect(plan).toEqual({ install: [], remove: [wifiId] });
    expect(expectOk(await getDeviceConfigurationStatus(env.deps, env.system, kiosk.id)).find((s) => s.profileId === wifiId)?.status).toBe('removing');
    expect(await report(kiosk, [{ id: wifiId, hash: plan!.remove.length > 0 ? 'b'.repeat(64) : '', status: 'removed' }])).toMatchObject({ ok: true });
    expect(expectOk(await getDeviceConfigurationStatus(env.deps, env.system, kiosk.id)).map((s) => s.profileName)).toEqual(['Baseline']);
    expect(await deliver(kiosk)).toBeUndefined();
  });
});

describe('policy as code', () => {
  it('dry-runs a bundle: the diff and the devices it changes, writing nothing', async () => {
    const before = await auditCount();
    const bundle = {
      profiles: [{ name: 'Screen lock', kind: 'settings', body: { settings: { 'screenLock.timeoutSeconds': 600 } }, source: { file: 'profiles/screen-lock.yaml', line: 1 } }],
      assignments: [{ item: { kind: 'profile', name: 'Screen lock' }, target: { type: 'group', group: 'Laptops' } }],
    };
    const outcome = expectOk(await applyPolicyBundle(env.deps, env.system, { bundle, dryRun: true }));
    expect(outcome.changes.map((c) => [c.section, c.action, c.name])).toEqual([
      ['profiles', 'create', 'Screen lock'],
      ['assignments', 'create', 'Screen lock → group Laptops'],
    ]);
    expect(outcome.impact.configurationDevices).toBe(2);
    expect([...outcome.impact.configurationDeviceIds].sort()).toEqual([laptop.id, kiosk.id].sort());
    expect(await auditCount()).toBe(before);
    expect(expectOk(await listProfiles(env.deps, env.system, { filter: { q: 'Screen lock' } })).items).toEqual([]);
  });

  it('refuses an invalid bundle with the object and source line, and applies nothing of it', async () => {
    const before = await auditCount();
    const bundle = {
      profiles: [{ name: 'Good', kind: 'settings', body: { settings: { 'firewall.enabled': true } } }, { name: 'Bad', kind: 'settings', body: { settings: { 'passcode.minimumLength': 2 } }, source: { file: 'p/bad.yaml', line: 12 } }],
    };
    const result = await applyPolicyBundle(env.deps, env.system, { bundle });
    expect(result).toMatchObject({ ok: false, code: 'SETTING_VALUE_INVALID', details: { section: 'profiles', index: 1, name: 'Bad', source: { file: 'p/bad.yaml', line: 12 } } });
    expect(await applyPolicyBundle(env.deps, env.system, { bundle: { assignments: [{ item: { kind: 'profile', name: 'Baseline' }, target: { type: 'group', group: 'Nobody' } }] } })).toMatchObject({ ok: false, code: 'ASSIGNMENT_GROUP_NOT_FOUND' });
    expect(await applyPolicyBundle(env.deps, as('readOnlyAuditor'), { bundle: {}, dryRun: true })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await auditCount()).toBe(before);
    expect(expectOk(await listProfiles(env.deps, env.system, { filter: { q: 'Good' } })).items).toEqual([]);
  });

  it('applies a bundle in one go, and re-applying its export changes nothing', async () => {
    const bundle = {
      groups: [{ name: 'Contractors', membershipType: 'static', memberType: 'user' }],
      profiles: [{ name: 'Screen lock', kind: 'settings', body: { settings: { 'screenLock.timeoutSeconds': 600 } } }],
      assignments: [
        { item: { kind: 'profile', name: 'Screen lock' }, target: { type: 'group', group: 'Laptops' } },
        { item: { kind: 'profile', name: 'Screen lock' }, target: { type: 'group', group: 'Contractors' }, mode: 'exclude' },
      ],
    };
    const applied = expectOk(await applyPolicyBundle(env.deps, env.system, { bundle }));
    expect(applied.changes.map((c) => `${c.section}:${c.action}`)).toEqual(['groups:create', 'profiles:create', 'assignments:create', 'assignments:create']);
    const exported = expectOk(await exportPolicyBundle(env.deps, env.system));
    expect(JSON.stringify(exported)).not.toContain('very-secret-passphrase');
    const again = expectOk(await applyPolicyBundle(env.deps, env.system, { bundle: exported, dryRun: true }));
    expect(again.changes).toEqual([]);
    expect(again.impact.configurationDevices).toBe(0);
    const ids: DeviceId[] = [laptop.id, mac.id, kiosk.id];
    await recomputeDesiredState(env.deps, env.tenant.id, ids);
    expect(expectOk(await getDeviceConfigurationStatus(env.deps, env.system, kiosk.id)).map((s) => s.profileName)).toEqual(['Baseline', 'Screen lock']);
  });
});
