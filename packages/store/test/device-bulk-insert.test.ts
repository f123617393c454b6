import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Device, DeviceId, TenantId } from '@ward/core';
import { at, makeDevice } from './support/fixtures.js';
import { useStoreSuite } from './support/store-suite.js';
import { testDialects } from './support/test-database.js';

/** More rows than one statement takes, so the chunking and each chunk's numbering are exercised. */
const fleetSize = 1_234;

function bulkFleet(tenant: TenantId, prefix: string): Device[] {
  return Array.from({ length: fleetSize }, (_, i) =>
    makeDevice(tenant, `${prefix}-${String(i).padStart(5, '0')}`, {
      name: `${prefix.toUpperCase()} Laptop ${i}`,
      serialNumber: i % 2 === 0 ? `SER-${prefix}-${i}-Z` : null,
      model: i % 3 === 0 ? `Model ${i % 7} “quoted” 'x' \u001f sep` : null,
      osVersion: i % 5 === 0 ? null : `14.${i % 4}`,
      platform: i % 2 === 0 ? 'macos' : 'windows',
      enrolledAt: at(i * 1000),
      lastSeenAt: i % 4 === 0 ? null : at(i * 2000),
      facts: { osVersion: `14.${i % 4}`, encrypted: i % 2 === 0 },
      inventory: { nested: { list: [i, null, true, 'ü ☃'] } },
    }),
  );
}

describe.each(testDialects)('bulk device insert on %s', (dialect) => {
  const s = useStoreSuite(dialect);

  it('stores every device exactly as insertDevice does', async () => {
    const { stores } = s.set;
    const devices = bulkFleet(s.tenant, 'rt');
    await stores.insertDevices(devices);
    const back = await stores.getDevices(s.tenant, devices.map((d) => d.id));
    expect(new Map(back.map((d) => [d.id, d]))).toEqual(new Map(devices.map((d) => [d.id, d])));
    expect(await stores.getDevices(s.other, devices.map((d) => d.id))).toEqual([]);
  });

  it('makes bulk-inserted devices searchable at once, beside ones inserted singly', async () => {
    const { stores } = s.set;
    const single = makeDevice(s.tenant, 'single-1', { name: 'Zebra-unique-single' });
    await stores.insertDevice(single);
    const devices = bulkFleet(s.tenant, 'srch');
    await stores.insertDevices(devices);
    const after = makeDevice(s.tenant, 'single-2', { name: 'Zebra-unique-after' });
    await stores.insertDevice(after);

    const search = async (q: string) => {
      const ids: DeviceId[] = [];
      let cursor: string | undefined;
      do {
        const page = await stores.listDevices(s.tenant, { q }, { limit: 200, sort: 'name', order: 'asc', ...(cursor === undefined ? {} : { cursor }) });
        ids.push(...page.items.map((d) => d.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      return ids.sort();
    };
    // A rare term (the trigram index drives the search on SQLite) on each field, first, middle
    // and last row of the call, and a term every bulk row matches.
    expect(await search('srch laptop 0')).toEqual(['srch-00000']);
    expect(await search('SER-srch-616-z')).toEqual(['srch-00616']);
    expect(await search('srch laptop 1233')).toEqual(['srch-01233']);
    const quoted = [...bulkFleet(s.tenant, 'rt'), ...devices].filter((d) => d.model !== null).map((d) => d.id);
    expect(await search('“quoted”')).toEqual(quoted.sort());
    expect(await search('srch laptop')).toEqual(devices.map((d) => d.id).sort());
    expect(await search('zebra-unique')).toEqual(['single-1', 'single-2']);
    expect(await search('srch laptop')).not.toContain('single-2');
  });

  it('keeps the search index right when bulk-inserted devices are renamed and deleted', async () => {
    const { stores } = s.set;
    const devices = bulkFleet(s.tenant, 'upd').slice(0, 40);
    await stores.insertDevices(devices);
    const renamed = { ...devices[7]!, name: 'Quokka renamed', updatedAt: at(99_000) };
    await stores.updateDevice(renamed);
    await stores.deleteDevice(s.tenant, devices[8]!.id);
    const found = async (q: string) => (await stores.listDevices(s.tenant, { q }, { limit: 50, sort: 'name', order: 'asc' })).items.map((d) => d.id);
    expect(await found('quokka')).toEqual([renamed.id]);
    expect(await found('upd laptop 7')).toEqual([]);
    expect(await found('upd laptop 8')).toEqual([]);
    expect(await found('upd laptop 9')).toEqual([devices[9]!.id]);
  });

  it('inserts nothing for an empty list, and all or nothing when one device is a duplicate', async () => {
    const { stores } = s.set;
    await stores.insertDevices([]);
    const devices = bulkFleet(s.tenant, 'dup').slice(0, 700);
    const clash = makeDevice(s.tenant, 'dup-clash', { name: 'Clash' });
    await stores.insertDevice(clash);
    // The duplicate sits in the second statement: the first statement's rows must go too.
    await expect(stores.insertDevices([...devices.slice(0, 650), clash, ...devices.slice(650)])).rejects.toThrow();
    expect(await stores.getDevices(s.tenant, devices.map((d) => d.id))).toEqual([]);
    expect((await stores.listDevices(s.tenant, { q: 'dup laptop' }, { limit: 10, sort: 'name', order: 'asc' })).items).toEqual([]);
  });

  it.runIf(dialect === 'sqlite')('numbers search ids on from the largest, without gaps or repeats', async () => {
    const { stores } = s.set;
    const db = s.t.database.db;
    const before = await sql<{ m: number }>`select max(search_id) as m from devices`.execute(db);
    const devices = bulkFleet(s.tenant, 'num').slice(0, 600);
    await stores.insertDevices(devices);
    const rows = await sql<{ id: string; search_id: number }>`select id, search_id from devices where id like 'num-%' order by search_id`.execute(db);
    const start = before.rows[0]!.m;
    expect(rows.rows.map((r) => r.search_id)).toEqual(devices.map((_, i) => start + i + 1));
    expect(rows.rows.map((r) => r.id)).toEqual(devices.map((d) => d.id));
  });
});
