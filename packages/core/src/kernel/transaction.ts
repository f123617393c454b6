/**
 * Runs work atomically over a set of stores `S`. The work's writes commit together when it resolves
 * to anything but a failed Result; they roll back when it throws or returns `{ ok: false }`, so a
 * use case that refuses input never leaves a partial write.
 */
export interface TransactionRunner<S> {
  /** Runs `work` in one transaction and returns what it returned. */
  transaction<T>(work: (stores: S) => Promise<T>): Promise<T>;
}
