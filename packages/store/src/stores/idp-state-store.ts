import { sql, type Selectable, type SqlBool } from 'kysely';
import type { IdentityProviderState, IdentityProviderStateStore } from '@ward/core';
import type { IdpStatesTable } from '../database/schema.js';
import type { StoreContext } from './store-context.js';

/**
 * {@link IdentityProviderStateStore} over `idp_states`, one row per (model, id). Consumption is one
 * conditional UPDATE on `consumed_at IS NULL`, so of two redemptions of one code exactly one wins;
 * the purge deletes by `expires_at` in bounded batches through a keyed sub-select (row values),
 * since neither dialect offers DELETE … LIMIT by default.
 */
export function createIdentityProviderStateStore(ctx: StoreContext): IdentityProviderStateStore {
  const { db, codec } = ctx;

  const toState = (row: Selectable<IdpStatesTable>): IdentityProviderState => ({
    model: row.model,
    id: row.id,
    payload: codec.readJson(row.payload) as Record<string, unknown>,
    grantId: row.grant_id,
    uid: row.uid,
    userCode: row.user_code,
    clientId: row.client_id,
    expiresAt: codec.readTimeOrNull(row.expires_at),
    consumedAt: codec.readTimeOrNull(row.consumed_at),
  });

  return {
    async upsertIdpState(state) {
      const fields = {
        payload: codec.json(state.payload),
        grant_id: state.grantId,
        uid: state.uid,
        user_code: state.userCode,
        client_id: state.clientId,
        expires_at: codec.timeOrNull(state.expiresAt),
        consumed_at: codec.timeOrNull(state.consumedAt),
      };
      await db
        .insertInto('idp_states')
        .values({ model: state.model, id: state.id, ...fields })
        .onConflict((oc) => oc.columns(['model', 'id']).doUpdateSet(fields))
        .execute();
    },

    async insertIdpStateIfAbsent(state) {
      const result = await db
        .insertInto('idp_states')
        .values({
          model: state.model,
          id: state.id,
          payload: codec.json(state.payload),
          grant_id: state.grantId,
          uid: state.uid,
          user_code: state.userCode,
          client_id: state.clientId,
          expires_at: codec.timeOrNull(state.expiresAt),
          consumed_at: codec.timeOrNull(state.consumedAt),
        })
        .onConflict((oc) => oc.columns(['model', 'id']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },

    async findIdpState(model, id) {
      const row = await db.selectFrom('idp_states').selectAll().where('model', '=', model).where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toState(row);
    },

    async findIdpStateByUid(model, uid) {
      const row = await db.selectFrom('idp_states').selectAll().where('model', '=', model).where('uid', '=', uid).executeTakeFirst();
      return row === undefined ? undefined : toState(row);
    },

    async findIdpStateByUserCode(model, userCode) {
      const row = await db.selectFrom('idp_states').selectAll().where('model', '=', model).where('user_code', '=', userCode).executeTakeFirst();
      return row === undefined ? undefined : toState(row);
    },

    async consumeIdpState(model, id, at) {
      const result = await db
        .updateTable('idp_states')
        .set({ consumed_at: codec.time(at) })
        .where('model', '=', model)
        .where('id', '=', id)
        .where('consumed_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async destroyIdpState(model, id) {
      await db.deleteFrom('idp_states').where('model', '=', model).where('id', '=', id).execute();
    },

    async revokeIdpStatesByGrantId(grantId) {
      const result = await db.deleteFrom('idp_states').where('grant_id', '=', grantId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async deleteIdpStatesByClientId(clientId) {
      const result = await db.deleteFrom('idp_states').where('client_id', '=', clientId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async purgeExpiredIdpStates(before, limit) {
      const due = db.selectFrom('idp_states').select(['model', 'id']).where('expires_at', '<', codec.time(before)).orderBy('expires_at').limit(limit);
      const result = await db.deleteFrom('idp_states').where(sql<SqlBool>`(model, id) in (${due})`).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
