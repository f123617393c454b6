import type { Clock } from '../kernel/ports.js';
import type { AppUsageStore } from './ports.js';

/** How long per-day usage is kept: a year and a month, so a year-on-year report still has its days. */
export const appUsageRetentionDays = 400;
/** The job that runs {@link pruneAppUsage}, and how often. */
export const pruneAppUsageJobKind = 'mam.pruneAppUsage';
export const pruneAppUsageEveryMs = 86_400_000;

/**
 * Removes usage rows older than the retention, in batches of `batch`, at most `maxBatches` per
 * call (a job runs it daily). Returns how many rows went.
 */
export async function pruneAppUsage(deps: { readonly clock: Clock; readonly stores: Pick<AppUsageStore, 'pruneAppUsage'> }, options: { readonly batch?: number; readonly maxBatches?: number } = {}): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - appUsageRetentionDays * 86_400_000).toISOString().slice(0, 10);
  const batch = options.batch ?? 5000;
  let total = 0;
  for (let i = 0; i < (options.maxBatches ?? 100); i++) {
    const removed = await deps.stores.pruneAppUsage(before, batch);
    total += removed;
    if (removed < batch) break;
  }
  return total;
}
