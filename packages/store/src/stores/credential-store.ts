import type { CredentialStore, Credentials, TenantId, UserId } from '@ward/core';
import type { StoreContext } from './store-context.js';

/** {@link CredentialStore} over `credentials`, one row per user, written by upsert. */
export function createCredentialStore(ctx: StoreContext): CredentialStore {
  const { db, codec } = ctx;
  return {
    async getCredentials(tenantId, userId) {
      const row = await db.selectFrom('credentials').selectAll().where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst();
      if (row === undefined) return undefined;
      return {
        userId: row.user_id as UserId,
        tenantId: row.tenant_id as TenantId,
        passwordHash: row.password_hash,
        totpSecretSealed: row.totp_secret_sealed,
        totpState: row.totp_state as Credentials['totpState'],
        totpLastStep: row.totp_last_step,
        failedAttempts: row.failed_attempts,
        lockedUntil: codec.readTimeOrNull(row.locked_until),
        passwordChangedAt: codec.readTimeOrNull(row.password_changed_at),
      };
    },
    async putCredentials(credentials) {
      const fields = {
        password_hash: credentials.passwordHash,
        totp_secret_sealed: credentials.totpSecretSealed,
        totp_state: credentials.totpState,
        totp_last_step: credentials.totpLastStep,
        failed_attempts: credentials.failedAttempts,
        locked_until: codec.timeOrNull(credentials.lockedUntil),
        password_changed_at: codec.timeOrNull(credentials.passwordChangedAt),
      };
      await db
        .insertInto('credentials')
        .values({ tenant_id: credentials.tenantId, user_id: credentials.userId, ...fields })
        .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doUpdateSet(fields))
        .execute();
    },
  };
}
