/** Bounds of the reconnect and retry backoff. */
export interface BackoffBounds {
  /** The cap of the first attempt's delay. */
  readonly baseMs: number;
  /** The largest cap, reached after enough failures. */
  readonly maxMs: number;
}

/** 1 s doubling to 5 min: how the agent retries the server and the push connection. */
export const defaultBackoff: BackoffBounds = { baseMs: 1_000, maxMs: 300_000 };

/**
 * Exponential backoff with full jitter: a delay drawn uniformly from [0, min(max, base × 2^attempt)).
 * Full jitter spreads thousands of agents that lost the same server over the whole window instead
 * of bringing them back in synchronised waves.
 *
 * @param attempt failures so far, from 0.
 * @param random a source of uniform numbers in [0, 1) (a port, so tests are deterministic).
 */
export function backoffDelay(attempt: number, random: () => number, bounds: BackoffBounds = defaultBackoff): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 30);
  const cap = Math.min(bounds.maxMs, bounds.baseMs * 2 ** exponent);
  return Math.floor(Math.min(Math.max(random(), 0), 1 - Number.EPSILON) * cap);
}
