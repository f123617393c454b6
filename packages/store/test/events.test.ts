import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { fail, type DomainEvent, type TenantId } from '@ward/core';
import { createEventBus, createStores, eventChannelOf } from '../src/index.js';
import { makeTenant } from './support/fixtures.js';
import { nodeDigests, openTestDatabase, randomIds } from './support/test-database.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(10);
  }
}

describe('event channel names', () => {
  it('names the channel after a plain schema', () => {
    expect(eventChannelOf('public')).toBe('ward_events_public');
    expect(eventChannelOf('ward_prod_2')).toBe('ward_events_ward_prod_2');
  });

  it('keeps every name a distinct identifier of at most 63 bytes, whatever the schema is called', () => {
    const schemas = ['Ward', 'ward', 'a-b', 'a_b', 'a b', 'ümlaut', 'umlaut', '日本', '"quoted"', '', 'x'.repeat(51), 'x'.repeat(52), `${'y'.repeat(62)}1`, `${'y'.repeat(62)}2`, 'ü'.repeat(63)];
    const names = schemas.map(eventChannelOf);
    for (const name of names) {
      expect(Buffer.byteLength(name)).toBeLessThanOrEqual(63);
      expect(name).toMatch(/^ward_events_[a-z0-9_]*$/);
    }
    expect(new Set(names).size).toBe(schemas.length);
    expect(eventChannelOf('x'.repeat(51))).toBe(`ward_events_${'x'.repeat(51)}`);
    expect(eventChannelOf('Ward')).toMatch(/^ward_events_ward_[0-9a-f]{12}$/);
  });
});

// Other processes exist only on PostgreSQL; two instances with separate pools and listeners stand
// in for two server processes.
describe('events across instances on postgres', () => {
  const tenant = 'tenant-a' as TenantId;
  const event = (subject: string): DomainEvent => ({ type: 'device.changed', tenantId: tenant, subject, data: { reason: 'facts' } });

  it('delivers committed events to the other instance, once, and never rolled-back ones', async () => {
    const t = await openTestDatabase('postgres');
    try {
      const other = await t.openAnother();
      const a = createStores(t.database, { digests: nodeDigests, ids: randomIds });
      const b = createStores(other, { digests: nodeDigests, ids: randomIds });
      await a.stores.insertTenant(makeTenant(tenant));
      const seenByB: DomainEvent[] = [];
      const seenByA: DomainEvent[] = [];
      b.events.subscribe('*', (e) => seenByB.push(e));
      a.events.subscribe('*', (e) => seenByA.push(e));
      await Promise.all([a.events.ready(), b.events.ready()]);

      await a.tx.transaction(async (st) => {
        st.publish(event('committed'));
        st.publish(event('committed 2'));
        st.publish(event('committed 3'));
        await sleep(150);
        // NOTIFY is held back until commit.
        expect(seenByB).toEqual([]);
      });
      await until(() => seenByB.length === 3);
      expect(seenByB).toEqual([event('committed'), event('committed 2'), event('committed 3')]);

      await a.tx.transaction((st) => {
        st.publish(event('rolled back'));
        return Promise.resolve(fail('NO', 'no'));
      });
      a.stores.publish(event('outside'));
      await until(() => seenByB.length === 4);
      await sleep(150);
      expect(seenByB.map((e) => e.subject)).toEqual(['committed', 'committed 2', 'committed 3', 'outside']);
      // The publisher's own subscribers got each event once: locally, not again over the channel.
      expect(seenByA.map((e) => e.subject)).toEqual(['committed', 'committed 2', 'committed 3', 'outside']);
    } finally {
      await t.dispose();
    }
  });

  it('keeps events within their schema: a Ward in another schema of the same database hears none', async () => {
    const here = await openTestDatabase('postgres');
    const elsewhere = await openTestDatabase('postgres');
    try {
      const a = createStores(here.database, { digests: nodeDigests, ids: randomIds });
      const neighbour = createStores(elsewhere.database, { digests: nodeDigests, ids: randomIds });
      const sameSchema = createEventBus(await here.openAnother());
      const seenSame: string[] = [];
      const seenElsewhere: string[] = [];
      sameSchema.subscribe('*', (e) => seenSame.push(e.subject));
      neighbour.events.subscribe('*', (e) => seenElsewhere.push(e.subject));
      await Promise.all([sameSchema.ready(), neighbour.events.ready()]);

      await a.stores.insertTenant(makeTenant(tenant));
      await a.tx.transaction((st) => {
        st.publish(event('in a transaction'));
        return Promise.resolve();
      });
      a.stores.publish(event('outside'));
      await until(() => seenSame.length === 2);
      await sleep(200);
      expect(seenSame).toEqual(['in a transaction', 'outside']);
      expect(seenElsewhere).toEqual([]);

      const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(here.database.db)).rows[0]?.s ?? '';
      expect(await a.events.channel()).toBe(`ward_events_${schema}`);
      expect(await sameSchema.channel()).toBe(`ward_events_${schema}`);
      expect(await neighbour.events.channel()).not.toBe(`ward_events_${schema}`);
    } finally {
      await here.dispose();
      await elsewhere.dispose();
    }
  });

  it('listens again after the connection drops', async () => {
    const t = await openTestDatabase('postgres');
    try {
      const other = await t.openAnother();
      const a = createStores(t.database, { digests: nodeDigests, ids: randomIds });
      const errors: unknown[] = [];
      const busB = createEventBus(other, { onError: (e) => errors.push(e) });
      const seen: string[] = [];
      busB.subscribe('device.changed', (e) => seen.push(e.subject));
      await busB.ready();
      busB.simulateListenerDrop();
      await busB.ready();
      a.stores.publish(event('after reconnect'));
      await until(() => seen.length === 1);
      expect(seen).toEqual(['after reconnect']);
      expect(errors).toHaveLength(1);
    } finally {
      await t.dispose();
    }
  });
});
