import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluateDeviceCompliance, type DeviceFacts, type Platform } from '@ward/core';
import { addDevice, expectCode, okBody, parseCsv, send, startListeningApi, type ListeningApi } from './support/policy-http.js';
import type { PageBody } from './support/test-api.js';

interface OverviewBody {
  total: number;
  byState: Record<string, number>;
  byPlatform: { platform: string; total: number; byState: Record<string, number> }[];
  byPolicy: { policyId: string; policyName: string; total: number; byState: Record<string, number> }[];
  byRule: { policyId: string; policyName: string; ruleId: string; title: string; counts: Record<string, number> }[];
}

interface GraceBody {
  deviceId: string;
  deviceName: string;
  platform: string;
  policyId: string;
  policyName: string;
  failingSince: string;
  deadline: string;
  failedRules: { ruleId: string; title: string }[];
}

let api: ListeningApi;
beforeEach(async () => {
  api = await startListeningApi();
});
afterEach(async () => {
  await api.close();
});

/** Creates a compliance policy assigned to every device; `graceHours` null marks noncompliant at once. */
async function policy(name: string, platforms: Platform[], rules: unknown[], graceHours: number | null): Promise<string> {
  const actions = graceHours === null ? [] : [{ kind: 'markNoncompliant', afterHours: graceHours }];
  const id = okBody<{ id: string }>(await send(api, 'POST', '/api/v1/compliance-policies', { as: 'globalAdmin', body: { name, platforms, rules, actions } }), 201).id;
  okBody(await send(api, 'POST', `/api/v1/compliance-policies/${id}/assignments`, { as: 'globalAdmin', body: { target: { type: 'allDevices' } } }), 201);
  return id;
}

async function device(name: string, platform: Platform, facts: DeviceFacts): Promise<string> {
  return addDevice(api, { name, platform, ownership: 'corporate', facts });
}

async function evaluate(deviceIds: readonly string[]): Promise<void> {
  for (let i = 0; i < deviceIds.length; i += 1000) {
    const result = await evaluateDeviceCompliance(api.deps, api.system, { deviceIds: deviceIds.slice(i, i + 1000) });
    if (!result.ok) throw new Error(result.message);
  }
}

/** Names a spreadsheet would run as formulas, or that need quoting. */
const hostileNames = ['=1+2', '+SUM(A1:A9)', '-2+3', '@cmd', 'Bob\'s "work", laptop'];

/**
 * Macs against a 24-hour-grace policy (encrypted), Linux boxes against a 72-hour one (firewall)
 * and one that marks noncompliant at once (disk encryption), and a Windows PC that no policy is for.
 */
async function arrange(): Promise<{ macs: string; linux: string; strict: string; ids: Record<string, string> }> {
  const macs = await policy('Mac encryption', ['macos'], [{ kind: 'diskEncrypted' }, { kind: 'minOsVersion', version: '14.0' }], 24);
  const linux = await policy('Linux firewall', ['linux'], [{ kind: 'firewallOn' }], 72);
  const strict = await policy('Linux encryption', ['linux'], [{ kind: 'diskEncrypted' }], null);
  const ids: Record<string, string> = {};
  ids.goodMac = await device('good mac', 'macos', { osVersion: '14.5', encrypted: true });
  ids.badMac = await device(hostileNames[0] ?? '', 'macos', { osVersion: '14.5', encrypted: false });
  ids.oldMac = await device(hostileNames[4] ?? '', 'macos', { osVersion: '13.1', encrypted: true });
  ids.openLinux = await device(hostileNames[1] ?? '', 'linux', { encrypted: true, firewallOn: false });
  ids.plainLinux = await device(hostileNames[2] ?? '', 'linux', { encrypted: false, firewallOn: true });
  ids.goodLinux = await device(hostileNames[3] ?? '', 'linux', { encrypted: true, firewallOn: true });
  ids.pc = await device('pc', 'windows', { encrypted: true });
  await evaluate(Object.values(ids));
  return { macs, linux, strict, ids };
}

describe('the compliance overview', () => {
  it('counts devices by state, platform, policy and rule', async () => {
    const { macs, linux, strict } = await arrange();
    const overview = okBody<OverviewBody>(await send(api, 'GET', '/api/v1/reports/compliance-overview', { as: 'readOnlyAuditor' }));
    expect(overview.total).toBe(7);
    expect(overview.byState).toEqual({ unknown: 0, compliant: 2, inGracePeriod: 3, noncompliant: 1, error: 0, notApplicable: 1 });
    expect(overview.byPlatform.map((p) => [p.platform, p.total])).toEqual([['linux', 3], ['macos', 3], ['windows', 1]]);
    expect(overview.byPlatform.find((p) => p.platform === 'macos')?.byState).toMatchObject({ compliant: 1, inGracePeriod: 2 });
    const byPolicy = new Map(overview.byPolicy.map((p) => [p.policyId, p]));
    // Every assigned device has a record per policy: those of other platforms as notApplicable.
    expect(byPolicy.get(macs)).toMatchObject({ policyName: 'Mac encryption', total: 7, byState: { compliant: 1, inGracePeriod: 2, notApplicable: 4 } });
    expect(byPolicy.get(linux)).toMatchObject({ total: 7, byState: { compliant: 2, inGracePeriod: 1, notApplicable: 4 } });
    expect(byPolicy.get(strict)).toMatchObject({ total: 7, byState: { compliant: 2, noncompliant: 1, notApplicable: 4 } });
    const rule = overview.byRule.find((r) => r.policyId === macs && r.ruleId === 'diskEncrypted');
    expect(rule?.counts).toEqual({ passed: 2, failed: 1, unknown: 0 });
    expectCode(await send(api, 'GET', '/api/v1/reports/compliance-overview'), 401, 'UNAUTHENTICATED');
  });

  it('exports each table of the overview as CSV', async () => {
    const { macs } = await arrange();
    const byState = parseCsv(await send(api, 'GET', '/api/v1/reports/compliance-overview?format=csv', { as: 'globalAdmin' }));
    expect(byState.columns).toEqual(['state', 'devices']);
    expect(byState.rows).toEqual([
      { state: 'unknown', devices: '0' },
      { state: 'compliant', devices: '2' },
      { state: 'inGracePeriod', devices: '3' },
      { state: 'noncompliant', devices: '1' },
      { state: 'error', devices: '0' },
      { state: 'notApplicable', devices: '1' },
    ]);
    const byPlatform = parseCsv(await send(api, 'GET', '/api/v1/reports/compliance-overview?by=platform', { as: 'globalAdmin', headers: { accept: 'text/csv' } }));
    expect(byPlatform.columns).toEqual(['platform', 'total', 'unknown', 'compliant', 'inGracePeriod', 'noncompliant', 'error', 'notApplicable']);
    expect(byPlatform.rows.find((r) => r.platform === 'windows')).toMatchObject({ total: '1', notApplicable: '1' });
    const byPolicy = parseCsv(await send(api, 'GET', '/api/v1/reports/compliance-overview?format=csv&by=policy', { as: 'globalAdmin' }));
    expect(byPolicy.rows.find((r) => r.policyId === macs)).toMatchObject({ policyName: 'Mac encryption', total: '7', compliant: '1', inGracePeriod: '2', notApplicable: '4' });
    const byRule = parseCsv(await send(api, 'GET', '/api/v1/reports/compliance-overview?format=csv&by=rule', { as: 'globalAdmin' }));
    expect(byRule.columns).toEqual(['policyId', 'policyName', 'ruleId', 'rule', 'passed', 'failed', 'unknown']);
    expect(byRule.rows.find((r) => r.policyId === macs && r.ruleId === 'minOsVersion')).toMatchObject({ passed: '2', failed: '1', unknown: '0' });
    expectCode(await send(api, 'GET', '/api/v1/reports/compliance-overview?format=csv&by=colour', { as: 'globalAdmin' }), 400, 'VALIDATION_FAILED');
  });
});

describe('devices in grace', () => {
  it('lists devices in grace soonest deadline first, with the rules they fail', async () => {
    const { macs, linux, ids } = await arrange();
    const page = okBody<PageBody<GraceBody>>(await send(api, 'GET', '/api/v1/reports/devices-in-grace', { as: 'helpDeskOperator' }));
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((g) => [g.deviceId, g.policyId, g.deadline])).toEqual([
      ...[[ids.badMac, macs], [ids.oldMac, macs]].sort(([a], [b]) => String(a).localeCompare(String(b))).map(([d, p]) => [d, p, '2025-03-02T09:00:00.000Z']),
      [ids.openLinux, linux, '2025-03-04T09:00:00.000Z'],
    ]);
    expect(page.items.find((g) => g.deviceId === ids.oldMac)).toMatchObject({ deviceName: hostileNames[4], platform: 'macos', policyName: 'Mac encryption', failingSince: '2025-03-01T09:00:00.000Z', failedRules: [{ ruleId: 'minOsVersion', title: expect.any(String) }] });

    const onlyLinux = okBody<PageBody<GraceBody>>(await send(api, 'GET', `/api/v1/reports/devices-in-grace?policyId=${linux}`, { as: 'globalAdmin' }));
    expect(onlyLinux.items.map((g) => g.deviceId)).toEqual([ids.openLinux]);
    const first = okBody<PageBody<GraceBody>>(await send(api, 'GET', '/api/v1/reports/devices-in-grace?limit=2', { as: 'globalAdmin' }));
    expect(first.items).toHaveLength(2);
    const rest = okBody<PageBody<GraceBody>>(await send(api, 'GET', `/api/v1/reports/devices-in-grace?limit=2&cursor=${encodeURIComponent(first.nextCursor ?? '')}`, { as: 'globalAdmin' }));
    expect([...first.items, ...rest.items].map((g) => g.deviceId)).toEqual(page.items.map((g) => g.deviceId));
    expect(rest.nextCursor).toBeNull();

    expectCode(await send(api, 'GET', '/api/v1/reports/devices-in-grace?limit=0', { as: 'globalAdmin' }), 400, 'VALIDATION_FAILED');
    expectCode(await send(api, 'GET', '/api/v1/reports/devices-in-grace?cursor=not-a-cursor', { as: 'globalAdmin' }), 400, 'INVALID_CURSOR');
    expectCode(await send(api, 'GET', '/api/v1/reports/devices-in-grace'), 401, 'UNAUTHENTICATED');
  });

  it('exports them as CSV with formula-looking cells defused and awkward ones quoted', async () => {
    const { ids } = await arrange();
    const response = await send(api, 'GET', '/api/v1/reports/devices-in-grace?format=csv', { as: 'globalAdmin' });
    const csv = parseCsv(response);
    expect(csv.columns).toEqual(['deviceId', 'deviceName', 'platform', 'policyId', 'policyName', 'failingSince', 'deadline', 'failedRules']);
    const byDevice = new Map(csv.rows.map((r) => [r.deviceId, r]));
    expect(byDevice.get(ids.badMac)?.deviceName).toBe("'=1+2");
    expect(byDevice.get(ids.openLinux)?.deviceName).toBe("'+SUM(A1:A9)");
    expect(byDevice.get(ids.oldMac)).toMatchObject({ deviceName: 'Bob\'s "work", laptop', deadline: '2025-03-02T09:00:00.000Z', failedRules: expect.stringMatching(/^minOsVersion: /) });
    // The raw text: quotes doubled inside a quoted cell, and no cell starts with a formula character.
    expect(response.text).toContain('"Bob\'s ""work"", laptop"');
    for (const row of csv.rows) for (const cell of Object.values(row)) expect(cell, cell).not.toMatch(/^[=+\-@]/);
  });

  it('streams every device in grace page by page', async () => {
    await policy('Firewall', ['linux'], [{ kind: 'firewallOn' }], 12);
    const ids: string[] = [];
    for (let i = 0; i < 1100; i++) ids.push(await device(`linux-${String(i).padStart(4, '0')}`, 'linux', { firewallOn: false }));
    await evaluate(ids);
    const response = await send(api, 'GET', '/api/v1/reports/devices-in-grace', { as: 'globalAdmin', headers: { accept: 'text/csv' } });
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    const csv = parseCsv(response);
    expect(csv.rows).toHaveLength(1100);
    expect(new Set(csv.rows.map((r) => r.deviceId))).toEqual(new Set(ids));
    expect(new Set(csv.rows.map((r) => r.deadline))).toEqual(new Set(['2025-03-01T21:00:00.000Z']));
  });
});
