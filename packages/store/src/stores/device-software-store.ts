import { sql } from 'kysely';
import type { DeviceSoftwareStore, InstalledSoftware } from '@ward/core';
import { checkLimit, toPage, type KeysetSort } from './keyset.js';
import { containsPattern } from './like-pattern.js';
import { chunks, type StoreContext } from './store-context.js';
import { readVersionSourceCursor, versionSourceId } from './version-source-cursor.js';

/**
 * The software list's one order: name case-insensitively, then the exact name, version and source
 * (the primary key, so the order is total). A cursor carries the name as its value and
 * `[version, source]` as its id; the name key is derived from the name as it is on write.
 */
const softwareSort: KeysetSort = { name: 'name', key: sql.ref('name_key'), id: sql.ref('name'), type: 'text' };

const identity = (e: InstalledSoftware): string => JSON.stringify([e.name, e.version, e.source]);

/**
 * {@link DeviceSoftwareStore} over `device_software`. A report replaces the list by difference:
 * only entries that appeared or went away are written, so a device reporting 20,000 packages after
 * one upgrade writes two rows, not 40,000. Exact duplicates in a report count once.
 */
export function createDeviceSoftwareStore(ctx: StoreContext): DeviceSoftwareStore {
  const { db } = ctx;
  return {
    async replaceDeviceSoftware(tenantId, deviceId, software) {
      await ctx.atomically(async (t) => {
        // Two reports of one device at once must not interleave their differences: lock the
        // device row (PostgreSQL; SQLite's immediate transaction already holds the write lock).
        // A device that no longer exists has no list to replace.
        let device = t.db.selectFrom('devices').select('id').where('tenant_id', '=', tenantId).where('id', '=', deviceId);
        if (t.dialect === 'postgres') device = device.forNoKeyUpdate();
        if ((await device.executeTakeFirst()) === undefined) return;

        const stored = await t.db.selectFrom('device_software').select(['name', 'version', 'source']).where('tenant_id', '=', tenantId).where('device_id', '=', deviceId).execute();
        const wanted = new Map(software.map((e) => [identity(e), { name: e.name, version: e.version, source: e.source }]));
        const have = new Set(stored.map(identity));
        const removed = stored.filter((e) => !wanted.has(identity(e)));
        const added = [...wanted.values()].filter((e) => !have.has(identity(e)));

        for (const part of chunks(removed, 300)) {
          const rows = sql.join(part.map((e) => sql`(${e.name}, ${e.version}, ${e.source})`));
          await t.db
            .deleteFrom('device_software')
            .where('tenant_id', '=', tenantId)
            .where('device_id', '=', deviceId)
            .where(sql<boolean>`(name, version, source) in (values ${rows})`)
            .execute();
        }
        for (const part of chunks(added, 500)) {
          await t.db
            .insertInto('device_software')
            .values(part.map((e) => ({ tenant_id: tenantId, device_id: deviceId, name: e.name, name_key: e.name.toLowerCase(), version: e.version, source: e.source })))
            .execute();
        }
      });
    },

    async listDeviceSoftware(tenantId, deviceId, page) {
      const limit = checkLimit(page.limit);
      const after = readVersionSourceCursor(page.cursor, softwareSort);
      let query = db.selectFrom('device_software').select(['name', 'version', 'source']).where('tenant_id', '=', tenantId).where('device_id', '=', deviceId);
      if (after !== undefined) query = query.where(sql<boolean>`(name_key, name, version, source) > (${after.value.toLowerCase()}, ${after.value}, ${after.version}, ${after.source})`);
      if (page.q !== undefined && page.q !== '') query = query.where(sql<boolean>`name_key like ${containsPattern(page.q)} escape '\\'`);
      const rows = await query.orderBy('name_key').orderBy('name').orderBy('version').orderBy('source').limit(limit + 1).execute();
      return toPage(rows, limit, softwareSort.name, 'asc', (r) => ({ value: r.name, id: versionSourceId(r) }), (r): InstalledSoftware => ({ name: r.name, version: r.version, source: r.source }));
    },
  };
}

