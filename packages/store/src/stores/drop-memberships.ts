import type { GroupMemberType, TenantId } from '@ward/core';
import type { StoreContext } from './store-context.js';

/**
 * Removes a deleted user or device from every group, keeping each group's member count right.
 * Runs inside the caller's transaction.
 */
export async function dropMemberships(ctx: StoreContext, tenantId: TenantId, memberType: GroupMemberType, memberId: string): Promise<void> {
  const { db } = ctx;
  const groupIds = db
    .selectFrom('group_members')
    .select('group_id')
    .where('tenant_id', '=', tenantId)
    .where('member_type', '=', memberType)
    .where('member_id', '=', memberId);
  await db
    .updateTable('groups')
    .set((eb) => ({ member_count: eb('member_count', '-', 1) }))
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', groupIds)
    .execute();
  await db.deleteFrom('group_members').where('tenant_id', '=', tenantId).where('member_type', '=', memberType).where('member_id', '=', memberId).execute();
}
