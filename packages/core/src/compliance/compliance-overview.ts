import { complianceStates, type ComplianceState, type Platform } from '../devices/model.js';
import { authorize } from '../directory/authorize.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { ok, type Result } from '../kernel/result.js';
import type { CompliancePolicyId, RuleOutcome } from './model.js';
import type { ComplianceReportScope, ComplianceReportStore, CompliancePolicyStore } from './ports.js';

export type ComplianceOverviewStores = Pick<ComplianceReportStore, 'countDevicesByPlatformAndState' | 'countComplianceByPolicy' | 'countComplianceByRule'> & Pick<CompliancePolicyStore, 'listAllCompliancePolicies'>;

/** Devices per state; every state is present (0 when none). */
export type StateCounts = Readonly<Record<ComplianceState, number>>;

/** The compliance overview of a tenant (or of an admin's groups). */
export interface ComplianceOverview {
  /** Devices by overall state. */
  readonly total: number;
  readonly byState: StateCounts;
  readonly byPlatform: readonly { readonly platform: Platform; readonly total: number; readonly byState: StateCounts }[];
  /** Devices by their state against each policy. */
  readonly byPolicy: readonly { readonly policyId: CompliancePolicyId; readonly policyName: string; readonly total: number; readonly byState: StateCounts }[];
  /** Devices by outcome of each rule, most failures first. */
  readonly byRule: readonly { readonly policyId: CompliancePolicyId; readonly policyName: string; readonly ruleId: string; readonly title: string; readonly counts: Readonly<Record<RuleOutcome, number>> }[];
}

function emptyStates(): Record<ComplianceState, number> {
  return Object.fromEntries(complianceStates.map((s) => [s, 0])) as Record<ComplianceState, number>;
}

/**
 * Counts for the compliance dashboard: devices by state, by platform, by policy and by rule.
 * Each dimension is one grouped count in the store; nothing loads devices. An admin scoped to
 * groups sees the devices of those groups only. Policies deleted but not yet swept are left out.
 */
export async function complianceOverview(deps: Deps<ComplianceOverviewStores>, principal: Principal): Promise<Result<ComplianceOverview, ErrorCode>> {
  const scope = authorize(principal, 'policy.read');
  if (!scope.ok) return scope;
  const reportScope: ComplianceReportScope = scope.value.kind === 'groups' ? { withinGroups: scope.value.groupIds } : {};
  const tenantId = principal.tenantId;
  const [platformCounts, policyCounts, ruleCounts, policies] = await Promise.all([
    deps.stores.countDevicesByPlatformAndState(tenantId, reportScope),
    deps.stores.countComplianceByPolicy(tenantId, reportScope),
    deps.stores.countComplianceByRule(tenantId, reportScope),
    deps.stores.listAllCompliancePolicies(tenantId),
  ]);
  const byState = emptyStates();
  const platforms = new Map<Platform, Record<ComplianceState, number>>();
  let total = 0;
  for (const c of platformCounts) {
    byState[c.state] += c.count;
    total += c.count;
    let p = platforms.get(c.platform);
    if (p === undefined) platforms.set(c.platform, (p = emptyStates()));
    p[c.state] += c.count;
  }
  const policyById = new Map(policies.map((p) => [p.id, p]));
  const perPolicy = new Map<CompliancePolicyId, Record<ComplianceState, number>>();
  for (const c of policyCounts) {
    if (!policyById.has(c.policyId)) continue;
    let p = perPolicy.get(c.policyId);
    if (p === undefined) perPolicy.set(c.policyId, (p = emptyStates()));
    p[c.state] += c.count;
  }
  const perRule = new Map<string, { policyId: CompliancePolicyId; ruleId: string; counts: Record<RuleOutcome, number> }>();
  for (const c of ruleCounts) {
    if (!policyById.has(c.policyId)) continue;
    const key = `${c.policyId}/${c.ruleId}`;
    let r = perRule.get(key);
    if (r === undefined) perRule.set(key, (r = { policyId: c.policyId, ruleId: c.ruleId, counts: { passed: 0, failed: 0, unknown: 0 } }));
    r.counts[c.outcome] += c.count;
  }
  const sum = (s: Record<ComplianceState, number>): number => Object.values(s).reduce((a, b) => a + b, 0);
  const ruleTitle = (policyId: CompliancePolicyId, ruleId: string): string => {
    const rule = policyById.get(policyId)?.rules.find((r) => r.id === ruleId);
    if (rule === undefined) return ruleId;
    return rule.kind === 'custom' ? rule.name : rule.kind;
  };
  return ok({
    total,
    byState,
    byPlatform: [...platforms].sort(([a], [b]) => a.localeCompare(b)).map(([platform, counts]) => ({ platform, total: sum(counts), byState: counts })),
    byPolicy: [...perPolicy]
      .map(([policyId, counts]) => ({ policyId, policyName: policyById.get(policyId)?.name ?? policyId, total: sum(counts), byState: counts }))
      .sort((a, b) => a.policyName.localeCompare(b.policyName)),
    byRule: [...perRule.values()]
      .map((r) => ({ ...r, policyName: policyById.get(r.policyId)?.name ?? r.policyId, title: ruleTitle(r.policyId, r.ruleId) }))
      .sort((a, b) => b.counts.failed - a.counts.failed || a.policyName.localeCompare(b.policyName) || a.ruleId.localeCompare(b.ruleId)),
  });
}
