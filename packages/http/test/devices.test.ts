import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGroup, createUser, registerDevice, type NewDevice } from '@ward/core';
import { call, expectError, expectOk, startTestApi, type PageBody, type TestApi } from './support/test-api.js';

interface DeviceBody {
  id: string;
  name: string;
  platform: string;
  ownership: string;
  osVersion: string | null;
  primaryUserId: string | null;
  facts: Record<string, unknown>;
  inventory?: Record<string, unknown>;
  lastSeenAt: string | null;
}

let api: TestApi;
let alice: string;
beforeEach(async () => {
  api = await startTestApi({ bodyLimit: 2048 });
  const created = await createUser(api.deps, api.system, { email: 'alice@example.test', displayName: 'Alice' });
  if (!created.ok) throw new Error(created.message);
  alice = created.value.id;
});
afterEach(async () => {
  await api.close();
});

async function register(device: NewDevice): Promise<string> {
  const result = await registerDevice(api.deps, api.system, device);
  if (!result.ok) throw new Error(result.message);
  return result.value.id;
}

async function names(query = ''): Promise<string[]> {
  const page = expectOk<PageBody<DeviceBody>>(await call(api, 'GET', `/api/v1/devices?limit=500${query}`, { as: 'globalAdmin' }));
  return page.items.map((d) => d.name);
}

describe('devices', () => {
  it('lists with filters, gets with inventory, patches and deletes', async () => {
    const mac = await register({ name: 'Alice MacBook', platform: 'macos', ownership: 'corporate', primaryUserId: alice, serialNumber: 'C02AAA', facts: { osVersion: '14.5', encrypted: true }, inventory: { model: 'Mac15,3' } });
    api.clock.advance(60_000);
    await register({ name: 'Kiosk iPad', platform: 'ipados', ownership: 'corporate', facts: { osVersion: '17.1' } });
    api.clock.advance(60_000);
    const phone = await register({ name: 'Bob phone', platform: 'android', ownership: 'personal', facts: { osVersion: '13' } });

    expect(await names()).toEqual(['Alice MacBook', 'Bob phone', 'Kiosk iPad']);
    expect(await names('&platform=macos,ipados')).toEqual(['Alice MacBook', 'Kiosk iPad']);
    expect(await names('&ownership=personal')).toEqual(['Bob phone']);
    expect(await names(`&primaryUserId=${alice}`)).toEqual(['Alice MacBook']);
    expect(await names('&q=c02a')).toEqual(['Alice MacBook']);
    expect(await names('&osVersionMin=14&platform=macos,ipados')).toEqual(['Alice MacBook', 'Kiosk iPad']);
    expect(await names('&osVersionMax=14.9&platform=macos,ipados')).toEqual(['Alice MacBook']);
    expect(await names('&managementState=enrolled&complianceState=unknown,compliant')).toHaveLength(3);
    expect(await names('&lastSeenAfter=2025-03-01T09:00:30.000Z')).toEqual(['Bob phone', 'Kiosk iPad']);
    expect(await names('&lastSeenBefore=2025-03-01T09:00:30.000Z')).toEqual(['Alice MacBook']);
    expect(await names('&sort=lastSeenAt&order=desc')).toEqual(['Bob phone', 'Kiosk iPad', 'Alice MacBook']);

    const listed = expectOk<PageBody<DeviceBody>>(await call(api, 'GET', '/api/v1/devices?limit=1', { as: 'helpDeskOperator' }));
    expect(listed.items[0]).not.toHaveProperty('inventory');
    const got = expectOk<DeviceBody>(await call(api, 'GET', `/api/v1/devices/${mac}`, { as: 'readOnlyAuditor' }));
    expect(got).toMatchObject({ osVersion: '14.5', facts: { osVersion: '14.5', encrypted: true }, inventory: { model: 'Mac15,3' } });

    const patched = expectOk<DeviceBody>(await call(api, 'PATCH', `/api/v1/devices/${mac}`, { as: 'globalAdmin', body: { name: 'Spare Mac', primaryUserId: null, ownership: 'personal' } }));
    expect(patched).toMatchObject({ name: 'Spare Mac', primaryUserId: null, ownership: 'personal', inventory: {} });

    expect((await call(api, 'DELETE', `/api/v1/devices/${phone}`, { as: 'globalAdmin' })).statusCode).toBe(204);
    expectError(await call(api, 'GET', `/api/v1/devices/${phone}`, { as: 'globalAdmin' }), 404, 'DEVICE_NOT_FOUND');
    expect(await names()).toEqual(['Kiosk iPad', 'Spare Mac']);
  });

  it('filters by group', async () => {
    const mac = await register({ name: 'Mac', platform: 'macos', ownership: 'corporate' });
    await register({ name: 'PC', platform: 'windows', ownership: 'corporate' });
    const group = await createGroup(api.deps, api.system, { name: 'Lab', membershipType: 'static', memberType: 'device' });
    if (!group.ok) throw new Error(group.message);
    expectOk(await call(api, 'POST', `/api/v1/groups/${group.value.id}/members`, { as: 'globalAdmin', body: { memberIds: [mac] } }));
    expect(await names(`&groupId=${group.value.id}`)).toEqual(['Mac']);
  });

  it.each([
    ['platform=beos', '/platform'],
    ['platform=macos,', '/platform'],
    ['ownership=borrowed', '/ownership'],
    ['complianceState=fine', '/complianceState'],
    ['lastSeenAfter=yesterday', '/lastSeenAfter'],
    ['sort=serialNumber', '/sort'],
    ['limit=-1', '/limit'],
  ])('refuses the list query %s', async (query, path) => {
    const error = expectError(await call(api, 'GET', `/api/v1/devices?${query}`, { as: 'globalAdmin' }), 400, 'VALIDATION_FAILED');
    expect(error.details).toMatchObject({ in: 'query', path });
  });

  it('lets core refuse filters it cannot read', async () => {
    const error = expectError(await call(api, 'GET', '/api/v1/devices?osVersionMin=latest', { as: 'globalAdmin' }), 400, 'INVALID_FILTER');
    expect(error.details).toEqual({ field: 'osVersionMin' });
    expectError(await call(api, 'GET', '/api/v1/devices?cursor=bm9wZQ', { as: 'globalAdmin' }), 400, 'INVALID_CURSOR');
  });

  it('refuses malformed JSON, wrong types, unknown fields and oversized bodies, writing nothing', async () => {
    const id = await register({ name: 'Mac', platform: 'macos', ownership: 'corporate', primaryUserId: alice });
    const url = `/api/v1/devices/${id}`;
    expectError(await call(api, 'PATCH', url, { as: 'globalAdmin', rawBody: '{"name":' }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'PATCH', url, { as: 'globalAdmin', body: { name: ['Mac'] } }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'PATCH', url, { as: 'globalAdmin', body: { ownership: 'stolen' } }), 400, 'VALIDATION_FAILED');
    const unknown = expectError(await call(api, 'PATCH', url, { as: 'globalAdmin', body: { platform: 'windows' } }), 400, 'VALIDATION_FAILED');
    expect(unknown.details).toMatchObject({ path: '/platform' });
    expectError(await call(api, 'PATCH', url, { as: 'globalAdmin', body: { name: 'n'.repeat(3000) } }), 413, 'PAYLOAD_TOO_LARGE');
    expectError(await call(api, 'PATCH', url, { as: 'globalAdmin', body: { primaryUserId: 'nobody' } }), 404, 'USER_NOT_FOUND');
    const after = expectOk<DeviceBody>(await call(api, 'GET', url, { as: 'globalAdmin' }));
    expect(after).toMatchObject({ name: 'Mac', platform: 'macos', ownership: 'corporate', primaryUserId: alice });
  });

  it('answers 404 for devices that do not exist', async () => {
    expectError(await call(api, 'GET', '/api/v1/devices/none', { as: 'globalAdmin' }), 404, 'DEVICE_NOT_FOUND');
    expectError(await call(api, 'PATCH', '/api/v1/devices/none', { as: 'globalAdmin', body: { name: 'X' } }), 404, 'DEVICE_NOT_FOUND');
    expectError(await call(api, 'DELETE', '/api/v1/devices/none', { as: 'globalAdmin' }), 404, 'DEVICE_NOT_FOUND');
  });

  it('lets only roles with devices.write change device records', async () => {
    const id = await register({ name: 'Mac', platform: 'macos', ownership: 'corporate' });
    for (const role of ['helpDeskOperator', 'readOnlyAuditor', 'policyManager'] as const) {
      const error = expectError(await call(api, 'PATCH', `/api/v1/devices/${id}`, { as: role, body: { name: 'Mine' } }), 403, 'FORBIDDEN');
      expect(error.details).toEqual({ permission: 'devices.write' });
      expectError(await call(api, 'DELETE', `/api/v1/devices/${id}`, { as: role }), 403, 'FORBIDDEN');
    }
    expect(await names()).toEqual(['Mac']);
  });

  it('needs a valid bearer token', async () => {
    const id = await register({ name: 'Mac', platform: 'macos', ownership: 'corporate' });
    expectError(await call(api, 'GET', '/api/v1/devices'), 401, 'UNAUTHENTICATED');
    expectError(await call(api, 'DELETE', `/api/v1/devices/${id}`, { as: { token: 'nope' } }), 401, 'UNAUTHENTICATED');
    expect(await names()).toEqual(['Mac']);
  });
});
