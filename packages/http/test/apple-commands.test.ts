import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppleProtocolError, CommandPayloadError, createPushCertificateCrypto, encodeCommand, jsonToPlist } from '@ward/apple';
import { registerDevice, type AppleCommandPayloadValidator, type AppleEnrollment, type Device, type Ownership, type Platform } from '@ward/core';
import { call, expectError, expectOk, startTestApi, type PageBody, type TestApi } from './support/test-api.js';

// The server's check (apps/server/src/apple/validate-apple-command-payload.ts) is @ward/apple's
// jsonToPlist and encodeCommand; the same two calls here, so the routes see Apple's real schema.
const validateCommandPayload: AppleCommandPayloadValidator = (requestType, payload) => {
  try {
    encodeCommand({ commandUuid: 'check', requestType, payload: jsonToPlist(payload) });
    return [];
  } catch (error) {
    if (error instanceof CommandPayloadError) return [{ path: error.path, message: error.message }];
    if (error instanceof AppleProtocolError) return error.problems.map((p) => ({ path: p.path, message: p.message }));
    throw error;
  }
};

interface Queued {
  deviceId: string;
  commandUuid: string;
  requestType: string;
  channel: string;
  expiresAt: string;
}
interface Listed {
  commandUuid: string;
  requestType: string;
  channel: string;
  status: string;
  source: string;
  actionId: string | null;
  requestedBy: string | null;
  completedAt: string | null;
  result: Record<string, unknown> | null;
  errorChain: unknown[] | null;
}

let api: TestApi;
let iphone: Device;
let personal: Device;
let mac: Device;
let agentOnly: Device;
let gone: Device;
const woken: string[] = [];

async function device(name: string, platform: Platform, ownership: Ownership): Promise<Device> {
  const made = await registerDevice(api.deps, api.system, { name, platform, ownership });
  if (!made.ok) throw new Error(made.message);
  return made.value;
}

function enrollment(d: Device, overrides: Partial<AppleEnrollment> = {}): AppleEnrollment {
  return {
    tenantId: d.tenantId,
    deviceId: d.id,
    udid: `UDID-${d.name}`,
    enrollmentId: null,
    userEnrollment: false,
    state: 'active',
    topic: 'com.apple.mgmt.External.5f1d2c7a-8e3b-4c9d-a6f0-1b2c3d4e5f60',
    pushToken: 'ab'.repeat(32),
    pushMagic: 'CEFDF0BD-E342-4A27-8742-E930EA116B0A',
    unlockToken: 'c2VjcmV0LXVubG9jaw==',
    bootstrapToken: null,
    installedProfiles: [{ identifier: 'com.example.ward.enrollment', uuid: null, displayName: 'Ward' }],
    authenticatedAt: api.clock.now(),
    tokenUpdatedAt: api.clock.now(),
    checkedOutAt: null,
    ...overrides,
  };
}

const post = (d: { id: string }, body: unknown, as: 'globalAdmin' | 'helpDeskOperator' | 'readOnlyAuditor' = 'globalAdmin') => call(api, 'POST', `/api/v1/devices/${d.id}/mdm-commands`, { as, body });
const list = async (d: { id: string }, query = ''): Promise<PageBody<Listed>> => expectOk<PageBody<Listed>>(await call(api, 'GET', `/api/v1/devices/${d.id}/mdm-commands${query}`, { as: 'readOnlyAuditor' }));

beforeAll(async () => {
  api = await startTestApi({ apple: { pushCrypto: createPushCertificateCrypto(), validateCommandPayload } });
  api.events.subscribe('device.wake', (event) => {
    woken.push(event.subject);
  });
  iphone = await device('iphone', 'ios', 'corporate');
  personal = await device('personal', 'ios', 'personal');
  mac = await device('mac', 'macos', 'corporate');
  agentOnly = await device('linux', 'linux', 'corporate');
  gone = await device('gone', 'ios', 'corporate');
  await api.deps.stores.putAppleEnrollment(enrollment(iphone));
  await api.deps.stores.putAppleEnrollment(enrollment(personal));
  await api.deps.stores.putAppleEnrollment(enrollment(mac, { unlockToken: null }));
  await api.deps.stores.putAppleUserChannel({ tenantId: mac.tenantId, deviceId: mac.id, userId: 'A1B2C3D4-0000-1111-2222-333344445555', userShortName: 'ada', userLongName: 'Ada Lovelace', pushToken: 'cd'.repeat(32), pushMagic: 'MAGIC', updatedAt: api.clock.now() });
  await api.deps.stores.putAppleEnrollment(enrollment(gone, { state: 'checkedOut', pushToken: null, pushMagic: null, checkedOutAt: api.clock.now() }));
});
afterAll(async () => {
  await api.close();
});

describe('POST /devices/{id}/mdm-commands', () => {
  it('queues a Settings command renaming the device, audits it and wakes the device', async () => {
    woken.length = 0;
    const queued = expectOk<Queued>(await post(iphone, { requestType: 'Settings', payload: { Settings: [{ Item: 'DeviceName', DeviceName: 'Front desk' }] } }), 202);
    expect(queued).toMatchObject({ deviceId: iphone.id, requestType: 'Settings', channel: 'device' });
    expect(queued.commandUuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(queued.expiresAt).getTime() - api.clock.now().getTime()).toBe(72 * 3_600_000);
    const pending = await api.deps.stores.listAppleCommands(iphone.tenantId, iphone.id);
    expect(pending.map((c) => [c.commandUuid, c.requestType, c.status, c.payload])).toEqual([[queued.commandUuid, 'Settings', 'queued', { Settings: [{ Item: 'DeviceName', DeviceName: 'Front desk' }] }]]);
    expect(woken).toContain(iphone.id);
    const audit = await api.deps.stores.listAudit(api.tenant.id, {}, { limit: 20 });
    const event = audit.items.find((e) => e.action === 'device.actionRequested' && e.target.id === iphone.id);
    expect(event?.after).toMatchObject({ commandId: queued.commandUuid, type: 'Settings', protocol: 'apple-mdm', payloadKeys: ['Settings'] });
    expect(JSON.stringify(event?.after)).not.toContain('Front desk');
  });

  it('lists the queued command first, as an admin command, without its payload', async () => {
    const page = await list(iphone);
    const first = page.items[0];
    expect(first).toMatchObject({ requestType: 'Settings', status: 'queued', source: 'admin', requestedBy: 'globalAdmin token (globaladmin@example.test)', completedAt: null, result: null });
    expect(JSON.stringify(page)).not.toContain('Front desk');
  });

  it('queues InstallApplication, RemoveApplication, CertificateList and ProfileList', async () => {
    for (const body of [
      { requestType: 'InstallApplication', payload: { iTunesStoreID: 361309726, ManagementFlags: 1 } },
      { requestType: 'RemoveApplication', payload: { Identifier: 'com.example.app' } },
      { requestType: 'CertificateList' },
      { requestType: 'ProfileList', ttlHours: 1 },
      { requestType: 'RemoveProfile', payload: { Identifier: 'com.vendor.wifi' } },
    ]) {
      expectOk<Queued>(await post(iphone, body), 202);
    }
  });

  it('sends to a Mac user channel the device registered, and refuses any other channel', async () => {
    const queued = expectOk<Queued>(await post(mac, { requestType: 'ProfileList', channel: 'user:A1B2C3D4-0000-1111-2222-333344445555' }), 202);
    expect(queued.channel).toBe('user:A1B2C3D4-0000-1111-2222-333344445555');
    expect(expectError(await post(mac, { requestType: 'ProfileList', channel: 'user:someone-else' }), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'channel' });
    expectError(await post(mac, { requestType: 'ProfileList', channel: 'user:' }), 400, 'VALIDATION_FAILED');
    expectError(await post(mac, { requestType: 'ProfileList', channel: 'user:a b' }), 400, 'VALIDATION_FAILED');
  });

  it("refuses payloads that break Apple's schema, with the problems", async () => {
    const unknownKey = expectError(await post(iphone, { requestType: 'Settings', payload: { Settings: [{ Item: 'DeviceName', DeviceName: 'x' }], Extra: true } }), 400, 'VALIDATION_FAILED');
    expect(unknownKey.details).toMatchObject({ field: 'payload', problems: [expect.objectContaining({ path: 'Extra' })] });
    expectError(await post(iphone, { requestType: 'Settings', payload: { Settings: 'rename' } }), 400, 'VALIDATION_FAILED');
    expectError(await post(iphone, { requestType: 'RemoveApplication', payload: {} }), 400, 'VALIDATION_FAILED');
    expectError(await post(iphone, { requestType: 'InstallProfile', payload: { profileId: 'p', hash: 'h' } }), 400, 'VALIDATION_FAILED');
    expectError(await post(iphone, { requestType: 'InstallProfile', payload: { Payload: { $data: 'not base64!' } } }), 400, 'VALIDATION_FAILED');
    expectError(await post(iphone, { requestType: 'RemoveApplication', payload: { Identifier: null } }), 400, 'VALIDATION_FAILED');
    expectError(await post(iphone, { requestType: 'ProfileList', payload: { RequestType: 'EraseDevice' } }), 400, 'VALIDATION_FAILED');
  });

  it('refuses RequestTypes outside the allow-list and malformed bodies before anything is queued', async () => {
    const before = (await api.deps.stores.listAppleCommands(iphone.tenantId, iphone.id)).length;
    for (const body of [
      { requestType: 'EraseDevice' },
      { requestType: 'DeviceLock' },
      { requestType: 'ClearPasscode' },
      { requestType: 'ScheduleOSUpdate' },
      { requestType: '' },
      { requestType: 'Settings', payload: [] },
      { requestType: 'Settings', payload: null },
      { requestType: 'Settings', payload: 'x' },
      { requestType: 'ProfileList', extra: 1 },
      { requestType: 'ProfileList', ttlHours: 0 },
      { requestType: 'ProfileList', ttlHours: 721 },
      { payload: {} },
      {},
    ]) {
      expectError(await post(iphone, body), 400, 'VALIDATION_FAILED');
    }
    const hostile = await call(api, 'POST', `/api/v1/devices/${iphone.id}/mdm-commands`, { as: 'globalAdmin', rawBody: '{"requestType":"ProfileList","payload":{"__proto__":{"polluted":true}}}' });
    expect([202, 400]).toContain(hostile.statusCode);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expectError(await call(api, 'POST', `/api/v1/devices/${iphone.id}/mdm-commands`, { as: 'globalAdmin', rawBody: '{"requestType":' }), 400, 'VALIDATION_FAILED');
    expect((await api.deps.stores.listAppleCommands(iphone.tenantId, iphone.id)).length).toBe(before + (hostile.statusCode === 202 ? 1 : 0));
  });

  it('refuses an oversized body with 413 and an oversized payload as a validation failure', async () => {
    const big = 'A'.repeat(2 * 1024 * 1024 + 40 * 1024);
    expect((await post(iphone, { requestType: 'InstallProfile', payload: { Payload: { $data: big } } })).statusCode).toBe(413);
    const justOver = 'A'.repeat(2 * 1024 * 1024 - 8);
    expectError(await post(iphone, { requestType: 'InstallProfile', payload: { Payload: { $data: justOver } } }), 400, 'VALIDATION_FAILED');
  });

  it('refuses devices it may not send to: unknown, not MDM, checked out, and a personal device listing every app', async () => {
    expectError(await post({ id: 'no-such-device' }, { requestType: 'ProfileList' }), 404, 'DEVICE_NOT_FOUND');
    expectError(await post(agentOnly, { requestType: 'ProfileList' }), 422, 'ACTION_NOT_SUPPORTED');
    expectError(await post(gone, { requestType: 'ProfileList' }), 409, 'ACTION_NOT_ALLOWED');
    expectError(await post(personal, { requestType: 'InstalledApplicationList' }), 409, 'ACTION_NOT_ALLOWED');
    expectError(await post(personal, { requestType: 'InstalledApplicationList', payload: { ManagedAppsOnly: false } }), 409, 'ACTION_NOT_ALLOWED');
    expectOk<Queued>(await post(personal, { requestType: 'InstalledApplicationList', payload: { ManagedAppsOnly: true } }), 202);
    expectOk<Queued>(await post(iphone, { requestType: 'InstalledApplicationList' }), 202);
  });

  it('needs devices.action: a read-only auditor is forbidden, a help desk operator may', async () => {
    expectError(await post(iphone, { requestType: 'ProfileList' }, 'readOnlyAuditor'), 403, 'FORBIDDEN');
    expectOk<Queued>(await post(iphone, { requestType: 'ProfileList' }, 'helpDeskOperator'), 202);
    expectError(await call(api, 'POST', `/api/v1/devices/${iphone.id}/mdm-commands`, { body: { requestType: 'ProfileList' } }), 401, 'UNAUTHENTICATED');
  });
});

describe('GET /devices/{id}/mdm-commands', () => {
  it('pages finished commands after the pending ones, with answers and error chains', async () => {
    const now = api.clock.now();
    const finished = ['11111111-1111-7111-8111-111111111111', '22222222-2222-7222-8222-222222222222', '33333333-3333-7333-8333-333333333333'];
    await api.deps.stores.insertAppleCommandResults(
      finished.map((commandUuid, i) => ({
        tenantId: iphone.tenantId,
        deviceId: iphone.id,
        channel: 'device' as const,
        commandUuid,
        requestType: 'CertificateList' as const,
        origin: i === 0 ? 'policy' : 'admin:globaladmin@example.test',
        status: i === 2 ? ('error' as const) : ('acknowledged' as const),
        result: i === 2 ? null : { CertificateList: [] },
        errorChain: i === 2 ? [{ errorCode: 12021, errorDomain: 'MCMDMErrorDomain', localizedDescription: 'Not allowed', usEnglishDescription: null }] : null,
        createdAt: now,
        completedAt: new Date(now.getTime() + i * 1000),
      })),
    );
    const pendingCount = (await api.deps.stores.listAppleCommands(iphone.tenantId, iphone.id)).length;
    const first = await list(iphone, '?limit=2');
    expect(first.items.length).toBe(pendingCount + 2);
    expect(first.items.slice(pendingCount).map((c) => c.commandUuid)).toEqual([finished[2], finished[1]]);
    expect(first.items[pendingCount]).toMatchObject({ status: 'error', errorChain: [{ errorCode: 12021, errorDomain: 'MCMDMErrorDomain' }] });
    expect(first.nextCursor).not.toBeNull();
    const second = await list(iphone, `?limit=2&cursor=${encodeURIComponent(first.nextCursor ?? '')}`);
    expect(second.items.map((c) => [c.commandUuid, c.source, c.result])).toEqual([[finished[0], 'policy', { CertificateList: [] }]]);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses a bad cursor, an unknown device and callers without devices.read', async () => {
    expectError(await call(api, 'GET', `/api/v1/devices/${iphone.id}/mdm-commands?cursor=garbage`, { as: 'globalAdmin' }), 400, 'INVALID_CURSOR');
    expectError(await call(api, 'GET', `/api/v1/devices/${iphone.id}/mdm-commands?limit=501`, { as: 'globalAdmin' }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'GET', '/api/v1/devices/nope/mdm-commands', { as: 'globalAdmin' }), 404, 'DEVICE_NOT_FOUND');
    expectError(await call(api, 'GET', `/api/v1/devices/${iphone.id}/mdm-commands`), 401, 'UNAUTHENTICATED');
    expect((await list(agentOnly)).items).toEqual([]);
  });
});

describe('GET /devices/{id}/mdm-enrollment', () => {
  it('shows how the device is enrolled and reached, never its secrets', async () => {
    const answer = expectOk<{ enrollment: Record<string, unknown> | null }>(await call(api, 'GET', `/api/v1/devices/${mac.id}/mdm-enrollment`, { as: 'readOnlyAuditor' }));
    expect(answer.enrollment).toMatchObject({ state: 'active', udid: 'UDID-mac', userEnrollment: false, pushable: true, unlockTokenEscrowed: false, userChannels: [{ userId: 'A1B2C3D4-0000-1111-2222-333344445555', userShortName: 'ada' }] });
    const phone = await call(api, 'GET', `/api/v1/devices/${iphone.id}/mdm-enrollment`, { as: 'readOnlyAuditor' });
    expect(expectOk<{ enrollment: Record<string, unknown> }>(phone).enrollment).toMatchObject({ unlockTokenEscrowed: true });
    for (const secret of ['c2VjcmV0LXVubG9jaw==', 'ab'.repeat(32), 'CEFDF0BD']) expect(phone.body).not.toContain(secret);
    expect(expectOk<{ enrollment: unknown }>(await call(api, 'GET', `/api/v1/devices/${agentOnly.id}/mdm-enrollment`, { as: 'readOnlyAuditor' })).enrollment).toBeNull();
    expectError(await call(api, 'GET', '/api/v1/devices/nope/mdm-enrollment', { as: 'readOnlyAuditor' }), 404, 'DEVICE_NOT_FOUND');
  });
});

describe('without a payload validator', () => {
  it('lists commands but does not take them', async () => {
    const bare = await startTestApi({ apple: { pushCrypto: createPushCertificateCrypto() } });
    try {
      const d = await registerDevice(bare.deps, bare.system, { name: 'x', platform: 'ios', ownership: 'corporate' });
      if (!d.ok) throw new Error(d.message);
      expect((await call(bare, 'POST', `/api/v1/devices/${d.value.id}/mdm-commands`, { as: 'globalAdmin', body: { requestType: 'ProfileList' } })).statusCode).toBe(404);
      expectOk(await call(bare, 'GET', `/api/v1/devices/${d.value.id}/mdm-commands`, { as: 'globalAdmin' }));
    } finally {
      await bare.close();
    }
  });
});
