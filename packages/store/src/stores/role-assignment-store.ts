import type { Selectable } from 'kysely';
import type { GroupId, Role, RoleAssignment, RoleAssignmentId, RoleAssignmentStore, TenantId, UserId } from '@ward/core';
import type { RoleAssignmentsTable } from '../database/schema.js';
import type { StoreContext } from './store-context.js';

/** {@link RoleAssignmentStore} over `role_assignments`; a scope is a JSON list of group ids. */
export function createRoleAssignmentStore(ctx: StoreContext): RoleAssignmentStore {
  const { db, codec } = ctx;
  const toAssignment = (row: Selectable<RoleAssignmentsTable>): RoleAssignment => ({
    id: row.id as RoleAssignmentId,
    tenantId: row.tenant_id as TenantId,
    userId: row.user_id as UserId,
    role: row.role as Role,
    scopeGroupIds: row.scope_group_ids === null ? null : (codec.readJson(row.scope_group_ids) as GroupId[]),
    createdAt: codec.readTime(row.created_at),
  });
  return {
    async listRoleAssignments(tenantId, userId) {
      const rows = await db.selectFrom('role_assignments').selectAll().where('tenant_id', '=', tenantId).where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
      return rows.map(toAssignment);
    },
    async listAllRoleAssignments(tenantId) {
      const rows = await db.selectFrom('role_assignments').selectAll().where('tenant_id', '=', tenantId).orderBy('user_id').orderBy('created_at').orderBy('id').execute();
      return rows.map(toAssignment);
    },
    async insertRoleAssignment(assignment) {
      await db
        .insertInto('role_assignments')
        .values({
          tenant_id: assignment.tenantId,
          id: assignment.id,
          user_id: assignment.userId,
          role: assignment.role,
          created_at: codec.time(assignment.createdAt),
          scope_group_ids: codec.jsonOrNull(assignment.scopeGroupIds),
        })
        .execute();
    },
    async deleteRoleAssignment(tenantId, id) {
      const result = await db.deleteFrom('role_assignments').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async countGlobalAdmins(tenantId) {
      const row = await db
        .selectFrom('role_assignments')
        .select((eb) => eb.fn.count<number>('user_id').distinct().as('admins'))
        .where('tenant_id', '=', tenantId)
        .where('role', '=', 'globalAdmin')
        .where('scope_group_ids', 'is', null)
        .executeTakeFirstOrThrow();
      return row.admins;
    },
  };
}
