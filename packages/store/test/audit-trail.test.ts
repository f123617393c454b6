import { describe, expect, it } from 'vitest';
import { genesisHash, verifyAuditChain, WardError, type AuditDraft, type TenantId } from '@ward/core';
import { createStores } from '../src/index.js';
import { at, makeTenant } from './support/fixtures.js';
import { useStoreSuite } from './support/store-suite.js';
import { nodeDigests, sequentialIds, testDialects } from './support/test-database.js';
import { walk } from './support/walk.js';

describe.each(testDialects)('audit trail on %s', (dialect) => {
  const s = useStoreSuite(dialect);
  const draft = (tenantId: TenantId, n: number, over: Partial<AuditDraft> = {}): AuditDraft => ({
    tenantId,
    action: n % 2 === 0 ? 'user.created' : 'group.updated',
    actor: { type: n % 3 === 0 ? 'apiToken' : 'user', id: `actor-${n % 3}`, name: `Actor ${n % 3}` },
    origin: n % 2 === 0 ? { via: 'api', ip: '192.0.2.1', userAgent: 'curl/8', requestId: `req-${n}` } : { via: 'cli' },
    target: { type: n % 2 === 0 ? 'user' : 'group', id: `target-${n % 4}` },
    before: n === 0 ? null : { name: `before ${n}`, nested: { list: [1, 'two', null, true], z: 1, a: 2 }, when: at(n) },
    after: { name: `after ${n}`, count: n, ratio: n / 3, unicode: 'ü ☃' },
    occurredAt: at(n * 1000),
    ...over,
  });

  it('seals events onto one chain per tenant and reads them back exactly as sealed', async () => {
    const { stores } = s.set;
    const first = await stores.appendAudit(draft(s.tenant, 0));
    expect(first.seq).toBe(1);
    expect(first.prevHash).toBe(genesisHash);
    const second = await stores.appendAudit(draft(s.tenant, 1));
    expect(second.seq).toBe(2);
    expect(second.prevHash).toBe(first.hash);
    const otherFirst = await stores.appendAudit(draft(s.other, 2));
    expect(otherFirst.seq).toBe(1);
    expect(await stores.readAuditChain(s.tenant, 0, 10)).toEqual([first, second]);
    expect(await stores.readAuditChain(s.tenant, 1, 10)).toEqual([second]);
    expect(await stores.readAuditChain(s.tenant, 0, 1)).toEqual([first]);
    expect(await stores.readAuditHead(s.tenant)).toEqual({ seq: 2, hash: second.hash });
    expect(await stores.readAuditHead(s.other)).toEqual({ seq: 1, hash: otherFirst.hash });
    expect(await verifyAuditChain({ stores, digests: nodeDigests }, s.tenant)).toEqual({ intact: true, events: 2, headHash: second.hash });
  });

  it('keeps one unbroken chain under concurrent appends', async () => {
    const tenant = 'tenant-concurrent' as TenantId;
    await s.set.stores.insertTenant(makeTenant(tenant));
    // Separate instances (own pools) on PostgreSQL, so the appends truly race for the head row.
    // SQLite serialises its one writer; a process opens its file once (see openDatabase).
    const more = dialect === 'postgres' ? await Promise.all([s.t.openAnother(), s.t.openAnother()]) : [];
    const sets = [s.set, ...more.map((database, i) => createStores(database, { digests: nodeDigests, ids: sequentialIds(`0190c00${i}-0000-7000-8000`) }))];
    const appended = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const set = sets[i % sets.length]!;
        // Half inside explicit transactions that do other work around the append.
        return i % 2 === 0
          ? set.stores.appendAudit(draft(tenant, i))
          : set.tx.transaction(async (st) => {
              await st.getTenant(tenant);
              return st.appendAudit(draft(tenant, i));
            });
      }),
    );
    expect(appended.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const report = await verifyAuditChain({ stores: s.set.stores, digests: nodeDigests }, tenant);
    expect(report).toMatchObject({ intact: true, events: 20 });
    for (const d of more) await d.close();
  });

  it('lists newest first with filters and an opaque cursor', async () => {
    const { stores } = s.set;
    const tenant = 'tenant-list-audit' as TenantId;
    await stores.insertTenant(makeTenant(tenant));
    for (let n = 0; n < 23; n++) await stores.appendAudit(draft(tenant, n));
    const all = await walk((cursor) => stores.listAudit(tenant, {}, { limit: 5, ...(cursor ? { cursor } : {}) }));
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 23 }, (_, i) => 23 - i));
    const seqs = async (filter: Parameters<typeof stores.listAudit>[1]) => (await walk((cursor) => stores.listAudit(tenant, filter, { limit: 4, ...(cursor ? { cursor } : {}) }))).map((e) => e.seq);
    const expectWhere = (pred: (n: number) => boolean) => Array.from({ length: 23 }, (_, i) => 22 - i).filter(pred).map((n) => n + 1);
    expect(await seqs({ action: 'user.created' })).toEqual(expectWhere((n) => n % 2 === 0));
    expect(await seqs({ actorId: 'actor-1' })).toEqual(expectWhere((n) => n % 3 === 1));
    expect(await seqs({ targetType: 'group', targetId: 'target-3' })).toEqual(expectWhere((n) => n % 2 === 1 && n % 4 === 3));
    expect(await seqs({ from: at(5000), to: at(9000) })).toEqual(expectWhere((n) => n >= 5 && n <= 9));
    expect(await seqs({ action: 'user.created', from: at(10_000) })).toEqual(expectWhere((n) => n % 2 === 0 && n >= 10));
    await expect(stores.listAudit(tenant, {}, { limit: 5, cursor: 'bogus' })).rejects.toSatisfy((e: unknown) => e instanceof WardError && e.code === 'INVALID_CURSOR');
  });
});
