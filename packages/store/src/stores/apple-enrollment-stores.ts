import { sql, type Insertable, type Selectable } from 'kysely';
import type {
  AppleEnrollment,
  AppleEnrollmentContext,
  AppleEnrollmentStore,
  AppleIdentity,
  AppleIdentityState,
  AppleIdentityStore,
  AppleInstalledProfile,
  AppleScepChallenge,
  AppleScepChallengeStore,
  AppleUserChannel,
  DeviceId,
  TenantId,
} from '@ward/core';
import type { AppleDevicesTable, AppleIdentitiesTable, AppleScepChallengesTable, AppleUserChannelsTable } from '../database/schema.js';
import { checkLimit } from './keyset.js';
import type { SecretSealer } from './secret-sealer.js';
import { chunks, type StoreContext } from './store-context.js';

/**
 * {@link AppleScepChallengeStore} over `apple_scep_challenges`. Consuming is one DELETE … RETURNING
 * guarded by the expiry, so of two requests racing with one challenge exactly one gets the row.
 */
export function createAppleScepChallengeStore(ctx: StoreContext): AppleScepChallengeStore {
  const { db, codec } = ctx;
  const toChallenge = (row: Selectable<AppleScepChallengesTable>): AppleScepChallenge => ({
    tenantId: row.tenant_id as TenantId,
    challengeHash: row.challenge_hash,
    context: codec.readJson(row.context) as AppleEnrollmentContext,
    expiresAt: codec.readTime(row.expires_at),
    createdAt: codec.readTime(row.created_at),
  });
  return {
    async insertAppleScepChallenge(challenge) {
      await db
        .insertInto('apple_scep_challenges')
        .values({
          tenant_id: challenge.tenantId,
          challenge_hash: challenge.challengeHash,
          expires_at: codec.time(challenge.expiresAt),
          created_at: codec.time(challenge.createdAt),
          context: codec.json(challenge.context),
        })
        .execute();
    },

    async getAppleScepChallenge(challengeHash) {
      const row = await db.selectFrom('apple_scep_challenges').selectAll().where('challenge_hash', '=', challengeHash).executeTakeFirst();
      return row && toChallenge(row);
    },

    async consumeAppleScepChallenge(challengeHash, at) {
      const row = await db.deleteFrom('apple_scep_challenges').where('challenge_hash', '=', challengeHash).where('expires_at', '>', codec.time(at)).returningAll().executeTakeFirst();
      return row && toChallenge(row);
    },

    async deleteExpiredAppleScepChallenges(at, limit) {
      checkLimit(limit);
      const expired = db.selectFrom('apple_scep_challenges').select(['tenant_id', 'challenge_hash']).where('expires_at', '<=', codec.time(at)).orderBy('expires_at').limit(limit);
      const result = await db.deleteFrom('apple_scep_challenges').where(sql`(tenant_id, challenge_hash)`, 'in', expired).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

/** {@link AppleIdentityStore} over `apple_identities`. */
export function createAppleIdentityStore(ctx: StoreContext): AppleIdentityStore {
  const { db, codec } = ctx;
  const toIdentity = (row: Selectable<AppleIdentitiesTable>): AppleIdentity => ({
    tenantId: row.tenant_id as TenantId,
    serialNumber: row.serial_number,
    fingerprint: row.fingerprint,
    notBefore: codec.readTime(row.not_before),
    notAfter: codec.readTime(row.not_after),
    state: row.state as AppleIdentityState,
    context: codec.readJson(row.context) as AppleEnrollmentContext,
    deviceId: row.device_id as DeviceId | null,
    createdAt: codec.readTime(row.created_at),
    revokedAt: codec.readTimeOrNull(row.revoked_at),
  });
  return {
    async insertAppleIdentity(identity) {
      await db
        .insertInto('apple_identities')
        .values({
          tenant_id: identity.tenantId,
          serial_number: identity.serialNumber,
          fingerprint: identity.fingerprint,
          not_before: codec.time(identity.notBefore),
          not_after: codec.time(identity.notAfter),
          state: identity.state,
          device_id: identity.deviceId,
          created_at: codec.time(identity.createdAt),
          revoked_at: codec.timeOrNull(identity.revokedAt),
          context: codec.json(identity.context),
        })
        .execute();
    },

    async getAppleIdentity(serialNumber) {
      const row = await db.selectFrom('apple_identities').selectAll().where('serial_number', '=', serialNumber).executeTakeFirst();
      return row && toIdentity(row);
    },

    async bindAppleIdentity(serialNumber, deviceId) {
      const result = await db.updateTable('apple_identities').set({ state: 'active', device_id: deviceId }).where('serial_number', '=', serialNumber).where('state', '=', 'pending').executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async retireAppleIdentities(tenantId, deviceId, state, at, exceptSerial) {
      let query =
        state === 'superseded'
          ? db.updateTable('apple_identities').set({ state }).where('state', '=', 'active')
          : db.updateTable('apple_identities').set({ state, revoked_at: codec.time(at) }).where('state', 'in', ['active', 'superseded']);
      query = query.where('tenant_id', '=', tenantId).where('device_id', '=', deviceId);
      if (exceptSerial !== undefined) query = query.where('serial_number', '<>', exceptSerial);
      return Number((await query.executeTakeFirst()).numUpdatedRows);
    },

    async listRevokedAppleIdentities(at) {
      const rows = await db.selectFrom('apple_identities').select(['serial_number', 'revoked_at']).where('state', '=', 'revoked').where('not_after', '>', codec.time(at)).orderBy('serial_number').execute();
      return rows.map((r) => ({ serialNumber: r.serial_number, revokedAt: codec.readTimeOrNull(r.revoked_at) ?? at }));
    },
  };
}

/**
 * {@link AppleEnrollmentStore} over `apple_devices` and `apple_user_channels`. The UnlockToken and
 * the bootstrap token are sealed under labels that bind tenant, device and field, so a sealed
 * value copied to another row or column does not open.
 */
export function createAppleEnrollmentStore(ctx: StoreContext, sealer: SecretSealer): AppleEnrollmentStore {
  const { db, codec } = ctx;
  const label = (tenantId: string, deviceId: string, field: string): string => `apple:${tenantId}:${deviceId}:${field}`;
  const sealOrNull = (value: string | null, tenantId: string, deviceId: string, field: string): string | null => (value === null ? null : sealer.seal(value, label(tenantId, deviceId, field)));
  const openOrNull = (value: string | null, tenantId: string, deviceId: string, field: string): string | null =>
    value === null ? null : sealer.open(value, label(tenantId, deviceId, field), () => `Apple device ${deviceId} (tenant ${tenantId}), ${field}`);

  const toEnrollment = (row: Selectable<AppleDevicesTable>): AppleEnrollment => ({
    tenantId: row.tenant_id as TenantId,
    deviceId: row.device_id as DeviceId,
    udid: row.udid,
    enrollmentId: row.enrollment_id,
    userEnrollment: codec.readBool(row.user_enrollment),
    state: row.state as AppleEnrollment['state'],
    topic: row.topic,
    pushToken: row.push_token,
    pushMagic: row.push_magic,
    unlockToken: openOrNull(row.unlock_token, row.tenant_id, row.device_id, 'unlockToken'),
    bootstrapToken: openOrNull(row.bootstrap_token, row.tenant_id, row.device_id, 'bootstrapToken'),
    installedProfiles: codec.readJson(row.installed_profiles) as AppleInstalledProfile[],
    authenticatedAt: codec.readTime(row.authenticated_at),
    tokenUpdatedAt: codec.readTimeOrNull(row.token_updated_at),
    checkedOutAt: codec.readTimeOrNull(row.checked_out_at),
  });
  const toChannel = (row: Selectable<AppleUserChannelsTable>): AppleUserChannel => ({
    tenantId: row.tenant_id as TenantId,
    deviceId: row.device_id as DeviceId,
    userId: row.user_id,
    userShortName: row.user_short_name,
    userLongName: row.user_long_name,
    pushToken: row.push_token,
    pushMagic: row.push_magic,
    updatedAt: codec.readTime(row.updated_at),
  });

  return {
    async getAppleEnrollment(tenantId, deviceId) {
      const row = await db.selectFrom('apple_devices').selectAll().where('tenant_id', '=', tenantId).where('device_id', '=', deviceId).executeTakeFirst();
      return row && toEnrollment(row);
    },

    async putAppleEnrollment(e) {
      const row: Insertable<AppleDevicesTable> = {
        tenant_id: e.tenantId,
        device_id: e.deviceId,
        udid: e.udid,
        enrollment_id: e.enrollmentId,
        user_enrollment: codec.bool(e.userEnrollment),
        state: e.state,
        topic: e.topic,
        push_token: e.pushToken,
        push_magic: e.pushMagic,
        unlock_token: sealOrNull(e.unlockToken, e.tenantId, e.deviceId, 'unlockToken'),
        bootstrap_token: sealOrNull(e.bootstrapToken, e.tenantId, e.deviceId, 'bootstrapToken'),
        authenticated_at: codec.time(e.authenticatedAt),
        token_updated_at: codec.timeOrNull(e.tokenUpdatedAt),
        checked_out_at: codec.timeOrNull(e.checkedOutAt),
        installed_profiles: codec.json(e.installedProfiles),
      };
      const { tenant_id: _t, device_id: _d, ...changes } = row;
      await db
        .insertInto('apple_devices')
        .values(row)
        .onConflict((oc) => oc.columns(['tenant_id', 'device_id']).doUpdateSet(changes))
        .execute();
    },

    async putAppleUserChannel(c) {
      const row: Insertable<AppleUserChannelsTable> = {
        tenant_id: c.tenantId,
        device_id: c.deviceId,
        user_id: c.userId,
        user_short_name: c.userShortName,
        user_long_name: c.userLongName,
        push_token: c.pushToken,
        push_magic: c.pushMagic,
        updated_at: codec.time(c.updatedAt),
      };
      const { tenant_id: _t, device_id: _d, user_id: _u, ...changes } = row;
      await db
        .insertInto('apple_user_channels')
        .values(row)
        .onConflict((oc) => oc.columns(['tenant_id', 'device_id', 'user_id']).doUpdateSet(changes))
        .execute();
    },

    async listAppleUserChannels(tenantId, deviceId) {
      const rows = await db.selectFrom('apple_user_channels').selectAll().where('tenant_id', '=', tenantId).where('device_id', '=', deviceId).orderBy('user_id').execute();
      return rows.map(toChannel);
    },

    async deleteAppleUserChannels(tenantId, deviceId) {
      const result = await db.deleteFrom('apple_user_channels').where('tenant_id', '=', tenantId).where('device_id', '=', deviceId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async listApplePushTargets(tenantId, deviceIds) {
      const targets = [];
      for (const part of chunks([...new Set(deviceIds)])) {
        const rows = await db
          .selectFrom('apple_devices')
          .select(['device_id', 'push_token', 'push_magic', 'topic'])
          .where('tenant_id', '=', tenantId)
          .where('device_id', 'in', part)
          .where('state', '=', 'active')
          .where('push_token', 'is not', null)
          .where('push_magic', 'is not', null)
          .execute();
        for (const r of rows) {
          if (r.push_token !== null && r.push_magic !== null) targets.push({ deviceId: r.device_id as DeviceId, pushToken: r.push_token, pushMagic: r.push_magic, topic: r.topic });
        }
      }
      return targets;
    },

    async forgetApplePushToken(tenantId, deviceId, pushToken) {
      const result = await db.updateTable('apple_devices').set({ push_token: null }).where('tenant_id', '=', tenantId).where('device_id', '=', deviceId).where('push_token', '=', pushToken).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
