import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database/dialect.js';
import { columnTypes } from './column-types.js';

/**
 * Admin actions on Apple devices while their MDM commands are pending (`apple_actions`): one
 * action (lock, retire, …) becomes one or more Apple commands whose `origin` is the action's id;
 * the row says which, and who asked, until the last command leaves the queue and the action's
 * history record is written. Pending work only: the row is deleted then, so the table never
 * grows with history.
 */
export function appleDelivery(dialect: Dialect): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('apple_actions')
        .addColumn('tenant_id', t.key, (c) => c.notNull())
        .addColumn('id', t.key, (c) => c.notNull())
        .addColumn('device_id', t.key, (c) => c.notNull())
        .addColumn('type', t.key, (c) => c.notNull())
        .addColumn('command_uuids', t.json, (c) => c.notNull())
        .addColumn('requested_by', t.text, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('apple_actions_pkey', ['tenant_id', 'id'])
        .addForeignKeyConstraint('apple_actions_device_fkey', ['tenant_id', 'device_id'], 'devices', ['tenant_id', 'id'], (c) => c.onDelete('cascade'))
        .execute();
      // A device's pending actions, oldest first (its action list).
      await db.schema.createIndex('apple_actions_device_idx').on('apple_actions').columns(['tenant_id', 'device_id', 'created_at']).execute();
    },
  };
}
