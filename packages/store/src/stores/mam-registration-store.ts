import { sql, type Selectable } from 'kysely';
import type {
  AppRegistration,
  AppRegistrationId,
  AppRegistrationState,
  AppRegistrationStore,
  AppReportedState,
  AppWipe,
  AppWipeId,
  AppWipeOutcome,
  AppWipeScope,
  DeviceId,
  Page,
  SdkPlatform,
  SdkPublicKey,
  TenantId,
  UserId,
} from '@ward/core';
import { prepareQuery } from '../database/prepared-query.js';
import type { MamRegistrationsTable, TimestampColumn } from '../database/schema.js';
import { afterPosition, checkLimit, cursorValue, readCursor, toPage, type KeysetSort } from './keyset.js';
import type { SecretSealer } from './secret-sealer.js';
import type { StoreContext } from './store-context.js';

/** The values of a check-in's guarded update. */
interface CheckInParams {
  app_version: string;
  sdk_version: string;
  state: string;
  sequence: number;
  reported: string;
  last_check_in_at: TimestampColumn | null;
  last_used_at: TimestampColumn | null;
  wipe: string | null;
  updated_at: TimestampColumn;
  id: string;
  tenant_id: string;
  previous: number;
}

const byCreation: KeysetSort = { name: 'createdAt', key: sql.ref('r.created_at'), id: sql.ref('r.id'), type: 'time' };

/** A wipe as the `wipe` JSON column holds it (instants as ISO text). */
interface StoredWipe {
  readonly id: string;
  readonly scope: AppWipeScope;
  readonly requestedAt: string;
  readonly requestedBy: string;
  readonly confirmedAt: string | null;
  readonly outcome: AppWipeOutcome | null;
  readonly error: string | null;
}

function storedWipe(wipe: AppWipe): StoredWipe {
  return { ...wipe, requestedAt: wipe.requestedAt.toISOString(), confirmedAt: wipe.confirmedAt?.toISOString() ?? null };
}

function readWipe(stored: StoredWipe): AppWipe {
  return { ...stored, id: stored.id as AppWipeId, requestedAt: new Date(stored.requestedAt), confirmedAt: stored.confirmedAt === null ? null : new Date(stored.confirmedAt) };
}

/**
 * The SecretBox label of a registration's key share: tenant and registration are bound in, so a
 * sealed share copied to another row does not open.
 */
function keyShareLabel(registration: Pick<AppRegistration, 'tenantId' | 'id'>): string {
  return `mam-key-share:${registration.tenantId}:${registration.id}`;
}

/**
 * {@link AppRegistrationStore} over `mam_registrations`. The key share is sealed on the way in and
 * opened on the way out (`sealer`); a check-in's write leaves it alone, so the hot path seals
 * nothing. Live registrations are unique per (tenant, user, app, device tag) through a partial
 * unique index, so a concurrent second insert fails instead of making a twin.
 */
export function createAppRegistrationStore(ctx: StoreContext, sealer: SecretSealer): AppRegistrationStore {
  const { db, codec } = ctx;

  const toRegistration = (row: Selectable<MamRegistrationsTable>): AppRegistration => {
    const wipe = codec.readJson(row.wipe) as StoredWipe | null;
    const ids = { tenantId: row.tenant_id as TenantId, id: row.id as AppRegistrationId };
    return {
      ...ids,
      userId: row.user_id as UserId,
      appIdentifier: row.app_identifier,
      appVersion: row.app_version,
      sdkVersion: row.sdk_version,
      platform: row.platform as SdkPlatform,
      deviceTag: row.device_tag,
      deviceName: row.device_name,
      osName: row.os_name,
      osVersion: row.os_version,
      clientId: row.client_id,
      deviceId: row.device_id as DeviceId | null,
      publicKey: codec.readJson(row.public_key) as SdkPublicKey,
      keyShare: sealer.open(row.key_share, keyShareLabel(ids), () => `App registration ${row.id} (tenant ${row.tenant_id}), key share`),
      state: row.state as AppRegistrationState,
      sequence: row.sequence,
      reported: codec.readJson(row.reported) as AppReportedState,
      lastCheckInAt: codec.readTimeOrNull(row.last_check_in_at),
      lastUsedAt: codec.readTimeOrNull(row.last_used_at),
      wipe: wipe === null ? null : readWipe(wipe),
      createdAt: codec.readTime(row.created_at),
      updatedAt: codec.readTime(row.updated_at),
    };
  };

  /** The columns a check-in changes. */
  const checkInColumns = (r: AppRegistration) => ({
    app_version: r.appVersion,
    sdk_version: r.sdkVersion,
    state: r.state,
    sequence: r.sequence,
    reported: codec.json(r.reported),
    last_check_in_at: codec.timeOrNull(r.lastCheckInAt),
    last_used_at: codec.timeOrNull(r.lastUsedAt),
    wipe: codec.jsonOrNull(r.wipe === null ? null : storedWipe(r.wipe)),
    updated_at: codec.time(r.updatedAt),
  });

  /** Every column but the identity (id, tenant, user, app, tag, creation). */
  const columns = (r: AppRegistration) => ({
    ...checkInColumns(r),
    platform: r.platform,
    device_name: r.deviceName,
    os_name: r.osName,
    os_version: r.osVersion,
    client_id: r.clientId,
    device_id: r.deviceId,
    public_key: codec.json(r.publicKey),
    key_share: sealer.seal(r.keyShare, keyShareLabel(r)),
  });

  // Every check-in runs these two: compiled once (see prepareQuery).
  const byId = prepareQuery(db, ['id'], (p: { id: string }) => db.selectFrom('mam_registrations').selectAll().where('id', '=', p.id));
  const checkInNames = ['app_version', 'sdk_version', 'state', 'sequence', 'reported', 'last_check_in_at', 'last_used_at', 'wipe', 'updated_at', 'id', 'tenant_id', 'previous'] as const;
  const saveCheckIn = prepareQuery(db, checkInNames, (p: CheckInParams) =>
    db
      .updateTable('mam_registrations')
      .set({
        app_version: p.app_version,
        sdk_version: p.sdk_version,
        state: p.state,
        sequence: p.sequence,
        reported: p.reported,
        last_check_in_at: p.last_check_in_at,
        last_used_at: p.last_used_at,
        wipe: p.wipe,
        updated_at: p.updated_at,
      })
      .where('id', '=', p.id)
      .where('tenant_id', '=', p.tenant_id)
      .where('sequence', '=', p.previous),
  );

  const live = () => db.selectFrom('mam_registrations as r').selectAll('r').where('r.state', '<>', 'wiped');

  return {
    async getAppRegistration(tenantId, id) {
      const row = await db.selectFrom('mam_registrations').selectAll().where('id', '=', id).where('tenant_id', '=', tenantId).executeTakeFirst();
      return row && toRegistration(row);
    },

    async findAppRegistrationById(id) {
      const [row] = await byId.execute(db, { id });
      return row && toRegistration(row);
    },

    async findLiveAppRegistration(tenantId, userId, appIdentifier, deviceTag) {
      const row = await live()
        .where('r.tenant_id', '=', tenantId)
        .where('r.user_id', '=', userId)
        .where('r.app_key', '=', appIdentifier.toLowerCase())
        .where('r.device_tag', '=', deviceTag)
        .executeTakeFirst();
      return row && toRegistration(row);
    },

    async insertAppRegistration(registration) {
      const result = await db
        .insertInto('mam_registrations')
        .values({
          id: registration.id,
          tenant_id: registration.tenantId,
          user_id: registration.userId,
          app_identifier: registration.appIdentifier,
          app_key: registration.appIdentifier.toLowerCase(),
          device_tag: registration.deviceTag,
          ...columns(registration),
          created_at: codec.time(registration.createdAt),
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    async updateAppRegistration(registration) {
      await db.updateTable('mam_registrations').set(columns(registration)).where('id', '=', registration.id).where('tenant_id', '=', registration.tenantId).execute();
    },

    async saveAppCheckIn({ registration, previousSequence }) {
      const changed = await saveCheckIn.executeChange(db, { ...checkInColumns(registration), id: registration.id, tenant_id: registration.tenantId, previous: previousSequence });
      return changed === 1;
    },

    async listAppRegistrations(tenantId, filter, page): Promise<Page<AppRegistration>> {
      const limit = checkLimit(page.limit);
      const position = readCursor(page.cursor, byCreation, page.order);
      let query = db.selectFrom('mam_registrations as r').selectAll('r').where('r.tenant_id', '=', tenantId);
      if (filter.userId !== undefined) query = query.where('r.user_id', '=', filter.userId);
      if (filter.appIdentifier !== undefined) query = query.where('r.app_key', '=', filter.appIdentifier.toLowerCase());
      if (filter.state !== undefined) query = query.where('r.state', '=', filter.state);
      if (filter.deviceTag !== undefined) query = query.where('r.device_tag', '=', filter.deviceTag);
      if (position !== undefined) query = query.where(afterPosition(byCreation, page.order, position, codec));
      const rows = await query.orderBy(byCreation.key, page.order).orderBy(byCreation.id, page.order).limit(limit + 1).execute();
      return toPage(rows, limit, byCreation.name, page.order, (row) => ({ value: cursorValue(byCreation, row.created_at, codec), id: row.id }), toRegistration);
    },

    async listLiveAppRegistrationsOfUser(tenantId, userId, deviceTag, limit) {
      let query = live().where('r.tenant_id', '=', tenantId).where('r.user_id', '=', userId);
      if (deviceTag !== null) query = query.where('r.device_tag', '=', deviceTag);
      const rows = await query.orderBy('r.created_at').orderBy('r.id').limit(checkLimit(limit)).execute();
      return rows.map(toRegistration);
    },

    async listLiveAppRegistrationsOfDevice(tenantId, deviceId, limit) {
      const rows = await live().where('r.tenant_id', '=', tenantId).where('r.device_id', '=', deviceId).orderBy('r.created_at').orderBy('r.id').limit(checkLimit(limit)).execute();
      return rows.map(toRegistration);
    },
  };
}
