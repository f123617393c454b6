import { sql, type Selectable, type SqlBool } from 'kysely';
import type { AccessConditions, AccessGrant, AccessPolicy, AccessPolicyId, AccessPolicySort, AccessPolicyState, AccessPolicyStore, AccessSessionControls, Page, TenantId } from '@ward/core';
import type { AccessPoliciesTable } from '../database/schema.js';
import { afterPosition, checkLimit, cursorValue, readCursor, toPage, type KeysetSort } from './keyset.js';
import { containsPattern } from './like-pattern.js';
import { unlessUniqueViolation, type StoreContext } from './store-context.js';

const policySortKeys: Record<AccessPolicySort, { readonly column: 'name_key' | 'created_at' | 'updated_at'; readonly type: 'text' | 'time' }> = {
  name: { column: 'name_key', type: 'text' },
  createdAt: { column: 'created_at', type: 'time' },
  updatedAt: { column: 'updated_at', type: 'time' },
};

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
      const limit = checkLimit(page.limit);
      const { column, type } = policySortKeys[page.sort];
      const sort: KeysetSort = { name: page.sort, key: sql.ref(`p.${column}`), id: sql.ref('p.id'), type };
      const position = readCursor(page.cursor, sort, page.order);
      let query = db.selectFrom('access_policies as p').selectAll('p').where('p.tenant_id', '=', tenantId);
      if (position !== undefined) query = query.where(afterPosition(sort, page.order, position, codec));
      if (filter.q !== undefined && filter.q !== '') query = query.where(sql<SqlBool>`p.name_key like ${containsPattern(filter.q)} escape '\\'`);
      if (filter.state !== undefined) query = query.where('p.state', '=', filter.state);
      const rows = await query.orderBy(sort.key, page.order).orderBy(sort.id, page.order).limit(limit + 1).execute();
      return toPage(rows, limit, page.sort, page.order, (row) => ({ value: cursorValue(sort, row[column], codec), id: row.id }), toPolicy);
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
      let updated = 0;
      const written = await unlessUniqueViolation(ctx, async () => {
        const result = await db
          .updateTable('access_policies')
          .set(columns(policy))
          .where('tenant_id', '=', policy.tenantId)
          .where('id', '=', policy.id)
          .where('version', '=', policy.version - 1)
          .executeTakeFirst();
        updated = Number(result.numUpdatedRows);
      });
      return written && updated === 1;
    },

    async deleteAccessPolicy(tenantId, id) {
      const result = await db.deleteFrom('access_policies').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
