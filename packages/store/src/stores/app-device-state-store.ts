import { sql, type Selectable } from 'kysely';
import {
  appInstallStatuses,
  type AppDesiredAction,
  type AppId,
  type AppInstallStatus,
  type AppReportedStatus,
  type AppStateIntent,
  type AppStatusCounts,
  type AppTargetingStore,
  type DesiredAppItem,
  type DeviceAppState,
  type DeviceAppStateStore,
  type DeviceId,
  type InstalledAppSource,
  type LinuxRelease,
  type Page,
  type TenantId,
} from '@ward/core';
import type { DeviceAppStatesTable } from '../database/schema.js';
import { deviceItemStates } from './device-item-states.js';
import { chunks, type StoreContext } from './store-context.js';

const rowKey = (row: { readonly tenantId: string; readonly deviceId: string; readonly appId: string }): string => `${row.tenantId}\u0000${row.deviceId}\u0000${row.appId}`;

/** The columns recomputation writes; on conflict all but the key are replaced, the reported side kept. */
const desiredColumns = ['tenant_id', 'device_id', 'app_id', 'status', 'intent', 'action', 'desired_hash', 'item', 'reason', 'desired_at'] as const;
/** The key, then the columns a report writes. */
const reportedColumns = ['tenant_id', 'device_id', 'app_id', 'status', 'reported_hash', 'reported_status', 'installed_version', 'error', 'reported_at', 'installed'] as const;

/**
 * {@link DeviceAppStateStore} over `device_app_states` (one row per device and app) and
 * {@link AppTargetingStore} over the devices' raw inventory. Writes are multi-row statements as
 * large as the dialect's bound-parameter limit allows; counts are GROUP BY over the
 * (tenant, app, status) index.
 */
export function createAppDeviceStateStore(ctx: StoreContext): DeviceAppStateStore & AppTargetingStore {
  const { db, codec, dialect } = ctx;

  const toState = (row: Selectable<DeviceAppStatesTable>): DeviceAppState => ({
    tenantId: row.tenant_id as TenantId,
    deviceId: row.device_id as DeviceId,
    appId: row.app_id as AppId,
    status: row.status as AppInstallStatus,
    intent: row.intent as AppStateIntent | null,
    action: row.action as AppDesiredAction,
    desiredHash: row.desired_hash,
    item: row.item === null ? null : (codec.readJson(row.item) as DesiredAppItem),
    reason: row.reason,
    desiredAt: codec.readTime(row.desired_at),
    reportedHash: row.reported_hash,
    reportedStatus: row.reported_status as AppReportedStatus | null,
    installedVersion: row.installed_version,
    error: row.error,
    reportedAt: codec.readTimeOrNull(row.reported_at),
    installed: row.installed === null ? null : (codec.readJson(row.installed) as InstalledAppSource),
  });

  const states = deviceItemStates(ctx, 'device_app_states', 'app_id', desiredColumns, toState);

  return {
    listDeviceAppStates: (tenantId, deviceIds) => states.listOfDevices(tenantId, deviceIds),

    upsertDesiredAppStates: (rows) =>
      states.upsertDesired(rows, rowKey, (r) => [r.tenantId, r.deviceId, r.appId, r.status, r.intent, r.action, r.desiredHash, codec.jsonOrNull(r.item), r.reason, codec.time(r.desiredAt)]),

    recordReportedAppStates: (rows) =>
      states.updateReported(
        rows,
        rowKey,
        reportedColumns,
        (r) => [r.tenantId, r.deviceId, r.appId, r.status, r.reportedHash, r.reportedStatus, r.installedVersion, r.error, codec.timeOrNull(r.reportedAt), codec.jsonOrNull(r.installed)],
        { reported_at: 'timestamptz', installed: 'jsonb' },
      ),

    deleteDeviceAppStates: (tenantId, keys) =>
      states.deleteKeys(
        tenantId,
        keys,
        (k) => k.deviceId,
        (k) => k.appId,
      ),

    listDeviceIdsWithAppState: (tenantId, appId, page) => states.listDeviceIds(tenantId, appId, page),

    countAppStates: (tenantId, appId): Promise<AppStatusCounts> => states.countByStatus(tenantId, appId, appInstallStatuses),

    listAppStates: (tenantId, appId, filter, page): Promise<Page<DeviceAppState>> => states.listPage(tenantId, appId, filter.status, page),

    async getLinuxReleases(tenantId, deviceIds) {
      const releases = new Map<DeviceId, LinuxRelease>();
      // Two fields of the raw inventory, read in SQL: a Linux inventory carries the package list, which is not decoded here.
      const id = dialect === 'postgres' ? sql<string | null>`inventory -> 'os' ->> 'id'` : sql<string | null>`json_extract(inventory, '$.os.id')`;
      const idLike = dialect === 'postgres' ? sql<string | null>`inventory -> 'os' ->> 'idLike'` : sql<string | null>`json_extract(inventory, '$.os.idLike')`;
      for (const part of chunks([...new Set(deviceIds)])) {
        const rows = await db
          .selectFrom('devices')
          .select(['id', id.as('os_id'), idLike.as('os_id_like')])
          .where('tenant_id', '=', tenantId)
          .where('id', 'in', part)
          .where('platform', '=', 'linux')
          .execute();
        for (const row of rows) {
          const osId = typeof row.os_id === 'string' ? row.os_id : null;
          const osIdLike = typeof row.os_id_like === 'string' ? row.os_id_like : null;
          if (osId !== null || osIdLike !== null) releases.set(row.id as DeviceId, { id: osId, idLike: osIdLike });
        }
      }
      return releases;
    },
  };
}
