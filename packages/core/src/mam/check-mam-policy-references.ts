import type { GroupStore } from '../directory/ports.js';
import type { GroupId, TenantId } from '../kernel/brand.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { MamTargets } from './model.js';
import type { MamAppCatalog } from './ports.js';

export type MamPolicyReferenceStores = Pick<GroupStore, 'getGroups'> & MamAppCatalog;

/**
 * Whether the groups a MAM policy names exist and hold users, and its apps are in the tenant's
 * catalog. A name that resolves to nothing would make the policy silently narrower (include) or
 * wider (exclude) than meant, so it is refused. Answers the targets with each app spelled as the
 * catalog spells it (identifiers compare case-insensitively).
 */
export async function checkMamPolicyReferences<C extends 'APP_PROTECTION_POLICY_INVALID' | 'APP_CONFIGURATION_POLICY_INVALID'>(
  stores: MamPolicyReferenceStores,
  tenantId: TenantId,
  targets: MamTargets,
  code: C,
): Promise<Result<MamTargets, C>> {
  const sides = [
    ['include', targets.users.include === 'allUsers' ? [] : targets.users.include],
    ['exclude', targets.users.exclude],
  ] as const;
  for (const [side, ids] of sides) {
    if (ids.length === 0) continue;
    const groups = new Map<GroupId, string>((await stores.getGroups(tenantId, ids)).map((g) => [g.id, g.memberType]));
    const i = ids.findIndex((id) => groups.get(id) !== 'user');
    if (i !== -1) {
      const id = ids[i] ?? '';
      const field = `targets.users.${side}[${i}]`;
      return fail(code, groups.has(id as GroupId) ? `${field}: group ${id} holds devices, not users` : `${field}: no group with id ${id}`, { field });
    }
  }
  const apps: string[] = [];
  for (const [i, identifier] of targets.apps.entries()) {
    const app = await stores.getAppByIdentifier(tenantId, identifier);
    if (app === undefined) return fail(code, `targets.apps[${i}]: no app with identifier ${identifier} in the catalog`, { field: `targets.apps[${i}]` });
    apps.push(app.identifier);
  }
  return ok({ users: targets.users, apps });
}
