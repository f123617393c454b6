import type { GroupId, TenantId } from '@ward/core';
import type { StoreContext } from './store-context.js';

/** Groups with fewer members than this in all are read as member lists (see below). */
export const smallGroupMembers = 2000;

/**
 * The members of these groups in all, from the kept member counts (no counting), when under
 * {@link smallGroupMembers}; undefined for more. A scope of a few hundred among 100,000 is best
 * found from the membership rows; a large one by testing each row of a sorted walk.
 */
export async function groupsAreSmall(ctx: StoreContext, tenantId: TenantId, groupIds: readonly GroupId[]): Promise<number | undefined> {
  const row = await ctx.db
    .selectFrom('groups')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('member_count'), eb.lit(0)).as('members'))
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', groupIds)
    .executeTakeFirstOrThrow();
  return row.members < smallGroupMembers ? row.members : undefined;
}
