import type { Selectable } from 'kysely';
import type {
  ComplianceAction,
  CompliancePolicy,
  CompliancePolicyId,
  CompliancePolicyStore,
  ComplianceRule,
  Page,
  Platform,
  TenantId,
} from '@ward/core';
import type { CompliancePoliciesTable } from '../database/schema.js';
import { jsonArrayContains } from './json-array-contains.js';
import { pageNamedRecords, updateAtVersion } from './named-record-page.js';
import type { StoreContext } from './store-context.js';

/**
 * {@link CompliancePolicyStore} over `compliance_policies`. Rules and actions are JSON columns,
 * stored as given: `createStores` wraps this store in `sealCompliancePolicyStore`, so webhook
 * secrets arrive here sealed (core decides what leaves through reads). Names are unique
 * case-insensitively through `name_key`; updates compare and set `version`.
 */
export function createCompliancePolicyStore(ctx: StoreContext): CompliancePolicyStore {
  const { db, codec, dialect } = ctx;

  const toPolicy = (row: Selectable<CompliancePoliciesTable>): CompliancePolicy => ({
    id: row.id as CompliancePolicyId,
    tenantId: row.tenant_id as TenantId,
    name: row.name,
    description: row.description,
    platforms: codec.readJson(row.platforms) as Platform[],
    rules: codec.readJson(row.rules) as ComplianceRule[],
    actions: codec.readJson(row.actions) as ComplianceAction[],
    validityDays: row.validity_days,
    version: row.version,
    createdAt: codec.readTime(row.created_at),
    updatedAt: codec.readTime(row.updated_at),
  });

  const columns = (policy: CompliancePolicy) => ({
    name: policy.name,
    name_key: policy.name.toLowerCase(),
    description: policy.description,
    validity_days: policy.validityDays,
    version: policy.version,
    updated_at: codec.time(policy.updatedAt),
    platforms: codec.json(policy.platforms),
    rules: codec.json(policy.rules),
    actions: codec.json(policy.actions),
  });

  return {
    async getCompliancePolicy(tenantId, id) {
      const row = await db.selectFrom('compliance_policies').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return row && toPolicy(row);
    },

    async getCompliancePolicyByName(tenantId, name) {
      const row = await db.selectFrom('compliance_policies').selectAll().where('tenant_id', '=', tenantId).where('name_key', '=', name.toLowerCase()).executeTakeFirst();
      return row && toPolicy(row);
    },

    async listAllCompliancePolicies(tenantId) {
      const rows = await db.selectFrom('compliance_policies').selectAll().where('tenant_id', '=', tenantId).orderBy('id').execute();
      return rows.map(toPolicy);
    },

    async listCompliancePolicies(tenantId, filter, page): Promise<Page<CompliancePolicy>> {
      let query = db.selectFrom('compliance_policies as p').selectAll('p').where('p.tenant_id', '=', tenantId);
      if (filter.platform !== undefined) query = query.where(jsonArrayContains(dialect, 'p.platforms', filter.platform));
      return pageNamedRecords(ctx, query, 'p', filter.q, page, toPolicy);
    },

    async insertCompliancePolicy(policy) {
      const result = await db
        .insertInto('compliance_policies')
        .values({ tenant_id: policy.tenantId, id: policy.id, ...columns(policy), created_at: codec.time(policy.createdAt) })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    async updateCompliancePolicy(policy) {
      return updateAtVersion(ctx, () =>
        db
          .updateTable('compliance_policies')
          .set(columns(policy))
          .where('tenant_id', '=', policy.tenantId)
          .where('id', '=', policy.id)
          .where('version', '=', policy.version - 1)
          .executeTakeFirst(),
      );
    },

    async deleteCompliancePolicy(tenantId, id) {
      const result = await db.deleteFrom('compliance_policies').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

