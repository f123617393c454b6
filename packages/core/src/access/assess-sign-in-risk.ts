import type { SignInRisk } from './model.js';

/**
 * The failure reasons that count towards sign-in risk: wrong passwords and second factors, the
 * marks of guessing. Refusals by policy (`ACCESS_BLOCKED`) say nothing about the caller's
 * knowledge of the secret and do not count.
 */
export const riskyFailureReasons = ['INVALID_CREDENTIALS', 'INVALID_MFA_CODE'] as const;

/** How far back failed attempts count, and from how many on each level starts. */
export const signInRiskPolicy = {
  windowMs: 3_600_000,
  low: 1,
  medium: 5,
  high: 10,
} as const;

/**
 * The risk of a sign-in from the user's failed attempts within {@link signInRiskPolicy}'s window
 * (issue 6 §4: "sign-in risk from failed attempts"): none, then low from the first failure,
 * medium from 5, high from 10. The store counts at most `high` attempts, so a storm of failures
 * costs a bounded read.
 */
export function assessSignInRisk(failedAttempts: number): SignInRisk {
  if (failedAttempts >= signInRiskPolicy.high) return 'high';
  if (failedAttempts >= signInRiskPolicy.medium) return 'medium';
  if (failedAttempts >= signInRiskPolicy.low) return 'low';
  return 'none';
}
