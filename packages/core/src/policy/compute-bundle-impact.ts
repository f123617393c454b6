import { canonicalJson } from '../audit/canonical-json.js';
import type { DeviceComplianceStore } from '../compliance/ports.js';
import type { CompliancePolicyId } from '../compliance/model.js';
import type { DeviceId, TenantId } from '../kernel/brand.js';
import { compileFilters } from './compile-assignment-filter.js';
import { computeDesiredState, type PolicySnapshot } from './compute-desired-state.js';
import type { Sha256Hex } from './configuration-item-hash.js';
import { findProfileReferrers } from './find-profile-referrers.js';
import { collectDeviceIds } from './collect-device-ids.js';
import type { Assignment, AssignmentSubject, IssuedCredential, ProfileId } from './model.js';
import type { BundlePlan, CurrentPolicyState } from './plan-policy-bundle.js';
import type { BundleImpact } from './policy-bundle.js';
import type { AssignmentTargetingStore, DeviceConfigurationStore } from './ports.js';
import { resolveAssignedItems } from './resolve-assigned-items.js';

export type BundleImpactStores = Pick<AssignmentTargetingStore, 'listGroupDeviceIds' | 'listTenantDeviceIds' | 'getAssignmentSubjects'> &
  Pick<DeviceConfigurationStore, 'listDeviceIdsWithProfileState'> &
  Pick<DeviceComplianceStore, 'listDeviceIdsWithCompliancePolicy'>;

/** Device ids listed in an impact (the counts are exact). */
const listedIds = 1000;
const chunkSize = 500;

/**
 * The devices a bundle changes, by comparing before and after for every device it can touch: the
 * devices the touched items' include assignments reach (before or after) and those that hold or
 * were evaluated for them. Configuration: the rendered items (ids, hashes, conflicts) differ.
 * Compliance: the set of assigned policies differs, or a policy reaching the device changes.
 * Reads only; on a dry run nothing is written.
 */
export async function computeBundleImpact(stores: BundleImpactStores, sha256Hex: Sha256Hex, tenantId: TenantId, current: CurrentPolicyState, plan: BundlePlan, now: Date): Promise<BundleImpact> {
  const touchedProfiles = new Set<string>();
  const touchedPolicies = new Set<string>();
  const changedPolicies = new Set<string>();
  for (const w of plan.profiles) touchedProfiles.add((w.after ?? w.before)?.id ?? '');
  for (const w of plan.compliancePolicies) {
    const id = (w.after ?? w.before)?.id ?? '';
    touchedPolicies.add(id);
    changedPolicies.add(id);
  }
  for (const w of plan.assignments) {
    const a = w.after ?? w.before;
    if (a !== null) (a.itemKind === 'profile' ? touchedProfiles : touchedPolicies).add(a.itemId);
  }
  const changedFilters = new Set(plan.filters.map((w) => (w.after ?? w.before)?.id ?? ''));
  for (const a of [...current.assignments, ...plan.after.assignments]) {
    if (a.filter !== null && changedFilters.has(a.filter.filterId)) (a.itemKind === 'profile' ? touchedProfiles : touchedPolicies).add(a.itemId);
  }
  // Profiles that embed a changed certificate profile change with it.
  for (const id of [...touchedProfiles]) for (const p of findProfileReferrers(plan.after.profiles, id)) touchedProfiles.add(p.id);
  touchedProfiles.delete('');
  touchedPolicies.delete('');

  const reachedBy = async (kind: Assignment['itemKind'], items: ReadonlySet<string>): Promise<Set<DeviceId>> => {
    const found = new Set<DeviceId>();
    const seen = new Set<string>();
    for (const a of [...current.assignments, ...plan.after.assignments]) {
      if (a.itemKind !== kind || !items.has(a.itemId) || a.mode !== 'include') continue;
      const t = a.target;
      const key = t.type === 'group' ? t.groupId : t.type;
      if (seen.has(key)) continue;
      seen.add(key);
      if (t.type === 'group') await collectDeviceIds(found, (page) => stores.listGroupDeviceIds(tenantId, t.groupId, page));
      else await collectDeviceIds(found, (page) => stores.listTenantDeviceIds(tenantId, { ...page, withPrimaryUser: t.type === 'allUsers' }));
    }
    return found;
  };

  const configCandidates = await reachedBy('profile', touchedProfiles);
  for (const id of touchedProfiles) await collectDeviceIds(configCandidates, (page) => stores.listDeviceIdsWithProfileState(tenantId, id as ProfileId, page));
  const complianceCandidates = await reachedBy('compliancePolicy', touchedPolicies);
  for (const id of touchedPolicies) await collectDeviceIds(complianceCandidates, (page) => stores.listDeviceIdsWithCompliancePolicy(tenantId, id as CompliancePolicyId, page));

  const before: PolicySnapshot = { profiles: new Map(current.profiles.map((p) => [p.id, p])), assignments: current.assignments, filters: compileFilters(current.filters) };
  const after: PolicySnapshot = { profiles: new Map(plan.after.profiles.map((p) => [p.id, p])), assignments: plan.after.assignments, filters: compileFilters(plan.after.filters) };
  const noCredentials = new Map<string, IssuedCredential>();
  const fingerprint = (subject: AssignmentSubject, snapshot: PolicySnapshot): string =>
    canonicalJson(computeDesiredState(subject, snapshot, noCredentials, now, sha256Hex).map((i) => [i.profileId, i.action, i.item?.hash ?? i.reason, i.conflicts]));

  const configChanged: string[] = [];
  const complianceChanged: string[] = [];
  const all = [...new Set([...configCandidates, ...complianceCandidates])].sort();
  for (let i = 0; i < all.length; i += chunkSize) {
    for (const subject of await stores.getAssignmentSubjects(tenantId, all.slice(i, i + chunkSize))) {
      const id = subject.device.id;
      if (configCandidates.has(id) && fingerprint(subject, before) !== fingerprint(subject, after)) configChanged.push(id);
      if (complianceCandidates.has(id)) {
        const was = resolveAssignedItems(subject, 'compliancePolicy', current.assignments, before.filters, now);
        const is = resolveAssignedItems(subject, 'compliancePolicy', plan.after.assignments, after.filters, now);
        const differs = was.size !== is.size || [...was].some((p) => !is.has(p)) || [...is].some((p) => changedPolicies.has(p));
        if (differs) complianceChanged.push(id);
      }
    }
  }
  const targeted = new Set(plan.after.assignments.flatMap((a) => (a.target.type === 'group' ? [a.target.groupId as string] : [])));
  const notes = [...plan.regroupedGroupIds]
    .filter((id) => targeted.has(id))
    .map((id) => {
      const group = plan.groups.find((w) => w.after?.id === id)?.after;
      return `Group ${group?.name ?? id} is new or has a new rule: its members are computed after apply, so the devices it adds are not counted here.`;
    });
  return {
    configurationDevices: configChanged.length,
    configurationDeviceIds: configChanged.slice(0, listedIds),
    complianceDevices: complianceChanged.length,
    complianceDeviceIds: complianceChanged.slice(0, listedIds),
    notes,
  };
}
