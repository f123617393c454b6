import type { Clock } from '../kernel/ports.js';
import type { SignInLog } from './ports.js';

/** The recurring job (any tenant) that drops sign-in log entries past the retention. */
export const pruneSignInsJobKind = 'access.pruneSignIns';

/** How often the retention job runs. */
export const pruneSignInsEveryMs = 3_600_000;

/** Days of sign-in log kept (Entra keeps 30 days with P1). */
export const signInRetentionDays = 30;

/**
 * Rows deleted per statement and statements per run: a run is bounded whatever the backlog (a
 * brute-force storm), and the next run continues where it stopped.
 */
export const signInPruneBatch = { size: 5000, maxBatches: 20 } as const;

/**
 * Deletes sign-in log entries older than {@link signInRetentionDays}, in batches of
 * {@link signInPruneBatch}.size, at most `maxBatches` per run; returns how many went. Idempotent:
 * several nodes running it at once delete each row once.
 */
export async function pruneSignIns(deps: { readonly clock: Clock; readonly stores: Pick<SignInLog, 'pruneSignIns'> }): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - signInRetentionDays * 86_400_000);
  let total = 0;
  for (let i = 0; i < signInPruneBatch.maxBatches; i++) {
    const n = await deps.stores.pruneSignIns(before, signInPruneBatch.size);
    total += n;
    if (n < signInPruneBatch.size) break;
  }
  return total;
}
