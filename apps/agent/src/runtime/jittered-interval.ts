/** Shortest check-in interval the agent accepts from the server, in seconds, so a bad value cannot make it spin. */
export const MIN_CHECK_IN_SECONDS = 5;
/** Longest check-in interval, in seconds: a day. */
export const MAX_CHECK_IN_SECONDS = 86_400;

/**
 * The delay until the next scheduled check-in: the server's interval (clamped to sane bounds) ±20%
 * drawn uniformly, so agents enrolled or restarted together drift apart instead of polling in step.
 */
export function jitteredInterval(intervalSeconds: number, random: () => number): number {
  const seconds = Math.min(Math.max(Number.isFinite(intervalSeconds) ? intervalSeconds : MAX_CHECK_IN_SECONDS, MIN_CHECK_IN_SECONDS), MAX_CHECK_IN_SECONDS);
  return Math.round(seconds * 1000 * (0.8 + 0.4 * Math.min(Math.max(random(), 0), 1)));
}
