import { CompiledQuery, sql, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
import {
  type ActionType,
  type ComplianceState,
  type Device,
  type DeviceCountScope,
  type DeviceFacts,
  type DeviceId,
  type DeviceSort,
  type DeviceStore,
  type GroupId,
  type ManagementState,
  type Ownership,
  type Page,
  type Platform,
  type TenantId,
  type UserId,
} from '@ward/core';
import type { Dialect } from '../database/dialect.js';
import { prepareQuery } from '../database/prepared-query.js';
import type { DevicesTable, TimestampColumn } from '../database/schema.js';
import { lastSeenSentinel, lastSeenSentinelValue } from '../database/sort-sentinels.js';
import { insertRows, rowsPerStatement } from './bulk-rows.js';
import { dropMemberships } from './drop-memberships.js';
import { afterPosition, checkLimit, cursorValue, readCursor, toPage, type KeysetSort } from './keyset.js';
import { osVersionKey } from './os-version-key.js';
import { planDeviceList } from './device-list-plan.js';
import { chunks, type StoreContext } from './store-context.js';

const dayMs = 86_400_000;

/** Separates the fields of `search_text`, so that a search never matches across two of them. */
const fieldSeparator = '\u001f';

/** The lower-cased text a device search matches: name, serial number and model. */
export function deviceSearchText(device: Pick<Device, 'name' | 'serialNumber' | 'model'>): string {
  return [device.name, device.serialNumber ?? '', device.model ?? ''].map((f) => f.toLowerCase().replaceAll(fieldSeparator, ' ')).join(fieldSeparator);
}

/**
 * SQLite's multi-row insert of devices, each given the next `search_id` (the key of its row in the
 * FTS5 search table, which the insert trigger fills) in the order given. One statement reads the
 * largest id once and numbers its rows on from it, so it is as safe under SQLite's single writer
 * as `insertDevice`'s max + 1, without a lookup per row. The ordinals are literals from this
 * function, never input.
 */
function insertWithSearchIds(names: readonly string[], rows: readonly (readonly unknown[])[]): CompiledQuery {
  const params: unknown[] = [];
  const values = rows.map((row, i) => `(${row.map((value) => (params.push(value), '?')).join(', ')}, ${i + 1})`).join(', ');
  const picked = names.map((_, i) => `column${i + 1}`).join(', ');
  return CompiledQuery.raw(
    `insert into devices (${names.join(', ')}, search_id) select ${picked}, (select coalesce(max(search_id), 0) from devices) + column${names.length + 1} from (values ${values})`,
    params,
  );
}

type DeviceSortSpec = KeysetSort & { readonly raw: (row: Selectable<DevicesTable>) => unknown };

function deviceSorts(dialect: Dialect): Record<DeviceSort, DeviceSortSpec> {
  const id = sql.ref('d.id');
  return {
    name: { name: 'name', key: sql.ref('d.name_key'), id, type: 'text', raw: (r) => r.name_key },
    lastSeenAt: { name: 'lastSeenAt', key: sql.ref('d.last_seen_key'), id, type: 'time', sentinel: lastSeenSentinel(dialect), raw: (r) => r.last_seen_at },
    enrolledAt: { name: 'enrolledAt', key: sql.ref('d.enrolled_at'), id, type: 'time', raw: (r) => r.enrolled_at },
    osVersion: { name: 'osVersion', key: sql.ref('d.os_version_key'), id, type: 'text', raw: (r) => r.os_version_key },
    platform: { name: 'platform', key: sql.ref('d.platform'), id, type: 'text', raw: (r) => r.platform },
  };
}

/**
 * {@link DeviceStore} over `devices`. Every sort has an index that ends in id, so a page (first or
 * deep) is an index range scan, unless a selective filter finds fewer rows to sort (see
 * `planDeviceList`). Derived columns (`name_key`, `os_version_key`, `search_text`) are written
 * with the device, so reads never compute them.
 */
export function createDeviceStore(ctx: StoreContext): DeviceStore {
  const { db, codec, dialect } = ctx;
  const sorts = deviceSorts(dialect);

  const toDevice = (row: Selectable<DevicesTable>): Device => ({
    id: row.id as DeviceId,
    tenantId: row.tenant_id as TenantId,
    name: row.name,
    platform: row.platform as Platform,
    ownership: row.ownership as Ownership,
    managementState: row.management_state as ManagementState,
    complianceState: row.compliance_state as ComplianceState,
    serialNumber: row.serial_number,
    model: row.model,
    manufacturer: row.manufacturer,
    osVersion: row.os_version,
    primaryUserId: row.primary_user_id as UserId | null,
    facts: codec.readJson(row.facts) as DeviceFacts,
    inventory: codec.readJson(row.inventory) as Record<string, unknown>,
    enrolledAt: codec.readTime(row.enrolled_at),
    lastSeenAt: codec.readTimeOrNull(row.last_seen_at),
    createdAt: codec.readTime(row.created_at),
    updatedAt: codec.readTime(row.updated_at),
  });

  const columns = (device: Device) => ({
    name: device.name,
    name_key: device.name.toLowerCase(),
    platform: device.platform,
    ownership: device.ownership,
    management_state: device.managementState,
    compliance_state: device.complianceState,
    serial_number: device.serialNumber,
    model: device.model,
    manufacturer: device.manufacturer,
    os_version: device.osVersion,
    os_version_key: osVersionKey(device.osVersion),
    primary_user_id: device.primaryUserId,
    search_text: deviceSearchText(device),
    enrolled_at: codec.time(device.enrolledAt),
    last_seen_at: codec.timeOrNull(device.lastSeenAt),
    last_seen_key: device.lastSeenAt === null ? lastSeenSentinelValue(dialect) : codec.time(device.lastSeenAt),
    created_at: codec.time(device.createdAt),
    updated_at: codec.time(device.updatedAt),
    facts: codec.json(device.facts),
    inventory: codec.json(device.inventory),
  });

  /** In one of the groups directly, or through the primary user. */
  const inGroups = (groupIds: readonly GroupId[]): RawBuilder<SqlBool> => {
    const ids = sql.join(groupIds);
    return sql<SqlBool>`(exists (select 1 from group_members gm where gm.tenant_id = d.tenant_id and gm.group_id in (${ids}) and gm.member_type = 'device' and gm.member_id = d.id)
      or exists (select 1 from group_members gm where gm.tenant_id = d.tenant_id and gm.group_id in (${ids}) and gm.member_type = 'user' and gm.member_id = d.primary_user_id))`;
  };

  /**
   * Which devices a fleet count covers, as a condition on the devices' (or the commands') tenant
   * and device id. Scoped, the devices in any of the groups, directly or through their primary
   * user, as one set of keys found from the group members: the count looks the scope's devices up
   * instead of probing the groups for every device of the fleet (at 100,000 devices, 0.8 s on
   * PostgreSQL before, 15 ms so). Never `tenant_id = ?` beside the set: SQLite would then walk a
   * report index over the whole tenant and probe the set for each row.
   */
  const countedDevices = (tenant: 'd.tenant_id' | 'c.tenant_id', id: 'd.id' | 'c.device_id', tenantId: TenantId, scope: DeviceCountScope): RawBuilder<SqlBool> => {
    if (scope.withinGroups === undefined) return sql<SqlBool>`${sql.ref(tenant)} = ${tenantId}`;
    const ids = sql.join(scope.withinGroups);
    const members = (type: 'device' | 'user') => sql`(select gm.member_id from group_members gm where gm.tenant_id = ${tenantId} and gm.group_id in (${ids}) and gm.member_type = ${type})`;
    if (dialect === 'sqlite' && tenant === 'd.tenant_id') {
      // By rowid: the one form SQLite always drives from the set, rather than walking a report
      // index over the tenant. UNION ALL: IN ignores repeats, and a UNION would sort both sides.
      return sql<SqlBool>`d.rowid in (select dm.rowid from devices dm where dm.tenant_id = ${tenantId} and dm.id in ${members('device')}
        union all select du.rowid from devices du where du.tenant_id = ${tenantId} and du.primary_user_id in ${members('user')})`;
    }
    return sql<SqlBool>`(${sql.ref(tenant)}, ${sql.ref(id)}) in (select du.tenant_id, du.id from devices du where du.tenant_id = ${tenantId} and du.id in ${members('device')}
      union all select du.tenant_id, du.id from devices du where du.tenant_id = ${tenantId} and du.primary_user_id in ${members('user')})`;
  };

  // Every check-in runs these: compiled once (see prepareQuery).
  const byId = prepareQuery(db, ['tenantId', 'id'], (p: { tenantId: string; id: string }) => db.selectFrom('devices').selectAll().where('tenant_id', '=', p.tenantId).where('id', '=', p.id));
  // Only the columns that change, so only the last-seen index is rewritten, not every index of the row.
  const touch = prepareQuery(db, ['tenantId', 'id', 'at'], (p: { tenantId: string; id: string; at: TimestampColumn }) =>
    db.updateTable('devices').set({ last_seen_at: p.at, last_seen_key: p.at }).where('tenant_id', '=', p.tenantId).where('id', '=', p.id),
  );

  return {
    async getDevice(tenantId, id) {
      const [row] = await byId.execute(db, { tenantId, id });
      return row && toDevice(row);
    },

    async getDevices(tenantId, ids) {
      const devices: Device[] = [];
      for (const part of chunks([...new Set(ids)])) {
        const rows = await db.selectFrom('devices').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', part).execute();
        devices.push(...rows.map(toDevice));
      }
      return devices;
    },

    async insertDevice(device) {
      // SQLite's single writer makes max + 1 safe within the statement.
      const searchId = dialect === 'sqlite' ? { search_id: sql<number>`(select coalesce(max(search_id), 0) + 1 from devices)` } : {};
      await db
        .insertInto('devices')
        .values({ tenant_id: device.tenantId, id: device.id, ...columns(device), ...searchId })
        .execute();
    },

    async insertDevices(devices) {
      const [first] = devices;
      if (first === undefined) return;
      const names = ['tenant_id', 'id', ...Object.keys(columns(first))];
      const rows = devices.map((d) => [d.tenantId, d.id, ...Object.values(columns(d))]);
      // A few hundred rows a statement: past that the statement's size grows without saving time.
      const perStatement = Math.min(500, rowsPerStatement(dialect, names.length));
      await ctx.atomically(async (t) => {
        for (let i = 0; i < rows.length; i += perStatement) {
          const part = rows.slice(i, i + perStatement);
          await t.db.executeQuery(dialect === 'sqlite' ? insertWithSearchIds(names, part) : insertRows(dialect, 'devices', names, part, ''));
        }
      });
    },

    async updateDevice(device) {
      await db.updateTable('devices').set(columns(device)).where('tenant_id', '=', device.tenantId).where('id', '=', device.id).execute();
    },

    async touchDevice(tenantId, id, lastSeenAt) {
      await touch.executeChange(db, { tenantId, id, at: codec.time(lastSeenAt) });
    },

    async deleteDevice(tenantId, id) {
      await ctx.atomically(async (t) => {
        await dropMemberships(t, tenantId, 'device', id);
        // What belongs to the record goes with it (the foreign keys cascade too; deleting here
        // keeps that from depending on SQLite's foreign_keys pragma). The action history goes as
        // well: only this device's record reaches it, and the audit trail keeps who asked for
        // what and how it ended.
        for (const table of ['device_software', 'device_hardware_ids', 'device_commands', 'command_history'] as const) {
          await t.db.deleteFrom(table).where('tenant_id', '=', tenantId).where('device_id', '=', id).execute();
        }
        // Its certificates are revoked, not deleted: the CRL lists them until they expire. A
        // superseded one still authenticates until it expires, so it is revoked too.
        await t.db
          .updateTable('device_identities')
          .set({ state: 'revoked', revoked_at: t.codec.time(t.clock.now()) })
          .where('tenant_id', '=', tenantId)
          .where('device_id', '=', id)
          .where('state', 'in', ['active', 'superseded'])
          .execute();
        await t.db.deleteFrom('devices').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
      });
    },

    async listDevices(tenantId, filter, page): Promise<Page<Device>> {
      const limit = checkLimit(page.limit);
      const sort = sorts[page.sort];
      const position = readCursor(page.cursor, sort, page.order);
      const empty = (list: readonly unknown[] | undefined): boolean => list?.length === 0;
      // An empty list of allowed values admits nothing (an admin scoped to no group sees no device).
      if (empty(filter.withinGroups) || empty(filter.platform) || empty(filter.complianceState)) return { items: [], nextCursor: null };

      const plan = await planDeviceList(ctx, tenantId, filter, { sort: page.sort, order: page.order, resuming: position !== undefined });
      // Found through a filter: the sort key must not tempt the planner back to the sort index.
      const ordered: KeysetSort = plan.sortFound ? { ...sort, key: sql`+${sort.key}`, id: sql`+${sort.id}` } : sort;
      let query = db.selectFrom('devices as d').selectAll('d').where('d.tenant_id', '=', tenantId);
      // The keyset bound goes first: of several bounds on the sort key SQLite takes the first for
      // its index range, and the cursor's is the tightest.
      if (position !== undefined) query = query.where(afterPosition(ordered, page.order, position, codec));
      for (const condition of plan.where) query = query.where(condition);
      const rows = await query.orderBy(ordered.key, page.order).orderBy(ordered.id, page.order).limit(limit + 1).execute();
      return toPage(rows, limit, page.sort, page.order, (row) => ({ value: cursorValue(sort, sort.raw(row), codec), id: row.id }), toDevice);
    },

    async deviceIdsOfUser(tenantId, userId) {
      const rows = await db.selectFrom('devices').select('id').where('tenant_id', '=', tenantId).where('primary_user_id', '=', userId).orderBy('id').execute();
      return rows.map((r) => r.id as DeviceId);
    },

    async countDevicesByState(tenantId, scope) {
      if (scope.withinGroups?.length === 0) return [];
      const query = db
        .selectFrom('devices as d')
        .select(['d.platform', 'd.compliance_state', 'd.ownership', 'd.management_state', (eb) => eb.fn.countAll<number>().as('n')])
        .where(countedDevices('d.tenant_id', 'd.id', tenantId, scope));
      const rows = await query
        .groupBy(['d.platform', 'd.compliance_state', 'd.ownership', 'd.management_state'])
        .orderBy('d.platform')
        .orderBy('d.compliance_state')
        .orderBy('d.ownership')
        .orderBy('d.management_state')
        .execute();
      return rows.map((r) => ({
        platform: r.platform as Platform,
        complianceState: r.compliance_state as ComplianceState,
        ownership: r.ownership as Ownership,
        managementState: r.management_state as ManagementState,
        count: r.n,
      }));
    },

    async countDevicesByOsVersion(tenantId, scope, perPlatform) {
      if (scope.withinGroups?.length === 0 || perPlatform < 1) return [];
      // Ranked inside each platform by a window over the grouped counts: both databases answer the
      // top versions of every platform in one statement, without reading the long tail back.
      const grouped = db
        .selectFrom('devices as d')
        .select([
          'd.platform',
          'd.os_version',
          (eb) => eb.fn.countAll<number>().as('n'),
          sql<number>`row_number() over (partition by d.platform order by count(*) desc, max(d.os_version_key) desc, coalesce(d.os_version, '') desc)`.as('rank'),
        ])
        .where(countedDevices('d.tenant_id', 'd.id', tenantId, scope))
        .where('d.management_state', '<>', 'retired');
      const rows = await db
        .selectFrom(grouped.groupBy(['d.platform', 'd.os_version']).as('g'))
        .select(['g.platform', 'g.os_version', 'g.n'])
        .where('g.rank', '<=', perPlatform)
        .orderBy('g.platform')
        .orderBy('g.rank')
        .execute();
      return rows.map((r) => ({ platform: r.platform as Platform, osVersion: r.os_version, count: r.n }));
    },

    async countEnrollmentsByDay(tenantId, scope: DeviceCountScope, since) {
      if (scope.withinGroups?.length === 0) return [];
      // Grouped by the cheapest day key of each dialect (SQLite stores integer milliseconds) and
      // formatted once per group: formatting every row's date cost more than reading the index.
      const day = dialect === 'postgres' ? sql`date_trunc('day', d.enrolled_at at time zone 'UTC')` : sql`(d.enrolled_at / ${sql.lit(dayMs)})`;
      const label = dialect === 'postgres' ? sql<string>`to_char(${day}, 'YYYY-MM-DD')` : sql<string>`strftime('%Y-%m-%d', ${day} * 86400, 'unixepoch')`;
      // The enrolled-at index finds the period; the rest of the fleet is not read.
      const query = db
        .selectFrom('devices as d')
        .select([label.as('day'), (eb) => eb.fn.countAll<number>().as('n')])
        .where(countedDevices('d.tenant_id', 'd.id', tenantId, scope))
        .where('d.enrolled_at', '>=', codec.time(since));
      const rows = await query.groupBy(day).orderBy(day).execute();
      return rows.map((r) => ({ day: r.day, count: r.n }));
    },

    async countPendingActionsByType(tenantId, scope, now) {
      if (scope.withinGroups?.length === 0) return [];
      const query = db
        .selectFrom('device_commands as c')
        .select(['c.type', (eb) => eb.fn.countAll<number>().as('n')])
        .where(countedDevices('c.tenant_id', 'c.device_id', tenantId, scope))
        .where('c.expires_at', '>', codec.time(now));
      const rows = await query.groupBy('c.type').orderBy('c.type').execute();
      return rows.map((r) => ({ type: r.type as ActionType, count: r.n }));
    },

    async isDeviceWithinGroups(tenantId, id, groupIds) {
      if (groupIds.length === 0) return false;
      const row = await db
        .selectFrom('devices as d')
        .select('d.id')
        .where('d.tenant_id', '=', tenantId)
        .where('d.id', '=', id)
        .where(inGroups(groupIds))
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
