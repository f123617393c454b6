import type { ComplianceState } from '../devices/model.js';
import type { ComplianceVerdict } from './evaluate-compliance.js';
import type { ComplianceCause, CompliancePolicyId } from './model.js';

/** What the state machine needs to know about the previous evaluation of a device × policy. */
export interface PreviousPolicyState {
  readonly state: ComplianceState;
  readonly failingSince: Date | null;
  readonly policyVersion: number;
}

/** What the evaluation found now. */
export interface PolicyEvaluation {
  readonly verdict: ComplianceVerdict;
  readonly failedRuleIds: readonly string[];
  readonly unknownRuleIds: readonly string[];
  /** Why evaluation failed (`error` verdict). */
  readonly errorMessage: string | null;
  /** The device's last check-in, for the cause of `expired`. */
  readonly lastSeenAt: Date | null;
}

/** The policy's side: identity, version, grace. */
export interface PolicyTiming {
  readonly id: CompliancePolicyId;
  readonly version: number;
  /** From the start of a failure until the device is marked noncompliant. */
  readonly graceMs: number;
}

/** A device × policy's next state and why it is what it is. */
export interface NextPolicyState {
  readonly state: ComplianceState;
  readonly failingSince: Date | null;
  readonly graceEndsAt: Date | null;
  /** Whether `state` differs from the previous one (`unknown` when there was none). */
  readonly changed: boolean;
  readonly causes: readonly ComplianceCause[];
}

/**
 * The state machine of one device against one policy:
 *
 * - not for the device's platform → `notApplicable`;
 * - the policy cannot be evaluated → `error`, with no failure clock (the fault is the policy's, so
 *   no grace runs out and no action fires against the user);
 * - silent longer than the validity period → `noncompliant` at once;
 * - a rule fails → the failure clock starts (or keeps running from `failingSince`): `inGracePeriod`
 *   until `failingSince + grace`, then `noncompliant`;
 * - no rule fails but a fact is missing → `unknown`; every rule passes → `compliant`. Both stop
 *   the failure clock, so a later failure starts a new grace period.
 *
 * Pure: `now` comes from the caller. A previous state of another policy version adds a
 * `policyChanged` cause when the state changes.
 */
export function nextComplianceState(previous: PreviousPolicyState | undefined, evaluation: PolicyEvaluation, policy: PolicyTiming, now: Date): NextPolicyState {
  const policyId = policy.id;
  const from = previous?.state ?? 'unknown';
  const stillFailing = previous !== undefined && previous.failingSince !== null && (previous.state === 'inGracePeriod' || previous.state === 'noncompliant');
  let state: ComplianceState;
  let failingSince: Date | null = null;
  let graceEndsAt: Date | null = null;
  const causes: ComplianceCause[] = [];
  switch (evaluation.verdict) {
    case 'notApplicable':
      state = 'notApplicable';
      causes.push({ kind: 'platformNotApplicable', policyId });
      break;
    case 'error':
      state = 'error';
      causes.push({ kind: 'evaluationError', policyId, message: evaluation.errorMessage ?? 'The policy could not be evaluated.' });
      break;
    case 'expired':
      state = 'noncompliant';
      failingSince = stillFailing ? previous.failingSince : now;
      causes.push({ kind: 'validityExpired', policyId, lastSeenAt: evaluation.lastSeenAt?.toISOString() ?? null });
      break;
    case 'failed': {
      failingSince = stillFailing ? previous.failingSince : now;
      const ends = new Date(failingSince.getTime() + policy.graceMs);
      if (now.getTime() >= ends.getTime()) {
        state = 'noncompliant';
        if (from === 'inGracePeriod') causes.push({ kind: 'graceEnded', policyId, graceEndedAt: ends.toISOString() });
      } else {
        state = 'inGracePeriod';
        graceEndsAt = ends;
      }
      causes.push({ kind: 'rulesFailed', policyId, ruleIds: evaluation.failedRuleIds });
      break;
    }
    case 'unknown':
      state = 'unknown';
      causes.push({ kind: 'factsMissing', policyId, ruleIds: evaluation.unknownRuleIds });
      break;
    case 'passed':
      state = 'compliant';
      causes.push({ kind: 'rulesPassed', policyId });
      break;
  }
  const changed = state !== from;
  if (changed && previous !== undefined && previous.policyVersion !== policy.version) causes.unshift({ kind: 'policyChanged', policyId, version: policy.version });
  return { state, failingSince, graceEndsAt, changed, causes };
}
