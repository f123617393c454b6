import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import { evaluatePolicyDevicesJob } from '../compliance/compliance-jobs.js';
import type { CompliancePolicyStore } from '../compliance/ports.js';
import { redactCompliancePolicy } from '../compliance/redact-compliance-policy.js';
import { authorize } from '../directory/authorize.js';
import type { Group } from '../directory/model.js';
import type { GroupStore } from '../directory/ports.js';
import { recomputeGroupJob } from '../directory/recompute-group-members.js';
import type { TenantId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher, JobEnqueuer } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { computeBundleImpact, type BundleImpactStores } from './compute-bundle-impact.js';
import { desiredStateJob } from './desired-state-job.js';
import { findProfileReferrers } from './find-profile-referrers.js';
import type { ProfileId } from './model.js';
import { planPolicyBundle, type BundlePlan, type CurrentPolicyState } from './plan-policy-bundle.js';
import type { PolicyBundleOutcome } from './policy-bundle.js';
import { authorizePolicyWrite } from './policy-access.js';
import type { AssignmentFilterStore, AssignmentStore, ProfileStore } from './ports.js';
import { redactProfile } from './profile-secrets.js';

type StateStores = Pick<ProfileStore, 'listAllProfiles'> &
  Pick<CompliancePolicyStore, 'listAllCompliancePolicies'> &
  Pick<AssignmentFilterStore, 'listAssignmentFilters'> &
  Pick<AssignmentStore, 'listAssignments'> &
  Pick<GroupStore, 'getGroups' | 'getGroupByName'>;

export type ApplyPolicyBundleStores = StateStores &
  Pick<ProfileStore, 'insertProfile' | 'updateProfile' | 'deleteProfile'> &
  Pick<CompliancePolicyStore, 'insertCompliancePolicy' | 'updateCompliancePolicy' | 'deleteCompliancePolicy'> &
  Pick<AssignmentFilterStore, 'insertAssignmentFilter' | 'updateAssignmentFilter' | 'deleteAssignmentFilter'> &
  Pick<AssignmentStore, 'insertAssignment' | 'updateAssignment' | 'deleteAssignment'> &
  Pick<GroupStore, 'insertGroup' | 'updateGroup'> &
  BundleImpactStores &
  AuditTrail &
  EventPublisher &
  JobEnqueuer;

/** What to do with a bundle. */
export interface ApplyPolicyBundleInput {
  /** The parsed bundle (see `PolicyBundle`); untrusted. */
  readonly bundle: unknown;
  /** Compute the diff and its impact, write nothing. */
  readonly dryRun?: boolean;
  /** Also delete profiles, compliance policies, filters and assignments the bundle does not list (never groups). */
  readonly prune?: boolean;
}

/**
 * Policy as code: applies a bundle of profiles, compliance policies, groups, filters and
 * assignments, all addressed by name, in ONE transaction: the first invalid object refuses the
 * whole bundle with its location and nothing is written. With `dryRun`, returns the diff
 * (created, changed, deleted per object) and its impact (which devices change desired
 * configuration or compliance) without writing. Every change is audited as if made one by one,
 * and the background work (recomputation, re-evaluation, dynamic group filling) is queued.
 */
export async function applyPolicyBundle(deps: Deps<ApplyPolicyBundleStores>, principal: Principal, input: ApplyPolicyBundleInput): Promise<Result<PolicyBundleOutcome, ErrorCode>> {
  const allowed = authorizePolicyWrite(principal);
  if (!allowed.ok) return allowed;
  const options = { prune: input.prune === true, tenantId: principal.tenantId, newId: () => deps.ids.newId() };
  const sha256Hex = (text: string): string => deps.digests.sha256Hex(text);
  if (input.dryRun === true) {
    const now = deps.clock.now();
    const current = await readCurrentState(deps.stores, principal.tenantId, input.bundle);
    const plan = planPolicyBundle(input.bundle, current, { ...options, now });
    if (!plan.ok) return plan;
    const groupsAllowed = authorizeGroups(principal, plan.value);
    if (!groupsAllowed.ok) return groupsAllowed;
    const impact = await computeBundleImpact(deps.stores, sha256Hex, principal.tenantId, current, plan.value, now);
    return ok({ dryRun: true, changes: plan.value.changes, unchanged: plan.value.unchanged, impact });
  }
  const applied = await deps.tx.transaction(async (s): Promise<Result<{ current: CurrentPolicyState; plan: BundlePlan; now: Date }, ErrorCode>> => {
    const now = deps.clock.now();
    const current = await readCurrentState(s, principal.tenantId, input.bundle);
    const plan = planPolicyBundle(input.bundle, current, { ...options, now });
    if (!plan.ok) return plan;
    const groupsAllowed = authorizeGroups(principal, plan.value);
    if (!groupsAllowed.ok) return groupsAllowed;
    const written = await writePlan(s, principal, plan.value, now);
    if (!written.ok) return written;
    return ok({ current, plan: plan.value, now });
  });
  if (!applied.ok) return applied;
  const { current, plan, now } = applied.value;
  const impact = await computeBundleImpact(deps.stores, sha256Hex, principal.tenantId, current, plan, now);
  return ok({ dryRun: false, changes: plan.changes, unchanged: plan.unchanged, impact });
}

function authorizeGroups(principal: Principal, plan: BundlePlan): Result<void, 'FORBIDDEN'> {
  if (plan.groups.length === 0) return ok(undefined);
  const scope = authorize(principal, 'groups.write');
  if (!scope.ok) return scope;
  return scope.value.kind === 'tenant' ? ok(undefined) : fail('FORBIDDEN', 'Admins scoped to groups cannot create or change groups from a policy bundle.');
}

/** The names of groups a bundle mentions (definitions and assignment targets), read loosely: validation comes later. */
function groupNamesOf(bundle: unknown): string[] {
  if (typeof bundle !== 'object' || bundle === null) return [];
  const b = bundle as Record<string, unknown>;
  const names = new Set<string>();
  const each = (list: unknown, pick: (o: Record<string, unknown>) => unknown): void => {
    if (!Array.isArray(list)) return;
    for (const o of list.slice(0, 10_000)) {
      if (typeof o !== 'object' || o === null) continue;
      const name = pick(o as Record<string, unknown>);
      if (typeof name === 'string' && name.length <= 256) names.add(name.trim());
    }
  };
  each(b.groups, (o) => o.name);
  each(b.assignments, (o) => (typeof o.target === 'object' && o.target !== null ? (o.target as Record<string, unknown>).group : undefined));
  return [...names];
}

async function readCurrentState(s: StateStores, tenantId: TenantId, bundle: unknown): Promise<CurrentPolicyState> {
  const profiles = await s.listAllProfiles(tenantId);
  const compliancePolicies = await s.listAllCompliancePolicies(tenantId);
  const filters = await s.listAssignmentFilters(tenantId);
  const assignments = [...(await s.listAssignments(tenantId, 'profile')), ...(await s.listAssignments(tenantId, 'compliancePolicy'))];
  const groups = new Map<string, Group>();
  const targeted = [...new Set(assignments.flatMap((a) => (a.target.type === 'group' ? [a.target.groupId] : [])))];
  for (const g of await s.getGroups(tenantId, targeted)) groups.set(g.id, g);
  for (const name of groupNamesOf(bundle)) {
    const g = await s.getGroupByName(tenantId, name);
    if (g !== undefined) groups.set(g.id, g);
  }
  return { profiles, compliancePolicies, filters, assignments, groups };
}

type WriteStores = Omit<ApplyPolicyBundleStores, keyof BundleImpactStores>;

async function writePlan(s: WriteStores, principal: Principal, plan: BundlePlan, now: Date): Promise<Result<void, ErrorCode>> {
  const tenantId = principal.tenantId;
  const audit = (action: string, type: string, id: string, before: unknown, after: unknown): Promise<void> => recordAudit(s, principal, now, action, { type, id }, before, after);
  const recompute = new Set<string>();
  const reevaluate = new Set<string>();

  for (const w of plan.groups) {
    if (w.after === null) continue;
    if (w.before === null ? !(await s.insertGroup(w.after)) : !(await s.updateGroup(w.after))) return fail('GROUP_NAME_TAKEN', `A group named ${w.after.name} exists already.`, { name: w.after.name });
    if (w.after.membershipType === 'dynamic' && plan.regroupedGroupIds.has(w.after.id)) await s.enqueue(recomputeGroupJob(w.after));
    await audit(w.before === null ? 'group.created' : 'group.updated', 'group', w.after.id, w.before, w.after);
    s.publish({ type: 'group.changed', tenantId, subject: w.after.id });
  }
  for (const w of plan.filters) {
    if (w.after === null) continue;
    if (w.before === null ? !(await s.insertAssignmentFilter(w.after)) : !(await s.updateAssignmentFilter(w.after))) return fail('ASSIGNMENT_FILTER_NAME_TAKEN', `A filter named ${w.after.name} exists already.`, { name: w.after.name });
    await audit(w.before === null ? 'assignmentFilter.created' : 'assignmentFilter.updated', 'assignmentFilter', w.after.id, w.before, w.after);
  }
  // Certificate profiles first: profiles that reference them may be created in the same bundle.
  const profileWrites = [...plan.profiles].sort((a, b) => Number((b.after ?? b.before)?.kind === 'certificate') - Number((a.after ?? a.before)?.kind === 'certificate'));
  for (const w of profileWrites) {
    if (w.after === null) continue;
    if (w.before === null ? !(await s.insertProfile(w.after)) : !(await s.updateProfile(w.after))) return fail('PROFILE_VERSION_CONFLICT', `Profile ${w.after.name} changed meanwhile; apply the bundle again.`, { name: w.after.name });
    await audit(w.before === null ? 'profile.created' : 'profile.updated', 'profile', w.after.id, w.before === null ? null : redactProfile(w.before), redactProfile(w.after));
    s.publish({ type: 'profile.changed', tenantId, subject: w.after.id });
    recompute.add(w.after.id);
    for (const p of findProfileReferrers(plan.after.profiles, w.after.id)) recompute.add(p.id);
  }
  for (const w of plan.compliancePolicies) {
    if (w.after === null) continue;
    if (w.before === null ? !(await s.insertCompliancePolicy(w.after)) : !(await s.updateCompliancePolicy(w.after))) return fail('COMPLIANCE_POLICY_VERSION_CONFLICT', `Compliance policy ${w.after.name} changed meanwhile; apply the bundle again.`, { name: w.after.name });
    await audit(w.before === null ? 'compliancePolicy.created' : 'compliancePolicy.updated', 'compliancePolicy', w.after.id, w.before === null ? null : redactCompliancePolicy(w.before), redactCompliancePolicy(w.after));
    s.publish({ type: 'compliancePolicy.changed', tenantId, subject: w.after.id });
    if (w.before !== null) reevaluate.add(w.after.id);
  }
  for (const w of plan.assignments) {
    const a = w.after ?? w.before;
    if (a === null) continue;
    if (w.after === null) await s.deleteAssignment(tenantId, a.id);
    else if (w.before === null) {
      if (!(await s.insertAssignment(w.after))) return fail('ASSIGNMENT_EXISTS', 'An assignment to this target was created meanwhile; apply the bundle again.', { assignmentId: a.id });
    } else await s.updateAssignment(w.after);
    await audit(w.before === null ? 'assignment.created' : w.after === null ? 'assignment.deleted' : 'assignment.updated', 'assignment', a.id, w.before, w.after);
    s.publish({ type: 'assignment.changed', tenantId, subject: a.id });
    (a.itemKind === 'profile' ? recompute : reevaluate).add(a.itemId);
  }
  for (const w of profileWrites) {
    if (w.after !== null || w.before === null) continue;
    await s.deleteProfile(tenantId, w.before.id);
    await audit('profile.deleted', 'profile', w.before.id, redactProfile(w.before), null);
    s.publish({ type: 'profile.changed', tenantId, subject: w.before.id });
    recompute.add(w.before.id);
  }
  for (const w of plan.compliancePolicies) {
    if (w.after !== null || w.before === null) continue;
    await s.deleteCompliancePolicy(tenantId, w.before.id);
    await audit('compliancePolicy.deleted', 'compliancePolicy', w.before.id, redactCompliancePolicy(w.before), null);
    s.publish({ type: 'compliancePolicy.changed', tenantId, subject: w.before.id });
    reevaluate.add(w.before.id);
  }
  for (const w of plan.filters) {
    if (w.after !== null || w.before === null) continue;
    await s.deleteAssignmentFilter(tenantId, w.before.id);
    await audit('assignmentFilter.deleted', 'assignmentFilter', w.before.id, w.before, null);
  }
  for (const id of recompute) await s.enqueue(desiredStateJob(tenantId, { type: 'profile', profileId: id as ProfileId }));
  for (const id of reevaluate) await s.enqueue(evaluatePolicyDevicesJob(tenantId, id));
  if (plan.changes.length > 0) await audit('policyBundle.applied', 'policyBundle', tenantId, null, { changes: plan.changes.length, unchanged: plan.unchanged });
  return ok(undefined);
}
