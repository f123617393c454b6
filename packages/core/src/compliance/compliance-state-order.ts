import type { ComplianceState } from '../devices/model.js';

/**
 * How restrictive each state is, most restrictive first. A device's overall state is the most
 * restrictive of its policies' states:
 *
 * 1. `noncompliant`: a policy failed past its grace period, or the device was silent longer than
 *    a policy's validity period. Access is blocked; there is nothing to wait for.
 * 2. `error`: a policy could not be evaluated. Ward cannot vouch for the device, but the fault is
 *    the policy's, so it does not start a grace period or scheduled actions.
 * 3. `inGracePeriod`: a policy fails and the device still has time to fix it.
 * 4. `unknown`: a fact some rule needs was not reported (or nothing was evaluated yet); never a pass.
 * 5. `compliant`: every rule of every applicable policy passed.
 * 6. `notApplicable`: no assigned policy applies to the device (none assigned, or none for its
 *    platform). It ranks last so that one applicable policy decides.
 */
export const complianceStateOrder: readonly ComplianceState[] = ['noncompliant', 'error', 'inGracePeriod', 'unknown', 'compliant', 'notApplicable'];

const rank: Readonly<Record<ComplianceState, number>> = {
  noncompliant: 0,
  error: 1,
  inGracePeriod: 2,
  unknown: 3,
  compliant: 4,
  notApplicable: 5,
};

/** Whether `a` is more restrictive than `b`. */
export function isMoreRestrictive(a: ComplianceState, b: ComplianceState): boolean {
  return rank[a] < rank[b];
}

/** The most restrictive of `states`; `notApplicable` when there are none (no policy applies). */
export function mostRestrictiveState(states: Iterable<ComplianceState>): ComplianceState {
  let worst: ComplianceState = 'notApplicable';
  for (const s of states) if (rank[s] < rank[worst]) worst = s;
  return worst;
}
