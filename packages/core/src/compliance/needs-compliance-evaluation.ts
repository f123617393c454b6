import type { Device } from '../devices/model.js';

const dayMs = 86_400_000;

/**
 * Whether a check-in must re-evaluate the device's compliance (the check-in path calls this to
 * stay O(1) for the common check-in that changes nothing). Yes when its facts changed; when it was
 * never evaluated (`unknown`); or when it had been silent for a day or more, because validity
 * periods and check-in rules are whole days, so only such a gap can have expired the one or
 * lapsed the other, and the check-in that ends it must clear that. Otherwise the stored verdict
 * still holds, and time-driven changes come from the scheduled sweep.
 */
export function needsComplianceEvaluation(before: Pick<Device, 'complianceState' | 'lastSeenAt'>, factsChanged: boolean, now: Date): boolean {
  if (factsChanged || before.complianceState === 'unknown') return true;
  return before.lastSeenAt === null || now.getTime() - before.lastSeenAt.getTime() >= dayMs;
}
