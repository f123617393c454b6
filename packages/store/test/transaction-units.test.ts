import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { fail, ok, type GroupId } from '@ward/core';
import { createStores } from '../src/index.js';
import { maxUnitsPerCommit, transactionUnits } from '../src/database/transaction-units.js';
import { makeGroup, makeTenant } from './support/fixtures.js';
import { nodeDigests, openTestDatabase, sequentialIds } from './support/test-database.js';

const gid = (s: string) => s as GroupId;

/** A fresh SQLite database that records its statements, with one tenant. */
async function open() {
  const statements: string[] = [];
  const t = await openTestDatabase('sqlite', { onQuery: (event) => statements.push(event.query.sql.toLowerCase()) });
  const set = createStores(t.database, { digests: nodeDigests, ids: sequentialIds() });
  const tenant = makeTenant('tenant-units').id;
  await set.stores.insertTenant(makeTenant('tenant-units'));
  const count = (pattern: RegExp) => statements.filter((s) => pattern.test(s)).length;
  return { t, set, tenant, statements, count };
}

describe('group commit on SQLite', () => {
  it('commits units that arrive together once, and undoes only the one that throws or fails', async () => {
    const { t, set, tenant, statements, count } = await open();
    try {
      const delivered: string[] = [];
      const off = set.events.subscribe('group.changed', (e) => delivered.push(e.subject));
      const boom = new Error('boom');
      statements.length = 0;
      const unit = (id: string, outcome: 'ok' | 'throw' | 'fail') =>
        set.tx.transaction(async (st) => {
          await st.insertGroup(makeGroup(tenant, id));
          st.publish({ type: 'group.changed', tenantId: tenant, subject: id });
          if (outcome === 'throw') throw boom;
          return outcome === 'fail' ? fail('VALIDATION_FAILED', 'changed its mind') : ok(id);
        });
      const settled = await Promise.allSettled([unit('g-1', 'ok'), unit('g-2', 'throw'), unit('g-3', 'fail'), unit('g-4', 'ok')]);
      expect(settled).toEqual([
        { status: 'fulfilled', value: ok('g-1') },
        { status: 'rejected', reason: boom },
        { status: 'fulfilled', value: expect.objectContaining({ ok: false, code: 'VALIDATION_FAILED' }) },
        { status: 'fulfilled', value: ok('g-4') },
      ]);
      expect(count(/^begin/)).toBe(1);
      expect(count(/^commit/)).toBe(1);
      expect(count(/^rollback to savepoint/)).toBe(2);
      for (const [id, kept] of [['g-1', true], ['g-2', false], ['g-3', false], ['g-4', true]] as const) {
        expect((await set.stores.getGroup(tenant, gid(id))) !== undefined).toBe(kept);
      }
      // Events only of the units that committed, after the commit.
      expect(delivered).toEqual(['g-1', 'g-4']);
      off();
    } finally {
      await t.dispose();
    }
  });

  it(`splits more than ${maxUnitsPerCommit} waiting units over several commits`, async () => {
    const { t, set, tenant, statements, count } = await open();
    try {
      statements.length = 0;
      const size = maxUnitsPerCommit * 2 + 1;
      const done = await Promise.all(Array.from({ length: size }, (_, i) => set.tx.transaction(async (st) => st.insertGroup(makeGroup(tenant, `many-${i}`)))));
      expect(done.every((inserted) => inserted)).toBe(true);
      expect(count(/^commit/)).toBe(3);
      const stored = await sql<{ n: number }>`select count(*) as n from groups where tenant_id = ${tenant}`.execute(t.database.db);
      expect(stored.rows).toEqual([{ n: size }]);
    } finally {
      await t.dispose();
    }
  });

  it('fails every unanswered unit of a batch whose transaction SQLite dropped, and keeps none of their writes', async () => {
    const { t } = await open();
    try {
      const { db } = t.database;
      await sql`create table unit_probe (id text primary key)`.execute(db);
      const units = transactionUnits(t.database);
      const insert = (id: string) => async (trx: typeof db) => {
        await sql`insert into unit_probe (id) values (${id})`.execute(trx);
        return id;
      };
      const probes = async () => (await sql<{ id: string }>`select id from unit_probe order by id`.execute(db)).rows.map((r) => r.id);
      // The second unit ends the transaction itself, as SQLite does on a full disk: its savepoint is gone.
      const dropped = new Error('disk full');
      const results = await Promise.allSettled([
        units.run({ work: insert('lost-1'), rollsBack: () => false }),
        units.run({
          work: async (trx) => {
            await sql`rollback`.execute(trx);
            throw dropped;
          },
          rollsBack: () => false,
        }),
      ]);
      expect(results[0].status).toBe('rejected');
      expect(results[1]).toEqual({ status: 'rejected', reason: dropped });
      expect(await probes()).toEqual([]);
      // The next batch works as usual.
      expect(await units.run({ work: insert('after'), rollsBack: () => false })).toBe('after');
      expect(await probes()).toEqual(['after']);
    } finally {
      await t.dispose();
    }
  });
});
