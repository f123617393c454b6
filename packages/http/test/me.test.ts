import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPushCertificateCrypto } from '@ward/apple';
import { createMockApnsAuthority } from '@ward/simulator';
import { createUser, evaluateDeviceCompliance, registerDevice, resetAdminPassword, type DeviceId, type NewDevice } from '@ward/core';
import { enroll, startAgentApi, type AgentTestApi } from './support/test-agent.js';
import { call, expectError, expectOk, type PageBody } from './support/test-api.js';

interface MyDeviceBody {
  id: string;
  name: string;
  ownership: string;
  managementState: string;
  complianceState: string;
}
interface RetireBody {
  deviceId: string;
  commandId: string;
  status: string;
}
interface EnrollmentBody {
  token: { id: string; maxUses: number; ownership: string; userId: string; expiresAt: string };
  text: string;
  enrollCommand: string | null;
  qrSvg: string | null;
  appleProfileUrl: string | null;
  appleProfileQrSvg: string | null;
}

let api: AgentTestApi;
// Plain directory users: no admin role, signed in with a password like anyone at the portal.
const people = { sam: { token: '', id: '' }, alex: { token: '', id: '' } };
let samLaptop = '';
let samMac = '';
let alexLaptop = '';

async function person(email: string): Promise<{ token: string; id: string }> {
  const user = await createUser(api.deps, api.system, { email, displayName: email.split('@')[0] ?? email });
  if (!user.ok) throw new Error(user.message);
  const password = 'A-long-employee-passphrase-2025';
  const reset = await resetAdminPassword(api.deps, api.system, { email, password });
  if (!reset.ok) throw new Error(reset.message);
  const session = expectOk<{ token: string }>(await call(api, 'POST', '/api/v1/auth/sign-in', { body: { email, password } }));
  return { token: session.token, id: user.value.id };
}

async function device(input: NewDevice): Promise<string> {
  const created = await registerDevice(api.deps, api.system, input);
  if (!created.ok) throw new Error(created.message);
  return created.value.id;
}

const as = (who: keyof typeof people) => ({ token: people[who].token });

beforeAll(async () => {
  api = await startAgentApi({ apple: { pushCrypto: createPushCertificateCrypto() } });
  people.sam = await person('sam@example.test');
  people.alex = await person('alex@example.test');
  samLaptop = await device({ name: 'Sam laptop', platform: 'linux', ownership: 'personal', primaryUserId: people.sam.id, facts: { osVersion: '24.04' } });
  samMac = await device({ name: 'Sam Mac', platform: 'macos', ownership: 'corporate', primaryUserId: people.sam.id, facts: { osVersion: '13.6', encrypted: true, firewallOn: false } });
  alexLaptop = await device({ name: 'Alex laptop', platform: 'linux', ownership: 'corporate', primaryUserId: people.alex.id });
});
afterAll(async () => {
  await api.close();
});

describe('the portal API (/api/v1/me)', () => {
  it('needs a session: no token is 401, an admin API token is 403', async () => {
    for (const [method, path] of [['GET', '/api/v1/me'], ['GET', '/api/v1/me/devices'], ['GET', `/api/v1/me/devices/${samLaptop}`], ['GET', `/api/v1/me/devices/${samLaptop}/compliance`], ['POST', `/api/v1/me/devices/${samLaptop}/retire`], ['POST', '/api/v1/me/enrollment']] as const) {
      expectError(await call(api, method, path, method === 'POST' ? { body: { ownership: 'personal' } } : {}), 401, 'UNAUTHENTICATED');
      expectError(await call(api, method, path, { as: { token: 'wrd_st.bm9wZQ.bm9wZQ' }, ...(method === 'POST' ? { body: { ownership: 'personal' } } : {}) }), 401, 'UNAUTHENTICATED');
    }
    expectError(await call(api, 'GET', '/api/v1/me/devices', { as: 'globalAdmin' }), 403, 'FORBIDDEN');
  });

  it('tells a plain user who they are and what they may enroll', async () => {
    const me = expectOk<{ userId: string; email: string; roles: string[]; enrollment: { allowPersonal: boolean; maxDevices: number; devices: number } }>(await call(api, 'GET', '/api/v1/me', { as: as('sam') }));
    expect(me).toMatchObject({ userId: people.sam.id, email: 'sam@example.test', roles: [], enrollment: { allowPersonal: true, maxDevices: 15, devices: 2 } });
  });

  it('lists only the caller’s devices, and another person’s device is not found', async () => {
    const mine = expectOk<PageBody<MyDeviceBody>>(await call(api, 'GET', '/api/v1/me/devices', { as: as('sam') }));
    expect(mine.items.map((d) => d.name)).toEqual(['Sam laptop', 'Sam Mac']);
    expect(mine.items[0]).not.toHaveProperty('facts');
    expect(expectOk<PageBody<MyDeviceBody>>(await call(api, 'GET', '/api/v1/me/devices', { as: as('alex') })).items.map((d) => d.id)).toEqual([alexLaptop]);
    const page = expectOk<PageBody<MyDeviceBody>>(await call(api, 'GET', '/api/v1/me/devices?limit=1', { as: as('sam') }));
    expect(page.items.map((d) => d.name)).toEqual(['Sam laptop']);
    const next = expectOk<PageBody<MyDeviceBody>>(await call(api, 'GET', `/api/v1/me/devices?limit=1&cursor=${encodeURIComponent(page.nextCursor ?? '')}`, { as: as('sam') }));
    expect(next.items.map((d) => d.name)).toEqual(['Sam Mac']);
    for (const path of [`/api/v1/me/devices/${alexLaptop}`, `/api/v1/me/devices/${alexLaptop}/compliance`, '/api/v1/me/devices/does-not-exist']) {
      expectError(await call(api, 'GET', path, { as: as('sam') }), 404, 'DEVICE_NOT_FOUND');
    }
    expectError(await call(api, 'POST', `/api/v1/me/devices/${alexLaptop}/retire`, { as: as('sam') }), 404, 'DEVICE_NOT_FOUND');
    // A plain user has no admin rights: the admin device API stays closed to them.
    expectError(await call(api, 'GET', `/api/v1/devices/${samLaptop}`, { as: as('sam') }), 403, 'FORBIDDEN');
    expectError(await call(api, 'POST', `/api/v1/devices/${alexLaptop}/actions`, { as: as('sam'), body: { type: 'retire' } }), 403, 'FORBIDDEN');
  });

  it.each([
    ['%2e%2e%2fdevices', 400],
    ['a%20b', 400],
    ['%00', 400],
    ["1'%20OR%20'1'%3D'1", 400],
    ['x'.repeat(65), 400],
    ['%E2%80%AE', 400],
  ])('refuses the hostile device id %s', async (id, status) => {
    const response = await call(api, 'GET', `/api/v1/me/devices/${id}`, { as: as('sam') });
    expectError(response, status, 'VALIDATION_FAILED');
    expectError(await call(api, 'POST', `/api/v1/me/devices/${id}/retire`, { as: as('sam') }), status, 'VALIDATION_FAILED');
  });

  it('refuses a malformed page query', async () => {
    expectError(await call(api, 'GET', '/api/v1/me/devices?limit=0', { as: as('sam') }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'GET', '/api/v1/me/devices?limit=501', { as: as('sam') }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'GET', '/api/v1/me/devices?primaryUserId=x', { as: as('sam') }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'GET', '/api/v1/me/devices?cursor=bm9wZQ', { as: as('sam') }), 400, 'INVALID_CURSOR');
  });

  it('says in plain words what IT can see on a personal device', async () => {
    const detail = expectOk<MyDeviceBody & { itAccess: { canSee: string[]; cannotSee: string[]; canDo: string[]; cannotDo: string[] } }>(await call(api, 'GET', `/api/v1/me/devices/${samLaptop}`, { as: as('sam') }));
    expect(detail).toMatchObject({ id: samLaptop, ownership: 'personal' });
    expect(detail.itAccess.cannotSee.join(' ')).toContain('the apps and software you install');
    expect(detail.itAccess.cannotDo.join(' ')).toContain('erase the device');
    const corporate = expectOk<{ itAccess: { canSee: string[] } }>(await call(api, 'GET', `/api/v1/me/devices/${samMac}`, { as: as('sam') }));
    expect(corporate.itAccess.canSee.join(' ')).toContain('the apps and software installed on it');
  });

  it('explains a failing rule with what to do, failing rules first', async () => {
    const policy = expectOk<{ id: string }>(await call(api, 'POST', '/api/v1/compliance-policies', {
      as: 'globalAdmin',
      body: { name: 'macOS baseline', platforms: ['macos'], rules: [{ kind: 'diskEncrypted' }, { kind: 'minOsVersion', version: '14.0', remediation: 'Update macOS in System Settings → General → Software Update.' }], actions: [{ kind: 'markNoncompliant', afterHours: 0 }], validityDays: 14 },
    }), 201);
    expectOk(await call(api, 'POST', `/api/v1/compliance-policies/${policy.id}/assignments`, { as: 'globalAdmin', body: { target: { type: 'allDevices' } } }), 201);
    const evaluated = await evaluateDeviceCompliance(api.deps, api.system, { deviceIds: [samMac] });
    if (!evaluated.ok) throw new Error(evaluated.message);
    const explained = expectOk<{ deviceId: string; state: string; policies: { policyName: string; state: string; rules: { outcome: string; title: string; actual: string | null; remediation: string }[] }[] }>(
      await call(api, 'GET', `/api/v1/me/devices/${samMac}/compliance`, { as: as('sam') }),
    );
    expect(explained).toMatchObject({ deviceId: samMac, state: 'noncompliant' });
    const [baseline] = explained.policies;
    expect(baseline?.policyName).toBe('macOS baseline');
    expect(baseline?.rules.map((r) => r.outcome)).toEqual(['failed', 'passed']);
    expect(baseline?.rules[0]).toMatchObject({ actual: '13.6', remediation: 'Update macOS in System Settings → General → Software Update.' });
    expect(explained).not.toHaveProperty('history');
    expectError(await call(api, 'GET', `/api/v1/me/devices/${samMac}/compliance`, { as: as('alex') }), 404, 'DEVICE_NOT_FOUND');
  });

  it('offers no Apple link until the tenant has a valid push certificate', async () => {
    const created = expectOk<EnrollmentBody>(await call(api, 'POST', '/api/v1/me/enrollment', { as: as('sam'), body: { ownership: 'corporate' } }), 201);
    expect(created).toMatchObject({ appleProfileUrl: null, appleProfileQrSvg: null });
    expect(created.enrollCommand).toContain('ward-agent enroll');
  });

  it('makes a one-time token bound to the caller: command, Apple link and QR codes; the device becomes theirs', async () => {
    // The push certificate as an admin gets it: a CSR from Ward, signed by (a mock of) Apple.
    const csr = expectOk<{ csrPem: string }>(await call(api, 'POST', '/api/v1/apple/push-certificate/request', { as: 'globalAdmin' }), 201);
    const certificate = createMockApnsAuthority().issuePushCertificate(csr.csrPem, { topic: 'com.apple.mgmt.External.5b0c9d1e-7a3f-4e2b-9c6d-1f8e0a2b4c6d' });
    expectOk(await api.app.inject({ method: 'PUT', url: '/api/v1/apple/push-certificate', headers: { authorization: `Bearer ${api.admins.globalAdmin.token}`, 'content-type': 'application/json' }, payload: JSON.stringify({ certificate }) }));
    const created = expectOk<EnrollmentBody>(await call(api, 'POST', '/api/v1/me/enrollment', { as: as('alex'), body: { ownership: 'personal' } }), 201);
    expect(created.token).toMatchObject({ maxUses: 1, ownership: 'personal', userId: people.alex.id });
    expect(new Date(created.token.expiresAt).getTime() - api.clock.now().getTime()).toBe(3_600_000);
    expect(created.enrollCommand).toContain(`ward-agent enroll --server https://ward.example.test --token ${created.text}`);
    expect(created.appleProfileUrl).toBe(`https://ward.example.test/mdm/enroll?token=${encodeURIComponent(created.text)}`);
    expect(created.qrSvg).toContain('<svg');
    expect(created.appleProfileQrSvg).toContain('<svg');
    const enrolled = await enroll(api, created.text, 'alex-home-pc');
    const mine = expectOk<PageBody<MyDeviceBody>>(await call(api, 'GET', '/api/v1/me/devices', { as: as('alex') }));
    expect(mine.items.find((d) => d.id === enrolled.deviceId)).toMatchObject({ ownership: 'personal' });
    // One use only.
    await expect(enroll(api, created.text, 'alex-second-pc')).rejects.toThrow(/40[13]/);
    const audit = expectOk<PageBody<{ action: string; actor: { type: string; id: string } }>>(await call(api, 'GET', '/api/v1/audit-events?limit=500', { as: 'globalAdmin' }));
    expect(audit.items.find((e) => e.action === 'enrollmentToken.created' && e.actor.id === people.alex.id)).toBeDefined();
  });

  it('validates the enrollment body and applies the tenant’s enrollment rules', async () => {
    for (const body of [{}, { ownership: 'stolen' }, { ownership: 'personal', userId: people.alex.id }, { ownership: 'personal', maxUses: 100 }]) {
      expectError(await call(api, 'POST', '/api/v1/me/enrollment', { as: as('sam'), body }), 400, 'VALIDATION_FAILED');
    }
    expectError(await call(api, 'POST', '/api/v1/me/enrollment', { as: as('sam'), rawBody: '{"ownership":', contentType: 'application/json' }), 400, 'VALIDATION_FAILED');
    expectOk(await call(api, 'PATCH', '/api/v1/enrollment-restrictions', { as: 'globalAdmin', body: { allowPersonal: false, maxDevicesPerUser: 2 } }));
    try {
      expectError(await call(api, 'POST', '/api/v1/me/enrollment', { as: as('alex'), body: { ownership: 'personal' } }), 403, 'ENROLLMENT_PERSONAL_NOT_ALLOWED');
      // Sam has two devices, the most now allowed.
      expectError(await call(api, 'POST', '/api/v1/me/enrollment', { as: as('sam'), body: { ownership: 'corporate' } }), 409, 'ENROLLMENT_DEVICE_LIMIT');
    } finally {
      expectOk(await call(api, 'PATCH', '/api/v1/enrollment-restrictions', { as: 'globalAdmin', body: { allowPersonal: true, maxDevicesPerUser: 15 } }));
    }
  });

  it('retires the caller’s own device once; asked twice it answers the pending retire; a retired device is refused', async () => {
    const first = expectOk<RetireBody>(await call(api, 'POST', `/api/v1/me/devices/${samLaptop}/retire`, { as: as('sam') }), 202);
    expect(first).toEqual({ deviceId: samLaptop, commandId: expect.any(String), status: 'queued' });
    const second = expectOk<RetireBody>(await call(api, 'POST', `/api/v1/me/devices/${samLaptop}/retire`, { as: as('sam') }), 202);
    expect(second).toEqual({ deviceId: samLaptop, commandId: first.commandId, status: 'alreadyPending' });
    expect(expectOk<MyDeviceBody>(await call(api, 'GET', `/api/v1/me/devices/${samLaptop}`, { as: as('sam') })).managementState).toBe('retirePending');
    const history = expectOk<PageBody<{ id: string; type: string; requestedBy: string }>>(await call(api, 'GET', `/api/v1/devices/${samLaptop}/actions`, { as: 'globalAdmin' }));
    expect(history.items).toEqual([expect.objectContaining({ id: first.commandId, type: 'retire', requestedBy: 'sam@example.test' })]);

    const stored = await api.deps.stores.getDevice(api.tenant.id, samLaptop as DeviceId);
    if (stored === undefined) throw new Error('the laptop is gone');
    await api.deps.stores.updateDevice({ ...stored, managementState: 'retired' });
    expectError(await call(api, 'POST', `/api/v1/me/devices/${samLaptop}/retire`, { as: as('sam') }), 409, 'ACTION_NOT_ALLOWED');
    // Alex's device is untouched by all this.
    expect(expectOk<MyDeviceBody>(await call(api, 'GET', `/api/v1/me/devices/${alexLaptop}`, { as: as('alex') })).managementState).toBe('enrolled');
  });
});

describe('GET /me/apps: the apps offered to me', () => {
  it('lists apps assigned as available to the caller, per device of theirs, and nothing of anyone else\'s', async () => {
    const { createApp, createAssignment } = await import('@ward/core');
    const slack = await createApp(api.deps, api.system, { name: 'Slack', kind: 'lineOfBusiness', identifier: 'com.tinyspeck.slackmacgap', platforms: ['macos'] });
    const zoom = await createApp(api.deps, api.system, { name: 'Zoom', kind: 'snap', identifier: 'zoom-client' });
    const hidden = await createApp(api.deps, api.system, { name: 'Payroll', kind: 'snap', identifier: 'payroll-client' });
    if (!slack.ok || !zoom.ok || !hidden.ok) throw new Error('creating the apps failed');
    for (const app of [slack.value, zoom.value]) {
      const assigned = await createAssignment(api.deps, api.system, { itemKind: 'app', itemId: app.id, target: { type: 'allUsers' }, intent: 'available' });
      if (!assigned.ok) throw new Error(assigned.message);
    }
    // Required apps are pushed, not offered.
    const required = await createAssignment(api.deps, api.system, { itemKind: 'app', itemId: hidden.value.id, target: { type: 'allUsers' }, intent: 'required' });
    if (!required.ok) throw new Error(required.message);

    const all = expectOk<{ items: { name: string }[] }>(await call(api, 'GET', '/api/v1/me/apps', { as: as('sam') }));
    expect(all.items.map((a) => a.name)).toEqual(['Slack', 'Zoom']);
    const onMac = expectOk<{ items: { name: string }[] }>(await call(api, 'GET', `/api/v1/me/apps?deviceId=${samMac}`, { as: as('sam') }));
    expect(onMac.items.map((a) => a.name)).toEqual(['Slack']);
    expectError(await call(api, 'GET', `/api/v1/me/apps?deviceId=${alexLaptop}`, { as: as('sam') }), 404, 'DEVICE_NOT_FOUND');
    expectError(await call(api, 'GET', '/api/v1/me/apps?colour=blue', { as: as('sam') }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'GET', '/api/v1/me/apps'), 401, 'UNAUTHENTICATED');
  });
});
