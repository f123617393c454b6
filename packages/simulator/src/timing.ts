// The real agent's timing rules (apps/agent/src/runtime), kept identical so a virtual fleet loads
// the server the way a real one would: polls spread by ±20 % jitter, retries by full-jitter backoff.

/** Shortest and longest check-in interval the agent accepts from the server, in seconds. */
export const checkInIntervalBounds = { min: 5, max: 86_400 } as const;

/** The delay until the next scheduled check-in: the server's interval, clamped, ±20 % uniformly. */
export function jitteredInterval(intervalSeconds: number, random: () => number): number {
  const seconds = Math.min(Math.max(Number.isFinite(intervalSeconds) ? intervalSeconds : checkInIntervalBounds.max, checkInIntervalBounds.min), checkInIntervalBounds.max);
  return Math.round(seconds * 1000 * (0.8 + 0.4 * Math.min(Math.max(random(), 0), 1)));
}

/** 1 s doubling to 5 min, as the agent retries the server and the push connection. */
export const defaultBackoff = { baseMs: 1_000, maxMs: 300_000 } as const;

/** Exponential backoff with full jitter: uniform in [0, min(max, base × 2^attempt)). */
export function backoffDelay(attempt: number, random: () => number, bounds: { readonly baseMs: number; readonly maxMs: number } = defaultBackoff): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 30);
  const cap = Math.min(bounds.maxMs, bounds.baseMs * 2 ** exponent);
  return Math.floor(Math.min(Math.max(random(), 0), 1 - Number.EPSILON) * cap);
}
