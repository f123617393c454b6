import { CompiledQuery, sql, type Selectable } from 'kysely';
import {
  profileStatuses,
  type DesiredAction,
  type DeviceConfigurationStore,
  type DeviceId,
  type DeviceProfileState,
  type Page,
  type ProfileId,
  type ProfileStatus,
  type ProfileStatusCounts,
  type ReportedItemStatus,
  type SettingConflict,
  type SettingReport,
  type SettingStatusCount,
  type TenantId,
} from '@ward/core';
import type { DeviceProfileStatesTable } from '../database/schema.js';
import { insertRows, lastPerKey, rowsPerStatement, tupleIn, valuesList } from './bulk-rows.js';
import { checkLimit, readCursor, toPage, type KeysetSort } from './keyset.js';
import { chunks, type StoreContext } from './store-context.js';

/** A profile's rows are listed by device id; the cursor names the last device. */
const byDevice: KeysetSort = { name: 'deviceId', key: sql.ref('device_id'), id: sql.ref('device_id'), type: 'text' };

const rowKey = (row: { readonly tenantId: string; readonly deviceId: string; readonly profileId: string }): string => `${row.tenantId}\u0000${row.deviceId}\u0000${row.profileId}`;

/** The columns recomputation writes; on conflict all but the key are replaced. */
const desiredColumns = ['tenant_id', 'device_id', 'profile_id', 'status', 'action', 'desired_hash', 'reason', 'desired_at', 'conflicts'] as const;
const desiredUpsert = `on conflict (tenant_id, device_id, profile_id) do update set ${desiredColumns
  .slice(3)
  .map((c) => `${c} = excluded.${c}`)
  .join(', ')}`;

/** Bound values per row of each bulk statement. */
const reportedParameters = 9;
const keyParameters = 2;

function zeroCounts(): Record<ProfileStatus, number> {
  return Object.fromEntries(profileStatuses.map((s) => [s, 0])) as Record<ProfileStatus, number>;
}

/**
 * {@link DeviceConfigurationStore} over `device_profile_states`, one row per device and profile.
 * Writes are multi-row statements as large as the dialect's bound-parameter limit allows, so
 * recomputing 100,000 devices is a few dozen statements; counts are GROUP BY over the
 * (tenant, profile, status) index and never read rows.
 */
export function createDeviceConfigurationStore(ctx: StoreContext): DeviceConfigurationStore {
  const { db, codec, dialect } = ctx;

  const toState = (row: Selectable<DeviceProfileStatesTable>): DeviceProfileState => ({
    tenantId: row.tenant_id as TenantId,
    deviceId: row.device_id as DeviceId,
    profileId: row.profile_id as ProfileId,
    status: row.status as ProfileStatus,
    action: row.action as DesiredAction,
    desiredHash: row.desired_hash,
    reason: row.reason,
    conflicts: codec.readJson(row.conflicts) as SettingConflict[],
    desiredAt: codec.readTime(row.desired_at),
    reportedHash: row.reported_hash,
    reportedStatus: row.reported_status as ReportedItemStatus | null,
    error: row.error,
    settings: codec.readJson(row.settings) as SettingReport[],
    reportedAt: codec.readTimeOrNull(row.reported_at),
  });

  return {
    async listDeviceProfileStates(tenantId, deviceIds) {
      const states: DeviceProfileState[] = [];
      for (const part of chunks([...new Set(deviceIds)])) {
        const rows = await db.selectFrom('device_profile_states').selectAll().where('tenant_id', '=', tenantId).where('device_id', 'in', part).orderBy('device_id').orderBy('profile_id').execute();
        states.push(...rows.map(toState));
      }
      return states;
    },

    async upsertDesiredStates(rows) {
      const size = rowsPerStatement(dialect, desiredColumns.length);
      await ctx.atomically(async (t) => {
        for (const part of chunks(lastPerKey(rows, rowKey), size)) {
          const values = part.map((r) => [r.tenantId, r.deviceId, r.profileId, r.status, r.action, r.desiredHash, r.reason, codec.time(r.desiredAt), codec.json(r.conflicts)]);
          // A new row has no report yet: its settings are a literal, costing no parameter.
          await t.db.executeQuery(insertRows(dialect, 'device_profile_states', desiredColumns, values, desiredUpsert, { settings: "'[]'" }));
        }
      });
    },

    async recordReportedStates(rows) {
      const size = rowsPerStatement(dialect, reportedParameters);
      return ctx.atomically(async (t) => {
        let written = 0;
        for (const part of chunks(lastPerKey(rows, rowKey), size)) {
          const params: unknown[] = [];
          const values = valuesList(
            dialect,
            part.map((r) => [r.tenantId, r.deviceId, r.profileId, r.status, r.reportedHash, r.reportedStatus, r.error, codec.timeOrNull(r.reportedAt), codec.json(r.settings)]),
            params,
          );
          // One UPDATE … FROM over a VALUES list: rows that do not exist match nothing. PostgreSQL
          // types the list's parameters as text, so the timestamp and the JSON are cast.
          const result = await t.db.executeQuery(
            CompiledQuery.raw(
              `with v (tenant_id, device_id, profile_id, status, reported_hash, reported_status, error, reported_at, settings) as (values ${values})
              update device_profile_states set
                status = v.status, reported_hash = v.reported_hash, reported_status = v.reported_status, error = v.error,
                reported_at = ${dialect === 'postgres' ? 'cast(v.reported_at as timestamptz)' : 'v.reported_at'},
                settings = ${dialect === 'postgres' ? 'cast(v.settings as jsonb)' : 'v.settings'}
              from v
              where device_profile_states.tenant_id = v.tenant_id and device_profile_states.device_id = v.device_id and device_profile_states.profile_id = v.profile_id`,
              params,
            ),
          );
          written += Number(result.numAffectedRows ?? 0);
        }
        return written;
      });
    },

    async deleteDeviceProfileStates(tenantId, keys) {
      const size = rowsPerStatement(dialect, keyParameters);
      return ctx.atomically(async (t) => {
        let deleted = 0;
        for (const part of chunks(lastPerKey(keys, (k) => `${k.deviceId}\u0000${k.profileId}`), size)) {
          const result = await t.db
            .deleteFrom('device_profile_states')
            .where('tenant_id', '=', tenantId)
            .where(
              tupleIn(dialect, ['device_id', 'profile_id'],
                part.map((k) => [k.deviceId, k.profileId]),
              ),
            )
            .executeTakeFirst();
          deleted += Number(result.numDeletedRows);
        }
        return deleted;
      });
    },

    async listDeviceIdsWithProfileState(tenantId, profileId, page) {
      const limit = checkLimit(page.limit);
      let query = db.selectFrom('device_profile_states').select('device_id').where('tenant_id', '=', tenantId).where('profile_id', '=', profileId);
      if (page.after !== undefined) query = query.where('device_id', '>', page.after);
      const rows = await query.orderBy('device_id').limit(limit).execute();
      return rows.map((r) => r.device_id as DeviceId);
    },

    async countProfileStates(tenantId, profileId): Promise<ProfileStatusCounts> {
      const rows = await db
        .selectFrom('device_profile_states')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('tenant_id', '=', tenantId)
        .where('profile_id', '=', profileId)
        .groupBy('status')
        .execute();
      const counts = zeroCounts();
      for (const row of rows) counts[row.status as ProfileStatus] = row.n;
      return counts;
    },

    async countAllProfileStates(tenantId) {
      const rows = await db
        .selectFrom('device_profile_states')
        .select(['profile_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('tenant_id', '=', tenantId)
        .groupBy(['profile_id', 'status'])
        .execute();
      const byProfile = new Map<ProfileId, Record<ProfileStatus, number>>();
      for (const row of rows) {
        const id = row.profile_id as ProfileId;
        let counts = byProfile.get(id);
        if (counts === undefined) byProfile.set(id, (counts = zeroCounts()));
        counts[row.status as ProfileStatus] = row.n;
      }
      return byProfile;
    },

    async listProfileStates(tenantId, profileId, filter, page): Promise<Page<DeviceProfileState>> {
      const limit = checkLimit(page.limit);
      const position = readCursor(page.cursor, byDevice, 'asc');
      let query = db.selectFrom('device_profile_states').selectAll().where('tenant_id', '=', tenantId).where('profile_id', '=', profileId);
      if (filter.status !== undefined) query = query.where('status', '=', filter.status);
      // The key and the id are one column: a plain bound seeks in either index.
      if (position !== undefined) query = query.where('device_id', '>', position.id);
      const rows = await query.orderBy('device_id').limit(limit + 1).execute();
      return toPage(rows, limit, byDevice.name, 'asc', (row) => ({ value: row.device_id, id: row.device_id }), toState);
    },

    async countSettingStates(tenantId, profileId) {
      const reported =
        dialect === 'postgres'
          ? sql<{ setting_id: string | null; status: string | null; n: number }>`
              select e.value ->> 'id' as setting_id, e.value ->> 'status' as status, count(*) as n
              from device_profile_states s cross join lateral jsonb_array_elements(s.settings) as e(value)
              where s.tenant_id = ${tenantId} and s.profile_id = ${profileId}
              group by 1, 2
              union all
              select e.value ->> 'settingId', 'conflict', count(*)
              from device_profile_states s cross join lateral jsonb_array_elements(s.conflicts) as e(value)
              where s.tenant_id = ${tenantId} and s.profile_id = ${profileId}
              group by 1`
          : sql<{ setting_id: string | null; status: string | null; n: number }>`
              select json_extract(e.value, '$.id') as setting_id, json_extract(e.value, '$.status') as status, count(*) as n
              from device_profile_states s, json_each(s.settings) e
              where s.tenant_id = ${tenantId} and s.profile_id = ${profileId}
              group by 1, 2
              union all
              select json_extract(e.value, '$.settingId'), 'conflict', count(*)
              from device_profile_states s, json_each(s.conflicts) e
              where s.tenant_id = ${tenantId} and s.profile_id = ${profileId}
              group by 1`;
      const result = await reported.execute(db);
      const counts: SettingStatusCount[] = [];
      for (const row of result.rows) {
        if (row.setting_id === null || row.status === null) continue;
        counts.push({ settingId: row.setting_id, status: row.status as SettingStatusCount['status'], count: row.n });
      }
      return counts.sort((a, b) => (a.settingId < b.settingId ? -1 : a.settingId > b.settingId ? 1 : a.status < b.status ? -1 : a.status > b.status ? 1 : 0));
    },
  };
}
