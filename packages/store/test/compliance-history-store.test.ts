import { describe, expect, it } from 'vitest';
import { createStores } from '../src/index.js';
import {
  complianceStates,
  recordComplianceSnapshots,
  type CompliancePolicy,
  type CompliancePolicyId,
  type ComplianceState,
  type DeviceComplianceRecord,
  type DeviceId,
  type TenantId,
  type WardStores,
} from '@ward/core';
import { at, makeDevice, makeTenant, t0 } from './support/fixtures.js';
import { useStoreSuite } from './support/store-suite.js';
import { nodeDigests, randomIds, testDialects } from './support/test-database.js';

const cpid = (s: string) => s as CompliancePolicyId;
const day = 86_400_000;

function policy(tenantId: TenantId, id: string): CompliancePolicy {
  return {
    id: cpid(id),
    tenantId,
    name: `Policy ${id}`,
    description: '',
    platforms: ['macos'],
    rules: [{ id: 'disk', kind: 'diskEncrypted', remediation: null }],
    actions: [],
    validityDays: 30,
    version: 1,
    createdAt: t0,
    updatedAt: t0,
  };
}

function record(tenantId: TenantId, deviceId: string, policyId: string, state: ComplianceState): DeviceComplianceRecord {
  return {
    tenantId,
    deviceId: deviceId as DeviceId,
    policyId: cpid(policyId),
    policyVersion: 1,
    state,
    failingSince: null,
    graceEndsAt: null,
    reevaluateAt: null,
    evaluatedAt: t0,
    results: [],
  };
}

/** Every state at 0, with some set. */
function counts(some: Partial<Record<ComplianceState, number>>): Record<ComplianceState, number> {
  return { ...(Object.fromEntries(complianceStates.map((s) => [s, 0])) as Record<ComplianceState, number>), ...some };
}

/** A tenant of its own per test, so counts do not depend on what other tests wrote. */
async function freshTenant(stores: WardStores, id: string): Promise<TenantId> {
  const tenant = makeTenant(id);
  await stores.insertTenant(tenant);
  return tenant.id;
}

/**
 * Devices: two compliant macs, one noncompliant, one in grace, one retired (left out), one
 * unknown; policy cp-a with records of four of them, cp-empty with none, and records of a
 * deleted policy (cp-gone) that must not be counted.
 */
async function arrange(stores: WardStores, tenant: TenantId, prefix: string): Promise<void> {
  const devices: [string, ComplianceState, boolean][] = [
    ['d1', 'compliant', false],
    ['d2', 'compliant', false],
    ['d3', 'noncompliant', false],
    ['d4', 'inGracePeriod', false],
    ['d5', 'noncompliant', true],
    ['d6', 'unknown', false],
  ];
  for (const [id, complianceState, retired] of devices) {
    await stores.insertDevice(makeDevice(tenant, `${prefix}-${id}`, { complianceState, managementState: retired ? 'retired' : 'enrolled' }));
  }
  await stores.insertCompliancePolicy(policy(tenant, `${prefix}-cp-a`));
  await stores.insertCompliancePolicy(policy(tenant, `${prefix}-cp-empty`));
  await stores.putDeviceComplianceRecords([
    record(tenant, `${prefix}-d1`, `${prefix}-cp-a`, 'compliant'),
    record(tenant, `${prefix}-d2`, `${prefix}-cp-a`, 'compliant'),
    record(tenant, `${prefix}-d3`, `${prefix}-cp-a`, 'noncompliant'),
    record(tenant, `${prefix}-d4`, `${prefix}-cp-a`, 'inGracePeriod'),
    record(tenant, `${prefix}-d1`, `${prefix}-cp-gone`, 'noncompliant'),
  ]);
}

describe.each(testDialects)('compliance history store on %s', (dialect) => {
  const s = useStoreSuite(dialect);

  it('counts devices overall (retired left out) and each existing policy, zeros included, in one row each', async () => {
    const { stores } = s.set;
    const tenant = await freshTenant(stores, 'tenant-h-counts');
    await arrange(stores, tenant, 'c');
    expect(await stores.recordComplianceSnapshot(tenant, '2024-05-01', t0)).toBe(3);
    const overall = await stores.listComplianceSnapshots(tenant, { policyId: null, fromDay: '2024-04-01', toDay: '2024-05-31' });
    expect(overall).toEqual([{ tenantId: tenant, day: '2024-05-01', policyId: null, byState: counts({ compliant: 2, noncompliant: 1, inGracePeriod: 1, unknown: 1 }), recordedAt: t0 }]);
    const a = await stores.listComplianceSnapshots(tenant, { policyId: cpid('c-cp-a'), fromDay: '2024-05-01', toDay: '2024-05-01' });
    expect(a.map((x) => x.byState)).toEqual([counts({ compliant: 2, noncompliant: 1, inGracePeriod: 1 })]);
    const empty = await stores.listComplianceSnapshots(tenant, { policyId: cpid('c-cp-empty'), fromDay: '2024-05-01', toDay: '2024-05-01' });
    expect(empty.map((x) => x.byState)).toEqual([counts({})]);
    expect(await stores.listComplianceSnapshots(tenant, { policyId: cpid('c-cp-gone'), fromDay: '2024-05-01', toDay: '2024-05-01' })).toEqual([]);
    // The other tenant has its own series and nothing of this one.
    expect(await stores.listComplianceSnapshots(s.other, { policyId: null, fromDay: '2024-05-01', toDay: '2024-05-01' })).toEqual([]);
  });

  it('records a tenant without devices or policies as one overall row of zeros', async () => {
    const { stores } = s.set;
    const tenant = await freshTenant(stores, 'tenant-h-empty');
    expect(await stores.recordComplianceSnapshot(tenant, '2024-05-01', t0)).toBe(1);
    const rows = await stores.listComplianceSnapshots(tenant, { policyId: null, fromDay: '2024-05-01', toDay: '2024-05-01' });
    expect(rows.map((r) => r.byState)).toEqual([counts({})]);
  });

  it('keeps the first snapshot of a day: a second one writes nothing, the next day writes again', async () => {
    const { stores } = s.set;
    const tenant = await freshTenant(stores, 'tenant-h-idem');
    await arrange(stores, tenant, 'i');
    expect(await stores.recordComplianceSnapshot(tenant, '2024-05-01', t0)).toBe(3);
    const d3 = await stores.getDevice(tenant, 'i-d3' as DeviceId);
    if (d3 === undefined) throw new Error('fixture device missing');
    await stores.updateDevice({ ...d3, complianceState: 'compliant' });
    expect(await stores.recordComplianceSnapshot(tenant, '2024-05-01', at(3_600_000))).toBe(0);
    expect(await stores.recordComplianceSnapshot(tenant, '2024-05-02', at(day))).toBe(3);
    const rows = await stores.listComplianceSnapshots(tenant, { policyId: null, fromDay: '2024-05-01', toDay: '2024-05-02' });
    expect(rows.map((r) => [r.day, r.byState.compliant, r.byState.noncompliant, r.recordedAt])).toEqual([
      ['2024-05-01', 2, 1, t0],
      ['2024-05-02', 3, 0, at(day)],
    ]);
  });

  it('writes each row once when several nodes record the same day at the same time', async () => {
    const tenant = await freshTenant(s.set.stores, 'tenant-h-race');
    await arrange(s.set.stores, tenant, 'r');
    const others = await Promise.all([s.t.openAnother(), s.t.openAnother(), s.t.openAnother()]);
    const nodes = [s.set, ...others.map((database) => createStores(database, { digests: nodeDigests, ids: randomIds }))];
    const written = await Promise.all(nodes.map((node) => node.stores.recordComplianceSnapshot(tenant, '2024-06-01', t0)));
    expect(written.reduce((a, b) => a + b, 0)).toBe(3);
    expect(await s.set.stores.listComplianceSnapshots(tenant, { policyId: null, fromDay: '2024-06-01', toDay: '2024-06-01' })).toHaveLength(1);
  });

  it('lists one series within the days, oldest first, and prunes days before a cutoff across tenants', async () => {
    const { stores } = s.set;
    const tenant = await freshTenant(stores, 'tenant-h-range');
    for (const d of ['2023-12-30', '2023-12-31', '2024-01-01', '2024-01-03']) await stores.recordComplianceSnapshot(tenant, d, t0);
    await stores.recordComplianceSnapshot(s.other, '2023-12-30', t0);
    const days = async (tenantId: TenantId, fromDay: string, toDay: string) =>
      (await stores.listComplianceSnapshots(tenantId, { policyId: null, fromDay, toDay })).map((r) => r.day);
    expect(await days(tenant, '2023-12-31', '2024-01-03')).toEqual(['2023-12-31', '2024-01-01', '2024-01-03']);
    expect(await days(tenant, '2024-01-02', '2024-01-02')).toEqual([]);
    const pruned = await stores.pruneComplianceSnapshots('2023-12-31');
    expect(pruned).toBeGreaterThanOrEqual(2);
    expect(await days(tenant, '2000-01-01', '2099-12-31')).toEqual(['2023-12-31', '2024-01-01', '2024-01-03']);
    expect(await days(s.other, '2000-01-01', '2099-12-31')).toEqual([]);
  });

  it('records every tenant once a day through the use case, whatever the hour it runs', async () => {
    let now = new Date('2030-02-01T00:10:00.000Z');
    const deps = { clock: { now: () => now }, stores: s.set.stores };
    const first = await recordComplianceSnapshots(deps);
    expect(first.day).toBe('2030-02-01');
    expect(first.written).toBeGreaterThanOrEqual(first.tenants);
    now = new Date('2030-02-01T23:59:59.999Z');
    expect((await recordComplianceSnapshots(deps)).written).toBe(0);
    now = new Date('2030-02-02T00:00:00.000Z');
    const next = await recordComplianceSnapshots(deps);
    expect(next.day).toBe('2030-02-02');
    expect(next.written).toBe(first.written);
    // Everything more than the retention before 2030 has gone.
    expect(await s.set.stores.listComplianceSnapshots(s.other, { policyId: null, fromDay: '2000-01-01', toDay: '2028-12-31' })).toEqual([]);
  });
});
