import type { Selectable } from 'kysely';
import type {
  AssignableKind,
  Assignment,
  AssignmentFilterId,
  AssignmentFilterMode,
  AssignmentId,
  AssignmentIntent,
  AssignmentMode,
  AssignmentStore,
  AssignmentTarget,
  GroupId,
  TenantId,
} from '@ward/core';
import type { AssignmentsTable } from '../database/schema.js';
import type { StoreContext } from './store-context.js';

/**
 * {@link AssignmentStore} over `assignments`. The target is two columns (type, group id) and the
 * filter two more (id, mode); one item has at most one assignment per target, through a unique
 * index over the item and target.
 */
export function createAssignmentStore(ctx: StoreContext): AssignmentStore {
  const { db, codec } = ctx;

  const toAssignment = (row: Selectable<AssignmentsTable>): Assignment => ({
    id: row.id as AssignmentId,
    tenantId: row.tenant_id as TenantId,
    itemKind: row.item_kind as AssignableKind,
    itemId: row.item_id,
    target: toTarget(row),
    mode: row.mode as AssignmentMode,
    filter: row.filter_id === null ? null : { filterId: row.filter_id as AssignmentFilterId, mode: (row.filter_mode ?? 'include') as AssignmentFilterMode },
    intent: row.intent as AssignmentIntent,
    createdAt: codec.readTime(row.created_at),
  });

  const changeable = (assignment: Assignment) => ({
    mode: assignment.mode,
    filter_id: assignment.filter?.filterId ?? null,
    filter_mode: assignment.filter?.mode ?? null,
    intent: assignment.intent,
  });

  const byKind = (tenantId: TenantId, itemKind: AssignableKind) => db.selectFrom('assignments').selectAll().where('tenant_id', '=', tenantId).where('item_kind', '=', itemKind);

  return {
    async getAssignment(tenantId, id) {
      const row = await db.selectFrom('assignments').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return row && toAssignment(row);
    },

    async listAssignments(tenantId, itemKind) {
      const rows = await byKind(tenantId, itemKind).orderBy('id').execute();
      return rows.map(toAssignment);
    },

    async listAssignmentsOfItem(tenantId, itemKind, itemId) {
      const rows = await byKind(tenantId, itemKind).where('item_id', '=', itemId).orderBy('id').execute();
      return rows.map(toAssignment);
    },

    async listAssignmentsOfGroup(tenantId, groupId) {
      const rows = await db.selectFrom('assignments').selectAll().where('tenant_id', '=', tenantId).where('group_id', '=', groupId).orderBy('id').execute();
      return rows.map(toAssignment);
    },

    async listAssignmentsOfFilter(tenantId, filterId) {
      const rows = await db.selectFrom('assignments').selectAll().where('tenant_id', '=', tenantId).where('filter_id', '=', filterId).orderBy('id').execute();
      return rows.map(toAssignment);
    },

    async insertAssignment(assignment) {
      // DO NOTHING covers the id and the (item, target) key alike, and leaves a PostgreSQL
      // transaction usable. A missing group or filter is a foreign-key error: core checks both first.
      const result = await db
        .insertInto('assignments')
        .values({
          tenant_id: assignment.tenantId,
          id: assignment.id,
          item_kind: assignment.itemKind,
          item_id: assignment.itemId,
          target_type: assignment.target.type,
          group_id: assignment.target.type === 'group' ? assignment.target.groupId : null,
          ...changeable(assignment),
          created_at: codec.time(assignment.createdAt),
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    async updateAssignment(assignment) {
      const result = await db
        .updateTable('assignments')
        .set(changeable(assignment))
        .where('tenant_id', '=', assignment.tenantId)
        .where('id', '=', assignment.id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async deleteAssignment(tenantId, id) {
      const result = await db.deleteFrom('assignments').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async deleteAssignmentsOfItem(tenantId, itemKind, itemId) {
      const result = await db.deleteFrom('assignments').where('tenant_id', '=', tenantId).where('item_kind', '=', itemKind).where('item_id', '=', itemId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

function toTarget(row: Selectable<AssignmentsTable>): AssignmentTarget {
  if (row.target_type === 'group' && row.group_id !== null) return { type: 'group', groupId: row.group_id as GroupId };
  return { type: row.target_type as 'allUsers' | 'allDevices' };
}
