import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database/dialect.js';
import { columnTypes } from './column-types.js';

/**
 * Second factors beside TOTP (issue 6 §2): passkeys (WebAuthn credentials: id, COSE public key,
 * signature counter, transports), the challenges of ceremonies in progress (single use, short
 * lived), and recovery codes (hashes only, each used once). All three belong to a user and go
 * with them.
 */
export function passkeys(dialect: Dialect): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('passkeys')
        .addColumn('tenant_id', t.key, (c) => c.notNull())
        .addColumn('id', t.key, (c) => c.notNull())
        .addColumn('user_id', t.key, (c) => c.notNull())
        .addColumn('credential_id', t.key, (c) => c.notNull())
        // base64url of the COSE_Key: text keeps one column type on both dialects.
        .addColumn('public_key', t.text, (c) => c.notNull())
        // WebAuthn's counter is an unsigned 32-bit number, past PostgreSQL's integer.
        .addColumn('sign_count', t.bigint, (c) => c.notNull())
        .addColumn('transports', t.json, (c) => c.notNull())
        .addColumn('name', t.text, (c) => c.notNull())
        .addColumn('backup_eligible', t.boolean, (c) => c.notNull())
        .addColumn('backed_up', t.boolean, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('last_used_at', t.timestamp)
        .addPrimaryKeyConstraint('passkeys_pkey', ['tenant_id', 'id'])
        .addUniqueConstraint('passkeys_credential_key', ['tenant_id', 'credential_id'])
        .addForeignKeyConstraint('passkeys_user_fkey', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'], (c) => c.onDelete('cascade'))
        .execute();
      await db.schema.createIndex('passkeys_user_idx').on('passkeys').columns(['tenant_id', 'user_id', 'id']).execute();

      await db.schema
        .createTable('webauthn_challenges')
        .addColumn('tenant_id', t.key, (c) => c.notNull())
        .addColumn('challenge', t.key, (c) => c.notNull())
        .addColumn('user_id', t.key, (c) => c.notNull())
        .addColumn('ceremony', t.key, (c) => c.notNull())
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('webauthn_challenges_pkey', ['tenant_id', 'challenge'])
        .addForeignKeyConstraint('webauthn_challenges_user_fkey', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'], (c) => c.onDelete('cascade'))
        .execute();
      // The sweep of a user's expired challenges.
      await db.schema.createIndex('webauthn_challenges_user_idx').on('webauthn_challenges').columns(['tenant_id', 'user_id', 'expires_at']).execute();

      await db.schema
        .createTable('recovery_codes')
        .addColumn('tenant_id', t.key, (c) => c.notNull())
        .addColumn('user_id', t.key, (c) => c.notNull())
        .addColumn('code_hash', t.key, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('used_at', t.timestamp)
        .addPrimaryKeyConstraint('recovery_codes_pkey', ['tenant_id', 'user_id', 'code_hash'])
        .addForeignKeyConstraint('recovery_codes_user_fkey', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'], (c) => c.onDelete('cascade'))
        .execute();
    },
  };
}
