import { sql, type Selectable } from 'kysely';
import type { RelyingParty, RelyingPartyGrantType, RelyingPartyId, RelyingPartyJwks, RelyingPartyStore, TenantId, TokenEndpointAuthMethod } from '@ward/core';
import type { IdpRelyingPartiesTable } from '../database/schema.js';
import { afterPosition, checkLimit, readCursor, toPage, type KeysetSort } from './keyset.js';
import type { SecretSealer } from './secret-sealer.js';
import type { StoreContext } from './store-context.js';

// Ids are UUIDv7: id order is creation order.
const partySort: KeysetSort = { name: 'id', key: sql.ref('id'), id: sql.ref('id'), type: 'text' };

/** The SecretBox label of a client secret: bound to its tenant and client, so a moved secret does not open. */
const secretLabel = (tenantId: string, id: string): string => `relying-party:${tenantId}:${id}:client-secret`;

/**
 * {@link RelyingPartyStore} over `idp_relying_parties`. The client secret is sealed with `sealer`
 * on the way in and opened on the way out; the URIs, grant types and JWKS are JSON columns.
 */
export function createRelyingPartyStore(ctx: StoreContext, sealer: SecretSealer): RelyingPartyStore {
  const { db, codec } = ctx;

  const toParty = (row: Selectable<IdpRelyingPartiesTable>): RelyingParty => ({
    tenantId: row.tenant_id as TenantId,
    id: row.id as RelyingPartyId,
    name: row.name,
    redirectUris: codec.readJson(row.redirect_uris) as string[],
    postLogoutRedirectUris: codec.readJson(row.post_logout_redirect_uris) as string[],
    grantTypes: codec.readJson(row.grant_types) as RelyingPartyGrantType[],
    tokenEndpointAuthMethod: row.token_endpoint_auth_method as TokenEndpointAuthMethod,
    jwks: row.jwks === null ? null : (codec.readJson(row.jwks) as RelyingPartyJwks | null),
    clientSecret: row.client_secret === null ? null : sealer.open(row.client_secret, secretLabel(row.tenant_id, row.id), () => `The client secret of relying party ${row.id}`),
    createdAt: codec.readTime(row.created_at),
    updatedAt: codec.readTime(row.updated_at),
    secretIssuedAt: codec.readTimeOrNull(row.secret_issued_at),
  });

  const columns = (party: RelyingParty) => ({
    name: party.name,
    redirect_uris: codec.json(party.redirectUris),
    post_logout_redirect_uris: codec.json(party.postLogoutRedirectUris),
    grant_types: codec.json(party.grantTypes),
    token_endpoint_auth_method: party.tokenEndpointAuthMethod,
    jwks: codec.jsonOrNull(party.jwks),
    client_secret: party.clientSecret === null ? null : sealer.seal(party.clientSecret, secretLabel(party.tenantId, party.id)),
    secret_issued_at: codec.timeOrNull(party.secretIssuedAt),
    updated_at: codec.time(party.updatedAt),
  });

  return {
    async insertRelyingParty(party) {
      await db
        .insertInto('idp_relying_parties')
        .values({ id: party.id, tenant_id: party.tenantId, created_at: codec.time(party.createdAt), ...columns(party) })
        .execute();
    },

    async getRelyingParty(tenantId, id) {
      const row = await db.selectFrom('idp_relying_parties').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toParty(row);
    },

    async findRelyingPartyByClientId(clientId) {
      const row = await db.selectFrom('idp_relying_parties').selectAll().where('id', '=', clientId).executeTakeFirst();
      return row === undefined ? undefined : toParty(row);
    },

    async listRelyingParties(tenantId, page) {
      const limit = checkLimit(page.limit);
      const position = readCursor(page.cursor, partySort, 'asc');
      let query = db.selectFrom('idp_relying_parties').selectAll().where('tenant_id', '=', tenantId);
      if (position !== undefined) query = query.where(afterPosition(partySort, 'asc', position, codec));
      const rows = await query.orderBy('id', 'asc').limit(limit + 1).execute();
      return toPage(rows, limit, partySort.name, 'asc', (row) => ({ value: row.id, id: row.id }), toParty);
    },

    async updateRelyingParty(party) {
      await db.updateTable('idp_relying_parties').set(columns(party)).where('tenant_id', '=', party.tenantId).where('id', '=', party.id).execute();
    },

    async deleteRelyingParty(tenantId, id) {
      const result = await db.deleteFrom('idp_relying_parties').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
