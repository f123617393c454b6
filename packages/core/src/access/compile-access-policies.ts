import type { Ownership, Platform } from '../devices/model.js';
import { parseIpRange, type IpRange } from './ip-range.js';
import { accessConditionNames, type AccessConditionName, type AccessGrant, type AccessPolicy, type AccessPolicyId, type AccessPolicyOutcome, type ClientType, type ConditionRiskLevel } from './model.js';

/** `all`, a set to look up in, or null for a condition that is not set (matches everything). */
type Lookup<T> = 'all' | ReadonlySet<T>;

/** One policy in the form evaluation reads: sets instead of lists, ranges parsed. */
export interface CompiledAccessPolicy {
  readonly id: AccessPolicyId;
  readonly name: string;
  readonly reportOnly: boolean;
  readonly includeUsers: Lookup<string>;
  readonly includeGroups: ReadonlySet<string>;
  readonly excludeUsers: ReadonlySet<string>;
  readonly excludeGroups: ReadonlySet<string>;
  readonly includeRelyingParties: Lookup<string>;
  readonly excludeRelyingParties: ReadonlySet<string>;
  readonly includePlatforms: Lookup<Platform> | null;
  readonly excludePlatforms: ReadonlySet<Platform>;
  readonly ownership: ReadonlySet<Ownership> | null;
  readonly clientTypes: ReadonlySet<ClientType> | null;
  readonly includeNetworks: 'all' | readonly IpRange[] | null;
  readonly excludeNetworks: readonly IpRange[];
  readonly signInRisk: ReadonlySet<ConditionRiskLevel> | null;
  readonly grant: AccessGrant;
  readonly signInFrequencyHours: number | null;
  /**
   * The outcome for each condition that may keep the policy from applying, built once: most
   * policies do not apply to most attempts, and evaluation then allocates nothing for them.
   */
  readonly notApplied: Readonly<Record<AccessConditionName, AccessPolicyOutcome>>;
}

/** A tenant's policies, compiled once and evaluated for every authorization until one changes. */
export interface CompiledAccessPolicies {
  /** Enabled and report-only policies, by name (case-insensitive), then id. */
  readonly policies: readonly CompiledAccessPolicy[];
}

const none: readonly never[] = Object.freeze([]);

function notAppliedOutcomes(p: AccessPolicy): Readonly<Record<AccessConditionName, AccessPolicyOutcome>> {
  const out = {} as Record<AccessConditionName, AccessPolicyOutcome>;
  for (const because of accessConditionNames) {
    out[because] = Object.freeze({
      policyId: p.id,
      name: p.name,
      reportOnly: p.state === 'reportOnly',
      applied: false,
      notAppliedBecause: because,
      result: 'notApplied',
      satisfiedControls: none,
      missingControls: none,
      challenges: none,
      blocks: false,
    });
  }
  return out;
}

function ranges(texts: readonly string[]): IpRange[] {
  const out: IpRange[] = [];
  for (const t of texts) {
    const r = parseIpRange(t);
    // Stored ranges were validated on write; one that no longer parses matches nothing, which
    // for an exclusion keeps the policy applying rather than opening a hole.
    if (typeof r !== 'string') out.push(r);
  }
  return out;
}

/**
 * Compiles a tenant's policies for {@link evaluateConditionalAccess}. Disabled policies are left
 * out (they are not evaluated, not even for the log). Pure: the caller caches the result and
 * compiles again on an `accessPolicy.changed` event.
 */
export function compileAccessPolicies(policies: readonly AccessPolicy[]): CompiledAccessPolicies {
  const active = policies.filter((p) => p.state !== 'disabled');
  const sorted = [...active].sort((a, b) => {
    const an = a.name.toLowerCase();
    const bn = b.name.toLowerCase();
    return an < bn ? -1 : an > bn ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  return {
    policies: sorted.map((p): CompiledAccessPolicy => {
      const c = p.conditions;
      const include = c.users.include;
      return {
        id: p.id,
        name: p.name,
        reportOnly: p.state === 'reportOnly',
        includeUsers: include === 'all' ? 'all' : new Set(include.userIds),
        includeGroups: new Set(include === 'all' ? [] : include.groupIds),
        excludeUsers: new Set(c.users.exclude.userIds),
        excludeGroups: new Set(c.users.exclude.groupIds),
        includeRelyingParties: c.relyingParties.include === 'all' ? 'all' : new Set(c.relyingParties.include),
        excludeRelyingParties: new Set(c.relyingParties.exclude),
        includePlatforms: c.platforms === null ? null : c.platforms.include === 'all' ? 'all' : new Set(c.platforms.include),
        excludePlatforms: new Set(c.platforms?.exclude ?? []),
        ownership: c.ownership === null ? null : new Set(c.ownership),
        clientTypes: c.clientTypes === null ? null : new Set(c.clientTypes),
        includeNetworks: c.networks === null ? null : c.networks.include === 'all' ? 'all' : ranges(c.networks.include),
        excludeNetworks: ranges(c.networks?.exclude ?? []),
        signInRisk: c.signInRisk === null ? null : new Set(c.signInRisk),
        grant: p.grant,
        signInFrequencyHours: p.grant.kind === 'block' ? null : p.session.signInFrequencyHours,
        notApplied: notAppliedOutcomes(p),
      };
    }),
  };
}
