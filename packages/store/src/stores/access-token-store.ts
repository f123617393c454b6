import { sql, type Selectable } from 'kysely';
import type { AccessToken, AccessTokenKind, AccessTokenStore, ApiTokenId, GroupId, Role, TenantId, UserId } from '@ward/core';
import type { AccessTokensTable } from '../database/schema.js';
import type { StoreContext } from './store-context.js';

/**
 * Uses of a token closer together than this are not written again: a busy API client would
 * otherwise turn every read request into a write.
 */
export const touchGranularityMs = 60_000;

/** {@link AccessTokenStore} over `access_tokens`. */
export function createAccessTokenStore(ctx: StoreContext): AccessTokenStore {
  const { db, codec } = ctx;
  const toToken = (row: Selectable<AccessTokensTable>): AccessToken => ({
    id: row.id as ApiTokenId,
    tenantId: row.tenant_id as TenantId,
    kind: row.kind as AccessTokenKind,
    userId: row.user_id as UserId,
    name: row.name,
    secretHash: row.secret_hash,
    role: row.role as Role | null,
    scopeGroupIds: row.scope_group_ids === null ? null : (codec.readJson(row.scope_group_ids) as GroupId[]),
    expiresAt: codec.readTime(row.expires_at),
    revokedAt: codec.readTimeOrNull(row.revoked_at),
    lastUsedAt: codec.readTimeOrNull(row.last_used_at),
    createdAt: codec.readTime(row.created_at),
  });
  return {
    async getAccessToken(id) {
      const row = await db.selectFrom('access_tokens').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toToken(row);
    },
    async insertAccessToken(token) {
      await db
        .insertInto('access_tokens')
        .values({
          tenant_id: token.tenantId,
          id: token.id,
          kind: token.kind,
          user_id: token.userId,
          name: token.name,
          secret_hash: token.secretHash,
          role: token.role,
          expires_at: codec.time(token.expiresAt),
          revoked_at: codec.timeOrNull(token.revokedAt),
          last_used_at: codec.timeOrNull(token.lastUsedAt),
          created_at: codec.time(token.createdAt),
          scope_group_ids: codec.jsonOrNull(token.scopeGroupIds),
        })
        .execute();
    },
    async revokeAccessToken(tenantId, id, at) {
      // A second revocation keeps the first time: that is when the token stopped working.
      const result = await db
        .updateTable('access_tokens')
        .set({ revoked_at: sql`coalesce(revoked_at, ${codec.time(at)})` })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async revokeSessionsOfUser(tenantId, userId, at) {
      await db
        .updateTable('access_tokens')
        .set({ revoked_at: codec.time(at) })
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .where('kind', '=', 'session')
        .where('revoked_at', 'is', null)
        .execute();
    },
    async touchAccessToken(id, at) {
      await db
        .updateTable('access_tokens')
        .set({ last_used_at: codec.time(at) })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<=', codec.time(new Date(at.getTime() - touchGranularityMs)))]))
        .execute();
    },
    async listAccessTokens(tenantId, kind) {
      const rows = await db
        .selectFrom('access_tokens')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('kind', '=', kind)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toToken);
    },
  };
}
