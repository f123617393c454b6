import { sql, type Selectable } from 'kysely';
import type {
  DeviceId,
  DeviceIdentity,
  DeviceIdentityStore,
  DeviceRegistry,
  EnrollmentRestrictions,
  EnrollmentRestrictionsStore,
  EnrollmentToken,
  EnrollmentTokenId,
  EnrollmentTokenStore,
  GroupId,
  IdentityState,
  Platform,
  TenantId,
  UserId,
} from '@ward/core';
import type { DeviceIdentitiesTable, EnrollmentTokensTable } from '../database/schema.js';
import { prepareQuery } from '../database/prepared-query.js';
import { afterPosition, checkLimit, cursorValue, readCursor, toPage, type KeysetSort } from './keyset.js';
import type { StoreContext } from './store-context.js';

const tokenSort: KeysetSort = { name: 'createdAt', key: sql.ref('created_at'), id: sql.ref('id'), type: 'time' };

/**
 * {@link EnrollmentTokenStore} over `enrollment_tokens`. A use is counted by one conditional
 * UPDATE, so however many devices race for a token's last use, the database lets one through.
 */
export function createEnrollmentTokenStore(ctx: StoreContext): EnrollmentTokenStore {
  const { db, codec } = ctx;
  const toToken = (row: Selectable<EnrollmentTokensTable>): EnrollmentToken => ({
    id: row.id as EnrollmentTokenId,
    tenantId: row.tenant_id as TenantId,
    name: row.name,
    secretHash: row.secret_hash,
    maxUses: row.max_uses,
    uses: row.uses,
    ownership: row.ownership as EnrollmentToken['ownership'],
    targetGroupId: row.target_group_id as GroupId | null,
    userId: row.user_id as UserId | null,
    expiresAt: codec.readTime(row.expires_at),
    revokedAt: codec.readTimeOrNull(row.revoked_at),
    createdBy: row.created_by,
    createdAt: codec.readTime(row.created_at),
  });
  return {
    async getEnrollmentToken(id) {
      const row = await db.selectFrom('enrollment_tokens').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toToken(row);
    },

    async insertEnrollmentToken(token) {
      await db
        .insertInto('enrollment_tokens')
        .values({
          tenant_id: token.tenantId,
          id: token.id,
          name: token.name,
          secret_hash: token.secretHash,
          max_uses: token.maxUses,
          uses: token.uses,
          ownership: token.ownership,
          target_group_id: token.targetGroupId,
          user_id: token.userId,
          expires_at: codec.time(token.expiresAt),
          revoked_at: codec.timeOrNull(token.revokedAt),
          created_by: token.createdBy,
          created_at: codec.time(token.createdAt),
        })
        .execute();
    },

    async consumeEnrollmentToken(tenantId, id, at) {
      // One statement: on PostgreSQL a concurrent consumer waits for the row lock, then re-checks
      // the condition against the committed count; on SQLite the write lock serialises them.
      const result = await db
        .updateTable('enrollment_tokens')
        .set((eb) => ({ uses: eb('uses', '+', 1) }))
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', codec.time(at))
        .where((eb) => eb.or([eb('max_uses', 'is', null), eb('uses', '<', eb.ref('max_uses'))]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async revokeEnrollmentToken(tenantId, id, at) {
      // A second revocation keeps the first time: that is when the token stopped working.
      const result = await db
        .updateTable('enrollment_tokens')
        .set({ revoked_at: sql`coalesce(revoked_at, ${codec.time(at)})` })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async listEnrollmentTokens(tenantId, page) {
      const limit = checkLimit(page.limit);
      const position = readCursor(page.cursor, tokenSort, 'desc');
      let query = db.selectFrom('enrollment_tokens').selectAll().where('tenant_id', '=', tenantId);
      if (position !== undefined) query = query.where(afterPosition(tokenSort, 'desc', position, codec));
      const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
      return toPage(rows, limit, tokenSort.name, 'desc', (row) => ({ value: cursorValue(tokenSort, row.created_at, codec), id: row.id }), toToken);
    },
  };
}

/** {@link EnrollmentRestrictionsStore} over `enrollment_restrictions`: one row per tenant, written by upsert. */
export function createEnrollmentRestrictionsStore(ctx: StoreContext): EnrollmentRestrictionsStore {
  const { db, codec } = ctx;
  return {
    async getEnrollmentRestrictions(tenantId) {
      const row = await db.selectFrom('enrollment_restrictions').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
      if (row === undefined) return undefined;
      return {
        tenantId: row.tenant_id as TenantId,
        allowedPlatforms: codec.readJson(row.allowed_platforms) as Platform[],
        minOsVersion: codec.readJson(row.min_os_version) as EnrollmentRestrictions['minOsVersion'],
        allowPersonal: codec.readBool(row.allow_personal),
        maxDevicesPerUser: row.max_devices_per_user,
        updatedAt: codec.readTime(row.updated_at),
      };
    },

    async putEnrollmentRestrictions(restrictions) {
      const fields = {
        allow_personal: codec.bool(restrictions.allowPersonal),
        max_devices_per_user: restrictions.maxDevicesPerUser,
        updated_at: codec.time(restrictions.updatedAt),
        allowed_platforms: codec.json(restrictions.allowedPlatforms),
        min_os_version: codec.json(restrictions.minOsVersion),
      };
      await db
        .insertInto('enrollment_restrictions')
        .values({ tenant_id: restrictions.tenantId, ...fields })
        .onConflict((oc) => oc.column('tenant_id').doUpdateSet(fields))
        .execute();
    },
  };
}

/**
 * {@link DeviceIdentityStore} over `device_identities`. Rows are never deleted with their device:
 * a revoked certificate stays listed for the CRL until it expires.
 */
export function createDeviceIdentityStore(ctx: StoreContext): DeviceIdentityStore {
  const { db, codec } = ctx;
  const toIdentity = (row: Selectable<DeviceIdentitiesTable>): DeviceIdentity => ({
    tenantId: row.tenant_id as TenantId,
    serialNumber: row.serial_number,
    deviceId: row.device_id as DeviceId,
    fingerprint: row.fingerprint,
    notBefore: codec.readTime(row.not_before),
    notAfter: codec.readTime(row.not_after),
    state: row.state as IdentityState,
    revokedAt: codec.readTimeOrNull(row.revoked_at),
    createdAt: codec.readTime(row.created_at),
  });
  // Every device request looks its certificate up: compiled once (see prepareQuery).
  const bySerial = prepareQuery(db, ['serialNumber'], (p: { serialNumber: string }) => db.selectFrom('device_identities').selectAll().where('serial_number', '=', p.serialNumber));
  return {
    async insertDeviceIdentity(identity) {
      await db
        .insertInto('device_identities')
        .values({
          tenant_id: identity.tenantId,
          serial_number: identity.serialNumber,
          device_id: identity.deviceId,
          fingerprint: identity.fingerprint,
          not_before: codec.time(identity.notBefore),
          not_after: codec.time(identity.notAfter),
          state: identity.state,
          revoked_at: codec.timeOrNull(identity.revokedAt),
          created_at: codec.time(identity.createdAt),
        })
        .execute();
    },

    async getDeviceIdentity(serialNumber) {
      const [row] = await bySerial.execute(db, { serialNumber });
      return row && toIdentity(row);
    },

    async listDeviceIdentities(tenantId, deviceId) {
      const rows = await db
        .selectFrom('device_identities')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('device_id', '=', deviceId)
        .orderBy('created_at', 'desc')
        .orderBy('serial_number', 'desc')
        .execute();
      return rows.map(toIdentity);
    },

    async retireDeviceIdentities(tenantId, deviceId, state, at) {
      const result = await db
        .updateTable('device_identities')
        .set(state === 'revoked' ? { state, revoked_at: codec.time(at) } : { state })
        .where('tenant_id', '=', tenantId)
        .where('device_id', '=', deviceId)
        // Revoking also catches superseded certificates: they still authenticate until they expire.
        .where('state', 'in', state === 'revoked' ? ['active', 'superseded'] : ['active'])
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async listRevokedIdentities(at) {
      const rows = await db
        .selectFrom('device_identities')
        .select(['serial_number', 'revoked_at'])
        .where('state', '=', 'revoked')
        .where('not_after', '>', codec.time(at))
        .orderBy('serial_number')
        .execute();
      // A revoked identity always has its time; the fallback only guards rows written by hand.
      return rows.map((r) => ({ serialNumber: r.serial_number, revokedAt: codec.readTimeOrNull(r.revoked_at) ?? new Date(0) }));
    },
  };
}

/** {@link DeviceRegistry} over `device_hardware_ids` and `devices`. */
export function createDeviceRegistry(ctx: StoreContext): DeviceRegistry {
  const { db } = ctx;
  return {
    async findDeviceByHardwareId(tenantId, hardwareId) {
      const row = await db.selectFrom('device_hardware_ids').select('device_id').where('tenant_id', '=', tenantId).where('hardware_id', '=', hardwareId).executeTakeFirst();
      return row?.device_id as DeviceId | undefined;
    },

    async bindHardwareId(tenantId, hardwareId, deviceId) {
      await db
        .insertInto('device_hardware_ids')
        .values({ tenant_id: tenantId, hardware_id: hardwareId, device_id: deviceId })
        .onConflict((oc) => oc.columns(['tenant_id', 'hardware_id']).doUpdateSet({ device_id: deviceId }))
        .execute();
    },

    async countDevicesOfUser(tenantId, userId) {
      const row = await db
        .selectFrom('devices')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('tenant_id', '=', tenantId)
        .where('primary_user_id', '=', userId)
        .where('management_state', '<>', 'retired')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
