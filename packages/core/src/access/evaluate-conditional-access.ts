import type { CompiledAccessPolicies, CompiledAccessPolicy } from './compile-access-policies.js';
import { ipInRange, parseIpAddress, type IpAddress, type IpRange } from './ip-range.js';
import {
  grantControls,
  type AccessChallenge,
  type AccessConditionName,
  type AccessContext,
  type AccessEvaluation,
  type AccessPolicyId,
  type AccessPolicyOutcome,
  type GrantControl,
} from './model.js';

const hourMs = 3_600_000;

/** What the attempt brings, computed once per evaluation. */
interface Facts {
  readonly ctx: AccessContext;
  readonly groups: ReadonlySet<string>;
  /** undefined: not parsed yet; null: unknown or malformed. */
  address: IpAddress | null | undefined;
  readonly platform: AccessContext['platformHint'];
  readonly ownership: 'corporate' | 'personal' | 'unknown';
  readonly satisfied: Readonly<Record<GrantControl, boolean>>;
}

function addressOf(f: Facts): IpAddress | null {
  if (f.address === undefined) f.address = f.ctx.ip === null ? null : (parseIpAddress(f.ctx.ip) ?? null);
  return f.address;
}

function anyIn(set: ReadonlySet<string>, items: ReadonlySet<string>): boolean {
  if (set.size === 0) return false;
  for (const item of items) if (set.has(item)) return true;
  return false;
}

function inAny(address: IpAddress, ranges: readonly IpRange[]): boolean {
  for (const r of ranges) if (ipInRange(address, r)) return true;
  return false;
}

/** The first condition of the policy the attempt does not match; null when every one matches. */
function unmatched(p: CompiledAccessPolicy, f: Facts): AccessConditionName | null {
  const { ctx } = f;
  // Exclusion beats inclusion, for users as for every other condition.
  const userIncluded = p.includeUsers === 'all' || p.includeUsers.has(ctx.userId) || anyIn(p.includeGroups, f.groups);
  if (!userIncluded || p.excludeUsers.has(ctx.userId) || anyIn(p.excludeGroups, f.groups)) return 'users';
  if (p.excludeRelyingParties.has(ctx.relyingPartyId) || (p.includeRelyingParties !== 'all' && !p.includeRelyingParties.has(ctx.relyingPartyId))) return 'relyingParties';
  if (p.includePlatforms !== null) {
    // An unknown platform matches only `all` and is never excluded.
    if (f.platform === null ? p.includePlatforms !== 'all' : p.excludePlatforms.has(f.platform) || (p.includePlatforms !== 'all' && !p.includePlatforms.has(f.platform))) return 'platforms';
  }
  if (p.ownership !== null && !p.ownership.has(f.ownership)) return 'ownership';
  if (p.clientTypes !== null && !p.clientTypes.has(ctx.clientType)) return 'clientTypes';
  if (p.includeNetworks !== null) {
    const address = addressOf(f);
    if (address === null ? p.includeNetworks !== 'all' : inAny(address, p.excludeNetworks) || (p.includeNetworks !== 'all' && !inAny(address, p.includeNetworks))) return 'networks';
  }
  if (p.signInRisk !== null && (ctx.signInRisk === 'none' || !p.signInRisk.has(ctx.signInRisk))) return 'signInRisk';
  return null;
}

const none: readonly never[] = Object.freeze([]);

function outcomeOf(p: CompiledAccessPolicy, f: Facts): AccessPolicyOutcome {
  const because = unmatched(p, f);
  if (because !== null) return p.notApplied[because];
  if (p.grant.kind === 'block') {
    return { policyId: p.id, name: p.name, reportOnly: p.reportOnly, applied: true, notAppliedBecause: null, result: 'failure', satisfiedControls: none, missingControls: none, challenges: none, blocks: true };
  }
  const { controls, operator } = p.grant;
  const satisfiedControls: GrantControl[] = [];
  const missingControls: GrantControl[] = [];
  for (const c of controls) (f.satisfied[c] ? satisfiedControls : missingControls).push(c);
  const challenges: AccessChallenge[] = [];
  let met: boolean;
  if (operator === 'and') {
    met = missingControls.length === 0;
    // Only MFA can be completed during the sign-in; a missing device or app control cannot.
    if (!met && missingControls.every((c) => c === 'mfa')) challenges.push('mfa');
  } else {
    met = controls.length === 0 || satisfiedControls.length > 0;
    if (!met && controls.includes('mfa')) challenges.push('mfa');
  }
  let result: AccessPolicyOutcome['result'];
  if (!met && challenges.length === 0) result = 'failure';
  else {
    const { authenticatedAt, now } = f.ctx;
    if (p.signInFrequencyHours !== null && authenticatedAt !== null && now.getTime() - authenticatedAt.getTime() > p.signInFrequencyHours * hourMs) challenges.push('reauthenticate');
    result = challenges.length === 0 ? 'success' : 'interrupt';
  }
  return { policyId: p.id, name: p.name, reportOnly: p.reportOnly, applied: true, notAppliedBecause: null, result, satisfiedControls, missingControls, challenges, blocks: false };
}

function inControlOrder(set: ReadonlySet<GrantControl>): GrantControl[] {
  return grantControls.filter((c) => set.has(c));
}

/**
 * Decides one authorization or refresh against a tenant's compiled policies (Entra's conditional
 * access model, issue 6 §4–5). A policy applies when every condition it sets matches (an
 * exclusion always wins); of the enforced policies that apply, any `failure` blocks (block wins
 * over everything), else any `interrupt` challenges (MFA, or a fresh sign-in when the session is
 * older than a sign-in frequency), else the attempt is allowed. Report-only policies are evaluated
 * and reported in `policies` but never change the decision. A device that did not prove itself
 * is unknown: `compliantDevice` fails for it, and its ownership is `unknown`. Pure and
 * allocation-light: no I/O, called for every authorization and refresh.
 */
export function evaluateConditionalAccess(context: AccessContext, compiled: CompiledAccessPolicies): AccessEvaluation {
  const device = context.device;
  const facts: Facts = {
    ctx: context,
    groups: new Set(context.groupIds),
    address: undefined,
    platform: device?.platform ?? context.platformHint,
    ownership: device?.ownership ?? 'unknown',
    satisfied: {
      mfa: context.mfaDone,
      compliantDevice: device !== null && device.managementState === 'enrolled' && (device.complianceState === 'compliant' || device.complianceState === 'inGracePeriod'),
      appProtection: context.appProtected,
    },
  };
  const policies: AccessPolicyOutcome[] = [];
  const satisfied = new Set<GrantControl>();
  const missing = new Set<GrantControl>();
  const challenges = new Set<AccessChallenge>();
  const blocking: AccessPolicyId[] = [];
  let frequency: number | null = null;
  for (const p of compiled.policies) {
    const outcome = outcomeOf(p, facts);
    policies.push(outcome);
    if (p.reportOnly || !outcome.applied) continue;
    for (const c of outcome.satisfiedControls) satisfied.add(c);
    // An `or` policy met by one control is not missing the others.
    if (outcome.result !== 'success') for (const c of outcome.missingControls) missing.add(c);
    if (outcome.result === 'failure') blocking.push(p.id);
    else for (const c of outcome.challenges) challenges.add(c);
    if (p.signInFrequencyHours !== null) frequency = frequency === null ? p.signInFrequencyHours : Math.min(frequency, p.signInFrequencyHours);
  }
  // A control met for one policy is met for all: `or` policies may list it without needing it.
  for (const c of satisfied) missing.delete(c);
  const decision = blocking.length > 0 ? 'block' : challenges.size > 0 ? 'challenge' : 'allow';
  return {
    decision,
    challenges: decision === 'challenge' ? (['mfa', 'reauthenticate'] as const).filter((c) => challenges.has(c)) : [],
    satisfiedControls: inControlOrder(satisfied),
    missingControls: inControlOrder(missing),
    blockingPolicyIds: blocking,
    signInFrequencyHours: frequency,
    policies,
  };
}
