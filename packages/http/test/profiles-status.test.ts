import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recomputeDesiredState, recordConfigurationReports, type DeviceId, type ProfileId } from '@ward/core';
import { addDevice, expectCode, okBody, parseCsv, send, startListeningApi, type ListeningApi } from './support/policy-http.js';

interface DeviceRow {
  deviceId: string;
  deviceName: string | null;
  status: string;
  action: string;
  reason: string | null;
  error: string | null;
  conflicts: { settingId: string; profileIds: string[] }[];
  settings: { id: string; status: string; error?: string }[];
}

interface StatusBody {
  profileId: string;
  counts: Record<string, number>;
  items: DeviceRow[];
  nextCursor: string | null;
}

interface DeviceProfileBody {
  profileId: string;
  profileName: string | null;
  kind: string | null;
  status: string;
  reason: string | null;
  error: string | null;
  conflicts: { settingId: string; profiles: { id: string; name: string | null }[] }[];
}

let api: ListeningApi;
beforeEach(async () => {
  api = await startListeningApi();
});
afterEach(async () => {
  await api.close();
});

async function createProfile(body: Record<string, unknown>): Promise<string> {
  return okBody<{ id: string }>(await send(api, 'POST', '/api/v1/profiles', { as: 'globalAdmin', body }), 201).id;
}

async function assign(profileId: string, target: Record<string, unknown>): Promise<void> {
  okBody(await send(api, 'POST', `/api/v1/profiles/${profileId}/assignments`, { as: 'globalAdmin', body: { target } }), 201);
}

/** What the background job would do after an assignment change: recompute these devices now. */
async function recompute(deviceIds: readonly string[]): Promise<void> {
  await recomputeDesiredState(api.deps, api.tenant.id, deviceIds as DeviceId[]);
}

/** Reports one profile's outcome as the device's agent would, for the version it was given. */
async function report(deviceId: string, profileId: string, status: 'succeeded' | 'failed', extra: Record<string, unknown> = {}): Promise<void> {
  const rows = await api.deps.stores.listDeviceProfileStates(api.tenant.id, [deviceId as DeviceId]);
  const row = rows.find((r) => r.profileId === (profileId as ProfileId));
  if (row?.desiredHash == null) throw new Error(`device ${deviceId} was not given ${profileId}`);
  const recorded = await recordConfigurationReports(api.deps.stores, { id: deviceId as DeviceId, tenantId: api.tenant.id }, [{ id: profileId, hash: row.desiredHash, status, ...extra }], api.clock.now());
  if (!recorded.ok) throw new Error(recorded.message);
}

// A device's own error text is hostile input as far as a spreadsheet is concerned.
const hostileError = '=HYPERLINK("http://evil.example/","click me")';

/** Three devices, three profiles: one that applies, one colliding with it on one device, one for Windows only. */
async function arrange(): Promise<{ passcode: string; strict: string; windows: string; alpha: string; bravo: string; charlie: string }> {
  const passcode = await createProfile({ name: 'Passcode', kind: 'settings', body: { settings: { 'passcode.minimumLength': 8, 'screenLock.timeoutSeconds': 300 } } });
  const strict = await createProfile({ name: 'Strict passcode', kind: 'settings', body: { settings: { 'passcode.minimumLength': 12 } } });
  const windows = await createProfile({ name: 'Windows firewall', kind: 'settings', platforms: ['windows'], body: { settings: { 'firewall.enabled': true } } });
  const alpha = await addDevice(api, { name: 'alpha', platform: 'linux', ownership: 'corporate' });
  const bravo = await addDevice(api, { name: 'bravo', platform: 'linux', ownership: 'corporate' });
  const charlie = await addDevice(api, { name: 'charlie', platform: 'macos', ownership: 'corporate' });
  const group = okBody<{ id: string }>(await send(api, 'POST', '/api/v1/groups', { as: 'globalAdmin', body: { name: 'Bravo only', membershipType: 'static', memberType: 'device' } }), 201).id;
  okBody(await send(api, 'POST', `/api/v1/groups/${group}/members`, { as: 'globalAdmin', body: { memberIds: [bravo] } }));
  await assign(passcode, { type: 'allDevices' });
  await assign(windows, { type: 'allDevices' });
  await assign(strict, { type: 'group', groupId: group });
  await recompute([alpha, bravo, charlie]);
  await report(alpha, passcode, 'succeeded', { settings: [{ id: 'passcode.minimumLength', status: 'succeeded' }, { id: 'screenLock.timeoutSeconds', status: 'succeeded' }] });
  await report(charlie, passcode, 'failed', { error: hostileError, settings: [{ id: 'passcode.minimumLength', status: 'failed', error: 'pwpolicy refused' }, { id: 'screenLock.timeoutSeconds', status: 'succeeded' }] });
  return { passcode, strict, windows, alpha, bravo, charlie };
}

describe('profile status', () => {
  it('counts devices by status and pages through them with their status and error', async () => {
    const { passcode, alpha, bravo, charlie } = await arrange();
    const status = okBody<StatusBody>(await send(api, 'GET', `/api/v1/profiles/${passcode}/status`, { as: 'readOnlyAuditor' }));
    expect(status.profileId).toBe(passcode);
    expect(status.counts).toEqual({ pending: 0, succeeded: 1, failed: 1, conflict: 1, notApplicable: 0, removing: 0 });
    const byDevice = new Map(status.items.map((r) => [r.deviceId, r]));
    expect([...byDevice.keys()].sort()).toEqual([alpha, bravo, charlie].sort());
    expect(byDevice.get(alpha)).toMatchObject({ deviceName: 'alpha', status: 'succeeded', action: 'install', error: null });
    expect(byDevice.get(charlie)).toMatchObject({ deviceName: 'charlie', status: 'failed', error: hostileError, settings: expect.arrayContaining([{ id: 'passcode.minimumLength', status: 'failed', error: 'pwpolicy refused' }]) });
    expect(byDevice.get(bravo)).toMatchObject({ deviceName: 'bravo', status: 'conflict', conflicts: [{ settingId: 'passcode.minimumLength', profileIds: expect.arrayContaining([passcode]) }] });

    const failed = okBody<StatusBody>(await send(api, 'GET', `/api/v1/profiles/${passcode}/status?status=failed`, { as: 'globalAdmin' }));
    expect(failed.items.map((r) => r.deviceName)).toEqual(['charlie']);
    expect(failed.counts.succeeded).toBe(1);

    const first = okBody<StatusBody>(await send(api, 'GET', `/api/v1/profiles/${passcode}/status?limit=2`, { as: 'globalAdmin' }));
    expect(first.items).toHaveLength(2);
    const rest = okBody<StatusBody>(await send(api, 'GET', `/api/v1/profiles/${passcode}/status?limit=2&cursor=${first.nextCursor ?? ''}`, { as: 'globalAdmin' }));
    expect(rest.nextCursor).toBeNull();
    expect([...first.items, ...rest.items].map((r) => r.deviceId)).toEqual([...byDevice.keys()].sort());

    expectCode(await send(api, 'GET', `/api/v1/profiles/${passcode}/status?status=broken`, { as: 'globalAdmin' }), 400, 'VALIDATION_FAILED');
    expectCode(await send(api, 'GET', `/api/v1/profiles/${passcode}/status?cursor=${'!'.repeat(10)}`, { as: 'globalAdmin' }), 400, 'INVALID_CURSOR');
    expectCode(await send(api, 'GET', `/api/v1/profiles/${passcode}/status`), 401, 'UNAUTHENTICATED');
  });

  it('counts each setting of a settings profile by outcome, conflicts included', async () => {
    const { passcode, windows } = await arrange();
    const settings = okBody<{ items: { settingId: string; name: string; succeeded: number; failed: number; notApplicable: number; conflict: number }[] }>(
      await send(api, 'GET', `/api/v1/profiles/${passcode}/settings-status`, { as: 'readOnlyAuditor' }),
    );
    expect(settings.items).toEqual([
      { settingId: 'passcode.minimumLength', name: 'Minimum passcode length', succeeded: 1, failed: 1, notApplicable: 0, conflict: 1 },
      { settingId: 'screenLock.timeoutSeconds', name: expect.any(String), succeeded: 2, failed: 0, notApplicable: 0, conflict: 0 },
    ]);
    const none = okBody<{ items: { settingId: string; succeeded: number }[] }>(await send(api, 'GET', `/api/v1/profiles/${windows}/settings-status`, { as: 'globalAdmin' }));
    expect(none.items).toEqual([expect.objectContaining({ settingId: 'firewall.enabled', succeeded: 0 })]);
    const wifi = await createProfile({ name: 'Wi-Fi', kind: 'wifi', body: { ssid: 'Open', hidden: false, autoJoin: true, security: 'open', proxy: { type: 'none' } } });
    expectCode(await send(api, 'GET', `/api/v1/profiles/${wifi}/settings-status`, { as: 'globalAdmin' }), 409, 'PROFILE_KIND_MISMATCH');
  });

  it('exports status and setting status as CSV, escaping what a spreadsheet would run', async () => {
    const { passcode, charlie } = await arrange();
    const byQuery = await send(api, 'GET', `/api/v1/profiles/${passcode}/status?format=csv`, { as: 'globalAdmin' });
    expect(byQuery.headers.get('vary')).toMatch(/accept/i);
    const csv = parseCsv(byQuery);
    expect(csv.columns).toEqual(['deviceId', 'deviceName', 'status', 'action', 'reason', 'error', 'conflicts', 'reportedStatus', 'desiredAt', 'reportedAt']);
    expect(csv.rows.map((r) => [r.deviceName, r.status]).sort()).toEqual([['alpha', 'succeeded'], ['bravo', 'conflict'], ['charlie', 'failed']]);
    const failedRow = csv.rows.find((r) => r.deviceId === charlie);
    expect(failedRow?.error).toBe(`'${hostileError}`);
    expect(csv.rows.find((r) => r.deviceName === 'bravo')?.conflicts).toMatch(/^passcode\.minimumLength: /);
    expect(failedRow?.desiredAt).toBe('2025-03-01T09:00:00.000Z');

    // Accept: text/csv asks for the same; ?format=json wins over it; a wildcard stays JSON.
    const byAccept = parseCsv(await send(api, 'GET', `/api/v1/profiles/${passcode}/status`, { as: 'globalAdmin', headers: { accept: 'text/csv' } }));
    expect(byAccept.rows).toEqual(csv.rows);
    const preferred = await send(api, 'GET', `/api/v1/profiles/${passcode}/status`, { as: 'globalAdmin', headers: { accept: 'application/json;q=0.5, text/csv' } });
    expect(preferred.headers.get('content-type')).toMatch(/^text\/csv/);
    for (const [query, accept] of [['?format=json', 'text/csv'], ['', '*/*'], ['', 'text/csv;q=0.1, application/json']] as const) {
      const json = await send(api, 'GET', `/api/v1/profiles/${passcode}/status${query}`, { as: 'globalAdmin', headers: { accept } });
      expect(json.headers.get('content-type'), `${query} ${accept}`).toMatch(/^application\/json/);
      expect(json.json<StatusBody>().counts.failed).toBe(1);
      // Only what the response schema declares is written: no tenant id, no stored internals.
      expect(Object.keys(json.json<StatusBody>().items[0] ?? {}).sort()).toEqual(
        ['action', 'conflicts', 'desiredAt', 'desiredHash', 'deviceId', 'deviceName', 'error', 'reason', 'reportedAt', 'reportedHash', 'reportedStatus', 'settings', 'status'],
      );
    }
    const filtered = parseCsv(await send(api, 'GET', `/api/v1/profiles/${passcode}/status?format=csv&status=failed`, { as: 'globalAdmin' }));
    expect(filtered.rows.map((r) => r.deviceName)).toEqual(['charlie']);

    const settings = parseCsv(await send(api, 'GET', `/api/v1/profiles/${passcode}/settings-status?format=csv`, { as: 'readOnlyAuditor' }));
    expect(settings.columns).toEqual(['settingId', 'name', 'succeeded', 'failed', 'notApplicable', 'conflict']);
    expect(settings.rows[0]).toEqual({ settingId: 'passcode.minimumLength', name: 'Minimum passcode length', succeeded: '1', failed: '1', notApplicable: '0', conflict: '1' });

    // Refusals stay JSON errors even when CSV was asked for.
    const missing = await send(api, 'GET', '/api/v1/profiles/nothing/status?format=csv', { as: 'globalAdmin' });
    expect(missing.headers.get('content-type')).toMatch(/^application\/json/);
    expectCode(missing, 404, 'PROFILE_NOT_FOUND');
    expectCode(await send(api, 'GET', `/api/v1/profiles/${passcode}/status?format=xlsx`, { as: 'globalAdmin' }), 400, 'VALIDATION_FAILED');
  });

  it('streams a CSV over many pages of devices', async () => {
    const profile = await createProfile({ name: 'Screen lock', kind: 'settings', body: { settings: { 'screenLock.timeoutSeconds': 600 } } });
    const ids: string[] = [];
    for (let i = 0; i < 1234; i++) ids.push(await addDevice(api, { name: `device-${String(i).padStart(4, '0')}`, platform: 'linux', ownership: 'corporate' }));
    await assign(profile, { type: 'allDevices' });
    await recompute(ids);
    const response = await send(api, 'GET', `/api/v1/profiles/${profile}/status?format=csv&limit=3`, { as: 'globalAdmin' });
    // Chunked: written page by page, never sized up front.
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    expect(response.headers.get('content-length')).toBeNull();
    const csv = parseCsv(response);
    expect(csv.rows).toHaveLength(1234);
    expect(csv.rows.map((r) => r.deviceId)).toEqual([...ids].sort());
    expect(new Set(csv.rows.map((r) => r.status))).toEqual(new Set(['pending']));
  });
});

describe('device configuration', () => {
  it('shows every profile on a device with its status, error, reason and the profiles it collides with', async () => {
    const { passcode, strict, windows, bravo, charlie } = await arrange();
    const onBravo = okBody<{ items: DeviceProfileBody[]; nextCursor: null }>(await send(api, 'GET', `/api/v1/devices/${bravo}/configuration`, { as: 'helpDeskOperator' }));
    expect(onBravo.items.map((p) => [p.profileName, p.status])).toEqual([
      ['Passcode', 'conflict'],
      ['Strict passcode', 'conflict'],
      ['Windows firewall', 'notApplicable'],
    ]);
    const conflict = onBravo.items[0]?.conflicts;
    expect(conflict).toEqual([{ settingId: 'passcode.minimumLength', profiles: expect.arrayContaining([{ id: passcode, name: 'Passcode' }, { id: strict, name: 'Strict passcode' }]) }]);
    const notApplicable = onBravo.items.find((p) => p.profileId === windows);
    expect(notApplicable?.reason).toEqual(expect.any(String));
    expect(notApplicable?.kind).toBe('settings');

    const onCharlie = okBody<{ items: DeviceProfileBody[] }>(await send(api, 'GET', `/api/v1/devices/${charlie}/configuration`, { as: 'readOnlyAuditor' }));
    expect(onCharlie.items.find((p) => p.profileId === passcode)).toMatchObject({ status: 'failed', error: hostileError, reason: null });

    expectCode(await send(api, 'GET', '/api/v1/devices/nothing/configuration', { as: 'globalAdmin' }), 404, 'DEVICE_NOT_FOUND');
    expectCode(await send(api, 'GET', `/api/v1/devices/${bravo}/configuration`), 401, 'UNAUTHENTICATED');
  });
});

describe('profile status overview', () => {
  it('lists every profile with its devices counted by status, as JSON or CSV', async () => {
    const { passcode, strict, windows } = await arrange();
    const unassigned = await createProfile({ name: 'Unassigned', kind: 'settings', body: { settings: { 'firewall.enabled': true } } });
    const body = okBody<{ items: { profileId: string; name: string; kind: string; total: number; counts: Record<string, number> }[] }>(await send(api, 'GET', '/api/v1/reports/profile-status', { as: 'readOnlyAuditor' }));
    expect(body.items.map((l) => l.name)).toEqual(['Passcode', 'Strict passcode', 'Unassigned', 'Windows firewall']);
    const byId = new Map(body.items.map((l) => [l.profileId, l]));
    expect(byId.get(passcode)).toMatchObject({ kind: 'settings', total: 3, counts: { pending: 0, succeeded: 1, failed: 1, conflict: 1, notApplicable: 0, removing: 0 } });
    expect(byId.get(strict)).toMatchObject({ total: 1, counts: { conflict: 1 } });
    expect(byId.get(windows)?.counts.notApplicable).toBe(3);
    expect(byId.get(unassigned)).toMatchObject({ total: 0, counts: { pending: 0, succeeded: 0 } });

    const csv = parseCsv(await send(api, 'GET', '/api/v1/reports/profile-status?format=csv', { as: 'globalAdmin' }));
    expect(csv.columns).toEqual(['profileId', 'name', 'kind', 'platforms', 'total', 'pending', 'succeeded', 'failed', 'conflict', 'notApplicable', 'removing']);
    expect(csv.rows.find((r) => r.profileId === passcode)).toMatchObject({ name: 'Passcode', total: '3', pending: '0', succeeded: '1', failed: '1', conflict: '1', notApplicable: '0', removing: '0' });

    expectCode(await send(api, 'GET', '/api/v1/reports/profile-status'), 401, 'UNAUTHENTICATED');
    expectCode(await send(api, 'GET', '/api/v1/reports/profile-status?format=xml', { as: 'globalAdmin' }), 400, 'VALIDATION_FAILED');
  });
});
