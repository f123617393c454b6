import { describe, expect, it } from 'vitest';
import {
  pruneSignIns,
  recordSignIn,
  WardError,
  type AccessPolicy,
  type AccessPolicyId,
  type DeviceId,
  type SignInId,
  type SignInOutcome,
  type SignInRecord,
  type TenantId,
  type UserId,
} from '@ward/core';
import { at, t0 } from './support/fixtures.js';
import { useStoreSuite } from './support/store-suite.js';
import { testDialects } from './support/test-database.js';

const minute = 60_000;

function policy(tenantId: TenantId, id: string, name: string, over: Partial<AccessPolicy> = {}): AccessPolicy {
  return {
    id: id as AccessPolicyId,
    tenantId,
    name,
    description: '',
    state: 'enabled',
    conditions: {
      users: { include: 'all', exclude: { userIds: ['break-glass' as UserId], groupIds: [] } },
      relyingParties: { include: ['grafana'], exclude: [] },
      platforms: null,
      ownership: null,
      clientTypes: ['browser'],
      networks: { include: 'all', exclude: ['10.0.0.0/8'] },
      signInRisk: null,
    },
    grant: { kind: 'require', operator: 'or', controls: ['mfa', 'compliantDevice'] },
    session: { signInFrequencyHours: 12 },
    version: 1,
    createdAt: t0,
    updatedAt: t0,
    ...over,
  };
}

let seq = 0;
function signIn(tenantId: TenantId, atMs: number, over: Partial<SignInRecord> = {}): SignInRecord {
  seq += 1;
  return {
    id: `si-${String(seq).padStart(6, '0')}` as SignInId,
    tenantId,
    at: at(atMs),
    userId: 'alice' as UserId,
    userName: 'alice@example.com',
    relyingPartyId: 'grafana',
    deviceId: null,
    ip: '203.0.113.7',
    clientType: 'browser',
    userAgent: null,
    outcome: 'success',
    failureReason: null,
    detail: null,
    signInRisk: 'none',
    policies: [],
    ...over,
  };
}

describe.each(testDialects)('access stores on %s', (dialect) => {
  const s = useStoreSuite(dialect);

  it('stores policies whole, keeps names unique per tenant case-insensitively, and updates by version', async () => {
    const { stores } = s.set;
    const p = policy(s.tenant, 'ap-1', 'Require MFA');
    expect(await stores.insertAccessPolicy(p)).toBe(true);
    expect(await stores.getAccessPolicy(s.tenant, p.id)).toEqual(p);
    expect(await stores.getAccessPolicyByName(s.tenant, 'require mfa')).toEqual(p);
    expect(await stores.getAccessPolicy(s.other, p.id)).toBeUndefined();
    expect(await stores.insertAccessPolicy(policy(s.tenant, 'ap-2', 'REQUIRE MFA'))).toBe(false);
    expect(await stores.insertAccessPolicy(policy(s.other, 'ap-2', 'Require MFA'))).toBe(true);

    const v2 = { ...p, state: 'reportOnly' as const, grant: { kind: 'block' as const }, version: 2, updatedAt: at(minute) };
    expect(await stores.updateAccessPolicy(v2)).toBe(true);
    expect(await stores.updateAccessPolicy(v2)).toBe(false);
    expect(await stores.getAccessPolicy(s.tenant, p.id)).toEqual(v2);
    await stores.insertAccessPolicy(policy(s.tenant, 'ap-3', 'Block legacy'));
    expect(await stores.updateAccessPolicy({ ...policy(s.tenant, 'ap-3', 'require mfa'), version: 2 })).toBe(false);

    expect((await stores.listAllAccessPolicies(s.tenant)).map((x) => x.id)).toEqual(['ap-1', 'ap-3']);
    expect(await stores.deleteAccessPolicy(s.tenant, p.id)).toBe(true);
    expect(await stores.deleteAccessPolicy(s.tenant, p.id)).toBe(false);
    expect(await stores.getAccessPolicy(s.other, 'ap-2' as AccessPolicyId)).toBeDefined();
  });

  it('pages policies by name with a search and a state filter', async () => {
    const { stores } = s.set;
    const tenant = s.other;
    for (const [i, name] of ['Zeta', 'alpha', 'Beta', 'gamma'].entries()) {
      await stores.insertAccessPolicy(policy(tenant, `lp-${i}`, name, { state: i % 2 === 0 ? 'enabled' : 'disabled', createdAt: at(i * minute) }));
    }
    const first = await stores.listAccessPolicies(tenant, {}, { limit: 2, sort: 'name', order: 'asc' });
    expect(first.items.map((p) => p.name)).toEqual(['alpha', 'Beta']);
    const second = await stores.listAccessPolicies(tenant, {}, { limit: 2, sort: 'name', order: 'asc', ...(first.nextCursor === null ? {} : { cursor: first.nextCursor }) });
    expect(second.items.map((p) => p.name)).toEqual(['gamma', 'Require MFA']);
    expect((await stores.listAccessPolicies(tenant, { q: 'ETA' }, { limit: 10, sort: 'name', order: 'desc' })).items.map((p) => p.name)).toEqual(['Zeta', 'Beta']);
    expect((await stores.listAccessPolicies(tenant, { state: 'disabled' }, { limit: 10, sort: 'createdAt', order: 'asc' })).items.map((p) => p.name)).toEqual(['alpha', 'gamma']);
    await expect(stores.listAccessPolicies(tenant, {}, { limit: 2, sort: 'createdAt', order: 'asc', cursor: first.nextCursor ?? '' })).rejects.toThrow(WardError);
  });

  it('lists sign-ins newest first by every filter, page after page, and keeps tenants apart', async () => {
    const { stores } = s.set;
    const tenant = 'tenant-a' as TenantId;
    const base = 10 * 86_400_000;
    const outcomes: SignInOutcome[] = ['success', 'failure', 'interrupted'];
    const rows: SignInRecord[] = [];
    for (let i = 0; i < 30; i++) {
      rows.push(
        signIn(tenant, base + Math.floor(i / 2) * minute, {
          userId: (i % 3 === 0 ? 'bob' : 'alice') as UserId,
          outcome: outcomes[i % 3] ?? 'success',
          relyingPartyId: i % 5 === 0 ? 'gitlab' : 'grafana',
          failureReason: i % 3 === 1 ? 'ACCESS_BLOCKED' : null,
          deviceId: i % 2 === 0 ? ('d1' as DeviceId) : null,
          policies: [{ policyId: 'ap-1' as AccessPolicyId, name: 'Require MFA', result: 'failure', reportOnly: false, missingControls: ['mfa'] }],
        }),
      );
    }
    for (const r of rows) await stores.appendSignIn(r);
    await stores.appendSignIn(signIn(s.other, base));
    const newestFirst = [...rows].sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1));

    const all: SignInRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await stores.listSignIns(tenant, { from: at(base) }, { limit: 7, ...(cursor === undefined ? {} : { cursor }) });
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(all).toEqual(newestFirst);

    const ids = async (filter: Parameters<typeof stores.listSignIns>[1]) => (await stores.listSignIns(tenant, filter, { limit: 100 })).items.map((r) => r.id);
    expect(await ids({ userId: 'bob' as UserId, from: at(base) })).toEqual(newestFirst.filter((r) => r.userId === 'bob').map((r) => r.id));
    expect(await ids({ outcome: 'failure', from: at(base) })).toEqual(newestFirst.filter((r) => r.outcome === 'failure').map((r) => r.id));
    expect(await ids({ relyingPartyId: 'gitlab', from: at(base) })).toEqual(newestFirst.filter((r) => r.relyingPartyId === 'gitlab').map((r) => r.id));
    expect(await ids({ from: at(base + 3 * minute), to: at(base + 5 * minute) })).toEqual(
      newestFirst.filter((r) => r.at.getTime() >= at(base + 3 * minute).getTime() && r.at.getTime() < at(base + 5 * minute).getTime()).map((r) => r.id),
    );
    expect(await ids({ userId: 'alice' as UserId, outcome: 'interrupted', relyingPartyId: 'grafana', from: at(base) })).toEqual(
      newestFirst.filter((r) => r.userId === 'alice' && r.outcome === 'interrupted' && r.relyingPartyId === 'grafana').map((r) => r.id),
    );
    expect((await stores.listSignIns(s.other, { from: at(base) }, { limit: 100 })).items).toHaveLength(1);
    await expect(stores.listSignIns(tenant, {}, { limit: 5, cursor: 'bm90IGEgY3Vyc29y' })).rejects.toThrow(WardError);
  });

  it('counts a user’s recent failures by reason, up to a cap', async () => {
    const { stores } = s.set;
    const tenant = s.other;
    const base = 20 * 86_400_000;
    for (let i = 0; i < 12; i++) await stores.appendSignIn(signIn(tenant, base + i * minute, { userId: 'carol' as UserId, outcome: 'failure', failureReason: 'INVALID_CREDENTIALS' }));
    await stores.appendSignIn(signIn(tenant, base + 13 * minute, { userId: 'carol' as UserId, outcome: 'failure', failureReason: 'ACCESS_BLOCKED' }));
    await stores.appendSignIn(signIn(tenant, base + 14 * minute, { userId: 'carol' as UserId, outcome: 'success' }));
    const carol = 'carol' as UserId;
    expect(await stores.countFailedSignIns(tenant, carol, at(base), ['INVALID_CREDENTIALS', 'INVALID_MFA_CODE'], 100)).toBe(12);
    expect(await stores.countFailedSignIns(tenant, carol, at(base), ['INVALID_CREDENTIALS'], 10)).toBe(10);
    expect(await stores.countFailedSignIns(tenant, carol, at(base + 6 * minute), ['INVALID_CREDENTIALS'], 100)).toBe(6);
    expect(await stores.countFailedSignIns(tenant, carol, at(base), ['ACCESS_BLOCKED'], 100)).toBe(1);
    expect(await stores.countFailedSignIns(s.tenant, carol, at(base), ['INVALID_CREDENTIALS'], 100)).toBe(0);
    expect(await stores.countFailedSignIns(tenant, carol, at(base), [], 100)).toBe(0);
  });

  it('records hostile attempt text cut, cleaned and round-tripped exactly', async () => {
    const { stores } = s.set;
    const ids = { newId: () => `hostile-${++seq}`, randomBytes: (n: number) => new Uint8Array(n) };
    const recorded = await recordSignIn(
      { clock: { now: () => at(30 * 86_400_000) }, ids, stores },
      {
        tenantId: s.tenant,
        userId: null,
        userName: `EVIL\u0000\r\n${'x'.repeat(10_000)}`,
        relyingPartyId: 'r'.repeat(1000),
        deviceId: null,
        ip: '::ffff:203.0.113.1',
        clientType: 'app',
        userAgent: '\u001b[2J'.repeat(500),
        outcome: 'failure',
        failureReason: 'password was "hunter2"; DROP TABLE',
        signInRisk: 'high',
      },
    );
    expect(recorded.userName).toMatch(/^evil {3}x+$/);
    expect(recorded.userName).toHaveLength(320);
    expect(recorded.relyingPartyId).toHaveLength(128);
    expect(recorded.failureReason).toBe('OTHER');
    expect(recorded.detail?.startsWith('password was')).toBe(true);
    expect(recorded.userAgent?.length).toBeLessThanOrEqual(512);
    const page = await stores.listSignIns(s.tenant, { from: at(30 * 86_400_000), to: at(30 * 86_400_000 + 1) }, { limit: 10 });
    expect(page.items).toEqual([recorded]);
  });

  it('prunes the oldest rows across tenants in bounded batches, and the retention job stops at the cutoff', async () => {
    const { stores } = s.set;
    const old = -400 * 86_400_000;
    for (let i = 0; i < 5; i++) await stores.appendSignIn(signIn(i % 2 === 0 ? s.tenant : s.other, old + i * minute, { userId: 'pruned' as UserId }));
    expect(await stores.pruneSignIns(at(old + 3 * minute), 2)).toBe(2);
    expect(await stores.pruneSignIns(at(old + 3 * minute), 2)).toBe(1);
    expect(await stores.pruneSignIns(at(old + 3 * minute), 2)).toBe(0);
    // The job keeps the last 30 days before its clock: the two remaining old rows go, recent ones stay.
    const before = (await stores.listSignIns(s.tenant, {}, { limit: 500 })).items.length;
    expect(await pruneSignIns({ clock: { now: () => t0 }, stores })).toBe(2);
    expect((await stores.listSignIns(s.tenant, {}, { limit: 500 })).items.length).toBe(before - 1);
  });
});
