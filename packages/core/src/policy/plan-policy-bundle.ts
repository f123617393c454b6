import { canonicalJson } from '../audit/canonical-json.js';
import type { CompliancePolicy, CompliancePolicyId } from '../compliance/model.js';
import { validateCompliancePolicy, type CompliancePolicyInput } from '../compliance/validate-compliance-policy.js';
import type { Group } from '../directory/model.js';
import { validateGroupFields, type GroupFields } from '../directory/validate-group-fields.js';
import type { GroupId, TenantId } from '../kernel/brand.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { Assignment, AssignmentFilter, AssignmentFilterId, AssignmentId, AssignmentTarget, Profile, ProfileId } from './model.js';
import { locate, readBundle, type BundleChange, type BundleEntry, type BundleSection } from './policy-bundle.js';
import { checkProfileReferences } from './profile-references.js';
import { resolveSecrets } from './profile-secrets.js';
import { validateAssignmentFilterInput } from './validate-assignment-filter-input.js';
import { validateAssignmentInput } from './validate-assignment-input.js';
import { validateProfileInput } from './validate-profile-input.js';

/** What a bundle is compared with: the tenant's policy objects, and the groups it names or targets. */
export interface CurrentPolicyState {
  readonly profiles: readonly Profile[];
  readonly compliancePolicies: readonly CompliancePolicy[];
  readonly filters: readonly AssignmentFilter[];
  /** Assignments of profiles and compliance policies. */
  readonly assignments: readonly Assignment[];
  /** Groups by id: every group an existing assignment targets or the bundle names, that exists. */
  readonly groups: ReadonlyMap<string, Group>;
}

/** A change to write: create (before null), update, or delete (after null). */
export interface Write<T> {
  readonly before: T | null;
  readonly after: T | null;
}

/** The writes a bundle needs, in the order they are applied, and the state after them. */
export interface BundlePlan {
  readonly changes: readonly BundleChange[];
  readonly unchanged: number;
  readonly groups: readonly Write<Group>[];
  readonly filters: readonly Write<AssignmentFilter>[];
  readonly profiles: readonly Write<Profile>[];
  readonly compliancePolicies: readonly Write<CompliancePolicy>[];
  readonly assignments: readonly Write<Assignment>[];
  readonly after: Omit<CurrentPolicyState, 'groups'>;
  /** Groups whose members will change after apply (new, or dynamic with a new rule). */
  readonly regroupedGroupIds: ReadonlySet<string>;
}

/** How to plan. */
export interface PlanOptions {
  /** Delete profiles, compliance policies, filters and assignments the bundle does not list. Groups are never deleted. */
  readonly prune: boolean;
  readonly tenantId: TenantId;
  readonly now: Date;
  readonly newId: () => string;
}

const lower = (s: string): string => s.toLowerCase();

/** The top-level fields in which two objects differ (canonical JSON per field). */
function changedFields(before: object, after: object, fields: readonly string[]): string[] {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return fields.filter((f) => canonicalJson(b[f]) !== canonicalJson(a[f]));
}

/**
 * Pure: compares a bundle with the current state and plans every write, or returns the first
 * problem located in the bundle (section, index, name, source). Objects are matched by name,
 * case-insensitively. Certificate references in profile bodies may give a profile's name; they
 * are resolved against the bundle first, then the stored profiles. Assignments are
 * authoritative for the items the bundle lists (an assignment of such an item that the bundle
 * does not list is deleted); with `prune`, for every item.
 */
export function planPolicyBundle(bundle: unknown, current: CurrentPolicyState, options: PlanOptions): Result<BundlePlan, ErrorCode> {
  const read = readBundle(bundle);
  if (!read.ok) return read;
  const sections = read.value;
  const changes: BundleChange[] = [];
  let unchanged = 0;
  const record = (section: BundleSection, action: BundleChange['action'], name: string, id: string, fields?: readonly string[]): void => {
    changes.push({ section, action, name, id, ...(fields === undefined ? {} : { fields }) });
  };
  const duplicate = (entries: readonly BundleEntry[]): Result<void, ErrorCode> => {
    const seen = new Set<string>();
    for (const e of entries) {
      const name = e.value.name;
      if (typeof name !== 'string') continue;
      const key = lower(name.trim());
      if (seen.has(key)) return locate(e, fail('POLICY_BUNDLE_INVALID', `${name} is defined twice.`, { field: 'name' }));
      seen.add(key);
    }
    return ok(undefined);
  };
  for (const section of ['groups', 'filters', 'profiles', 'compliancePolicies'] as const) {
    const dup = duplicate(sections[section]);
    if (!dup.ok) return dup;
  }

  // Groups: created or updated by name, never deleted (they are directory objects too).
  const groupsByName = new Map<string, Group>([...current.groups.values()].map((g) => [lower(g.name), g]));
  const groupWrites: Write<Group>[] = [];
  const regrouped = new Set<string>();
  for (const entry of sections.groups) {
    const shaped = groupFieldsOf(entry.value);
    if (!shaped.ok) return locate(entry, shaped);
    const fields = validateGroupFields(shaped.value);
    if (!fields.ok) return locate(entry, fields);
    const before = groupsByName.get(lower(fields.value.name));
    if (before === undefined) {
      const group: Group = { id: options.newId() as GroupId, tenantId: options.tenantId, ...fields.value, memberCount: 0, createdAt: options.now, updatedAt: options.now };
      groupWrites.push({ before: null, after: group });
      groupsByName.set(lower(group.name), group);
      regrouped.add(group.id);
      record('groups', 'create', group.name, group.id);
      continue;
    }
    if (before.memberType !== fields.value.memberType) return locate(entry, fail('VALIDATION_FAILED', `Group ${before.name} holds ${before.memberType}s; its member type cannot change.`, { field: 'memberType' }));
    const after: Group = { ...before, ...fields.value };
    const diff = changedFields(before, after, ['name', 'description', 'membershipType', 'rule']);
    if (diff.length === 0) {
      unchanged++;
      continue;
    }
    const updated = { ...after, updatedAt: options.now };
    groupWrites.push({ before, after: updated });
    groupsByName.set(lower(after.name), updated);
    if (after.membershipType === 'dynamic' && (after.rule !== before.rule || before.membershipType !== 'dynamic')) regrouped.add(after.id);
    record('groups', 'update', after.name, after.id, diff);
  }

  // Filters.
  const filtersByName = new Map(current.filters.map((f) => [lower(f.name), f]));
  const filterWrites: Write<AssignmentFilter>[] = [];
  const afterFilters = new Map(current.filters.map((f) => [f.id as string, f]));
  const listedFilters = new Set<string>();
  for (const entry of sections.filters) {
    const valid = validateAssignmentFilterInput(entry.value);
    if (!valid.ok) return locate(entry, valid);
    const before = filtersByName.get(lower(valid.value.name));
    if (before === undefined) {
      const filter: AssignmentFilter = { id: options.newId() as AssignmentFilterId, tenantId: options.tenantId, ...valid.value, createdAt: options.now, updatedAt: options.now };
      filterWrites.push({ before: null, after: filter });
      filtersByName.set(lower(filter.name), filter);
      afterFilters.set(filter.id, filter);
      listedFilters.add(filter.id);
      record('filters', 'create', filter.name, filter.id);
      continue;
    }
    listedFilters.add(before.id);
    const after: AssignmentFilter = { ...before, ...valid.value };
    const diff = changedFields(before, after, ['name', 'description', 'platform', 'rule']);
    if (diff.length === 0) {
      unchanged++;
      continue;
    }
    const updated = { ...after, updatedAt: options.now };
    filterWrites.push({ before, after: updated });
    filtersByName.set(lower(after.name), updated);
    afterFilters.set(after.id, updated);
    record('filters', 'update', after.name, after.id, diff);
  }

  // Profiles: ids first (new ones get fresh ids), so that references by name resolve within the bundle.
  const profilesByName = new Map(current.profiles.map((p) => [lower(p.name), p]));
  const plannedIds = new Map<string, ProfileId>(current.profiles.map((p) => [lower(p.name), p.id]));
  for (const entry of sections.profiles) {
    const name = typeof entry.value.name === 'string' ? lower(entry.value.name.trim()) : '';
    plannedIds.set(name, profilesByName.get(name)?.id ?? (options.newId() as ProfileId));
  }
  const profileWrites: Write<Profile>[] = [];
  const afterProfiles = new Map(current.profiles.map((p) => [p.id as string, p]));
  const listedProfiles = new Set<string>();
  const profileEntries = new Map<string, BundleEntry>();
  for (const entry of sections.profiles) {
    const valid = validateProfileInput(resolveProfileNames(entry.value, plannedIds));
    if (!valid.ok) return locate(entry, valid);
    const before = profilesByName.get(lower(valid.value.name));
    if (before !== undefined && before.kind !== valid.value.content.kind) {
      return locate(entry, fail('PROFILE_KIND_MISMATCH', `Profile ${before.name} is a ${before.kind} profile; give the ${valid.value.content.kind} profile another name.`, { field: 'kind' }));
    }
    const content = resolveSecrets(valid.value.content, before);
    if (!content.ok) return locate(entry, content);
    const id = plannedIds.get(lower(valid.value.name)) ?? (options.newId() as ProfileId);
    const { name, description, platforms } = valid.value;
    listedProfiles.add(id);
    profileEntries.set(id, entry);
    if (before === undefined) {
      const profile = { id, tenantId: options.tenantId, name, description, platforms, version: 1, createdAt: options.now, updatedAt: options.now, ...content.value } as Profile;
      profileWrites.push({ before: null, after: profile });
      afterProfiles.set(id, profile);
      record('profiles', 'create', name, id);
      continue;
    }
    const after = { ...before, name, description, platforms, ...content.value } as Profile;
    const diff = changedFields(before, after, ['name', 'description', 'platforms', 'body']);
    if (diff.length === 0) {
      unchanged++;
      continue;
    }
    const updated = { ...after, version: before.version + 1, updatedAt: options.now } as Profile;
    profileWrites.push({ before, after: updated });
    afterProfiles.set(id, updated);
    record('profiles', 'update', name, id, diff);
  }

  // Compliance policies.
  const policiesByName = new Map(current.compliancePolicies.map((p) => [lower(p.name), p]));
  const policyWrites: Write<CompliancePolicy>[] = [];
  const afterPolicies = new Map(current.compliancePolicies.map((p) => [p.id as string, p]));
  const listedPolicies = new Set<string>();
  for (const entry of sections.compliancePolicies) {
    const name = typeof entry.value.name === 'string' ? lower(entry.value.name.trim()) : '';
    const before = policiesByName.get(name);
    const fields = validateCompliancePolicy(entry.value as unknown as CompliancePolicyInput, before);
    if (!fields.ok) return locate(entry, fields);
    if (before === undefined) {
      const policy: CompliancePolicy = { id: options.newId() as CompliancePolicyId, tenantId: options.tenantId, ...fields.value, version: 1, createdAt: options.now, updatedAt: options.now };
      policyWrites.push({ before: null, after: policy });
      policiesByName.set(lower(policy.name), policy);
      afterPolicies.set(policy.id, policy);
      listedPolicies.add(policy.id);
      record('compliancePolicies', 'create', policy.name, policy.id);
      continue;
    }
    listedPolicies.add(before.id);
    const after: CompliancePolicy = { ...before, ...fields.value };
    const diff = changedFields(before, after, ['name', 'description', 'platforms', 'rules', 'actions', 'validityDays']);
    if (diff.length === 0) {
      unchanged++;
      continue;
    }
    const updated = { ...after, version: before.version + 1, updatedAt: options.now };
    policyWrites.push({ before, after: updated });
    afterPolicies.set(before.id, updated);
    record('compliancePolicies', 'update', after.name, after.id, diff);
  }

  // Pruning items the bundle does not list.
  if (options.prune) {
    for (const p of current.profiles) {
      if (listedProfiles.has(p.id)) continue;
      profileWrites.push({ before: p, after: null });
      afterProfiles.delete(p.id);
      record('profiles', 'delete', p.name, p.id);
    }
    for (const p of current.compliancePolicies) {
      if (listedPolicies.has(p.id)) continue;
      policyWrites.push({ before: p, after: null });
      afterPolicies.delete(p.id);
      record('compliancePolicies', 'delete', p.name, p.id);
    }
  }

  // Every profile's references must hold in the state after the bundle.
  for (const profile of afterProfiles.values()) {
    const refs = checkProfileReferences(profile, afterProfiles);
    if (refs.ok) continue;
    const entry = profileEntries.get(profile.id);
    if (entry !== undefined) return locate(entry, refs);
    return fail(refs.code === 'PROFILE_NOT_FOUND' ? 'PROFILE_IN_USE' : refs.code, `Profile ${profile.name} (not in the bundle) would break: ${refs.message}`, { profileId: profile.id });
  }

  // Assignments.
  const itemName = (kind: string, id: string): string | undefined => (kind === 'profile' ? afterProfiles.get(id)?.name : afterPolicies.get(id)?.name);
  const targetKey = (t: AssignmentTarget): string => (t.type === 'group' ? `group:${t.groupId}` : t.type);
  const targetLabel = (t: AssignmentTarget): string => (t.type === 'group' ? `group ${[...groupsByName.values()].find((g) => g.id === t.groupId)?.name ?? t.groupId}` : t.type);
  const authoritative = (kind: string, id: string): boolean => options.prune || (kind === 'profile' ? listedProfiles.has(id) : listedPolicies.has(id));
  const existing = new Map(current.assignments.map((a) => [`${a.itemKind}:${a.itemId}:${targetKey(a.target)}`, a]));
  const afterAssignments = new Map(current.assignments.map((a) => [a.id as string, a]));
  const assignmentWrites: Write<Assignment>[] = [];
  const listedAssignments = new Set<string>();
  for (const entry of sections.assignments) {
    const resolved = resolveAssignmentNames(entry.value, { profiles: profilesByNameAfter(afterProfiles), policies: policiesByName, groups: groupsByName, filters: filtersByName });
    if (!resolved.ok) return locate(entry, resolved);
    const valid = validateAssignmentInput(resolved.value);
    if (!valid.ok) return locate(entry, valid);
    const v = valid.value;
    if (v.itemKind === 'compliancePolicy' && !afterPolicies.has(v.itemId)) return locate(entry, fail('ASSIGNMENT_ITEM_NOT_FOUND', 'The compliance policy is deleted by this bundle.', { field: 'item' }));
    if (v.itemKind === 'profile' && !afterProfiles.has(v.itemId)) return locate(entry, fail('ASSIGNMENT_ITEM_NOT_FOUND', 'The profile is deleted by this bundle.', { field: 'item' }));
    const filter = v.filter === null ? undefined : afterFilters.get(v.filter.filterId);
    const platforms = (v.itemKind === 'profile' ? afterProfiles.get(v.itemId)?.platforms : afterPolicies.get(v.itemId)?.platforms) ?? [];
    if (filter !== undefined && filter.platform !== null && !platforms.includes(filter.platform)) {
      return locate(entry, fail('ASSIGNMENT_FILTER_INVALID', `Filter ${filter.name} is for ${filter.platform}, which ${itemName(v.itemKind, v.itemId) ?? v.itemId} does not target.`, { field: 'filter' }));
    }
    const key = `${v.itemKind}:${v.itemId}:${targetKey(v.target)}`;
    if (listedAssignments.has(key)) return locate(entry, fail('POLICY_BUNDLE_INVALID', 'This item is assigned to this target twice.', { field: 'target' }));
    listedAssignments.add(key);
    const label = `${itemName(v.itemKind, v.itemId) ?? v.itemId} → ${targetLabel(v.target)}`;
    const before = existing.get(key);
    if (before === undefined) {
      const assignment: Assignment = { id: options.newId() as AssignmentId, tenantId: options.tenantId, ...v, createdAt: options.now };
      assignmentWrites.push({ before: null, after: assignment });
      afterAssignments.set(assignment.id, assignment);
      record('assignments', 'create', label, assignment.id);
      continue;
    }
    const after: Assignment = { ...before, mode: v.mode, filter: v.filter, intent: v.intent };
    const diff = changedFields(before, after, ['mode', 'filter', 'intent']);
    if (diff.length === 0) {
      unchanged++;
      continue;
    }
    assignmentWrites.push({ before, after });
    afterAssignments.set(after.id, after);
    record('assignments', 'update', label, after.id, diff);
  }
  for (const a of current.assignments) {
    const key = `${a.itemKind}:${a.itemId}:${targetKey(a.target)}`;
    const itemGone = a.itemKind === 'profile' ? !afterProfiles.has(a.itemId) : !afterPolicies.has(a.itemId);
    if (listedAssignments.has(key) || (!itemGone && !authoritative(a.itemKind, a.itemId))) continue;
    assignmentWrites.push({ before: a, after: null });
    afterAssignments.delete(a.id);
    const name = a.itemKind === 'profile' ? current.profiles.find((p) => p.id === a.itemId)?.name : current.compliancePolicies.find((p) => p.id === a.itemId)?.name;
    record('assignments', 'delete', `${name ?? a.itemId} → ${targetLabel(a.target)}`, a.id);
  }

  // Filters: pruned only when no assignment uses them any more.
  if (options.prune) {
    const used = new Set([...afterAssignments.values()].flatMap((a) => (a.filter === null ? [] : [a.filter.filterId as string])));
    for (const f of current.filters) {
      if (listedFilters.has(f.id) || used.has(f.id)) continue;
      filterWrites.push({ before: f, after: null });
      afterFilters.delete(f.id);
      record('filters', 'delete', f.name, f.id);
    }
  }

  return ok({
    changes,
    unchanged,
    groups: groupWrites,
    filters: filterWrites,
    profiles: profileWrites,
    compliancePolicies: policyWrites,
    assignments: assignmentWrites,
    after: { profiles: [...afterProfiles.values()], compliancePolicies: [...afterPolicies.values()], filters: [...afterFilters.values()], assignments: [...afterAssignments.values()] },
    regroupedGroupIds: regrouped,
  });
}

function profilesByNameAfter(profiles: ReadonlyMap<string, Profile>): Map<string, Profile> {
  return new Map([...profiles.values()].map((p) => [lower(p.name), p]));
}

/** A profile input with certificate references given by name replaced by ids. */
function resolveProfileNames(value: Readonly<Record<string, unknown>>, ids: ReadonlyMap<string, ProfileId>): Readonly<Record<string, unknown>> {
  const body = value.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return value;
  const ref = (v: unknown): unknown => (typeof v === 'string' ? (ids.get(lower(v.trim())) ?? v) : v);
  const refs = (v: unknown): unknown => (Array.isArray(v) ? v.map(ref) : v);
  const b = body as Record<string, unknown>;
  if (value.kind === 'wifi' && typeof b.eap === 'object' && b.eap !== null) {
    const eap = b.eap as Record<string, unknown>;
    return { ...value, body: { ...b, eap: { ...eap, trustedRootProfileIds: refs(eap.trustedRootProfileIds), clientCertificateProfileId: ref(eap.clientCertificateProfileId) } } };
  }
  if (value.kind === 'vpn' && typeof b.authentication === 'object' && b.authentication !== null) {
    const auth = b.authentication as Record<string, unknown>;
    if (auth.method !== 'certificate') return value;
    return { ...value, body: { ...b, authentication: { ...auth, trustedRootProfileIds: refs(auth.trustedRootProfileIds), certificateProfileId: ref(auth.certificateProfileId) } } };
  }
  return value;
}

interface NameIndex {
  readonly profiles: ReadonlyMap<string, Profile>;
  readonly policies: ReadonlyMap<string, CompliancePolicy>;
  readonly groups: ReadonlyMap<string, Group>;
  readonly filters: ReadonlyMap<string, AssignmentFilter>;
}

/** A bundle assignment (names) turned into an assignment input (ids). */
function resolveAssignmentNames(value: Readonly<Record<string, unknown>>, names: NameIndex): Result<Record<string, unknown>, ErrorCode> {
  for (const key of Object.keys(value)) if (!['item', 'target', 'mode', 'filter', 'intent'].includes(key)) return fail('ASSIGNMENT_INVALID', `${key.slice(0, 64)} is not a field of an assignment (known: item, target, mode, filter, intent).`, { field: key.slice(0, 64) });
  const item = value.item;
  if (typeof item !== 'object' || item === null) return fail('ASSIGNMENT_INVALID', 'item must be { kind, name }.', { field: 'item' });
  const { kind, name } = item as Record<string, unknown>;
  if ((kind !== 'profile' && kind !== 'compliancePolicy') || typeof name !== 'string') return fail('ASSIGNMENT_INVALID', 'item must be { kind: profile | compliancePolicy, name }.', { field: 'item' });
  const found = kind === 'profile' ? names.profiles.get(lower(name.trim())) : names.policies.get(lower(name.trim()));
  if (found === undefined) return fail('ASSIGNMENT_ITEM_NOT_FOUND', `No ${kind === 'profile' ? 'profile' : 'compliance policy'} named ${name.slice(0, 128)} in the bundle or the tenant.`, { field: 'item.name' });
  const target = value.target;
  if (typeof target !== 'object' || target === null) return fail('ASSIGNMENT_INVALID', 'target must be { type: group, group: NAME } or { type: allUsers | allDevices }.', { field: 'target' });
  const t = target as Record<string, unknown>;
  let resolvedTarget: unknown = target;
  if (t.type === 'group') {
    if (typeof t.group !== 'string' || Object.keys(t).some((k) => k !== 'type' && k !== 'group')) return fail('ASSIGNMENT_INVALID', 'A group target is { type: group, group: NAME }.', { field: 'target' });
    const group = names.groups.get(lower(t.group.trim()));
    if (group === undefined) return fail('ASSIGNMENT_GROUP_NOT_FOUND', `No group named ${t.group.slice(0, 128)} in the bundle or the directory.`, { field: 'target.group' });
    resolvedTarget = { type: 'group', groupId: group.id };
  }
  let filter: unknown = value.filter;
  if (typeof filter === 'object' && filter !== null) {
    const f = filter as Record<string, unknown>;
    if (typeof f.name !== 'string' || Object.keys(f).some((k) => k !== 'name' && k !== 'mode')) return fail('ASSIGNMENT_INVALID', 'filter must be { name, mode }.', { field: 'filter' });
    const found = names.filters.get(lower(f.name.trim()));
    if (found === undefined) return fail('ASSIGNMENT_FILTER_NOT_FOUND', `No assignment filter named ${f.name.slice(0, 128)} in the bundle or the tenant.`, { field: 'filter.name' });
    filter = { filterId: found.id, mode: f.mode };
  }
  return ok({ itemKind: kind, itemId: found.id, target: resolvedTarget, ...(value.mode === undefined ? {} : { mode: value.mode }), ...(filter === undefined ? {} : { filter }), ...(value.intent === undefined ? {} : { intent: value.intent }) });
}

/**
 * A bundle's group object as `GroupFields`, its field types checked first: a caller's file may say
 * `name: 123`, which the group validator (written for typed API input) must never see.
 */
function groupFieldsOf(value: Readonly<Record<string, unknown>>): Result<GroupFields, 'VALIDATION_FAILED'> {
  const { name, description, membershipType, memberType, rule } = value;
  if (typeof name !== 'string') return fail('VALIDATION_FAILED', 'A group name must be text.', { field: 'name' });
  if (description !== undefined && typeof description !== 'string') return fail('VALIDATION_FAILED', 'A group description must be text.', { field: 'description' });
  if (typeof membershipType !== 'string') return fail('VALIDATION_FAILED', 'membershipType must be static or dynamic.', { field: 'membershipType' });
  if (typeof memberType !== 'string') return fail('VALIDATION_FAILED', 'memberType must be user or device.', { field: 'memberType' });
  if (rule !== undefined && rule !== null && typeof rule !== 'string') return fail('VALIDATION_FAILED', 'A group rule must be text.', { field: 'rule' });
  // The validator checks both types against their lists.
  return ok({ name, membershipType: membershipType as GroupFields['membershipType'], memberType: memberType as GroupFields['memberType'], ...(description === undefined ? {} : { description }), ...(rule === undefined ? {} : { rule }) });
}
