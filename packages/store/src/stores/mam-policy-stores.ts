import type { Selectable } from 'kysely';
import type {
  AppConfigurationPolicy,
  AppConfigurationPolicyId,
  AppConfigurationPolicyStore,
  AppConfigurationSettings,
  AppProtectionPolicy,
  AppProtectionPolicyId,
  AppProtectionPolicyStore,
  MamPolicyFilter,
  MamPolicySort,
  MamTargets,
  Page,
  PageRequest,
  ProtectionSettings,
  TenantId,
} from '@ward/core';
import type { MamPoliciesTable } from '../database/schema.js';
import { jsonArrayContains } from './json-array-contains.js';
import { pageNamedRecords, updateAtVersion } from './named-record-page.js';
import type { StoreContext } from './store-context.js';

/** The fields both kinds of MAM policy share; `settings` is each kind's own. */
interface MamPolicyRecord<S> {
  readonly id: string;
  readonly tenantId: TenantId;
  readonly name: string;
  readonly description: string;
  readonly settings: S;
  readonly targets: MamTargets;
  readonly hash: string;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The row operations of one MAM policy table, over records of settings `S`. */
interface MamPolicyTable<P extends MamPolicyRecord<unknown>> {
  get(tenantId: TenantId, id: string): Promise<P | undefined>;
  getByName(tenantId: TenantId, name: string): Promise<P | undefined>;
  listAll(tenantId: TenantId): Promise<readonly P[]>;
  list(tenantId: TenantId, filter: MamPolicyFilter, page: PageRequest<MamPolicySort>): Promise<Page<P>>;
  insert(policy: P): Promise<boolean>;
  update(policy: P): Promise<boolean>;
  delete(tenantId: TenantId, id: string): Promise<boolean>;
}

/**
 * The two policy tables have the same columns; the queries are written once over the protection
 * table's name, and `table` names the one actually used (Kysely types by table name only).
 */
function mamPolicyTable<P extends MamPolicyRecord<unknown>>(ctx: StoreContext, table: 'mam_protection_policies' | 'mam_configuration_policies'): MamPolicyTable<P> {
  const { db, codec } = ctx;
  const name = table as 'mam_protection_policies';
  const aliased = `${table} as p` as 'mam_protection_policies as p';

  const toPolicy = (row: Selectable<MamPoliciesTable>): P =>
    ({
      id: row.id,
      tenantId: row.tenant_id as TenantId,
      name: row.name,
      description: row.description,
      settings: codec.readJson(row.settings),
      targets: codec.readJson(row.targets) as MamTargets,
      hash: row.hash,
      version: row.version,
      createdAt: codec.readTime(row.created_at),
      updatedAt: codec.readTime(row.updated_at),
    }) as P;

  const columns = (policy: P) => ({
    name: policy.name,
    name_key: policy.name.toLowerCase(),
    description: policy.description,
    settings: codec.json(policy.settings),
    targets: codec.json(policy.targets),
    app_keys: codec.json(policy.targets.apps.map((a) => a.toLowerCase())),
    hash: policy.hash,
    version: policy.version,
    updated_at: codec.time(policy.updatedAt),
  });

  return {
    async get(tenantId, id) {
      const row = await db.selectFrom(name).selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return row && toPolicy(row);
    },
    async getByName(tenantId, policyName) {
      const row = await db.selectFrom(name).selectAll().where('tenant_id', '=', tenantId).where('name_key', '=', policyName.toLowerCase()).executeTakeFirst();
      return row && toPolicy(row);
    },
    async listAll(tenantId) {
      const rows = await db.selectFrom(name).selectAll().where('tenant_id', '=', tenantId).orderBy('id').execute();
      return rows.map(toPolicy);
    },
    async list(tenantId, filter, page) {
      let query = db.selectFrom(aliased).selectAll('p').where('p.tenant_id', '=', tenantId);
      if (filter.appIdentifier !== undefined) query = query.where(jsonArrayContains(ctx.dialect, 'p.app_keys', filter.appIdentifier.toLowerCase()));
      return pageNamedRecords(ctx, query, 'p', filter.q, page, toPolicy);
    },
    async insert(policy) {
      const result = await db
        .insertInto(name)
        .values({ tenant_id: policy.tenantId, id: policy.id, ...columns(policy), created_at: codec.time(policy.createdAt) })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async update(policy) {
      return updateAtVersion(ctx, () =>
        db
          .updateTable(name)
          .set(columns(policy))
          .where('tenant_id', '=', policy.tenantId)
          .where('id', '=', policy.id)
          .where('version', '=', policy.version - 1)
          .executeTakeFirst(),
      );
    },
    async delete(tenantId, id) {
      const result = await db.deleteFrom(name).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

/** {@link AppProtectionPolicyStore} over `mam_protection_policies`; names unique case-insensitively, updates compare and set `version`. */
export function createAppProtectionPolicyStore(ctx: StoreContext): AppProtectionPolicyStore {
  const t = mamPolicyTable<MamPolicyRecord<ProtectionSettings> & AppProtectionPolicy>(ctx, 'mam_protection_policies');
  return {
    getAppProtectionPolicy: (tenantId, id: AppProtectionPolicyId) => t.get(tenantId, id),
    getAppProtectionPolicyByName: (tenantId, name) => t.getByName(tenantId, name),
    listAllAppProtectionPolicies: (tenantId) => t.listAll(tenantId),
    listAppProtectionPolicies: (tenantId, filter, page) => t.list(tenantId, filter, page),
    insertAppProtectionPolicy: (policy) => t.insert(policy),
    updateAppProtectionPolicy: (policy) => t.update(policy),
    deleteAppProtectionPolicy: (tenantId, id) => t.delete(tenantId, id),
  };
}

/** {@link AppConfigurationPolicyStore} over `mam_configuration_policies`, the same way. */
export function createAppConfigurationPolicyStore(ctx: StoreContext): AppConfigurationPolicyStore {
  const t = mamPolicyTable<MamPolicyRecord<AppConfigurationSettings> & AppConfigurationPolicy>(ctx, 'mam_configuration_policies');
  return {
    getAppConfigurationPolicy: (tenantId, id: AppConfigurationPolicyId) => t.get(tenantId, id),
    getAppConfigurationPolicyByName: (tenantId, name) => t.getByName(tenantId, name),
    listAllAppConfigurationPolicies: (tenantId) => t.listAll(tenantId),
    listAppConfigurationPolicies: (tenantId, filter, page) => t.list(tenantId, filter, page),
    insertAppConfigurationPolicy: (policy) => t.insert(policy),
    updateAppConfigurationPolicy: (policy) => t.update(policy),
    deleteAppConfigurationPolicy: (tenantId, id) => t.delete(tenantId, id),
  };
}
