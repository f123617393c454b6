import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../database/dialect.js';
import { columnTypes } from './column-types.js';

/**
 * Apple MDM: one-time SCEP challenges, the certificates issued over SCEP (Apple identities),
 * each device's MDM enrollment and user channels, and the Apple command queue with its history.
 *
 * Like the agent's, the command queue holds pending work only; answers and expiries move rows to
 * `apple_command_results`. Apple identities do not reference their device, so a deleted device's
 * revoked certificates stay on the CRL until they expire; everything else goes with its device.
 */
export function appleMdm(dialect: Dialect): Migration {
  const t = columnTypes(dialect);
  const device = ['tenant_id', 'device_id'] as const;
  const deviceKey = ['tenant_id', 'id'];
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('apple_scep_challenges')
        .addColumn('tenant_id', t.key, (c) => c.notNull().references('tenants.tenant_id').onDelete('cascade'))
        .addColumn('challenge_hash', t.key, (c) => c.notNull())
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('context', t.json, (c) => c.notNull())
        .addPrimaryKeyConstraint('apple_scep_challenges_pkey', ['tenant_id', 'challenge_hash'])
        // The device presents the challenge before its tenant is known.
        .addUniqueConstraint('apple_scep_challenges_hash_key', ['challenge_hash'])
        .execute();
      await db.schema.createIndex('apple_scep_challenges_expires_at_idx').on('apple_scep_challenges').columns(['expires_at']).execute();

      await db.schema
        .createTable('apple_identities')
        .addColumn('tenant_id', t.key, (c) => c.notNull().references('tenants.tenant_id').onDelete('cascade'))
        .addColumn('serial_number', t.key, (c) => c.notNull())
        .addColumn('fingerprint', t.text, (c) => c.notNull())
        .addColumn('not_before', t.timestamp, (c) => c.notNull())
        .addColumn('not_after', t.timestamp, (c) => c.notNull())
        .addColumn('state', t.key, (c) => c.notNull())
        .addColumn('device_id', t.key)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('revoked_at', t.timestamp)
        .addColumn('context', t.json, (c) => c.notNull())
        .addPrimaryKeyConstraint('apple_identities_pkey', ['tenant_id', 'serial_number'])
        // Every request looks its certificate up by serial, before the tenant is known.
        .addUniqueConstraint('apple_identities_serial_number_key', ['serial_number'])
        .execute();
      await db.schema.createIndex('apple_identities_device_idx').on('apple_identities').columns(['tenant_id', 'device_id', 'state']).execute();
      await db.schema.createIndex('apple_identities_revoked_idx').on('apple_identities').columns(['state', 'not_after']).execute();

      await db.schema
        .createTable('apple_devices')
        .addColumn('tenant_id', t.key, (c) => c.notNull())
        .addColumn('device_id', t.key, (c) => c.notNull())
        .addColumn('udid', t.key)
        .addColumn('enrollment_id', t.key)
        .addColumn('user_enrollment', t.boolean, (c) => c.notNull())
        .addColumn('state', t.key, (c) => c.notNull())
        .addColumn('topic', t.text, (c) => c.notNull())
        .addColumn('push_token', t.key)
        .addColumn('push_magic', t.text)
        .addColumn('unlock_token', t.text)
        .addColumn('bootstrap_token', t.text)
        .addColumn('authenticated_at', t.timestamp, (c) => c.notNull())
        .addColumn('token_updated_at', t.timestamp)
        .addColumn('checked_out_at', t.timestamp)
        .addColumn('installed_profiles', t.json, (c) => c.notNull())
        .addPrimaryKeyConstraint('apple_devices_pkey', ['tenant_id', 'device_id'])
        .addForeignKeyConstraint('apple_devices_device_fkey', [...device], 'devices', deviceKey, (c) => c.onDelete('cascade'))
        .execute();

      await db.schema
        .createTable('apple_user_channels')
        .addColumn('tenant_id', t.key, (c) => c.notNull())
        .addColumn('device_id', t.key, (c) => c.notNull())
        .addColumn('user_id', t.key, (c) => c.notNull())
        .addColumn('user_short_name', t.text)
        .addColumn('user_long_name', t.text)
        .addColumn('push_token', t.key, (c) => c.notNull())
        .addColumn('push_magic', t.text, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('apple_user_channels_pkey', ['tenant_id', 'device_id', 'user_id'])
        .addForeignKeyConstraint('apple_user_channels_device_fkey', [...device], 'devices', deviceKey, (c) => c.onDelete('cascade'))
        .execute();

      // Pending work only: an answer or expiry moves the row to apple_command_results.
      await db.schema
        .createTable('apple_commands')
        .addColumn('tenant_id', t.key, (c) => c.notNull())
        .addColumn('command_uuid', t.key, (c) => c.notNull())
        .addColumn('device_id', t.key, (c) => c.notNull())
        .addColumn('channel', t.key, (c) => c.notNull())
        .addColumn('request_type', t.key, (c) => c.notNull())
        .addColumn('status', t.key, (c) => c.notNull())
        .addColumn('origin', t.text, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('sent_at', t.timestamp)
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        .addColumn('payload', t.json, (c) => c.notNull())
        .addPrimaryKeyConstraint('apple_commands_pkey', ['tenant_id', 'command_uuid'])
        .addForeignKeyConstraint('apple_commands_device_fkey', [...device], 'devices', deviceKey, (c) => c.onDelete('cascade'))
        .execute();
      // The next command of a channel: oldest first.
      await db.schema.createIndex('apple_commands_device_idx').on('apple_commands').columns(['tenant_id', 'device_id', 'channel', 'created_at', 'command_uuid']).execute();
      await db.schema.createIndex('apple_commands_expires_at_idx').on('apple_commands').columns(['expires_at']).execute();

      await db.schema
        .createTable('apple_command_results')
        .addColumn('tenant_id', t.key, (c) => c.notNull())
        .addColumn('command_uuid', t.key, (c) => c.notNull())
        .addColumn('device_id', t.key, (c) => c.notNull())
        .addColumn('channel', t.key, (c) => c.notNull())
        .addColumn('request_type', t.key, (c) => c.notNull())
        .addColumn('origin', t.text, (c) => c.notNull())
        .addColumn('status', t.key, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('completed_at', t.timestamp, (c) => c.notNull())
        .addColumn('result', t.json)
        .addColumn('error_chain', t.json)
        .addPrimaryKeyConstraint('apple_command_results_pkey', ['tenant_id', 'command_uuid'])
        .addForeignKeyConstraint('apple_command_results_device_fkey', [...device], 'devices', deviceKey, (c) => c.onDelete('cascade'))
        .execute();
      // Newest first, as the history is listed.
      await sql`create index apple_command_results_device_idx on apple_command_results (tenant_id, device_id, completed_at desc, command_uuid desc)`.execute(db);
    },
  };
}
