import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database/dialect.js';
import { columnTypes } from './column-types.js';

/**
 * The app catalog (issue 7): apps, their icons, the uploaded versions of line-of-business apps,
 * and the desired and reported apps per device.
 *
 * App assignments live in `assignments` with item kind `app` (no foreign key there either).
 * Device rows reference their device and go with it, but not their app: a deleted app's rows stay,
 * as removals, until each device confirms it removed what Ward installed. Package files are not in
 * the database: `app_versions.sha256` is their address in the blob store.
 */
export function apps(dialect: Dialect): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('apps')
        .addColumn('tenant_id', t.key, (c) => c.notNull().references('tenants.tenant_id').onDelete('cascade'))
        .addColumn('id', t.key, (c) => c.notNull())
        .addColumn('name', t.text, (c) => c.notNull())
        .addColumn('name_key', t.key, (c) => c.notNull())
        .addColumn('description', t.text, (c) => c.notNull())
        .addColumn('publisher', t.text, (c) => c.notNull())
        .addColumn('kind', t.key, (c) => c.notNull())
        .addColumn('identifier', t.text, (c) => c.notNull())
        .addColumn('identifier_key', t.key, (c) => c.notNull())
        .addColumn('platforms', t.json, (c) => c.notNull())
        .addColumn('details', t.json, (c) => c.notNull())
        .addColumn('icon_sha256', t.key)
        .addColumn('current_version_id', t.key)
        .addColumn('version', t.integer, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('apps_pkey', ['tenant_id', 'id'])
        // The mam context and the SDK look apps up by identifier; two apps of one identifier would make that ambiguous.
        .addUniqueConstraint('apps_identifier_key', ['tenant_id', 'identifier_key'])
        .execute();
      // Names are not unique (Firefox from Flathub and from Snap), so the name sort needs the id.
      await db.schema.createIndex('apps_name_idx').on('apps').columns(['tenant_id', 'name_key', 'id']).execute();
      await db.schema.createIndex('apps_created_at_idx').on('apps').columns(['tenant_id', 'created_at', 'id']).execute();
      await db.schema.createIndex('apps_updated_at_idx').on('apps').columns(['tenant_id', 'updated_at', 'id']).execute();

      // Icons apart, so app lists never read up to 256 KiB per row. Base64 text: one column type on both dialects.
      await db.schema
        .createTable('app_icons')
        .addColumn('tenant_id', t.key, (c) => c.notNull())
        .addColumn('app_id', t.key, (c) => c.notNull())
        .addColumn('sha256', t.key, (c) => c.notNull())
        .addColumn('png_base64', t.text, (c) => c.notNull())
        .addPrimaryKeyConstraint('app_icons_pkey', ['tenant_id', 'app_id'])
        .addForeignKeyConstraint('app_icons_app_fkey', ['tenant_id', 'app_id'], 'apps', ['tenant_id', 'id'], (c) => c.onDelete('cascade'))
        .execute();

      await db.schema
        .createTable('app_versions')
        .addColumn('tenant_id', t.key, (c) => c.notNull())
        .addColumn('id', t.key, (c) => c.notNull())
        .addColumn('app_id', t.key, (c) => c.notNull())
        .addColumn('version', t.key, (c) => c.notNull())
        .addColumn('format', t.key, (c) => c.notNull())
        .addColumn('identifier', t.text, (c) => c.notNull())
        .addColumn('name', t.text, (c) => c.notNull())
        .addColumn('minimum_os_version', t.text)
        .addColumn('architecture', t.text)
        .addColumn('sha256', t.key, (c) => c.notNull())
        .addColumn('size_bytes', t.bigint, (c) => c.notNull())
        .addColumn('file_name', t.text, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('superseded_at', t.timestamp)
        .addPrimaryKeyConstraint('app_versions_pkey', ['tenant_id', 'id'])
        .addUniqueConstraint('app_versions_version_key', ['tenant_id', 'app_id', 'version'])
        .addForeignKeyConstraint('app_versions_app_fkey', ['tenant_id', 'app_id'], 'apps', ['tenant_id', 'id'], (c) => c.onDelete('cascade'))
        .execute();
      // An app's versions newest first.
      await db.schema.createIndex('app_versions_app_idx').on('app_versions').columns(['tenant_id', 'app_id', 'created_at', 'id']).execute();
      // The blob sweep asks, across tenants, whether any version still names a file.
      await db.schema.createIndex('app_versions_sha256_idx').on('app_versions').columns(['sha256']).execute();

      // Devices × apps, written in bulk by recomputation; the key leads with the device, as check-ins read a device's rows together.
      await db.schema
        .createTable('device_app_states')
        .addColumn('tenant_id', t.key, (c) => c.notNull())
        .addColumn('device_id', t.key, (c) => c.notNull())
        .addColumn('app_id', t.key, (c) => c.notNull())
        .addColumn('status', t.key, (c) => c.notNull())
        .addColumn('intent', t.key)
        .addColumn('action', t.key, (c) => c.notNull())
        .addColumn('desired_hash', t.key)
        .addColumn('item', t.json)
        .addColumn('reason', t.text)
        .addColumn('desired_at', t.timestamp, (c) => c.notNull())
        .addColumn('reported_hash', t.key)
        .addColumn('reported_status', t.key)
        .addColumn('installed_version', t.text)
        .addColumn('error', t.text)
        .addColumn('reported_at', t.timestamp)
        .addColumn('installed', t.json)
        .addPrimaryKeyConstraint('device_app_states_pkey', ['tenant_id', 'device_id', 'app_id'])
        .addForeignKeyConstraint('device_app_states_device_fkey', ['tenant_id', 'device_id'], 'devices', ['tenant_id', 'id'], (c) => c.onDelete('cascade'))
        .execute();
      // Install status: counts by status, and a status's devices in id order.
      await db.schema.createIndex('device_app_states_status_idx').on('device_app_states').columns(['tenant_id', 'app_id', 'status', 'device_id']).execute();
      // An app's devices in id order, whatever their status (recomputation after an app change).
      await db.schema.createIndex('device_app_states_app_idx').on('device_app_states').columns(['tenant_id', 'app_id', 'device_id']).execute();
    },
  };
}
