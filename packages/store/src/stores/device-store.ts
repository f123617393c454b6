import { sql, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
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
import { dropMemberships } from './drop-memberships.js';
import { afterPosition, checkLimit, cursorValue, readCursor, toPage, type KeysetSort } from './keyset.js';
import { osVersionKey } from './os-version-key.js';
import { planDeviceList } from './device-list-plan.js';
import { chunks, type StoreContext } from './store-context.js';

/** Separates the fields of `search_text`, so that a search never matches across two of them. */
const fieldSeparator = '\u001f';

/** The lower-cased text a device search matches: name, serial number and model. */
export function deviceSearchText(device: Pick<Device, 'name' | 'serialNumber' | 'model'>): string {
  return [device.name, device.serialNumber ?? '', device.model ?? ''].map((f) => f.toLowerCase().replaceAll(fieldSeparator, ' ')).join(fieldSeparator);
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
      let query = db
        .selectFrom('devices as d')
        .select(['d.platform', 'd.compliance_state', 'd.ownership', 'd.management_state', (eb) => eb.fn.countAll<number>().as('n')])
        .where('d.tenant_id', '=', tenantId);
      if (scope.withinGroups !== undefined) query = query.where(inGroups(scope.withinGroups));
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
      let grouped = db
        .selectFrom('devices as d')
        .select([
          'd.platform',
          'd.os_version',
          (eb) => eb.fn.countAll<number>().as('n'),
          sql<number>`row_number() over (partition by d.platform order by count(*) desc, max(d.os_version_key) desc, coalesce(d.os_version, '') desc)`.as('rank'),
        ])
        .where('d.tenant_id', '=', tenantId)
        .where('d.management_state', '<>', 'retired');
      if (scope.withinGroups !== undefined) grouped = grouped.where(inGroups(scope.withinGroups));
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
      const day = dialect === 'postgres' ? sql<string>`to_char(d.enrolled_at at time zone 'UTC', 'YYYY-MM-DD')` : sql<string>`strftime('%Y-%m-%d', d.enrolled_at / 1000, 'unixepoch')`;
      // The enrolled-at index finds the period; the rest of the fleet is not read.
      let query = db
        .selectFrom('devices as d')
        .select([day.as('day'), (eb) => eb.fn.countAll<number>().as('n')])
        .where('d.tenant_id', '=', tenantId)
        .where('d.enrolled_at', '>=', codec.time(since));
      if (scope.withinGroups !== undefined) query = query.where(inGroups(scope.withinGroups));
      const rows = await query.groupBy(day).orderBy(day).execute();
      return rows.map((r) => ({ day: r.day, count: r.n }));
    },

    async countPendingActionsByType(tenantId, scope, now) {
      if (scope.withinGroups?.length === 0) return [];
      let query = db
        .selectFrom('device_commands as c')
        .select(['c.type', (eb) => eb.fn.countAll<number>().as('n')])
        .where('c.tenant_id', '=', tenantId)
        .where('c.expires_at', '>', codec.time(now));
      if (scope.withinGroups !== undefined) {
        const groupIds = scope.withinGroups;
        query = query.where((eb) => eb.exists(eb.selectFrom('devices as d').select(sql.lit(1).as('one')).whereRef('d.tenant_id', '=', 'c.tenant_id').whereRef('d.id', '=', 'c.device_id').where(inGroups(groupIds))));
      }
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
