import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../database/dialect.js';
import { columnTypes } from './column-types.js';

/**
 * Device management: installed software, hardware-id bindings, enrollment tokens and restrictions,
 * device identities (certificates), the command queue and its history, and server-wide secrets.
 *
 * Rows that only make sense with their device (software, hardware ids, pending commands, action
 * history) reference it and go with it; device identities do not, because a deleted device's
 * revoked certificates must stay on the CRL until they expire.
 */
export function deviceManagement(dialect: Dialect): Migration {
  const t = columnTypes(dialect);
  const device = ['tenant_id', 'device_id'] as const;
  const deviceKey = ['tenant_id', 'id'];
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // The primary key is the list order (name case-insensitively, then exactly, then version and
      // source), so a page of one device's software is a range of it.
      await db.schema
        .createTable('device_software')
        .addColumn('tenant_id', t.key, (c) => c.notNull())
        .addColumn('device_id', t.key, (c) => c.notNull())
        .addColumn('name', t.key, (c) => c.notNull())
        .addColumn('name_key', t.key, (c) => c.notNull())
        .addColumn('version', t.key, (c) => c.notNull())
        .addColumn('source', t.key, (c) => c.notNull())
        .addPrimaryKeyConstraint('device_software_pkey', ['tenant_id', 'device_id', 'name_key', 'name', 'version', 'source'])
        .addForeignKeyConstraint('device_software_device_fkey', [...device], 'devices', deviceKey, (c) => c.onDelete('cascade'))
        .execute();
      // Fleet-wide "which devices have app X (version Y)": ends in device_id, so it answers alone.
      await db.schema.createIndex('device_software_name_idx').on('device_software').columns(['tenant_id', 'name_key', 'version', 'device_id']).execute();

      await db.schema
        .createTable('device_hardware_ids')
        .addColumn('tenant_id', t.key, (c) => c.notNull())
        .addColumn('hardware_id', t.key, (c) => c.notNull())
        .addColumn('device_id', t.key, (c) => c.notNull())
        .addPrimaryKeyConstraint('device_hardware_ids_pkey', ['tenant_id', 'hardware_id'])
        .addForeignKeyConstraint('device_hardware_ids_device_fkey', [...device], 'devices', deviceKey, (c) => c.onDelete('cascade'))
        .execute();
      await db.schema.createIndex('device_hardware_ids_device_idx').on('device_hardware_ids').columns([...device]).execute();

      await db.schema
        .createTable('enrollment_tokens')
        .addColumn('tenant_id', t.key, (c) => c.notNull().references('tenants.tenant_id').onDelete('cascade'))
        .addColumn('id', t.key, (c) => c.notNull())
        .addColumn('name', t.text, (c) => c.notNull())
        .addColumn('secret_hash', t.text, (c) => c.notNull())
        .addColumn('max_uses', t.integer)
        .addColumn('uses', t.integer, (c) => c.notNull())
        .addColumn('ownership', t.key, (c) => c.notNull())
        .addColumn('target_group_id', t.key)
        .addColumn('user_id', t.key)
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        .addColumn('revoked_at', t.timestamp)
        .addColumn('created_by', t.text, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('enrollment_tokens_pkey', ['tenant_id', 'id'])
        // A device presents the token before its tenant is known.
        .addUniqueConstraint('enrollment_tokens_id_key', ['id'])
        .execute();
      await db.schema.createIndex('enrollment_tokens_created_at_idx').on('enrollment_tokens').columns(['tenant_id', 'created_at', 'id']).execute();

      await db.schema
        .createTable('enrollment_restrictions')
        .addColumn('tenant_id', t.key, (c) => c.primaryKey().references('tenants.tenant_id').onDelete('cascade'))
        .addColumn('allow_personal', t.boolean, (c) => c.notNull())
        .addColumn('max_devices_per_user', t.integer, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addColumn('allowed_platforms', t.json, (c) => c.notNull())
        .addColumn('min_os_version', t.json, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('device_identities')
        .addColumn('tenant_id', t.key, (c) => c.notNull().references('tenants.tenant_id').onDelete('cascade'))
        .addColumn('serial_number', t.key, (c) => c.notNull())
        .addColumn('device_id', t.key, (c) => c.notNull())
        .addColumn('fingerprint', t.text, (c) => c.notNull())
        .addColumn('not_before', t.timestamp, (c) => c.notNull())
        .addColumn('not_after', t.timestamp, (c) => c.notNull())
        .addColumn('state', t.key, (c) => c.notNull())
        .addColumn('revoked_at', t.timestamp)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('device_identities_pkey', ['tenant_id', 'serial_number'])
        // Every device request looks its certificate up by serial, before the tenant is known.
        .addUniqueConstraint('device_identities_serial_number_key', ['serial_number'])
        .execute();
      await db.schema.createIndex('device_identities_device_idx').on('device_identities').columns(['tenant_id', 'device_id', 'created_at', 'serial_number']).execute();
      // The CRL: revoked certificates not yet expired, across tenants.
      await db.schema.createIndex('device_identities_revoked_idx').on('device_identities').columns(['state', 'not_after']).execute();

      // Pending work only: a result or expiry moves the row to command_history.
      await db.schema
        .createTable('device_commands')
        .addColumn('tenant_id', t.key, (c) => c.notNull())
        .addColumn('id', t.key, (c) => c.notNull())
        .addColumn('device_id', t.key, (c) => c.notNull())
        .addColumn('type', t.key, (c) => c.notNull())
        .addColumn('signature', t.text, (c) => c.notNull())
        .addColumn('status', t.key, (c) => c.notNull())
        .addColumn('deliveries', t.integer, (c) => c.notNull())
        .addColumn('requested_by', t.text, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('sent_at', t.timestamp)
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        .addColumn('payload', t.json, (c) => c.notNull())
        .addPrimaryKeyConstraint('device_commands_pkey', ['tenant_id', 'id'])
        .addForeignKeyConstraint('device_commands_device_fkey', [...device], 'devices', deviceKey, (c) => c.onDelete('cascade'))
        .execute();
      await db.schema.createIndex('device_commands_device_idx').on('device_commands').columns(['tenant_id', 'device_id', 'created_at', 'id']).execute();
      await db.schema.createIndex('device_commands_expires_at_idx').on('device_commands').columns(['expires_at']).execute();

      await db.schema
        .createTable('command_history')
        .addColumn('tenant_id', t.key, (c) => c.notNull())
        .addColumn('id', t.key, (c) => c.notNull())
        .addColumn('device_id', t.key, (c) => c.notNull())
        .addColumn('type', t.key, (c) => c.notNull())
        .addColumn('status', t.key, (c) => c.notNull())
        .addColumn('requested_by', t.text, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('completed_at', t.timestamp, (c) => c.notNull())
        .addColumn('result', t.json)
        .addPrimaryKeyConstraint('command_history_pkey', ['tenant_id', 'id'])
        .addForeignKeyConstraint('command_history_device_fkey', [...device], 'devices', deviceKey, (c) => c.onDelete('cascade'))
        .execute();
      // Newest first, as the history is listed.
      await sql`create index command_history_device_idx on command_history (tenant_id, device_id, completed_at desc, id desc)`.execute(db);

      // Server-wide: '*' keeps the rule that every table leads with tenant_id.
      await db.schema
        .createTable('server_secrets')
        .addColumn('tenant_id', t.key, (c) => c.notNull().defaultTo('*'))
        .addColumn('name', t.key, (c) => c.notNull())
        .addColumn('value', t.text, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('server_secrets_pkey', ['tenant_id', 'name'])
        .execute();
    },
  };
}
