import type { GroupStore, TenantId } from '@ward/core';

/**
 * Group ids for `--scope-group` values, which may be group names or ids. An unknown value is
 * passed on as it is, and the core's grant validation reports it as a missing group.
 */
export async function scopeGroupIds(stores: Pick<GroupStore, 'getGroupByName'>, tenantId: TenantId, values: readonly string[] | undefined): Promise<string[] | null> {
  if (values === undefined || values.length === 0) return null;
  const ids: string[] = [];
  for (const value of values) ids.push((await stores.getGroupByName(tenantId, value))?.id ?? value);
  return ids;
}
