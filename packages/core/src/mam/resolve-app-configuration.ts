import type { UserStore } from '../directory/ports.js';
import type { GroupStore } from '../directory/ports.js';
import type { TenantId, UserId } from '../kernel/brand.js';
import type { Digests } from '../kernel/ports.js';
import { uncachedMamPolicies, type MamPolicySource, type MamPolicySourceStores } from './mam-policy-cache.js';
import type { RenderedAppConfiguration } from './model.js';
import { resolveMamAssignment } from './resolve-mam-assignment.js';

export type ResolveAppConfigurationStores = Pick<UserStore, 'getUser'> & Pick<GroupStore, 'groupsOfMember'> & MamPolicySourceStores;

/**
 * The app configuration of one app for one user, rendered (`{{user.email}}` filled in), with its
 * version hash; null when no configuration policy targets the app. For the SDK it comes with the
 * check-in; Apple delivery calls this for a device's primary user to build the managed app
 * configuration (`InstallApplication`'s `Configuration` dictionary, all values strings).
 */
export async function resolveAppConfiguration(
  deps: { readonly stores: ResolveAppConfigurationStores; readonly digests: Pick<Digests, 'sha256Hex'>; readonly mamPolicies?: MamPolicySource },
  target: { readonly tenantId: TenantId; readonly userId: UserId; readonly appIdentifier: string },
): Promise<RenderedAppConfiguration | null> {
  const compiled = await (deps.mamPolicies ?? uncachedMamPolicies(deps.stores)).compiledFor(target.tenantId);
  const policies = compiled.forApp(target.appIdentifier);
  if (policies.configuration.length === 0) return null;
  const user = policies.needsUser ? await deps.stores.getUser(target.tenantId, target.userId) : undefined;
  const assignment = await resolveMamAssignment(deps.stores, (t) => deps.digests.sha256Hex(t), compiled, { ...target, user });
  return assignment.configuration;
}
