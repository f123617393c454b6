import type { Device } from '../devices/model.js';
import { ruleFailed, rulePassed, ruleUnknown, type CompiledCompliancePolicy } from './compile-compliance-policy.js';
import { complianceLimits, type RuleOutcome, type RuleResult } from './model.js';

export const complianceVerdicts = ['notApplicable', 'expired', 'error', 'failed', 'unknown', 'passed'] as const;
/**
 * What one policy says about one device now, before grace and history (`next-compliance-state.ts`):
 * `notApplicable` (not for its platform), `expired` (silent longer than the validity period),
 * `error` (the policy cannot be evaluated), `failed` (some rule failed), `unknown` (no rule failed
 * but some fact was missing), `passed`.
 */
export type ComplianceVerdict = (typeof complianceVerdicts)[number];

/** A buffer large enough for any policy's rule outcomes; allocate one per evaluating loop and reuse it. */
export function newOutcomeBuffer(): Uint8Array {
  return new Uint8Array(complianceLimits.rules);
}

/**
 * Evaluates one device against one compiled policy: the hot path of compliance (target: a million
 * device × policy pairs a second on one core). Writes each rule's code (0 passed, 1 failed,
 * 2 unknown) into `outcomes[i]` for rule i and returns the verdict; allocates nothing. The rule
 * outcomes are filled even when the verdict is `expired`, so the explain view still shows them.
 */
export function evaluateCompliance(policy: CompiledCompliancePolicy, device: Device, nowMs: number, outcomes: Uint8Array): ComplianceVerdict {
  if (!policy.platforms.has(device.platform)) return 'notApplicable';
  if (policy.error !== null) return 'error';
  let failed = false;
  let unknown = false;
  let i = 0;
  try {
    for (const rule of policy.rules) {
      const code = rule.check(device, nowMs);
      outcomes[i++] = code;
      if (code === ruleFailed) failed = true;
      else if (code === ruleUnknown) unknown = true;
    }
  } catch {
    // A rule that throws is a bug in Ward, not in the device; the device must not be punished for it.
    return 'error';
  }
  // Silent since the validity period began: its facts are too old to vouch for it.
  if (nowMs >= (device.lastSeenAt ?? device.enrolledAt).getTime() + policy.validityMs) return 'expired';
  return failed ? 'failed' : unknown ? 'unknown' : 'passed';
}

const outcomeNames: readonly RuleOutcome[] = ['passed', 'failed', 'unknown'];

/**
 * The per-rule results behind a verdict, with expected and actual values and remediation text:
 * what a record stores and the explain view shows. Allocates; call it only for devices whose
 * record is written, not in bulk loops.
 */
export function describeRuleResults(policy: CompiledCompliancePolicy, device: Device, nowMs: number, outcomes: Uint8Array): RuleResult[] {
  const results: RuleResult[] = [];
  let i = 0;
  for (const rule of policy.rules) {
    const outcome = outcomeNames[outcomes[i++] ?? ruleUnknown] ?? 'unknown';
    let actual: string | null;
    try {
      actual = rule.actual(device, nowMs);
    } catch (e) {
      actual = `error: ${e instanceof Error ? e.message : String(e)}`.slice(0, 500);
    }
    results.push({ ruleId: rule.id, kind: rule.kind, title: rule.title, outcome, expected: rule.expected, actual, remediation: outcome === 'passed' ? '' : rule.remediation });
  }
  return results;
}

/** The ids of the rules with this outcome code, in rule order. */
export function ruleIdsWithCode(policy: CompiledCompliancePolicy, outcomes: Uint8Array, code: typeof rulePassed | typeof ruleFailed | typeof ruleUnknown): string[] {
  const ids: string[] = [];
  let i = 0;
  for (const rule of policy.rules) if (outcomes[i++] === code) ids.push(rule.id);
  return ids;
}

/**
 * The earliest instant at which this device's verdict could change with no new facts and no
 * policy change: when its validity expires, when a check-in rule it passes lapses, or when its
 * grace period ends. Null when only a check-in or a policy change can change it.
 */
export function timeOfNextChange(policy: CompiledCompliancePolicy, device: Device, verdict: ComplianceVerdict, outcomes: Uint8Array, graceEndsAt: Date | null): Date | null {
  if (verdict === 'notApplicable' || verdict === 'error' || verdict === 'expired') return null;
  let next = (device.lastSeenAt ?? device.enrolledAt).getTime() + policy.validityMs;
  let i = 0;
  for (const rule of policy.rules) {
    const code = outcomes[i++];
    if (rule.lapsesAt === null || code !== rulePassed) continue;
    const at = rule.lapsesAt(device);
    if (at !== null && at < next) next = at;
  }
  if (graceEndsAt !== null && graceEndsAt.getTime() < next) next = graceEndsAt.getTime();
  return new Date(next);
}
