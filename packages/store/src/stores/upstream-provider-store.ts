import { sql, type Selectable } from 'kysely';
import type { TenantId, UpstreamProvider, UpstreamProviderId, UpstreamProviderStore } from '@ward/core';
import type { IdpUpstreamProvidersTable } from '../database/schema.js';
import { afterPosition, checkLimit, readCursor, toPage, type KeysetSort } from './keyset.js';
import { updateAtVersion } from './named-record-page.js';
import type { SecretSealer } from './secret-sealer.js';
import type { StoreContext } from './store-context.js';

// Ids are UUIDv7: id order is creation order.
const providerSort: KeysetSort = { name: 'id', key: sql.ref('id'), id: sql.ref('id'), type: 'text' };

/** The SecretBox label of a client secret: bound to its tenant and provider, so a moved secret does not open. */
const secretLabel = (tenantId: string, id: string): string => `upstream-provider:${tenantId}:${id}:client-secret`;

/**
 * {@link UpstreamProviderStore} over `idp_upstream_providers`. The client secret is sealed with
 * `sealer` on the way in and opened on the way out; names are unique per tenant through
 * `name_key`; updates compare and set `version`.
 */
export function createUpstreamProviderStore(ctx: StoreContext, sealer: SecretSealer): UpstreamProviderStore {
  const { db, codec } = ctx;

  const toProvider = (row: Selectable<IdpUpstreamProvidersTable>): UpstreamProvider => ({
    tenantId: row.tenant_id as TenantId,
    id: row.id as UpstreamProviderId,
    name: row.name,
    issuer: row.issuer,
    clientId: row.client_id,
    clientSecret: sealer.open(row.client_secret, secretLabel(row.tenant_id, row.id), () => `The client secret of upstream identity provider ${row.id}`),
    scopes: codec.readJson(row.scopes) as string[],
    enabled: codec.readBool(row.enabled),
    requireVerifiedEmail: codec.readBool(row.require_verified_email),
    version: row.version,
    createdAt: codec.readTime(row.created_at),
    updatedAt: codec.readTime(row.updated_at),
  });

  const columns = (provider: UpstreamProvider) => ({
    name: provider.name,
    name_key: provider.name.toLowerCase(),
    issuer: provider.issuer,
    client_id: provider.clientId,
    client_secret: sealer.seal(provider.clientSecret, secretLabel(provider.tenantId, provider.id)),
    scopes: codec.json(provider.scopes),
    enabled: codec.bool(provider.enabled),
    require_verified_email: codec.bool(provider.requireVerifiedEmail),
    version: provider.version,
    updated_at: codec.time(provider.updatedAt),
  });

  return {
    async insertUpstreamProvider(provider) {
      const result = await db
        .insertInto('idp_upstream_providers')
        .values({ id: provider.id, tenant_id: provider.tenantId, created_at: codec.time(provider.createdAt), ...columns(provider) })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    async getUpstreamProvider(tenantId, id) {
      const row = await db.selectFrom('idp_upstream_providers').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toProvider(row);
    },

    async getUpstreamProviderByName(tenantId, name) {
      const row = await db.selectFrom('idp_upstream_providers').selectAll().where('tenant_id', '=', tenantId).where('name_key', '=', name.toLowerCase()).executeTakeFirst();
      return row === undefined ? undefined : toProvider(row);
    },

    async listUpstreamProviders(tenantId, page) {
      const limit = checkLimit(page.limit);
      const position = readCursor(page.cursor, providerSort, 'asc');
      let query = db.selectFrom('idp_upstream_providers').selectAll().where('tenant_id', '=', tenantId);
      if (position !== undefined) query = query.where(afterPosition(providerSort, 'asc', position, codec));
      const rows = await query.orderBy('id', 'asc').limit(limit + 1).execute();
      return toPage(rows, limit, providerSort.name, 'asc', (row) => ({ value: row.id, id: row.id }), toProvider);
    },

    async listEnabledUpstreamProviders(tenantId, limit) {
      const rows = await db
        .selectFrom('idp_upstream_providers')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('enabled', '=', codec.bool(true))
        .orderBy('id', 'asc')
        .limit(checkLimit(limit))
        .execute();
      return rows.map(toProvider);
    },

    async countUpstreamProviders(tenantId) {
      const row = await db.selectFrom('idp_upstream_providers').select((eb) => eb.fn.countAll<number | string | bigint>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    async updateUpstreamProvider(provider) {
      return updateAtVersion(ctx, () =>
        db
          .updateTable('idp_upstream_providers')
          .set(columns(provider))
          .where('tenant_id', '=', provider.tenantId)
          .where('id', '=', provider.id)
          .where('version', '=', provider.version - 1)
          .executeTakeFirst(),
      );
    },

    async deleteUpstreamProvider(tenantId, id) {
      const result = await db.deleteFrom('idp_upstream_providers').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
