import type { Selectable } from 'kysely';
import { WardError, type AssignmentFilter, type AssignmentFilterId, type AssignmentFilterStore, type Platform, type TenantId } from '@ward/core';
import type { AssignmentFiltersTable } from '../database/schema.js';
import { unlessUniqueViolation, type StoreContext } from './store-context.js';

/**
 * {@link AssignmentFilterStore} over `assignment_filters`. Names are unique case-insensitively
 * through `name_key`. A filter that assignments use is never deleted: dropping it would widen
 * what they reach.
 */
export function createAssignmentFilterStore(ctx: StoreContext): AssignmentFilterStore {
  const { db, codec } = ctx;

  const toFilter = (row: Selectable<AssignmentFiltersTable>): AssignmentFilter => ({
    id: row.id as AssignmentFilterId,
    tenantId: row.tenant_id as TenantId,
    name: row.name,
    description: row.description,
    platform: row.platform as Platform | null,
    rule: row.rule,
    createdAt: codec.readTime(row.created_at),
    updatedAt: codec.readTime(row.updated_at),
  });

  const columns = (filter: AssignmentFilter) => ({
    name: filter.name,
    name_key: filter.name.toLowerCase(),
    description: filter.description,
    platform: filter.platform,
    rule: filter.rule,
    updated_at: codec.time(filter.updatedAt),
  });

  return {
    async getAssignmentFilter(tenantId, id) {
      const row = await db.selectFrom('assignment_filters').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return row && toFilter(row);
    },

    async getAssignmentFilterByName(tenantId, name) {
      const row = await db.selectFrom('assignment_filters').selectAll().where('tenant_id', '=', tenantId).where('name_key', '=', name.toLowerCase()).executeTakeFirst();
      return row && toFilter(row);
    },

    async listAssignmentFilters(tenantId) {
      const rows = await db.selectFrom('assignment_filters').selectAll().where('tenant_id', '=', tenantId).orderBy('name_key').orderBy('id').execute();
      return rows.map(toFilter);
    },

    async insertAssignmentFilter(filter) {
      const result = await db
        .insertInto('assignment_filters')
        .values({ tenant_id: filter.tenantId, id: filter.id, ...columns(filter), created_at: codec.time(filter.createdAt) })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    async updateAssignmentFilter(filter) {
      let updated = 0;
      const written = await unlessUniqueViolation(ctx, async () => {
        const result = await db.updateTable('assignment_filters').set(columns(filter)).where('tenant_id', '=', filter.tenantId).where('id', '=', filter.id).executeTakeFirst();
        updated = Number(result.numUpdatedRows);
      });
      return written && updated === 1;
    },

    async deleteAssignmentFilter(tenantId, id) {
      return ctx.atomically(async (t) => {
        // Checked here so the caller gets the domain's code, not the foreign key's SQL error.
        const used = await t.db.selectFrom('assignments').select('id').where('tenant_id', '=', tenantId).where('filter_id', '=', id).limit(1).executeTakeFirst();
        if (used !== undefined) throw new WardError('ASSIGNMENT_FILTER_IN_USE', `Assignment filter ${id} is used by assignment ${used.id}; remove it from its assignments first.`);
        const result = await t.db.deleteFrom('assignment_filters').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
        return Number(result.numDeletedRows) > 0;
      });
    },
  };
}
