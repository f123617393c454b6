import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database/dialect.js';
import { columnTypes } from './column-types.js';

/**
 * Upstream federation (issue 6 §2): the external OpenID providers each tenant's users may sign in
 * with. The client secret is sealed by the store; names are unique per tenant case-insensitively
 * (`name_key`), since each one labels a button on the sign-in page; `version` guards concurrent
 * edits. A federated sign-in in flight keeps its state in `idp_states` (no new table).
 */
export function upstreamIdentityProviders(dialect: Dialect): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('idp_upstream_providers')
        .addColumn('id', t.key, (c) => c.primaryKey())
        .addColumn('tenant_id', t.key, (c) => c.notNull().references('tenants.tenant_id').onDelete('cascade'))
        .addColumn('name', t.text, (c) => c.notNull())
        .addColumn('name_key', t.key, (c) => c.notNull())
        .addColumn('issuer', t.text, (c) => c.notNull())
        .addColumn('client_id', t.text, (c) => c.notNull())
        .addColumn('client_secret', t.text, (c) => c.notNull())
        .addColumn('scopes', t.json, (c) => c.notNull())
        .addColumn('enabled', t.boolean, (c) => c.notNull())
        .addColumn('require_verified_email', t.boolean, (c) => c.notNull())
        .addColumn('version', t.integer, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('idp_upstream_providers_name_key', ['tenant_id', 'name_key'])
        .execute();
      // A tenant's list in creation (id) order, and the sign-in page's enabled ones.
      await db.schema.createIndex('idp_upstream_providers_tenant_idx').on('idp_upstream_providers').columns(['tenant_id', 'id']).execute();
    },
  };
}
