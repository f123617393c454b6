import { sql, type SqlBool } from 'kysely';
import { WardError, type DeviceId, type InstalledAppDevice, type InstalledAppInventory, type InstalledAppSummary, type Platform } from '@ward/core';
import { checkLimit, readCursor, toPage, type KeysetSort } from './keyset.js';
import { containsPattern } from './like-pattern.js';
import type { StoreContext } from './store-context.js';
import { readVersionSourceCursor, versionSourceId } from './version-source-cursor.js';

/** Summaries go by lower-cased name, then version: the order of the (tenant, name_key, version, device_id) index. */
const summarySort: KeysetSort = { name: 'installedApps', key: sql.ref('name_key'), id: sql.ref('version'), type: 'text' };
/** A name's devices go by device id, then version and source (the rows of one device). */
const deviceSort: KeysetSort = { name: 'installedAppDevices', key: sql.ref('s.device_id'), id: sql.ref('s.version'), type: 'text' };

/**
 * {@link InstalledAppInventory} over `device_software`, the lists corporate devices report. The
 * search groups by lower-cased name and version, the leading columns of its name index, so a page
 * reads the index in order and stops after a page of groups; the name shown is the first spelling
 * devices used.
 */
export function createAppInventoryStore(ctx: StoreContext): InstalledAppInventory {
  const { db } = ctx;
  return {
    async searchInstalledApps(tenantId, filter, page) {
      const limit = checkLimit(page.limit);
      const position = readCursor(page.cursor, summarySort, 'asc');
      let query = db
        .selectFrom('device_software')
        .select(['name_key', 'version', (eb) => eb.fn.min<string>('name').as('name'), sql<number>`count(distinct device_id)`.as('devices')])
        .where('tenant_id', '=', tenantId);
      if (position !== undefined) {
        if (typeof position.value !== 'string') throw new WardError('INVALID_CURSOR', 'The cursor does not fit this list; start again from the first page.');
        query = query.where(sql<SqlBool>`(name_key, version) > (${position.value}, ${position.id})`);
      }
      if (filter.q !== undefined && filter.q !== '') query = query.where(sql<SqlBool>`name_key like ${containsPattern(filter.q)} escape '\\'`);
      if (filter.version !== undefined) query = query.where('version', '=', filter.version);
      const rows = await query.groupBy(['name_key', 'version']).orderBy('name_key').orderBy('version').limit(limit + 1).execute();
      return toPage(rows, limit, summarySort.name, 'asc', (r) => ({ value: r.name_key, id: r.version }), (r): InstalledAppSummary => ({ name: r.name, version: r.version, deviceCount: r.devices }));
    },

    async listInstalledAppDevices(tenantId, app, page) {
      const limit = checkLimit(page.limit);
      const after = readVersionSourceCursor(page.cursor, deviceSort);
      let query = db
        .selectFrom('device_software as s')
        .innerJoin('devices as d', (j) => j.onRef('d.tenant_id', '=', 's.tenant_id').onRef('d.id', '=', 's.device_id'))
        .select(['s.device_id', 's.version', 's.source', 'd.name as device_name', 'd.platform'])
        .where('s.tenant_id', '=', tenantId)
        .where('s.name_key', '=', app.name.toLowerCase());
      if (app.version !== undefined) query = query.where('s.version', '=', app.version);
      if (after !== undefined) query = query.where(sql<SqlBool>`(s.device_id, s.version, s.source) > (${after.value}, ${after.version}, ${after.source})`);
      const rows = await query.orderBy('s.device_id').orderBy('s.version').orderBy('s.source').limit(limit + 1).execute();
      return toPage(
        rows,
        limit,
        deviceSort.name,
        'asc',
        (r) => ({ value: r.device_id, id: versionSourceId(r) }),
        (r): InstalledAppDevice => ({ deviceId: r.device_id as DeviceId, deviceName: r.device_name, platform: r.platform as Platform, version: r.version, source: r.source }),
      );
    },
  };
}
