import type { GroupStore, UserStore } from '../directory/ports.js';
import type { RelyingPartyId } from '../identity-provider/model.js';
import type { RelyingPartyStore } from '../identity-provider/ports.js';
import type { GroupId, TenantId, UserId } from '../kernel/brand.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { AccessConditions } from './model.js';

export type AccessPolicyReferenceStores = Pick<UserStore, 'getUsers'> & Pick<GroupStore, 'getGroups'> & Pick<RelyingPartyStore, 'getRelyingParty'>;

/**
 * Whether the users, groups and relying parties a policy names exist in the tenant, and the
 * groups are groups of users (a device group would never match a sign-in). A name that resolves
 * to nothing would make the policy silently narrower (an include) or wider (an exclude) than its
 * author meant, so it is refused; one deleted later simply stops matching.
 */
export async function checkAccessPolicyReferences(stores: AccessPolicyReferenceStores, tenantId: TenantId, conditions: AccessConditions): Promise<Result<true, 'ACCESS_POLICY_INVALID'>> {
  const sets = [
    ['include', conditions.users.include === 'all' ? { userIds: [], groupIds: [] } : conditions.users.include],
    ['exclude', conditions.users.exclude],
  ] as const;
  for (const [side, set] of sets) {
    if (set.userIds.length > 0) {
      const found = new Set<UserId>((await stores.getUsers(tenantId, set.userIds)).map((u) => u.id));
      const i = set.userIds.findIndex((id) => !found.has(id));
      if (i !== -1) return fail('ACCESS_POLICY_INVALID', `conditions.users.${side}.userIds[${i}]: no user with id ${set.userIds[i] ?? ''}`, { field: `conditions.users.${side}.userIds[${i}]` });
    }
    if (set.groupIds.length > 0) {
      const groups = new Map<GroupId, string>((await stores.getGroups(tenantId, set.groupIds)).map((g) => [g.id, g.memberType]));
      const i = set.groupIds.findIndex((id) => groups.get(id) !== 'user');
      if (i !== -1) {
        const id = set.groupIds[i] ?? '';
        const field = `conditions.users.${side}.groupIds[${i}]`;
        return fail('ACCESS_POLICY_INVALID', groups.has(id as GroupId) ? `${field}: group ${id} holds devices, not users` : `${field}: no group with id ${id}`, { field });
      }
    }
  }
  const parties = conditions.relyingParties;
  const lists = [
    ['include', parties.include === 'all' ? [] : parties.include],
    ['exclude', parties.exclude],
  ] as const;
  for (const [side, ids] of lists) {
    for (const [i, id] of ids.entries()) {
      // The relying party's id is its OAuth client id.
      if ((await stores.getRelyingParty(tenantId, id as RelyingPartyId)) === undefined) {
        const field = `conditions.relyingParties.${side}[${i}]`;
        return fail('ACCESS_POLICY_INVALID', `${field}: no relying party with client id ${id}`, { field });
      }
    }
  }
  return ok(true);
}
