import type { CompliancePolicyStore } from '../compliance/ports.js';
import { redactCompliancePolicy } from '../compliance/redact-compliance-policy.js';
import type { GroupStore } from '../directory/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { ok, type Result } from '../kernel/result.js';
import type { ProfileContent, ProfileId } from './model.js';
import type { PolicyBundle } from './policy-bundle.js';
import { authorizeTenantWideRead } from './policy-access.js';
import type { AssignmentFilterStore, AssignmentStore, ProfileStore } from './ports.js';
import { redactProfile } from './profile-secrets.js';

export type ExportPolicyBundleStores = Pick<ProfileStore, 'listAllProfiles'> &
  Pick<CompliancePolicyStore, 'listAllCompliancePolicies'> &
  Pick<AssignmentFilterStore, 'listAssignmentFilters'> &
  Pick<AssignmentStore, 'listAssignments'> &
  Pick<GroupStore, 'getGroups'>;

/** A bundle as exported: every section present, objects sorted by name. */
export type ExportedPolicyBundle = Required<{ readonly [K in keyof PolicyBundle]: readonly Record<string, unknown>[] }>;

const byName = (a: { readonly name: string }, b: { readonly name: string }): number => a.name.localeCompare(b.name);

/**
 * The tenant's policy as a bundle that `applyPolicyBundle` takes back unchanged: objects by
 * name, certificate references by profile name, secrets null (applying keeps the stored ones),
 * and the definitions of the groups assignments target (not their members). Exporting and
 * re-applying is a no-op, which is what makes a Git repository of policy files trustworthy.
 */
export async function exportPolicyBundle(deps: Deps<ExportPolicyBundleStores>, principal: Principal): Promise<Result<ExportedPolicyBundle, ErrorCode>> {
  const allowed = authorizeTenantWideRead(principal);
  if (!allowed.ok) return allowed;
  const tenantId = principal.tenantId;
  const profiles = [...(await deps.stores.listAllProfiles(tenantId))].sort(byName);
  const policies = [...(await deps.stores.listAllCompliancePolicies(tenantId))].sort(byName);
  const filters = [...(await deps.stores.listAssignmentFilters(tenantId))].sort(byName);
  const assignments = [...(await deps.stores.listAssignments(tenantId, 'profile')), ...(await deps.stores.listAssignments(tenantId, 'compliancePolicy'))];
  const groupIds = [...new Set(assignments.flatMap((a) => (a.target.type === 'group' ? [a.target.groupId] : [])))];
  const groups = [...(await deps.stores.getGroups(tenantId, groupIds))].sort(byName);
  const profileNames = new Map(profiles.map((p) => [p.id as string, p.name]));
  const policyNames = new Map(policies.map((p) => [p.id as string, p.name]));
  const groupNames = new Map(groups.map((g) => [g.id as string, g.name]));
  const filterNames = new Map(filters.map((f) => [f.id as string, f.name]));
  const nameOf = (id: ProfileId): string => profileNames.get(id) ?? id;

  const exported = assignments
    .map((a) => {
      const item = a.itemKind === 'profile' ? profileNames.get(a.itemId) : policyNames.get(a.itemId);
      const target = a.target.type === 'group' ? { type: 'group', group: groupNames.get(a.target.groupId) ?? a.target.groupId } : { type: a.target.type };
      const filter = a.filter === null ? undefined : { name: filterNames.get(a.filter.filterId) ?? a.filter.filterId, mode: a.filter.mode };
      return { item: { kind: a.itemKind, name: item ?? a.itemId }, target, mode: a.mode, ...(filter === undefined ? {} : { filter }), intent: a.intent };
    })
    .sort((a, b) => `${a.item.kind}\u0000${a.item.name}\u0000${JSON.stringify(a.target)}`.localeCompare(`${b.item.kind}\u0000${b.item.name}\u0000${JSON.stringify(b.target)}`));

  return ok({
    groups: groups.map((g) => ({ name: g.name, description: g.description, membershipType: g.membershipType, memberType: g.memberType, ...(g.rule === null ? {} : { rule: g.rule }) })),
    filters: filters.map((f) => ({ name: f.name, description: f.description, platform: f.platform, rule: f.rule })),
    profiles: profiles.map((p) => {
      const view = redactProfile(p);
      return { name: view.name, description: view.description, platforms: view.platforms, kind: view.kind, body: referencesByName(view, nameOf).body };
    }),
    compliancePolicies: policies.map((p) => {
      const view = redactCompliancePolicy(p);
      return { name: view.name, description: view.description, platforms: view.platforms, rules: view.rules, actions: view.actions, validityDays: view.validityDays };
    }),
    assignments: exported,
  });
}

/** Content with certificate-profile references given by name. */
function referencesByName<S>(content: ProfileContent<S>, nameOf: (id: ProfileId) => string): ProfileContent<S> {
  if (content.kind === 'wifi' && content.body.eap !== undefined) {
    const eap = content.body.eap;
    return { kind: 'wifi', body: { ...content.body, eap: { ...eap, trustedRootProfileIds: eap.trustedRootProfileIds.map((id) => nameOf(id) as ProfileId), clientCertificateProfileId: nameOf(eap.clientCertificateProfileId) as ProfileId } } };
  }
  if (content.kind === 'vpn' && content.body.type === 'ikev2' && content.body.authentication.method === 'certificate') {
    const auth = content.body.authentication;
    return { kind: 'vpn', body: { ...content.body, authentication: { ...auth, trustedRootProfileIds: auth.trustedRootProfileIds.map((id) => nameOf(id) as ProfileId), certificateProfileId: nameOf(auth.certificateProfileId) as ProfileId } } };
  }
  return content;
}
