import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database/dialect.js';
import { columnTypes } from './column-types.js';

/**
 * Conditional access: the policies, and the sign-in log.
 *
 * The log is written on every authorization and refresh and read by filters (user, outcome,
 * relying party, time range) newest first: each filter has an index ending in (at, id), so a page
 * is a range scan from the cursor whatever the log's size. Rows do not reference users, devices or
 * policies: the log is history and outlives them until the retention job prunes it by `at`.
 */
export function conditionalAccess(dialect: Dialect): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('access_policies')
        .addColumn('tenant_id', t.key, (c) => c.notNull().references('tenants.tenant_id').onDelete('cascade'))
        .addColumn('id', t.key, (c) => c.notNull())
        .addColumn('name', t.text, (c) => c.notNull())
        .addColumn('name_key', t.key, (c) => c.notNull())
        .addColumn('description', t.text, (c) => c.notNull())
        .addColumn('state', t.key, (c) => c.notNull())
        .addColumn('conditions', t.json, (c) => c.notNull())
        .addColumn('grant_controls', t.json, (c) => c.notNull())
        .addColumn('session_controls', t.json, (c) => c.notNull())
        .addColumn('version', t.integer, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('access_policies_pkey', ['tenant_id', 'id'])
        .addUniqueConstraint('access_policies_name_key', ['tenant_id', 'name_key'])
        .execute();
      await db.schema.createIndex('access_policies_created_at_idx').on('access_policies').columns(['tenant_id', 'created_at', 'id']).execute();
      await db.schema.createIndex('access_policies_updated_at_idx').on('access_policies').columns(['tenant_id', 'updated_at', 'id']).execute();

      await db.schema
        .createTable('access_sign_ins')
        .addColumn('tenant_id', t.key, (c) => c.notNull().references('tenants.tenant_id').onDelete('cascade'))
        // Ids are unique across tenants (UUIDv7), so pruning across tenants deletes by id alone.
        .addColumn('id', t.key, (c) => c.notNull().primaryKey())
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .addColumn('user_id', t.key)
        .addColumn('user_name', t.text, (c) => c.notNull())
        .addColumn('relying_party_id', t.key)
        .addColumn('device_id', t.key)
        .addColumn('ip', t.text)
        .addColumn('client_type', t.key, (c) => c.notNull())
        .addColumn('user_agent', t.text)
        .addColumn('outcome', t.key, (c) => c.notNull())
        .addColumn('failure_reason', t.key)
        .addColumn('detail', t.text)
        .addColumn('sign_in_risk', t.key, (c) => c.notNull())
        .addColumn('policies', t.json, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('access_sign_ins_at_idx').on('access_sign_ins').columns(['tenant_id', 'at', 'id']).execute();
      // Also the failed-attempt count behind sign-in risk: the user's last hour is one range.
      await db.schema.createIndex('access_sign_ins_user_idx').on('access_sign_ins').columns(['tenant_id', 'user_id', 'at', 'id']).execute();
      await db.schema.createIndex('access_sign_ins_outcome_idx').on('access_sign_ins').columns(['tenant_id', 'outcome', 'at', 'id']).execute();
      await db.schema.createIndex('access_sign_ins_relying_party_idx').on('access_sign_ins').columns(['tenant_id', 'relying_party_id', 'at', 'id']).execute();
      // Retention: the oldest rows across tenants.
      await db.schema.createIndex('access_sign_ins_prune_idx').on('access_sign_ins').columns(['at']).execute();
    },
  };
}
