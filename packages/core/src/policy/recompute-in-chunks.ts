import type { DeviceId } from '../kernel/brand.js';
import type { TransactionRunner } from '../kernel/transaction.js';

/** What recomputing one chunk of devices did. */
export interface ChunkOutcome {
  /** Rows inserted or changed. */
  readonly written: number;
  readonly deleted: number;
  /** Devices told to check in now. */
  readonly woken: number;
}

/** What a recomputation did. */
export interface RecomputeOutcome extends ChunkOutcome {
  readonly devices: number;
}

/**
 * Runs `recompute` over the devices in chunks of `chunkSize`, each chunk one transaction, and adds
 * up what the chunks did; `onProgress` hears after each chunk. A chunk commits on its own, so a
 * failure part way keeps the chunks done before it (recomputing again is idempotent).
 */
export async function recomputeInChunks<S>(
  tx: TransactionRunner<S>,
  deviceIds: readonly DeviceId[],
  chunkSize: number,
  recompute: (stores: S, chunk: readonly DeviceId[]) => Promise<ChunkOutcome>,
  onProgress?: (done: number, total: number) => void,
): Promise<RecomputeOutcome> {
  let written = 0;
  let deleted = 0;
  let woken = 0;
  for (let i = 0; i < deviceIds.length; i += chunkSize) {
    const chunk = deviceIds.slice(i, i + chunkSize);
    const outcome = await tx.transaction((s) => recompute(s, chunk));
    written += outcome.written;
    deleted += outcome.deleted;
    woken += outcome.woken;
    onProgress?.(Math.min(i + chunkSize, deviceIds.length), deviceIds.length);
  }
  return { devices: deviceIds.length, written, deleted, woken };
}
