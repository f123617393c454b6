import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database/dialect.js';
import { columnTypes } from './column-types.js';

/**
 * Ward's OpenID provider (issue 6 §1): the relying parties admins register (client secret sealed
 * by the store) and the provider's state, one row per oidc-provider model instance (sessions,
 * interactions, codes, tokens, grants…), so it survives restarts and every node shares it.
 *
 * `idp_relying_parties.id` is the OAuth `client_id` the provider looks up without a tenant, so it
 * is the primary key on its own. `idp_states` rows are not tenant-scoped and reference nothing:
 * deleting a relying party deletes its states in the same transaction (by `client_id`).
 */
export function identityProvider(dialect: Dialect): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('idp_relying_parties')
        .addColumn('id', t.key, (c) => c.primaryKey())
        .addColumn('tenant_id', t.key, (c) => c.notNull().references('tenants.tenant_id').onDelete('cascade'))
        .addColumn('name', t.text, (c) => c.notNull())
        .addColumn('redirect_uris', t.json, (c) => c.notNull())
        .addColumn('post_logout_redirect_uris', t.json, (c) => c.notNull())
        .addColumn('grant_types', t.json, (c) => c.notNull())
        .addColumn('token_endpoint_auth_method', t.text, (c) => c.notNull())
        .addColumn('jwks', t.json)
        .addColumn('client_secret', t.text)
        .addColumn('secret_issued_at', t.timestamp)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      // A tenant's list in creation (id) order.
      await db.schema.createIndex('idp_relying_parties_tenant_idx').on('idp_relying_parties').columns(['tenant_id', 'id']).execute();

      await db.schema
        .createTable('idp_states')
        .addColumn('model', t.key, (c) => c.notNull())
        .addColumn('id', t.key, (c) => c.notNull())
        .addColumn('payload', t.json, (c) => c.notNull())
        .addColumn('grant_id', t.key)
        .addColumn('uid', t.key)
        .addColumn('user_code', t.key)
        .addColumn('client_id', t.key)
        .addColumn('expires_at', t.timestamp)
        .addColumn('consumed_at', t.timestamp)
        .addPrimaryKeyConstraint('idp_states_pkey', ['model', 'id'])
        .execute();
      await db.schema.createIndex('idp_states_grant_idx').on('idp_states').columns(['grant_id']).execute();
      await db.schema.createIndex('idp_states_uid_idx').on('idp_states').columns(['model', 'uid']).execute();
      await db.schema.createIndex('idp_states_user_code_idx').on('idp_states').columns(['model', 'user_code']).execute();
      await db.schema.createIndex('idp_states_client_idx').on('idp_states').columns(['client_id']).execute();
      // The purge job's range scan.
      await db.schema.createIndex('idp_states_expires_idx').on('idp_states').columns(['expires_at']).execute();
    },
  };
}
