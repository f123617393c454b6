import type { Selectable } from 'kysely';
import type { AccessConditions, AccessGrant, AccessPolicy, AccessPolicyId, AccessPolicyState, AccessPolicyStore, AccessSessionControls, Page, TenantId } from '@ward/core';
import type { AccessPoliciesTable } from '../database/schema.js';
import { pageNamedRecords, updateAtVersion } from './named-record-page.js';
import type { StoreContext } from './store-context.js';

/**
 * {@link AccessPolicyStore} over `access_policies`. Conditions, grant and session controls are
 * JSON columns stored as core validated them; names are unique case-insensitively through
 * `name_key`; updates compare and set `version`.
 */
export function createAccessPolicyStore(ctx: StoreContext): AccessPolicyStore {
  const { db, codec } = ctx;

  const toPolicy = (row: Selectable<AccessPoliciesTable>): AccessPolicy => ({
    id: row.id as AccessPolicyId,
    tenantId: row.tenant_id as TenantId,
    name: row.name,
    description: row.description,
    state: row.state as AccessPolicyState,
    conditions: codec.readJson(row.conditions) as AccessConditions,
    grant: codec.readJson(row.grant_controls) as AccessGrant,
    session: codec.readJson(row.session_controls) as AccessSessionControls,
    version: row.version,
    createdAt: codec.readTime(row.created_at),
    updatedAt: codec.readTime(row.updated_at),
  });

  const columns = (policy: AccessPolicy) => ({
    name: policy.name,
    name_key: policy.name.toLowerCase(),
    description: policy.description,
    state: policy.state,
    conditions: codec.json(policy.conditions),
    grant_controls: codec.json(policy.grant),
    session_controls: codec.json(policy.session),
    version: policy.version,
    updated_at: codec.time(policy.updatedAt),
  });

  return {
    async getAccessPolicy(tenantId, id) {
      const row = await db.selectFrom('access_policies').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return row && toPolicy(row);
    },

    async getAccessPolicyByName(tenantId, name) {
      const row = await db.selectFrom('access_policies').selectAll().where('tenant_id', '=', tenantId).where('name_key', '=', name.toLowerCase()).executeTakeFirst();
      return row && toPolicy(row);
    },

    async listAllAccessPolicies(tenantId) {
      const rows = await db.selectFrom('access_policies').selectAll().where('tenant_id', '=', tenantId).orderBy('id').execute();
      return rows.map(toPolicy);
    },

    async listAccessPolicies(tenantId, filter, page): Promise<Page<AccessPolicy>> {
      let query = db.selectFrom('access_policies as p').selectAll('p').where('p.tenant_id', '=', tenantId);
      if (filter.state !== undefined) query = query.where('p.state', '=', filter.state);
      return pageNamedRecords(ctx, query, 'p', filter.q, page, toPolicy);
    },

    async insertAccessPolicy(policy) {
      const result = await db
        .insertInto('access_policies')
        .values({ tenant_id: policy.tenantId, id: policy.id, ...columns(policy), created_at: codec.time(policy.createdAt) })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    async updateAccessPolicy(policy) {
      return updateAtVersion(ctx, () =>
        db
          .updateTable('access_policies')
          .set(columns(policy))
          .where('tenant_id', '=', policy.tenantId)
          .where('id', '=', policy.id)
          .where('version', '=', policy.version - 1)
          .executeTakeFirst(),
      );
    },

    async deleteAccessPolicy(tenantId, id) {
      const result = await db.deleteFrom('access_policies').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
