import { sql, type Selectable } from 'kysely';
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
import { deviceItemStates, zeroCounts } from './device-item-states.js';
import type { StoreContext } from './store-context.js';

const rowKey = (row: { readonly tenantId: string; readonly deviceId: string; readonly profileId: string }): string => `${row.tenantId}\u0000${row.deviceId}\u0000${row.profileId}`;

/** The columns recomputation writes; on conflict all but the key are replaced. */
const desiredColumns = ['tenant_id', 'device_id', 'profile_id', 'status', 'action', 'desired_hash', 'reason', 'desired_at', 'conflicts'] as const;
/** The key, then the columns a report writes. */
const reportedColumns = ['tenant_id', 'device_id', 'profile_id', 'status', 'reported_hash', 'reported_status', 'error', 'reported_at', 'settings'] as const;

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

  const states = deviceItemStates(ctx, 'device_profile_states', 'profile_id', desiredColumns, toState);

  return {
    listDeviceProfileStates: (tenantId, deviceIds) => states.listOfDevices(tenantId, deviceIds),

    upsertDesiredStates: (rows) =>
      // A new row has no report yet: its settings are a literal, costing no parameter.
      states.upsertDesired(rows, rowKey, (r) => [r.tenantId, r.deviceId, r.profileId, r.status, r.action, r.desiredHash, r.reason, codec.time(r.desiredAt), codec.json(r.conflicts)], { settings: "'[]'" }),

    recordReportedStates: (rows) =>
      states.updateReported(
        rows,
        rowKey,
        reportedColumns,
        (r) => [r.tenantId, r.deviceId, r.profileId, r.status, r.reportedHash, r.reportedStatus, r.error, codec.timeOrNull(r.reportedAt), codec.json(r.settings)],
        { reported_at: 'timestamptz', settings: 'jsonb' },
      ),

    deleteDeviceProfileStates: (tenantId, keys) =>
      states.deleteKeys(
        tenantId,
        keys,
        (k) => k.deviceId,
        (k) => k.profileId,
      ),

    listDeviceIdsWithProfileState: (tenantId, profileId, page) => states.listDeviceIds(tenantId, profileId, page),

    countProfileStates: (tenantId, profileId): Promise<ProfileStatusCounts> => states.countByStatus(tenantId, profileId, profileStatuses),

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
        if (counts === undefined) byProfile.set(id, (counts = zeroCounts(profileStatuses)));
        counts[row.status as ProfileStatus] = row.n;
      }
      return byProfile;
    },

    listProfileStates: (tenantId, profileId, filter, page): Promise<Page<DeviceProfileState>> => states.listPage(tenantId, profileId, filter.status, page),

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
