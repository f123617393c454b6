import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database/dialect.js';
import { columnTypes } from './column-types.js';

/**
 * Compliance over time: each tenant's devices counted per compliance state once a day, overall
 * (`policy_id` empty) and against each policy. The key is the idempotency of the daily job: a
 * second snapshot of a (tenant, policy, day) — another node, a restart — is not written.
 *
 * Rows do not reference their policy: a deleted policy's past stays readable until pruned.
 */
export function complianceHistory(dialect: Dialect): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('compliance_snapshots')
        .addColumn('tenant_id', t.key, (c) => c.notNull().references('tenants.tenant_id').onDelete('cascade'))
        // '' for devices overall: a primary key column cannot be null on PostgreSQL.
        .addColumn('policy_id', t.key, (c) => c.notNull())
        // The UTC day as YYYY-MM-DD: sorts in time order and names the same day on every node.
        .addColumn('day', t.key, (c) => c.notNull())
        .addColumn('unknown', t.integer, (c) => c.notNull())
        .addColumn('compliant', t.integer, (c) => c.notNull())
        .addColumn('in_grace_period', t.integer, (c) => c.notNull())
        .addColumn('noncompliant', t.integer, (c) => c.notNull())
        .addColumn('error', t.integer, (c) => c.notNull())
        .addColumn('not_applicable', t.integer, (c) => c.notNull())
        .addColumn('recorded_at', t.timestamp, (c) => c.notNull())
        // A series (tenant, policy) in day order is a range of the key.
        .addPrimaryKeyConstraint('compliance_snapshots_pkey', ['tenant_id', 'policy_id', 'day'])
        .execute();
      // Pruning old days across tenants.
      await db.schema.createIndex('compliance_snapshots_day_idx').on('compliance_snapshots').columns(['day']).execute();
    },
  };
}
