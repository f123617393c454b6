import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database/dialect.js';
import { columnTypes } from './column-types.js';

/**
 * APNs push credentials: one row per tenant holding the pending certificate request (CSR and its
 * key) and the active push certificate (certificate, key, topic, validity). Both keys are sealed
 * under the master key by the store; the row goes with its tenant.
 */
export function apns(dialect: Dialect): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('push_certificates')
        .addColumn('tenant_id', t.key, (c) => c.primaryKey().references('tenants.tenant_id').onDelete('cascade'))
        .addColumn('pending_id', t.key)
        .addColumn('pending_csr', t.text)
        .addColumn('pending_key', t.text)
        .addColumn('pending_key_sha256', t.key)
        .addColumn('pending_requested_at', t.timestamp)
        .addColumn('topic', t.text)
        .addColumn('certificate', t.text)
        .addColumn('certificate_key', t.text)
        .addColumn('certificate_key_sha256', t.key)
        .addColumn('serial_number', t.text)
        .addColumn('subject', t.text)
        .addColumn('not_before', t.timestamp)
        .addColumn('not_after', t.timestamp)
        .addColumn('uploaded_at', t.timestamp)
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
    },
  };
}
