import { describe, expect, it, vi } from 'vitest';
import { fail, ok, WardError, type DomainEvent, type GroupId, type UserId } from '@ward/core';
import { createEventBus, createStores, jobEnqueuedEvent } from '../src/index.js';
import { makeGroup, makeUser, t0 } from './support/fixtures.js';
import { useStoreSuite } from './support/store-suite.js';
import { nodeDigests, sequentialIds, testDialects } from './support/test-database.js';

const uid = (s: string) => s as UserId;

describe.each(testDialects)('transactions and events on %s', (dialect) => {
  const s = useStoreSuite(dialect);
  const event = (subject: string, type = 'user.changed'): DomainEvent => ({ type, tenantId: s.tenant, subject, data: { n: 1, flag: true, none: null, text: 'x' } });

  it('commits work that resolves to a value or an ok Result', async () => {
    const { tx, stores } = s.set;
    expect(await tx.transaction(async (st) => st.insertUser(makeUser(s.tenant, 'c-1')))).toBe(true);
    const result = await tx.transaction(async (st) => {
      await st.insertUser(makeUser(s.tenant, 'c-2'));
      return ok('done');
    });
    expect(result).toEqual(ok('done'));
    expect(await stores.getUser(s.tenant, uid('c-1'))).toBeDefined();
    expect(await stores.getUser(s.tenant, uid('c-2'))).toBeDefined();
  });

  it('rolls back when the work throws, and rethrows', async () => {
    const { tx, stores } = s.set;
    const boom = new Error('boom');
    await expect(
      tx.transaction(async (st) => {
        await st.insertUser(makeUser(s.tenant, 'r-1'));
        await st.insertGroup(makeGroup(s.tenant, 'r-g'));
        await st.addMembers(s.tenant, 'r-g' as GroupId, [{ memberType: 'device', memberId: 'x' }], t0);
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await stores.getUser(s.tenant, uid('r-1'))).toBeUndefined();
    expect(await stores.getGroup(s.tenant, 'r-g' as GroupId)).toBeUndefined();
  });

  it('rolls back when the work returns a failed Result, and returns it', async () => {
    const { tx, stores } = s.set;
    const failure = fail('USER_EMAIL_TAKEN', 'taken');
    const result = await tx.transaction(async (st) => {
      await st.insertUser(makeUser(s.tenant, 'r-2'));
      await st.appendAudit({ tenantId: s.tenant, action: 'user.created', actor: { type: 'system', id: 'sys', name: 'sys' }, origin: { via: 'system' }, target: { type: 'user', id: 'r-2' }, before: null, after: null, occurredAt: t0 });
      return failure;
    });
    expect(result).toBe(failure);
    expect(await stores.getUser(s.tenant, uid('r-2'))).toBeUndefined();
    expect(await stores.readAuditHead(s.tenant)).toBeNull();
  });

  it('rolls back nested store work (a delete that runs its own steps) with the outer transaction', async () => {
    const { tx, stores } = s.set;
    await stores.insertUser(makeUser(s.tenant, 'n-1'));
    await tx.transaction(async (st) => {
      await st.deleteUser(s.tenant, uid('n-1'));
      expect(await st.getUser(s.tenant, uid('n-1'))).toBeUndefined();
      return fail('NOPE', 'changed my mind');
    });
    expect(await stores.getUser(s.tenant, uid('n-1'))).toBeDefined();
  });

  it('answers unique conflicts with false and keeps the transaction usable', async () => {
    const { tx, stores } = s.set;
    await stores.insertUser(makeUser(s.tenant, 'u-taken', { email: 'taken@example.com' }));
    await stores.insertGroup(makeGroup(s.tenant, 'g-taken', { name: 'Taken' }));
    const outcome = await tx.transaction(async (st) => {
      const results = [
        await st.insertUser(makeUser(s.tenant, 'u-dup', { email: 'taken@example.com' })),
        await st.insertUser(makeUser(s.tenant, 'u-fresh')),
        await st.updateUser(makeUser(s.tenant, 'u-fresh', { email: 'taken@example.com' })),
        await st.insertGroup(makeGroup(s.tenant, 'g-dup', { name: 'TAKEN' })),
        await st.insertGroup(makeGroup(s.tenant, 'g-fresh', { name: 'Fresh' })),
        await st.updateGroup(makeGroup(s.tenant, 'g-fresh', { name: 'taken' })),
        await st.updateUser(makeUser(s.tenant, 'u-fresh', { displayName: 'Still here' })),
      ];
      return results;
    });
    expect(outcome).toEqual([false, true, false, false, true, false, true]);
    expect((await stores.getUser(s.tenant, uid('u-fresh')))?.displayName).toBe('Still here');
    expect((await stores.getUser(s.tenant, uid('u-fresh')))?.email).toBe('u-fresh@example.com');
    expect((await stores.getGroup(s.tenant, 'g-fresh' as GroupId))?.name).toBe('Fresh');
  });

  it('keeps concurrent transactions apart: each works in its own, and a rollback undoes only its own writes and events', async () => {
    const { tx, stores, events } = s.set;
    const seen: string[] = [];
    const off = events.subscribe('user.changed', (e) => seen.push(e.subject));
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        tx.transaction(async (st) => {
          await st.insertUser(makeUser(s.tenant, `cc-${i}`));
          st.publish(event(`cc-${i}`));
          // Interleave with the others (on PostgreSQL they run at once, each on its own connection).
          await sleep((i * 7) % 5);
          const own = await st.getUser(s.tenant, uid(`cc-${i}`));
          await st.updateUser({ ...makeUser(s.tenant, `cc-${i}`), displayName: `seen ${own?.id ?? 'nothing'}` });
          return i % 3 === 0 ? fail('ROLLED_BACK', 'this one changes its mind') : ok(i);
        }),
      ),
    );
    expect(outcomes.map((o) => o.ok)).toEqual(Array.from({ length: 12 }, (_, i) => i % 3 !== 0));
    for (let i = 0; i < 12; i++) {
      const user = await stores.getUser(s.tenant, uid(`cc-${i}`));
      expect(user?.displayName).toBe(i % 3 === 0 ? undefined : `seen cc-${i}`);
    }
    expect(seen.sort()).toEqual(Array.from({ length: 12 }, (_, i) => i).filter((i) => i % 3 !== 0).map((i) => `cc-${i}`).sort());
    off();
  });

  it('refuses a transaction’s stores once it has ended, and the next transaction works as usual', async () => {
    const { tx, stores } = s.set;
    let kept: Parameters<Parameters<typeof tx.transaction>[0]>[0] | undefined;
    await tx.transaction(async (st) => {
      kept = st;
      await st.insertUser(makeUser(s.tenant, 'ended-1'));
    });
    const late = kept!;
    const code = (e: unknown) => (e instanceof WardError ? e.code : undefined);
    await expect(late.getUser(s.tenant, uid('ended-1'))).rejects.toSatisfy((e) => code(e) === 'INTERNAL');
    await expect(late.insertUser(makeUser(s.tenant, 'ended-2'))).rejects.toSatisfy((e) => code(e) === 'INTERNAL');
    expect(() => {
      late.publish(event('ended'));
    }).toThrow(WardError);
    expect(await stores.getUser(s.tenant, uid('ended-2'))).toBeUndefined();
    // Work that opens a transaction of its own (a delete) joins nothing stale either.
    await expect(late.deleteUser(s.tenant, uid('ended-1'))).rejects.toSatisfy((e) => code(e) === 'INTERNAL');
    expect(await tx.transaction(async (st) => (await st.getUser(s.tenant, uid('ended-1')))?.id)).toBe('ended-1');
  });

  it('delivers events published in a transaction only after it commits', async () => {
    const { tx, events } = s.set;
    const seen: string[] = [];
    const off = events.subscribe('user.changed', (e) => seen.push(e.subject));
    await tx.transaction(async (st) => {
      st.publish(event('e-1'));
      st.publish(event('e-2'));
      await st.insertUser(makeUser(s.tenant, 'e-user'));
      expect(seen).toEqual([]);
    });
    expect(seen).toEqual(['e-1', 'e-2']);
    off();
  });

  it('never delivers events of a transaction that rolls back', async () => {
    const { tx, events } = s.set;
    const seen: string[] = [];
    const off = events.subscribe('*', (e) => seen.push(e.subject));
    await expect(
      tx.transaction(async (st) => {
        st.publish(event('gone-1'));
        await st.enqueue({ kind: 'k.rolledBack', tenantId: s.tenant, payload: {} });
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    await tx.transaction((st) => {
      st.publish(event('gone-2'));
      return Promise.resolve(fail('X', 'no'));
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual([]);
    off();
  });

  it('delivers at once outside a transaction, to type and * subscribers, with the data intact', () => {
    const { stores, events } = s.set;
    const typed: DomainEvent[] = [];
    const all: DomainEvent[] = [];
    const offTyped = events.subscribe('device.changed', (e) => typed.push(e));
    const offAll = events.subscribe('*', (e) => all.push(e));
    const e = event('now', 'device.changed');
    stores.publish(e);
    expect(typed).toEqual([e]);
    expect(all).toEqual([e]);
    offTyped();
    stores.publish(e);
    expect(typed).toHaveLength(1);
    expect(all).toHaveLength(2);
    offAll();
  });

  it('isolates a failing subscriber from the others and from the publisher', async () => {
    const onError = vi.fn();
    const database = await s.t.openAnother();
    const bus = createEventBus(database, { onError });
    const stores = createStores(database, { digests: nodeDigests, ids: sequentialIds('0190b000-0000-7000-8000') }).stores;
    const seen: string[] = [];
    bus.subscribe('user.changed', () => {
      throw new Error('subscriber bug');
    });
    bus.subscribe('user.changed', (e) => seen.push(e.subject));
    stores.publish(event('isolated'));
    expect(seen).toEqual(['isolated']);
    expect(onError).toHaveBeenCalledOnce();
    await database.close();
  });

  it('refuses an event too large to travel, where it is published', () => {
    const big: DomainEvent = { type: 'x.y', tenantId: s.tenant, subject: 'x', data: { blob: 'x'.repeat(9000) } };
    expect(() => {
      s.set.stores.publish(big);
    }).toThrow(/events carry ids/);
  });

  it('makes jobs enqueued in a transaction visible at commit, and wakes runners then', async () => {
    const { tx, stores, events } = s.set;
    const wakes: string[] = [];
    const off = events.subscribe(jobEnqueuedEvent, (e) => wakes.push(e.subject));
    const count = async (kind: string) => Number((await s.t.database.db.selectFrom('jobs').select((eb) => eb.fn.countAll().as('n')).where('kind', '=', kind).executeTakeFirstOrThrow()).n);
    await tx.transaction(async (st) => {
      expect(await st.enqueue({ kind: 'k.tx', tenantId: s.tenant, payload: { a: 1 } })).toBe(true);
      expect(wakes).toEqual([]);
    });
    expect(wakes).toEqual(['k.tx']);
    expect(await count('k.tx')).toBe(1);
    expect(await count('k.rolledBack')).toBe(0);
    expect(await stores.enqueue({ kind: 'k.now', tenantId: s.tenant, payload: {} })).toBe(true);
    expect(await count('k.now')).toBe(1);
    expect(wakes).toEqual(['k.tx', 'k.now']);
    off();
  });

  it('drops a job whose unique key is held by a waiting job, per tenant', async () => {
    const { stores, tx } = s.set;
    const job = { kind: 'k.unique', tenantId: s.tenant, payload: {}, uniqueKey: 'recompute:g1' };
    expect(await stores.enqueue(job)).toBe(true);
    expect(await stores.enqueue(job)).toBe(false);
    expect(await stores.enqueue({ ...job, tenantId: s.other })).toBe(true);
    // Inside a PostgreSQL transaction the dropped insert must not abort it.
    const result = await tx.transaction(async (st) => [await st.enqueue(job), await st.insertUser(makeUser(s.tenant, 'after-dup-job'))]);
    expect(result).toEqual([false, true]);
    // Once the waiting job is claimed (running), an equal request is accepted again.
    await s.t.database.db.updateTable('jobs').set({ state: 'running' }).where('unique_key', '=', 'recompute:g1').where('tenant_id', '=', s.tenant).execute();
    expect(await stores.enqueue(job)).toBe(true);
  });
});
