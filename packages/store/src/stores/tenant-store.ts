import type { Selectable } from 'kysely';
import type { Tenant, TenantId, TenantStore } from '@ward/core';
import type { TenantsTable } from '../database/schema.js';
import type { StoreContext } from './store-context.js';

/** {@link TenantStore} over the `tenants` table. */
export function createTenantStore(ctx: StoreContext): TenantStore {
  const { db, codec } = ctx;
  const toTenant = (row: Selectable<TenantsTable>): Tenant => ({ id: row.tenant_id as TenantId, slug: row.slug, name: row.name, createdAt: codec.readTime(row.created_at) });
  return {
    async getTenant(id) {
      const row = await db.selectFrom('tenants').selectAll().where('tenant_id', '=', id).executeTakeFirst();
      return row && toTenant(row);
    },
    async getTenantBySlug(slug) {
      const row = await db.selectFrom('tenants').selectAll().where('slug', '=', slug).executeTakeFirst();
      return row && toTenant(row);
    },
    async insertTenant(tenant) {
      const result = await db
        .insertInto('tenants')
        .values({ tenant_id: tenant.id, slug: tenant.slug, name: tenant.name, created_at: codec.time(tenant.createdAt) })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async listTenants() {
      const rows = await db.selectFrom('tenants').selectAll().orderBy('slug').execute();
      return rows.map(toTenant);
    },
  };
}
