import {
  bundleSections,
  validateAssignmentFilterInput,
  validateAssignmentInput,
  validateCompliancePolicy,
  validateGroupFields,
  validateProfileInput,
  type BundleSection,
  type CompliancePolicyInput,
  type Failure,
  type GroupFields,
} from '@ward/core';
import { problemAt } from './locate-bundle-failure.js';
import { nameKey, type PolicyFileBundle } from './policy-files-to-bundle.js';
import type { PolicyProblem } from './policy-problem.js';

/** Names of what the tenant holds now, compared without case (`nameKey`). */
export interface TenantNames {
  readonly profiles: ReadonlySet<string>;
  readonly groups: ReadonlySet<string>;
  readonly filters: ReadonlySet<string>;
}

/** Stands in for a reference or a kept secret while the rest of an object is validated alone. */
const stand = { id: 'bundle-reference', secret: 'kept-secret-placeholder' } as const;

type Plain = Readonly<Record<string, unknown>>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

function withoutSource(value: Plain): Plain {
  const { source: _source, ...rest } = value;
  return rest;
}

/**
 * A profile whose certificate references (names here) are replaced by a well-formed id: whether
 * they exist is checked against names, the rest of the body by the core's validator.
 */
function withStandInReferences(profile: Plain): Plain {
  const body = profile.body;
  if (!isPlain(body)) return profile;
  const fix = (holder: unknown): unknown => {
    if (!isPlain(holder)) return holder;
    const out: Record<string, unknown> = { ...holder };
    for (const key of ['clientCertificateProfileId', 'certificateProfileId']) if (typeof out[key] === 'string') out[key] = stand.id;
    const roots = out.trustedRootProfileIds;
    if (Array.isArray(roots)) out.trustedRootProfileIds = roots.map((r: unknown, i) => (typeof r === 'string' ? `${stand.id}-${i}` : r));
    return out;
  };
  return { ...profile, body: { ...body, ...(body.eap === undefined ? {} : { eap: fix(body.eap) }), ...(body.authentication === undefined ? {} : { authentication: fix(body.authentication) }) } };
}

/** The certificate references of a profile (API field path → profile name). */
function profileReferences(profile: Plain): [string, string][] {
  const body = profile.body;
  if (!isPlain(body)) return [];
  const refs: [string, string][] = [];
  for (const holderKey of ['eap', 'authentication'] as const) {
    const holder = body[holderKey];
    if (!isPlain(holder)) continue;
    for (const key of ['clientCertificateProfileId', 'certificateProfileId']) {
      const v = holder[key];
      if (typeof v === 'string') refs.push([`body.${holderKey}.${key}`, v]);
    }
    const roots = holder.trustedRootProfileIds;
    if (Array.isArray(roots)) roots.forEach((r: unknown, i) => { if (typeof r === 'string') refs.push([`body.${holderKey}.trustedRootProfileIds[${i}]`, r]); });
  }
  return refs;
}

/** A compliance policy whose kept webhook secrets (null) are stood in for; the core checks a stored one exists. */
function withStandInSecrets(policy: Plain): Plain {
  const actions = policy.actions;
  if (!Array.isArray(actions)) return policy;
  return { ...policy, actions: actions.map((a: unknown) => (isPlain(a) && a.kind === 'notifyWebhook' && (a.secret === null || a.secret === undefined) ? { ...a, secret: stand.secret } : a)) };
}

/**
 * Checks every object of a bundle on its own with the core's validators (the same ones
 * `applyPolicyBundle` runs, which stops at the first problem), and every reference by name
 * against the bundle and the tenant, so that one run reports all problems at their lines.
 * With `prune`, profiles the bundle does not list are going away and cannot be referenced.
 */
export function checkPolicyBundle(parsed: PolicyFileBundle, tenant: TenantNames, prune: boolean): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const report = (section: BundleSection, index: number, failure: Failure, fieldMap: (field: string) => string = (f) => f): void => {
    const origin = parsed.origins[section][index];
    if (origin === undefined) return;
    const field = typeof failure.details?.field === 'string' ? failure.details.field : section === 'profiles' && typeof failure.details?.setting === 'string' ? `body.settings.${failure.details.setting}` : '';
    problems.push(problemAt(origin, section, fieldMap(field), failure.message, failure.code));
  };
  const exists = (kind: keyof TenantNames, name: string): boolean => {
    const key = nameKey(name);
    const inBundle = kind === 'profiles' ? parsed.names.profiles.has(key) : kind === 'groups' ? parsed.names.groups.has(key) : parsed.names.filters.has(key);
    // Groups are never deleted by a bundle, and filters only once nothing uses them.
    const inTenant = tenant[kind].has(key) && !(prune && kind === 'profiles');
    return inBundle || inTenant;
  };

  for (const section of bundleSections) {
    parsed.bundle[section].forEach((raw, index) => {
      const value = withoutSource(raw);
      switch (section) {
        case 'groups': {
          const valid = validateGroupFields(value as unknown as GroupFields);
          if (!valid.ok) report(section, index, valid);
          break;
        }
        case 'filters': {
          const valid = validateAssignmentFilterInput(value);
          if (!valid.ok) report(section, index, valid);
          break;
        }
        case 'profiles': {
          const valid = validateProfileInput(withStandInReferences(value));
          if (!valid.ok) report(section, index, valid);
          for (const [field, name] of profileReferences(value)) {
            if (!exists('profiles', name)) report(section, index, { ok: false, code: 'PROFILE_NOT_FOUND', message: `no profile named ${name} in these files${prune ? '' : ' or the tenant'}`, details: { field } });
          }
          break;
        }
        case 'compliancePolicies': {
          const v = withStandInSecrets(value);
          const input: CompliancePolicyInput = { name: v.name, description: v.description, platforms: v.platforms, rules: v.rules, actions: v.actions, validityDays: v.validityDays };
          const valid = validateCompliancePolicy(input);
          if (!valid.ok) report(section, index, valid);
          break;
        }
        case 'assignments': {
          const target = isPlain(value.target) ? value.target : {};
          const filter = isPlain(value.filter) ? value.filter : undefined;
          const valid = validateAssignmentInput({
            itemKind: isPlain(value.item) ? value.item.kind : undefined,
            itemId: stand.id,
            target: target.type === 'group' ? { type: 'group', groupId: stand.id } : { type: target.type },
            ...(value.mode === undefined ? {} : { mode: value.mode }),
            ...(filter === undefined ? {} : { filter: { filterId: stand.id, mode: filter.mode } }),
            ...(value.intent === undefined ? {} : { intent: value.intent }),
          });
          if (!valid.ok) report(section, index, valid, (f) => f.replace(/^filter\.filterId$/, 'filter.name').replace(/^target\.groupId$/, 'target.group'));
          if (typeof target.group === 'string' && !exists('groups', target.group)) {
            report(section, index, { ok: false, code: 'ASSIGNMENT_GROUP_NOT_FOUND', message: `no group named ${target.group} in these files or the directory`, details: { field: 'target.group' } });
          }
          if (filter !== undefined && typeof filter.name === 'string' && !exists('filters', filter.name)) {
            report(section, index, { ok: false, code: 'ASSIGNMENT_FILTER_NOT_FOUND', message: `no assignment filter named ${filter.name} in these files or the tenant`, details: { field: 'filter.name' } });
          }
          break;
        }
      }
    });
  }
  return problems;
}
