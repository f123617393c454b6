import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../database/dialect.js';
import { columnTypes } from './column-types.js';

/**
 * Mobile app management (issue 7): app protection and app configuration policies, the SDK's app
 * registrations, and per-day usage of SDK apps.
 *
 * Registrations are read on every SDK check-in by id alone (the check-in names no tenant; ids are
 * UUIDv7, unique across tenants), so `id` is the primary key. They keep no foreign key to users:
 * a registration outlives its user until the app has been told to wipe. A live registration (not
 * wiped) is unique per (tenant, user, app, device tag); wiped ones stay as history beside a new one.
 *
 * Usage is one row per (app, day, user), so concurrent check-ins of one app add to different rows
 * instead of contending for one counter, and a day's active users are that day's rows.
 */
export function mam(dialect: Dialect): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const table of ['mam_protection_policies', 'mam_configuration_policies'] as const) {
        await db.schema
          .createTable(table)
          .addColumn('tenant_id', t.key, (c) => c.notNull().references('tenants.tenant_id').onDelete('cascade'))
          .addColumn('id', t.key, (c) => c.notNull())
          .addColumn('name', t.text, (c) => c.notNull())
          .addColumn('name_key', t.key, (c) => c.notNull())
          .addColumn('description', t.text, (c) => c.notNull())
          .addColumn('settings', t.json, (c) => c.notNull())
          .addColumn('targets', t.json, (c) => c.notNull())
          // Lower-cased target app identifiers: the list's app filter.
          .addColumn('app_keys', t.json, (c) => c.notNull())
          .addColumn('hash', t.key, (c) => c.notNull())
          .addColumn('version', t.integer, (c) => c.notNull())
          .addColumn('created_at', t.timestamp, (c) => c.notNull())
          .addColumn('updated_at', t.timestamp, (c) => c.notNull())
          .addPrimaryKeyConstraint(`${table}_pkey`, ['tenant_id', 'id'])
          .addUniqueConstraint(`${table}_name_key`, ['tenant_id', 'name_key'])
          .execute();
        await db.schema.createIndex(`${table}_created_at_idx`).on(table).columns(['tenant_id', 'created_at', 'id']).execute();
        await db.schema.createIndex(`${table}_updated_at_idx`).on(table).columns(['tenant_id', 'updated_at', 'id']).execute();
      }

      await db.schema
        .createTable('mam_registrations')
        .addColumn('id', t.key, (c) => c.notNull().primaryKey())
        .addColumn('tenant_id', t.key, (c) => c.notNull().references('tenants.tenant_id').onDelete('cascade'))
        .addColumn('user_id', t.key, (c) => c.notNull())
        .addColumn('app_identifier', t.text, (c) => c.notNull())
        .addColumn('app_key', t.key, (c) => c.notNull())
        .addColumn('app_version', t.text, (c) => c.notNull())
        .addColumn('sdk_version', t.text, (c) => c.notNull())
        .addColumn('platform', t.key, (c) => c.notNull())
        .addColumn('device_tag', t.key, (c) => c.notNull())
        .addColumn('device_name', t.text)
        .addColumn('os_name', t.text)
        .addColumn('os_version', t.text)
        .addColumn('client_id', t.text)
        .addColumn('device_id', t.key)
        .addColumn('public_key', t.json, (c) => c.notNull())
        // base64url of 32 random bytes, sealed under the master key when the server has one.
        .addColumn('key_share', t.text, (c) => c.notNull())
        .addColumn('state', t.key, (c) => c.notNull())
        .addColumn('sequence', t.bigint, (c) => c.notNull())
        .addColumn('reported', t.json, (c) => c.notNull())
        .addColumn('last_check_in_at', t.timestamp)
        .addColumn('last_used_at', t.timestamp)
        .addColumn('wipe', t.json)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('mam_registrations_live_key')
        .unique()
        .on('mam_registrations')
        .columns(['tenant_id', 'user_id', 'app_key', 'device_tag'])
        .where(sql<boolean>`state <> 'wiped'`)
        .execute();
      await db.schema.createIndex('mam_registrations_created_at_idx').on('mam_registrations').columns(['tenant_id', 'created_at', 'id']).execute();
      await db.schema.createIndex('mam_registrations_user_idx').on('mam_registrations').columns(['tenant_id', 'user_id', 'created_at', 'id']).execute();
      await db.schema.createIndex('mam_registrations_app_idx').on('mam_registrations').columns(['tenant_id', 'app_key', 'created_at', 'id']).execute();
      await db.schema
        .createIndex('mam_registrations_device_idx')
        .on('mam_registrations')
        .columns(['tenant_id', 'device_id'])
        .where(sql<boolean>`device_id is not null`)
        .execute();

      await db.schema
        .createTable('mam_app_usage')
        .addColumn('tenant_id', t.key, (c) => c.notNull().references('tenants.tenant_id').onDelete('cascade'))
        .addColumn('app_key', t.key, (c) => c.notNull())
        .addColumn('day', t.key, (c) => c.notNull())
        .addColumn('user_id', t.key, (c) => c.notNull())
        .addColumn('app_identifier', t.text, (c) => c.notNull())
        .addColumn('launches', t.bigint, (c) => c.notNull())
        .addColumn('last_used_at', t.timestamp)
        .addPrimaryKeyConstraint('mam_app_usage_pkey', ['tenant_id', 'app_key', 'day', 'user_id'])
        .execute();
      // The report of all apps reads a range of days across apps; retention prunes by day across tenants.
      await db.schema.createIndex('mam_app_usage_day_idx').on('mam_app_usage').columns(['tenant_id', 'day']).execute();
      await db.schema.createIndex('mam_app_usage_prune_idx').on('mam_app_usage').columns(['day']).execute();
    },
  };
}
