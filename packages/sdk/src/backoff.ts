/**
 * The delay before retry number `failures` (1 for the first retry): exponential backoff with full
 * jitter (a random delay in [0, min(cap, base·2^(failures-1)))), so that many apps that lost the
 * server at the same moment do not come back at the same moment.
 */
export function backoffDelayMs(failures: number, options: { readonly baseMs: number; readonly capMs: number; readonly random: () => number }): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** exponent);
  const r = options.random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0.5;
  return Math.floor(unit * ceiling);
}
