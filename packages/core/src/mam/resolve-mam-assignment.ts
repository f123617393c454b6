import type { User } from '../directory/model.js';
import type { GroupStore } from '../directory/ports.js';
import type { TenantId, UserId } from '../kernel/brand.js';
import type { Sha256Hex } from '../policy/configuration-item-hash.js';
import { pickProtectionPolicy, renderAppConfiguration, type CompiledMamPolicies } from './compile-mam-policies.js';
import type { AppProtectionPolicy, RenderedAppConfiguration } from './model.js';

/** What applies to one user's app: the protection policy (none: unprotected) and the rendered configuration. */
export interface MamAssignment {
  readonly protection: AppProtectionPolicy | undefined;
  readonly configuration: RenderedAppConfiguration;
}

const noGroups: ReadonlySet<string> = new Set();

/**
 * Resolves the policies of a user's app from the tenant's compiled policies. Reads the user's
 * groups only when some policy of the app targets groups: a tenant whose policies all target
 * every user costs no read here.
 */
export async function resolveMamAssignment(
  stores: Pick<GroupStore, 'groupsOfMember'>,
  sha256Hex: Sha256Hex,
  compiled: CompiledMamPolicies,
  target: { readonly tenantId: TenantId; readonly userId: UserId; readonly appIdentifier: string; readonly user: User | undefined },
): Promise<MamAssignment> {
  const policies = compiled.forApp(target.appIdentifier);
  const groups = policies.needsGroups ? new Set<string>(await stores.groupsOfMember(target.tenantId, { memberType: 'user', memberId: target.userId })) : noGroups;
  return { protection: pickProtectionPolicy(policies, groups), configuration: renderAppConfiguration(sha256Hex, policies, groups, target.user) };
}
