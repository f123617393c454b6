// A micro-benchmark of conditional access decisions, for `npm run bench -- idp` (the lead wires
// it): 50 policies of every condition kind over 100,000 synthetic devices, each decision built
// as the identity provider builds it (a context per attempt) and evaluated on one core.
import { performance } from 'node:perf_hooks';
import {
  compileAccessPolicies,
  evaluateConditionalAccess,
  platforms,
  validateAccessPolicy,
  type AccessContext,
  type AccessDecision,
  type AccessDevice,
  type AccessPolicy,
  type AccessPolicyId,
  type AccessPolicyInput,
  type DeviceId,
  type GroupId,
  type TenantId,
  type UserId,
} from '@ward/core';
import { seededRandom } from './policy-fleet.js';

/** What the run measured. */
export interface AccessDecisionFigures {
  readonly policies: number;
  readonly devices: number;
  readonly decisions: number;
  readonly bestPerSecond: number;
  readonly medianPerSecond: number;
  readonly byDecision: Readonly<Record<AccessDecision, number>>;
}

const tenantId = 'bench-tenant' as TenantId;
const relyingParties = ['grafana', 'gitlab', 'nextcloud', 'intranet', 'wiki'] as const;

/** 50 policies: groups, relying parties, platforms, networks, risk, report-only and block among them. */
function policyInputs(): AccessPolicyInput[] {
  const inputs: AccessPolicyInput[] = [];
  for (let i = 0; i < 50; i++) {
    const kind = i % 5;
    inputs.push({
      name: `policy ${String(i).padStart(2, '0')}`,
      state: i % 7 === 0 ? 'reportOnly' : 'enabled',
      conditions: {
        users: kind === 0 ? { include: 'all', exclude: { groupIds: [`g${i % 20}`] } } : { include: { groupIds: [`g${i % 20}`, `g${(i + 3) % 20}`] } },
        relyingParties: { include: kind === 1 ? 'all' : [relyingParties[i % relyingParties.length] ?? 'grafana'] },
        ...(kind === 2 ? { platforms: { include: [platforms[i % platforms.length] ?? 'macos'] } } : {}),
        ...(kind === 3 ? { networks: { include: 'all', exclude: [`10.${i}.0.0/16`, `2001:db8:${i.toString(16)}::/48`] } } : {}),
        ...(kind === 4 ? { signInRisk: ['medium', 'high'], clientTypes: ['browser'] } : {}),
      },
      grant: i % 11 === 0 ? { kind: 'block' } : { kind: 'require', operator: i % 2 === 0 ? 'and' : 'or', controls: i % 3 === 0 ? ['compliantDevice'] : ['mfa', 'compliantDevice'] },
      ...(i % 4 === 0 && i % 11 !== 0 ? { session: { signInFrequencyHours: 12 } } : {}),
    });
  }
  return inputs;
}

/** Measures decisions per second; `runs` passes over `decisions` attempts each. */
export function measureAccessDecisions(options: { readonly devices?: number; readonly decisions?: number; readonly runs?: number } = {}): AccessDecisionFigures {
  const deviceCount = options.devices ?? 100_000;
  const decisions = options.decisions ?? 200_000;
  const runs = options.runs ?? 5;
  const at = new Date();
  const policies: AccessPolicy[] = policyInputs().map((input, i) => {
    const valid = validateAccessPolicy(input);
    if (!valid.ok) throw new Error(valid.message);
    return { id: `ap-${i}` as AccessPolicyId, tenantId, ...valid.value, version: 1, createdAt: at, updatedAt: at };
  });
  const compiled = compileAccessPolicies(policies);
  const random = seededRandom(7);
  const devices: AccessDevice[] = Array.from({ length: deviceCount }, (_, i) => ({
    id: `device-${i}` as DeviceId,
    platform: platforms[i % platforms.length] ?? 'macos',
    ownership: i % 4 === 0 ? 'personal' : 'corporate',
    complianceState: random() < 0.85 ? 'compliant' : 'noncompliant',
    managementState: 'enrolled',
  }));
  const contexts: AccessContext[] = Array.from({ length: Math.min(decisions, 50_000) }, (_, i) => ({
    userId: `user-${i % 5000}` as UserId,
    groupIds: [`g${i % 20}` as GroupId, `g${(i * 7) % 20}` as GroupId],
    relyingPartyId: relyingParties[i % relyingParties.length] ?? 'grafana',
    clientType: i % 3 === 0 ? 'app' : 'browser',
    ip: i % 2 === 0 ? `10.${i % 60}.${i % 250}.${(i * 13) % 250}` : `2001:db8:${(i % 60).toString(16)}::${(i % 65535).toString(16)}`,
    device: i % 10 === 0 ? null : (devices[(i * 7919) % deviceCount] ?? null),
    platformHint: null,
    signInRisk: i % 50 === 0 ? 'high' : 'none',
    mfaDone: i % 2 === 0,
    appProtected: false,
    authenticatedAt: new Date(at.getTime() - (i % 24) * 3_600_000),
    now: at,
  }));
  const byDecision: Record<AccessDecision, number> = { allow: 0, block: 0, challenge: 0 };
  const rates: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    for (let i = 0; i < decisions; i++) {
      const ctx = contexts[i % contexts.length];
      if (ctx === undefined) continue;
      const result = evaluateConditionalAccess(ctx, compiled);
      if (run === 0) byDecision[result.decision] += 1;
    }
    rates.push(decisions / ((performance.now() - start) / 1000));
  }
  rates.sort((a, b) => a - b);
  return { policies: policies.length, devices: deviceCount, decisions, bestPerSecond: rates[rates.length - 1] ?? 0, medianPerSecond: rates[Math.floor(rates.length / 2)] ?? 0, byDecision };
}

/** Prints the figures of one measurement. */
export function benchAccessDecisions(): Promise<void> {
  const f = measureAccessDecisions();
  console.log(`conditional access: ${f.policies} policies, ${f.devices} devices, ${f.decisions} decisions per run`);
  console.log(`  decisions/s: best ${Math.round(f.bestPerSecond)}, median ${Math.round(f.medianPerSecond)}`);
  console.log(`  first run: ${f.byDecision.allow} allow, ${f.byDecision.challenge} challenge, ${f.byDecision.block} block`);
  return Promise.resolve();
}
