import { fromBase64Url, toBase64Url, WardError, type Passkey, type PasskeyStore, type RecoveryCodeStore, type TenantId, type UserId, type WebAuthnCeremony } from '@ward/core';
import type { Selectable } from 'kysely';
import type { BooleanColumn, JsonColumn, TimestampColumn } from '../database/schema.js';
import { unlessUniqueViolation, type StoreContext } from './store-context.js';

/** `passkeys`: WebAuthn credentials, one row per registration. */
type PasskeysTable = {
  tenant_id: string;
  id: string;
  user_id: string;
  credential_id: string;
  public_key: string;
  sign_count: number;
  transports: JsonColumn;
  name: string;
  backup_eligible: BooleanColumn;
  backed_up: BooleanColumn;
  created_at: TimestampColumn;
  last_used_at: TimestampColumn | null;
};

/** `webauthn_challenges`: challenges of ceremonies in progress. */
type WebAuthnChallengesTable = {
  tenant_id: string;
  challenge: string;
  user_id: string;
  ceremony: string;
  expires_at: TimestampColumn;
};

/** `recovery_codes`: hashes of a user's recovery codes. */
type RecoveryCodesTable = {
  tenant_id: string;
  user_id: string;
  code_hash: string;
  created_at: TimestampColumn;
  used_at: TimestampColumn | null;
};

// Type aliases, not interfaces: Kysely's withTables wants an index-signature-compatible record.
/** The tables of migration 0010, added to the schema this store sees (Kysely's `withTables`). */
export type PasskeyTables = {
  passkeys: PasskeysTable;
  webauthn_challenges: WebAuthnChallengesTable;
  recovery_codes: RecoveryCodesTable;
};

function stringList(value: unknown): readonly string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** {@link PasskeyStore} and {@link RecoveryCodeStore} over the tables of migration 0010. */
export function createPasskeyStore(ctx: StoreContext): PasskeyStore & RecoveryCodeStore {
  const { codec } = ctx;
  const db = ctx.db.withTables<PasskeyTables>();

  const passkeyOf = (row: Selectable<PasskeysTable>): Passkey => {
    const publicKey = fromBase64Url(row.public_key);
    if (publicKey === undefined) throw new WardError('INTERNAL', `Passkey ${row.id} has a malformed public key.`);
    return {
      id: row.id,
      tenantId: row.tenant_id as TenantId,
      userId: row.user_id as UserId,
      credentialId: row.credential_id,
      publicKey,
      signCount: row.sign_count,
      transports: stringList(codec.readJson(row.transports)),
      name: row.name,
      backupEligible: codec.readBool(row.backup_eligible),
      backedUp: codec.readBool(row.backed_up),
      createdAt: codec.readTime(row.created_at),
      lastUsedAt: codec.readTimeOrNull(row.last_used_at),
    };
  };

  return {
    async listPasskeys(tenantId, userId) {
      const rows = await db.selectFrom('passkeys').selectAll().where('tenant_id', '=', tenantId).where('user_id', '=', userId).orderBy('id').execute();
      return rows.map(passkeyOf);
    },
    async findPasskeyByCredentialId(tenantId, credentialId) {
      const row = await db.selectFrom('passkeys').selectAll().where('tenant_id', '=', tenantId).where('credential_id', '=', credentialId).executeTakeFirst();
      return row === undefined ? undefined : passkeyOf(row);
    },
    insertPasskey(passkey) {
      return unlessUniqueViolation(ctx, async () => {
        await db
          .insertInto('passkeys')
          .values({
            tenant_id: passkey.tenantId,
            id: passkey.id,
            user_id: passkey.userId,
            credential_id: passkey.credentialId,
            public_key: toBase64Url(passkey.publicKey),
            sign_count: passkey.signCount,
            transports: codec.json(passkey.transports),
            name: passkey.name,
            backup_eligible: codec.bool(passkey.backupEligible),
            backed_up: codec.bool(passkey.backedUp),
            created_at: codec.time(passkey.createdAt),
            last_used_at: codec.timeOrNull(passkey.lastUsedAt),
          })
          .execute();
      });
    },
    async recordPasskeyUse(tenantId, id, signCount, backedUp, at) {
      const result = await db
        .updateTable('passkeys')
        .set({ sign_count: signCount, backed_up: codec.bool(backedUp), last_used_at: codec.time(at) })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async deletePasskey(tenantId, userId, id) {
      const result = await db.deleteFrom('passkeys').where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    async insertWebAuthnChallenge(challenge) {
      await db
        .insertInto('webauthn_challenges')
        .values({ tenant_id: challenge.tenantId, challenge: challenge.challenge, user_id: challenge.userId, ceremony: challenge.ceremony, expires_at: codec.time(challenge.expiresAt) })
        .execute();
    },
    async takeWebAuthnChallenge(tenantId, challenge) {
      // DELETE … RETURNING on both dialects (SQLite ≥ 3.35): the row goes to exactly one taker.
      const row = await db.deleteFrom('webauthn_challenges').where('tenant_id', '=', tenantId).where('challenge', '=', challenge).returningAll().executeTakeFirst();
      if (row === undefined) return undefined;
      return { challenge: row.challenge, tenantId: row.tenant_id as TenantId, userId: row.user_id as UserId, ceremony: row.ceremony as WebAuthnCeremony, expiresAt: codec.readTime(row.expires_at) };
    },
    async deleteExpiredWebAuthnChallenges(tenantId, userId, now) {
      await db.deleteFrom('webauthn_challenges').where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('expires_at', '<', codec.time(now)).execute();
    },
    async replaceRecoveryCodes(tenantId, userId, hashes, at) {
      await ctx.atomically(async (inner) => {
        const tx = inner.db.withTables<PasskeyTables>();
        await tx.deleteFrom('recovery_codes').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
        if (hashes.length === 0) return;
        await tx
          .insertInto('recovery_codes')
          .values([...new Set(hashes)].map((hash) => ({ tenant_id: tenantId, user_id: userId, code_hash: hash, created_at: codec.time(at), used_at: null })))
          .execute();
      });
    },
    async consumeRecoveryCode(tenantId, userId, hash, at) {
      const result = await db
        .updateTable('recovery_codes')
        .set({ used_at: codec.time(at) })
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .where('code_hash', '=', hash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async countUnusedRecoveryCodes(tenantId, userId) {
      const row = await db
        .selectFrom('recovery_codes')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
