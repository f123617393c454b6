/** How retries of one push wait: exponential from `baseDelayMs`, capped at `maxDelayMs`. */
export interface ApnsBackoffPolicy {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * The wait before retry number `retry` (1 for the first retry): `base * 2^(retry-1)`, capped, with
 * "equal jitter" (half fixed, half uniformly random from `random()` in [0, 1)) so that many pushes
 * refused together by a 429 do not come back together. A server's `retryAfterMs` raises the wait
 * (still capped).
 */
export function apnsBackoffDelay(retry: number, policy: ApnsBackoffPolicy, random: () => number, retryAfterMs = 0): number {
  const exponent = Math.min(Math.max(retry - 1, 0), 30);
  const capped = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  const jittered = capped / 2 + (capped / 2) * Math.min(Math.max(random(), 0), 1);
  return Math.min(policy.maxDelayMs, Math.max(jittered, retryAfterMs));
}
