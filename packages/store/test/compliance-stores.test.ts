import { describe, expect, it } from 'vitest';
import {
  encodeCursor,
  type ComplianceActionPlan,
  type ComplianceHistoryEntry,
  type ComplianceHistoryId,
  type CompliancePolicy,
  type CompliancePolicyId,
  type CompliancePolicySort,
  type DeviceComplianceRecord,
  type DeviceId,
  type GroupId,
  type RuleResult,
  type SortOrder,
  type TenantId,
  type UserId,
} from '@ward/core';
import { at, byteCompare, makeDevice, makeGroup, makeUser, t0 } from './support/fixtures.js';
import { useStoreSuite } from './support/store-suite.js';
import { testDialects } from './support/test-database.js';
import { walk } from './support/walk.js';

const cpid = (s: string) => s as CompliancePolicyId;
const did = (s: string) => s as DeviceId;
const gid = (s: string) => s as GroupId;
const hour = 3_600_000;

function policy(tenantId: TenantId, id: string, over: Partial<CompliancePolicy> = {}): CompliancePolicy {
  return {
    id: cpid(id),
    tenantId,
    name: `Policy ${id}`,
    description: '',
    platforms: ['macos', 'windows'],
    rules: [
      { id: 'os', kind: 'minOsVersion', version: '14.2', remediation: null },
      { id: 'disk', kind: 'diskEncrypted', remediation: 'Turn on FileVault.' },
      { id: 'custom-1', kind: 'custom', name: 'Uptime', expression: 'device.uptimeDays < 30', remediation: null },
    ],
    actions: [
      { id: 'grace', kind: 'markNoncompliant', afterHours: 24 },
      { id: 'hook', kind: 'notifyWebhook', afterHours: 0, url: 'https://hooks.example.com/ward', secret: 'webhook-secret-0123456789' },
      { id: 'mail', kind: 'notifyEmail', afterHours: 1, toPrimaryUser: true, extraRecipients: ['help@example.com'], subject: 'Fix {{device.name}}', body: 'Ünïcode ✓' },
    ],
    validityDays: 30,
    version: 1,
    createdAt: t0,
    updatedAt: t0,
    ...over,
  };
}

function result(ruleId: string, outcome: RuleResult['outcome']): RuleResult {
  return { ruleId, kind: 'diskEncrypted', title: `Rule ${ruleId}`, outcome, expected: 'true', actual: outcome === 'unknown' ? null : String(outcome === 'passed'), remediation: outcome === 'passed' ? '' : 'Do it.' };
}

function record(tenantId: TenantId, deviceId: string, policyId: string, over: Partial<DeviceComplianceRecord> = {}): DeviceComplianceRecord {
  return {
    tenantId,
    deviceId: did(deviceId),
    policyId: cpid(policyId),
    policyVersion: 1,
    state: 'compliant',
    failingSince: null,
    graceEndsAt: null,
    reevaluateAt: null,
    evaluatedAt: t0,
    results: [result('os', 'passed'), result('disk', 'passed')],
    ...over,
  };
}

function entry(tenantId: TenantId, id: string, deviceId: string, over: Partial<ComplianceHistoryEntry> = {}): ComplianceHistoryEntry {
  return {
    id: id as ComplianceHistoryId,
    tenantId,
    deviceId: did(deviceId),
    policyId: null,
    from: 'unknown',
    to: 'compliant',
    causes: [{ kind: 'rulesPassed', policyId: cpid('cp') }],
    at: t0,
    ...over,
  };
}

describe.each(testDialects)('compliance stores on %s', (dialect) => {
  const s = useStoreSuite(dialect);

  describe('compliance policies', () => {
    it('round-trips rules and actions with secrets, by id and by name case-insensitively', async () => {
      const { stores } = s.set;
      const p = policy(s.tenant, 'cp-rt', { description: 'Baseline "macOS" ✓', createdAt: new Date('2023-01-02T03:04:05.678Z'), updatedAt: new Date('2023-06-07T08:09:10.011Z') });
      expect(await stores.insertCompliancePolicy(p)).toBe(true);
      expect(await stores.getCompliancePolicy(s.tenant, p.id)).toEqual(p);
      expect(await stores.getCompliancePolicyByName(s.tenant, 'POLICY CP-RT')).toEqual(p);
      expect(await stores.getCompliancePolicy(s.tenant, cpid('cp-missing'))).toBeUndefined();
      expect(await stores.getCompliancePolicyByName(s.tenant, 'missing')).toBeUndefined();
      expect(await stores.getCompliancePolicy(s.other, p.id)).toBeUndefined();
      expect(await stores.getCompliancePolicyByName(s.other, p.name)).toBeUndefined();
    });

    it('refuses a taken name or id with false, within the tenant only', async () => {
      const { stores } = s.set;
      expect(await stores.insertCompliancePolicy(policy(s.tenant, 'cp-d1', { name: 'Corporate' }))).toBe(true);
      expect(await stores.insertCompliancePolicy(policy(s.tenant, 'cp-d2', { name: 'CORPORATE' }))).toBe(false);
      expect(await stores.insertCompliancePolicy(policy(s.tenant, 'cp-d1', { name: 'Other' }))).toBe(false);
      expect(await stores.getCompliancePolicy(s.tenant, cpid('cp-d2'))).toBeUndefined();
      expect(await stores.insertCompliancePolicy(policy(s.other, 'cp-d2', { name: 'Corporate' }))).toBe(true);
    });

    it('updates only from the previous version, refusing a taken name, and keeps createdAt', async () => {
      const { stores } = s.set;
      await stores.insertCompliancePolicy(policy(s.tenant, 'cp-u', { name: 'Updatable' }));
      await stores.insertCompliancePolicy(policy(s.tenant, 'cp-u-other', { name: 'Occupied' }));
      const next = policy(s.tenant, 'cp-u', { name: 'Updated', version: 2, validityDays: 7, rules: [], actions: [], updatedAt: at(1000), createdAt: at(5) });
      expect(await stores.updateCompliancePolicy({ ...next, version: 3 })).toBe(false);
      expect(await stores.updateCompliancePolicy({ ...next, name: 'occupied' })).toBe(false);
      expect(await stores.updateCompliancePolicy({ ...next, id: cpid('cp-u-missing') })).toBe(false);
      expect(await stores.updateCompliancePolicy({ ...next, tenantId: s.other })).toBe(false);
      expect(await stores.updateCompliancePolicy(next)).toBe(true);
      expect(await stores.getCompliancePolicy(s.tenant, next.id)).toEqual({ ...next, createdAt: t0 });
      expect(await stores.updateCompliancePolicy({ ...next, description: 'stale writer' })).toBe(false);
      const inTx = await s.set.tx.transaction(async (st) => [
        await st.updateCompliancePolicy({ ...next, version: 3, name: 'OCCUPIED' }),
        await st.updateCompliancePolicy({ ...next, version: 3, name: 'Updated again' }),
      ]);
      expect(inTx).toEqual([false, true]);
    });

    it('lists all by id and pages every sort and order, with filters', async () => {
      const { stores } = s.set;
      const tenant = 'tenant-cp-list' as TenantId;
      await stores.insertTenant({ id: tenant, slug: 'tenant-cp-list', name: 'List', createdAt: t0 });
      for (let i = 0; i < 17; i++) {
        await stores.insertCompliancePolicy(
          policy(tenant, `cl-${String(i).padStart(2, '0')}`, {
            name: `${i % 3 === 0 ? 'Windows' : 'mac'} baseline ${String(16 - i).padStart(2, '0')}`,
            platforms: i % 3 === 0 ? ['windows'] : ['macos'],
            createdAt: at(Math.floor(i / 4) * 1000),
            updatedAt: at((i % 3) * 1000),
          }),
        );
      }
      const all = await stores.listAllCompliancePolicies(tenant);
      expect(all.map((p) => p.id)).toEqual(Array.from({ length: 17 }, (_, i) => `cl-${String(i).padStart(2, '0')}`));
      const expected = (sort: CompliancePolicySort, order: SortOrder, list = all) =>
        [...list]
          .sort((a, b) => {
            const c = sort === 'name' ? byteCompare(a.name.toLowerCase(), b.name.toLowerCase()) : sort === 'createdAt' ? a.createdAt.getTime() - b.createdAt.getTime() : a.updatedAt.getTime() - b.updatedAt.getTime();
            return (c !== 0 ? c : byteCompare(a.id, b.id)) * (order === 'asc' ? 1 : -1);
          })
          .map((p) => p.id);
      for (const sort of ['name', 'createdAt', 'updatedAt'] as const) {
        for (const order of ['asc', 'desc'] as const) {
          const got = await walk((cursor) => stores.listCompliancePolicies(tenant, {}, { limit: 5, sort, order, ...(cursor ? { cursor } : {}) }));
          expect(got.map((p) => p.id), `${sort} ${order}`).toEqual(expected(sort, order));
        }
      }
      const windows = await walk((cursor) => stores.listCompliancePolicies(tenant, { platform: 'windows' }, { limit: 2, sort: 'name', order: 'desc', ...(cursor ? { cursor } : {}) }));
      expect(windows.map((p) => p.id)).toEqual(expected('name', 'desc', all.filter((p) => p.platforms.includes('windows'))));
      const q = await walk((cursor) => stores.listCompliancePolicies(tenant, { q: 'MAC BASE' }, { limit: 4, sort: 'createdAt', order: 'asc', ...(cursor ? { cursor } : {}) }));
      expect(q.map((p) => p.id)).toEqual(expected('createdAt', 'asc', all.filter((p) => p.name.startsWith('mac'))));
      expect((await stores.listCompliancePolicies(tenant, { q: '_' }, { limit: 50, sort: 'name', order: 'asc' })).items).toEqual([]);
      expect((await stores.listCompliancePolicies(s.other, { q: 'baseline' }, { limit: 50, sort: 'name', order: 'asc' })).items).toEqual([]);
      await expect(stores.listCompliancePolicies(tenant, {}, { limit: 5, sort: 'name', order: 'asc', cursor: 'eyJzIjoibmFtZSJ9' })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
    });

    it('deletes a policy of its own tenant only', async () => {
      const { stores } = s.set;
      await stores.insertCompliancePolicy(policy(s.tenant, 'cp-del'));
      expect(await stores.deleteCompliancePolicy(s.other, cpid('cp-del'))).toBe(false);
      expect(await stores.deleteCompliancePolicy(s.tenant, cpid('cp-del'))).toBe(true);
      expect(await stores.deleteCompliancePolicy(s.tenant, cpid('cp-del'))).toBe(false);
    });
  });

  describe('device compliance records', () => {
    const tenant = 'tenant-dc' as TenantId;
    const device = (i: number) => `dc-${String(i).padStart(4, '0')}`;

    it('stores 2,000 records in bulk, then changes 10, counting by policy and by rule', async () => {
      const { stores } = s.set;
      await stores.insertTenant({ id: tenant, slug: 'tenant-dc', name: 'DC', createdAt: t0 });
      await s.set.tx.transaction(async (st) => {
        for (let i = 0; i < 1000; i++) await st.insertDevice(makeDevice(tenant, device(i), { platform: i % 2 === 0 ? 'macos' : 'windows' }));
      });
      const records = Array.from({ length: 1000 }, (_, i) => [record(tenant, device(i), 'cp-a'), record(tenant, device(i), 'cp-b', { state: 'notApplicable', results: [] })]).flat();
      await stores.putDeviceComplianceRecords(records);
      const read = await stores.listDeviceComplianceRecords(tenant, [did(device(0)), did(device(999)), did('dc-missing')]);
      expect(read).toHaveLength(4);
      expect(read.find((r) => r.deviceId === device(999) && r.policyId === 'cp-a')).toEqual(record(tenant, device(999), 'cp-a'));
      expect(await stores.countComplianceByPolicy(tenant, {})).toEqual([
        { policyId: 'cp-a', state: 'compliant', count: 1000 },
        { policyId: 'cp-b', state: 'notApplicable', count: 1000 },
      ]);
      expect(await stores.countComplianceByRule(tenant, {})).toEqual([
        { policyId: 'cp-a', ruleId: 'disk', outcome: 'passed', count: 1000 },
        { policyId: 'cp-a', ruleId: 'os', outcome: 'passed', count: 1000 },
      ]);

      const failing = Array.from({ length: 10 }, (_, i) =>
        record(tenant, device(i), 'cp-a', {
          state: 'inGracePeriod',
          failingSince: at(hour),
          graceEndsAt: at(25 * hour - i * 1000),
          reevaluateAt: at(25 * hour - i * 1000),
          evaluatedAt: at(hour),
          results: [result('os', 'passed'), result('disk', 'failed'), result('custom-1', 'unknown')],
        }),
      );
      await stores.putDeviceComplianceRecords(failing);
      expect(await stores.listDeviceComplianceRecords(tenant, [did(device(3))])).toEqual([failing[3], record(tenant, device(3), 'cp-b', { state: 'notApplicable', results: [] })]);
      expect(await stores.countComplianceByPolicy(tenant, {})).toEqual([
        { policyId: 'cp-a', state: 'compliant', count: 990 },
        { policyId: 'cp-a', state: 'inGracePeriod', count: 10 },
        { policyId: 'cp-b', state: 'notApplicable', count: 1000 },
      ]);
      expect(await stores.countComplianceByRule(tenant, {})).toEqual([
        { policyId: 'cp-a', ruleId: 'custom-1', outcome: 'unknown', count: 10 },
        { policyId: 'cp-a', ruleId: 'disk', outcome: 'failed', count: 10 },
        { policyId: 'cp-a', ruleId: 'disk', outcome: 'passed', count: 990 },
        { policyId: 'cp-a', ruleId: 'os', outcome: 'passed', count: 1000 },
      ]);
      expect(await stores.countComplianceByPolicy(s.other, {})).toEqual([]);
      expect(await stores.countComplianceByRule(s.other, {})).toEqual([]);
    });

    it('rewrites rule outcomes only as they change, including rules that disappear', async () => {
      const { stores } = s.set;
      // Same outcomes, new evaluation time: the record changes, the counts do not.
      await stores.putDeviceComplianceRecords([record(tenant, device(500), 'cp-a', { evaluatedAt: at(9 * hour) })]);
      expect((await stores.listDeviceComplianceRecords(tenant, [did(device(500))])).find((r) => r.policyId === 'cp-a')?.evaluatedAt).toEqual(at(9 * hour));
      // A rule removed from the policy: its outcome goes from the counts.
      await stores.putDeviceComplianceRecords([record(tenant, device(501), 'cp-a', { results: [result('os', 'failed')] })]);
      const byRule = await stores.countComplianceByRule(tenant, {});
      expect(byRule).toContainEqual({ policyId: 'cp-a', ruleId: 'disk', outcome: 'passed', count: 989 });
      expect(byRule).toContainEqual({ policyId: 'cp-a', ruleId: 'os', outcome: 'failed', count: 1 });
      expect(byRule).toContainEqual({ policyId: 'cp-a', ruleId: 'os', outcome: 'passed', count: 999 });
      // Duplicates in one call: the last wins, for the record and its outcomes.
      await stores.putDeviceComplianceRecords([
        record(tenant, device(501), 'cp-a', { results: [result('os', 'unknown')] }),
        record(tenant, device(501), 'cp-a', { results: [result('os', 'passed'), result('disk', 'passed')], policyVersion: 2 }),
      ]);
      expect((await stores.listDeviceComplianceRecords(tenant, [did(device(501))])).find((r) => r.policyId === 'cp-a')?.policyVersion).toBe(2);
      expect(await stores.countComplianceByRule(tenant, {})).toContainEqual({ policyId: 'cp-a', ruleId: 'disk', outcome: 'passed', count: 990 });
      await stores.putDeviceComplianceRecords([]);
    });

    it('refuses records of a device that does not exist, writing none of the call', async () => {
      const { stores } = s.set;
      await expect(stores.putDeviceComplianceRecords([record(tenant, device(40), 'cp-atomic'), record(tenant, 'dc-nowhere', 'cp-atomic')])).rejects.toThrow();
      expect(await stores.listDeviceIdsWithCompliancePolicy(tenant, cpid('cp-atomic'), { limit: 10 })).toEqual([]);
      await expect(stores.appendComplianceHistory([entry(tenant, 'h-nowhere', 'dc-nowhere')])).rejects.toThrow();
    });

    it('pages the devices with a record of a policy', async () => {
      const { stores } = s.set;
      const ids: string[] = [];
      let after: DeviceId | undefined;
      for (;;) {
        const part = await stores.listDeviceIdsWithCompliancePolicy(tenant, cpid('cp-b'), { limit: 300, ...(after ? { after } : {}) });
        ids.push(...part);
        if (part.length < 300) break;
        after = part[part.length - 1];
      }
      expect(ids).toEqual(Array.from({ length: 1000 }, (_, i) => device(i)));
      expect(await stores.listDeviceIdsWithCompliancePolicy(tenant, cpid('cp-none'), { limit: 10 })).toEqual([]);
      expect(await stores.listDeviceIdsWithCompliancePolicy(s.other, cpid('cp-b'), { limit: 10 })).toEqual([]);
    });

    it('finds devices due for re-evaluation, earliest first, each once, across tenants', async () => {
      const { stores } = s.set;
      await stores.insertDevice(makeDevice(s.other, 'due-other'));
      // Device 0..9 are due at 25h minus i seconds (cp-a); device 4 is also due earlier under cp-b.
      await stores.putDeviceComplianceRecords([
        record(tenant, device(4), 'cp-b', { state: 'notApplicable', results: [], reevaluateAt: at(2 * hour) }),
        record(s.other, 'due-other', 'cp-x', { reevaluateAt: at(3 * hour) }),
      ]);
      expect(await stores.listDevicesDueForReevaluation(at(hour), 10)).toEqual([]);
      expect(await stores.listDevicesDueForReevaluation(at(3 * hour), 10)).toEqual([
        { tenantId: tenant, deviceId: device(4) },
        { tenantId: s.other, deviceId: 'due-other' },
      ]);
      const due = await stores.listDevicesDueForReevaluation(at(30 * hour), 100);
      expect(due.map((d) => d.deviceId)).toEqual([device(4), 'due-other', device(9), device(8), device(7), device(6), device(5), device(3), device(2), device(1), device(0)]);
      // A limit smaller than the rows for it: still distinct devices.
      expect((await stores.listDevicesDueForReevaluation(at(30 * hour), 3)).map((d) => d.deviceId)).toEqual([device(4), 'due-other', device(9)]);
      expect((await stores.listDevicesDueForReevaluation(at(30 * hour), 1)).map((d) => d.deviceId)).toEqual([device(4)]);
      await expect(stores.listDevicesDueForReevaluation(at(30 * hour), 0)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    it('deletes records by key with their rule outcomes, and everything with the device', async () => {
      const { stores } = s.set;
      const keys = Array.from({ length: 20 }, (_, i) => ({ deviceId: did(device(i)), policyId: cpid('cp-a') }));
      expect(await stores.deleteDeviceComplianceRecords(s.other, keys)).toBe(0);
      expect(await stores.deleteDeviceComplianceRecords(tenant, [...keys, keys[0]!, { deviceId: did('dc-missing'), policyId: cpid('cp-a') }])).toBe(20);
      expect(await stores.deleteDeviceComplianceRecords(tenant, [])).toBe(0);
      const byRule = await stores.countComplianceByRule(tenant, {});
      expect(byRule.filter((r) => r.outcome !== 'passed')).toEqual([]);
      expect(byRule).toContainEqual({ policyId: 'cp-a', ruleId: 'os', outcome: 'passed', count: 980 });

      await stores.appendComplianceHistory([entry(tenant, 'h-gone', device(999))]);
      await stores.syncComplianceActions([{ tenantId: tenant, deviceId: did(device(999)), policyId: cpid('cp-a'), failingSince: t0, actions: [{ actionId: 'hook', kind: 'notifyWebhook', dueAt: t0 }] }]);
      await stores.deleteDevice(tenant, did(device(999)));
      expect(await stores.listDeviceComplianceRecords(tenant, [did(device(999))])).toEqual([]);
      expect((await stores.listComplianceHistory(tenant, did(device(999)), { limit: 10 })).items).toEqual([]);
      expect(await stores.listComplianceActionsOfDevice(tenant, did(device(999)))).toEqual([]);
      expect(await stores.countComplianceByRule(tenant, {})).toContainEqual({ policyId: 'cp-a', ruleId: 'os', outcome: 'passed', count: 979 });
    });
  });

  describe('compliance history', () => {
    const tenant = 'tenant-dc' as TenantId;

    it('appends in bulk, keeps a repeated id once, and pages newest first', async () => {
      const { stores } = s.set;
      const entries = Array.from({ length: 25 }, (_, i) =>
        entry(tenant, `h-${String(i).padStart(3, '0')}`, 'dc-0100', {
          // Pairs share an instant: the id orders them.
          at: at(Math.floor(i / 2) * 1000),
          policyId: i % 2 === 0 ? null : cpid('cp-a'),
          from: 'compliant',
          to: 'inGracePeriod',
          causes:
            i % 2 === 0
              ? [{ kind: 'rulesFailed', policyId: cpid('cp-a'), ruleIds: ['disk'] }]
              : [
                  { kind: 'rulesFailed', policyId: cpid('cp-a'), ruleIds: ['disk', 'os'] },
                  { kind: 'graceEnded', policyId: cpid('cp-a'), graceEndedAt: t0.toISOString() },
                ],
        }),
      );
      await stores.appendComplianceHistory(entries);
      await stores.appendComplianceHistory([{ ...entries[0]!, to: 'error' }]);
      await stores.appendComplianceHistory([]);
      const pages: number[] = [];
      const got = await walk(async (cursor) => {
        const page = await stores.listComplianceHistory(tenant, did('dc-0100'), { limit: 7, ...(cursor ? { cursor } : {}) });
        pages.push(page.items.length);
        return page;
      });
      expect(pages).toEqual([7, 7, 7, 4]);
      expect(got.map((e) => e.id)).toEqual(entries.map((e) => e.id).reverse());
      expect(got.at(-1)).toEqual(entries[0]);
      expect(got.find((e) => e.id === 'h-001')).toEqual(entries[1]);
      expect((await stores.listComplianceHistory(s.other, did('dc-0100'), { limit: 10 })).items).toEqual([]);
      expect((await stores.listComplianceHistory(tenant, did('dc-0101'), { limit: 10 })).items).toEqual([]);
      await expect(stores.listComplianceHistory(tenant, did('dc-0100'), { limit: 10, cursor: 'bad' })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
    });
  });

  describe('scheduled compliance actions', () => {
    const tenant = 'tenant-dc' as TenantId;
    const key = (deviceId: string, actionId: string, policyId = 'cp-a') => ({ tenantId: tenant, deviceId: did(deviceId), policyId: cpid(policyId), actionId });
    const plan = (deviceId: string, failingSince: Date | null, actions: ComplianceActionPlan['actions'], policyId = 'cp-a'): ComplianceActionPlan => ({ tenantId: tenant, deviceId: did(deviceId), policyId: cpid(policyId), failingSince, actions });

    it('schedules, claims, completes and retries actions of an episode', async () => {
      const { stores } = s.set;
      const episode = at(10 * hour);
      await stores.syncComplianceActions([
        plan('dc-0200', episode, [
          { actionId: 'hook', kind: 'notifyWebhook', dueAt: episode },
          { actionId: 'mail', kind: 'notifyEmail', dueAt: at(11 * hour) },
          { actionId: 'lock', kind: 'lock', dueAt: at(48 * hour) },
        ]),
        plan('dc-0201', episode, [{ actionId: 'hook', kind: 'notifyWebhook', dueAt: at(10 * hour + 1) }]),
      ]);
      expect((await stores.listComplianceActionsOfDevice(tenant, did('dc-0200'))).map((a) => [a.actionId, a.dueAt, a.attempts, a.doneAt])).toEqual([
        ['hook', episode, 0, null],
        ['mail', at(11 * hour), 0, null],
        ['lock', at(48 * hour), 0, null],
      ]);
      expect(await stores.listComplianceActionsOfDevice(s.other, did('dc-0200'))).toEqual([]);

      // Due at 11h: hook (10h), hook of 0201 (10h + 1 ms), mail (11h); earliest first, limit 2.
      const lease = at(11 * hour + 5 * 60_000);
      const first = await stores.claimDueComplianceActions(at(11 * hour), lease, 2);
      expect(first.map((a) => [a.deviceId, a.actionId, a.attempts, a.dueAt])).toEqual([
        ['dc-0200', 'hook', 1, lease],
        ['dc-0201', 'hook', 1, lease],
      ]);
      expect(first[0]).toMatchObject({ kind: 'notifyWebhook', failingSince: episode, doneAt: null, outcome: null, tenantId: tenant, policyId: 'cp-a' });
      // Claimed ones are invisible until their lease ends.
      expect((await stores.claimDueComplianceActions(at(11 * hour), lease, 10)).map((a) => a.actionId)).toEqual(['mail']);
      expect(await stores.claimDueComplianceActions(at(11 * hour), lease, 10)).toEqual([]);

      expect(await stores.completeComplianceAction(key('dc-0200', 'hook'), episode, at(11 * hour + 1000), { status: 'succeeded', detail: 'HTTP 204' })).toBe(true);
      expect(await stores.completeComplianceAction(key('dc-0200', 'hook'), episode, at(11 * hour + 2000), { status: 'failed', error: 'again' })).toBe(false);
      expect(await stores.completeComplianceAction(key('dc-0201', 'hook'), at(hour), at(11 * hour), { status: 'skipped', reason: 'other episode' })).toBe(false);
      expect(await stores.completeComplianceAction(key('dc-0201', 'missing'), episode, at(11 * hour), { status: 'skipped', reason: 'x' })).toBe(false);
      expect(await stores.retryComplianceAction(key('dc-0201', 'hook'), episode, at(12 * hour))).toBe(true);
      expect(await stores.retryComplianceAction(key('dc-0201', 'hook'), at(hour), at(12 * hour))).toBe(false);
      expect(await stores.retryComplianceAction(key('dc-0200', 'hook'), episode, at(12 * hour))).toBe(false);

      const actions = await stores.listComplianceActionsOfDevice(tenant, did('dc-0200'));
      expect(actions.find((a) => a.actionId === 'hook')).toMatchObject({ doneAt: at(11 * hour + 1000), outcome: { status: 'succeeded', detail: 'HTTP 204' }, attempts: 1 });
      // After the lease, an unfinished claim is due again; the retried one at its retry time.
      expect((await stores.claimDueComplianceActions(at(12 * hour), at(13 * hour), 10)).map((a) => [a.deviceId, a.actionId, a.attempts])).toEqual([
        ['dc-0200', 'mail', 2],
        ['dc-0201', 'hook', 2],
      ]);
      await expect(stores.claimDueComplianceActions(at(12 * hour), at(13 * hour), 0)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    it('syncs plans: keeps an episode’s progress, restarts a new episode, drops what is no longer planned', async () => {
      const { stores } = s.set;
      const episode = at(10 * hour);
      // dc-0200 now: hook done (attempts 1), mail claimed (attempts 2), lock pending (never claimed).
      await stores.syncComplianceActions([
        plan('dc-0200', episode, [
          { actionId: 'hook', kind: 'notifyWebhook', dueAt: at(10 * hour + 7) },
          { actionId: 'mail', kind: 'notifyEmail', dueAt: at(10 * hour + 7) },
          { actionId: 'lock', kind: 'lock', dueAt: at(72 * hour) },
          { actionId: 'retire', kind: 'retire', dueAt: at(96 * hour) },
        ]),
      ]);
      const kept = new Map((await stores.listComplianceActionsOfDevice(tenant, did('dc-0200'))).map((a) => [a.actionId, a]));
      expect(kept.get('hook')).toMatchObject({ dueAt: at(11 * hour + 5 * 60_000), attempts: 1, doneAt: at(11 * hour + 1000), outcome: { status: 'succeeded', detail: 'HTTP 204' } });
      expect(kept.get('mail')).toMatchObject({ dueAt: at(13 * hour), attempts: 2, doneAt: null });
      expect(kept.get('lock')).toMatchObject({ dueAt: at(72 * hour), attempts: 0 });
      expect(kept.get('retire')).toMatchObject({ kind: 'retire', dueAt: at(96 * hour), attempts: 0, failingSince: episode });

      // Only two actions planned now: the others go.
      await stores.syncComplianceActions([plan('dc-0200', episode, [{ actionId: 'hook', kind: 'notifyWebhook', dueAt: episode }, { actionId: 'lock', kind: 'lock', dueAt: at(72 * hour) }])]);
      expect((await stores.listComplianceActionsOfDevice(tenant, did('dc-0200'))).map((a) => a.actionId)).toEqual(['hook', 'lock']);

      // A new episode starts afresh.
      const next = at(100 * hour);
      await stores.syncComplianceActions([plan('dc-0200', next, [{ actionId: 'hook', kind: 'notifyWebhook', dueAt: next }])]);
      expect(await stores.listComplianceActionsOfDevice(tenant, did('dc-0200'))).toEqual([
        { ...key('dc-0200', 'hook'), kind: 'notifyWebhook', failingSince: next, dueAt: next, attempts: 0, doneAt: null, outcome: null },
      ]);

      // Another policy's actions and other devices are untouched; a device that stopped failing loses all.
      await stores.syncComplianceActions([plan('dc-0200', next, [{ actionId: 'lock', kind: 'lock', dueAt: next }], 'cp-b')]);
      await stores.syncComplianceActions([plan('dc-0200', null, [{ actionId: 'hook', kind: 'notifyWebhook', dueAt: next }]), plan('dc-0202', null, [])]);
      expect((await stores.listComplianceActionsOfDevice(tenant, did('dc-0200'))).map((a) => [a.policyId, a.actionId])).toEqual([['cp-b', 'lock']]);
      expect((await stores.listComplianceActionsOfDevice(tenant, did('dc-0201'))).map((a) => a.actionId)).toEqual(['hook']);
      await stores.syncComplianceActions([]);
    });

    it('never hands one action to two concurrent claims', async () => {
      const { stores } = s.set;
      const episode = at(200 * hour);
      await stores.syncComplianceActions(
        Array.from({ length: 40 }, (_, i) => plan(`dc-${String(300 + i).padStart(4, '0')}`, episode, [{ actionId: 'hook', kind: 'notifyWebhook', dueAt: at(200 * hour + i) }])),
      );
      const claims = await Promise.all(Array.from({ length: 4 }, () => stores.claimDueComplianceActions(at(201 * hour), at(300 * hour), 15)));
      const claimed = claims.flat().map((a) => a.deviceId);
      expect(new Set(claimed).size).toBe(claimed.length);
      expect(claimed.filter((id) => id >= 'dc-0300' && id < 'dc-0340')).toHaveLength(40);
    });
  });

  describe('compliance reports', () => {
    const tenant = 'tenant-report' as TenantId;

    it('counts devices by platform and state, leaving out retired ones, within a scope', async () => {
      const { stores } = s.set;
      await stores.insertTenant({ id: tenant, slug: 'tenant-report', name: 'Report', createdAt: t0 });
      await stores.insertUser(makeUser(tenant, 'ru-1'));
      await stores.insertGroup(makeGroup(tenant, 'rdg', { memberType: 'device' }));
      await stores.insertGroup(makeGroup(tenant, 'rug', { memberType: 'user' }));
      const devices = [
        makeDevice(tenant, 'r-1', { platform: 'macos', complianceState: 'compliant' }),
        makeDevice(tenant, 'r-2', { platform: 'macos', complianceState: 'compliant', primaryUserId: 'ru-1' as UserId }),
        makeDevice(tenant, 'r-3', { platform: 'windows', complianceState: 'noncompliant' }),
        makeDevice(tenant, 'r-4', { platform: 'windows', complianceState: 'inGracePeriod' }),
        makeDevice(tenant, 'r-5', { platform: 'windows', complianceState: 'noncompliant', managementState: 'retired' }),
      ];
      for (const d of devices) await stores.insertDevice(d);
      await stores.addMembers(tenant, gid('rdg'), [{ memberType: 'device', memberId: 'r-3' }, { memberType: 'device', memberId: 'r-5' }], t0);
      await stores.addMembers(tenant, gid('rug'), [{ memberType: 'user', memberId: 'ru-1' }], t0);
      expect(await stores.countDevicesByPlatformAndState(tenant, {})).toEqual([
        { platform: 'macos', state: 'compliant', count: 2 },
        { platform: 'windows', state: 'inGracePeriod', count: 1 },
        { platform: 'windows', state: 'noncompliant', count: 1 },
      ]);
      expect(await stores.countDevicesByPlatformAndState(tenant, { withinGroups: [gid('rdg'), gid('rug')] })).toEqual([
        { platform: 'macos', state: 'compliant', count: 1 },
        { platform: 'windows', state: 'noncompliant', count: 1 },
      ]);
      expect(await stores.countDevicesByPlatformAndState(tenant, { withinGroups: [] })).toEqual([]);
      expect((await stores.countDevicesByPlatformAndState(s.other, {})).filter((c) => c.platform === 'windows')).toEqual([]);

      await stores.putDeviceComplianceRecords([
        record(tenant, 'r-1', 'rp', { results: [result('disk', 'passed')] }),
        record(tenant, 'r-2', 'rp', { results: [result('disk', 'passed')] }),
        record(tenant, 'r-3', 'rp', { state: 'noncompliant', failingSince: t0, results: [result('disk', 'failed')] }),
        record(tenant, 'r-4', 'rp', { state: 'inGracePeriod', failingSince: t0, graceEndsAt: at(5 * hour), results: [result('disk', 'failed')] }),
      ]);
      expect(await stores.countComplianceByPolicy(tenant, { withinGroups: [gid('rdg'), gid('rug')] })).toEqual([
        { policyId: 'rp', state: 'compliant', count: 1 },
        { policyId: 'rp', state: 'noncompliant', count: 1 },
      ]);
      expect(await stores.countComplianceByRule(tenant, { withinGroups: [gid('rug')] })).toEqual([{ policyId: 'rp', ruleId: 'disk', outcome: 'passed', count: 1 }]);
      expect(await stores.countComplianceByRule(tenant, { withinGroups: [gid('missing')] })).toEqual([]);
      expect(await stores.countComplianceByPolicy(tenant, { withinGroups: [] })).toEqual([]);
      expect(await stores.countComplianceByRule(tenant, { withinGroups: [] })).toEqual([]);
    });

    it('pages the records in grace, soonest deadline first, by policy and scope', async () => {
      const { stores } = s.set;
      for (let i = 0; i < 9; i++) await stores.insertDevice(makeDevice(tenant, `g-${i}`));
      await stores.addMembers(tenant, gid('rdg'), [{ memberType: 'device', memberId: 'g-2' }, { memberType: 'device', memberId: 'g-7' }], t0);
      const inGrace = (deviceId: string, policyId: string, ends: number) =>
        record(tenant, deviceId, policyId, { state: 'inGracePeriod', failingSince: t0, graceEndsAt: at(ends), reevaluateAt: at(ends), results: [result('disk', 'failed')] });
      const written = [
        inGrace('g-0', 'rp', 3 * hour),
        inGrace('g-1', 'rp', 1 * hour),
        inGrace('g-2', 'rp', 2 * hour),
        inGrace('g-2', 'rq', 2 * hour),
        inGrace('g-3', 'rq', 2 * hour),
        inGrace('g-4', 'rq', 4 * hour),
        record(tenant, 'g-5', 'rp', { state: 'noncompliant', failingSince: t0 }),
        inGrace('g-7', 'rq', 0.5 * hour),
      ];
      await stores.putDeviceComplianceRecords(written);
      const pages: number[] = [];
      const all = await walk(async (cursor) => {
        const page = await stores.listRecordsInGrace(tenant, {}, { limit: 2, ...(cursor ? { cursor } : {}) });
        pages.push(page.items.length);
        return page;
      });
      // r-4 from the previous test is in grace too, until 5h.
      expect(all.map((r) => `${r.deviceId}/${r.policyId}`)).toEqual(['g-7/rq', 'g-1/rp', 'g-2/rp', 'g-2/rq', 'g-3/rq', 'g-0/rp', 'g-4/rq', 'r-4/rp']);
      expect(pages).toEqual([2, 2, 2, 2]);
      expect(all[0]).toEqual(written[7]);
      const rq = await walk((cursor) => stores.listRecordsInGrace(tenant, { policyId: cpid('rq') }, { limit: 1, ...(cursor ? { cursor } : {}) }));
      expect(rq.map((r) => r.deviceId)).toEqual(['g-7', 'g-2', 'g-3', 'g-4']);
      const scoped = await walk((cursor) => stores.listRecordsInGrace(tenant, { withinGroups: [gid('rdg')] }, { limit: 2, ...(cursor ? { cursor } : {}) }));
      expect(scoped.map((r) => `${r.deviceId}/${r.policyId}`)).toEqual(['g-7/rq', 'g-2/rp', 'g-2/rq']);
      expect((await stores.listRecordsInGrace(tenant, { withinGroups: [] }, { limit: 5 })).items).toEqual([]);
      expect((await stores.listRecordsInGrace(s.other, {}, { limit: 5 })).items).toEqual([]);

      const first = await stores.listRecordsInGrace(tenant, {}, { limit: 1 });
      await expect(stores.listRecordsInGrace(tenant, {}, { limit: 1, cursor: 'bad' })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
      // A cursor of another list (the history's, same shape) is refused, not misread.
      const history = await stores.listComplianceHistory('tenant-dc' as TenantId, did('dc-0100'), { limit: 1 });
      await expect(stores.listRecordsInGrace(tenant, {}, { limit: 1, cursor: history.nextCursor ?? '' })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
      expect(first.nextCursor).not.toBeNull();
      const forged = encodeCursor('graceEndsAt', 'asc', { value: at(hour).getTime(), id: 'g-1' });
      await expect(stores.listRecordsInGrace(tenant, {}, { limit: 1, cursor: forged })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
      const resumed = await stores.listRecordsInGrace(tenant, {}, { limit: 1, cursor: encodeCursor('graceEndsAt', 'asc', { value: at(hour).getTime(), id: JSON.stringify(['g-1', 'rp']) }) });
      expect(resumed.items.map((r) => r.deviceId)).toEqual(['g-2']);
    });
  });
});
