import { sql, type Kysely } from 'kysely';
import type { WardDatabase } from './open-database.js';
import type { Schema } from './schema.js';

/** One unit of work: what runs in a transaction, and whether its outcome must be undone. */
export interface TransactionUnit<T> {
  /** The work; its queries run on `trx`. */
  readonly work: (trx: Kysely<Schema>) => Promise<T>;
  /** True when the work's value asks for its writes to be undone (a failed Result). */
  readonly rollsBack: (value: T) => boolean;
}

/**
 * Runs units of work, each atomically: a unit's writes commit when its work resolves to a value
 * `rollsBack` accepts, and are undone when it throws (the error is rethrown) or resolves to one
 * `rollsBack` refuses (the value is returned). A unit resolves only once its writes are durable
 * as the database's settings make them, i.e. after the COMMIT that includes them.
 */
export interface TransactionUnits {
  run<T>(unit: TransactionUnit<T>): Promise<T>;
}

/**
 * Units one SQLite transaction takes at most, so that the first unit's answer waits for few others
 * (a check-in's unit runs in a fraction of a millisecond) and the WAL grows by one bounded step.
 */
export const maxUnitsPerCommit = 64;

/**
 * The runner for `database`: on PostgreSQL one transaction per unit on a pooled connection (the
 * server commits concurrent transactions in groups by itself); on SQLite group commit.
 *
 * SQLite has one writer, so its transactions run one after another anyway; what each one costs
 * beyond its statements is BEGIN and, above all, COMMIT writing every page it dirtied to the WAL
 * (the same index and table pages over and over when check-ins arrive together). So units that
 * arrive in the same turn of the event loop share one `BEGIN IMMEDIATE … COMMIT`, each under a
 * savepoint of its own: a unit that throws or fails is rolled back to its savepoint without
 * touching the others, and its caller is answered at once. The batch starts on the next turn
 * (`setImmediate`), after the I/O callbacks of this one have queued their units; units queued
 * while it runs (their work awaiting real I/O) join it, up to {@link maxUnitsPerCommit} units.
 * If COMMIT fails, or an error leaves SQLite without the transaction (it rolls back by itself on
 * a full disk or an I/O error), every unit of the batch not yet answered fails with that error:
 * none of its writes are kept.
 */
export function transactionUnits(database: WardDatabase): TransactionUnits {
  return database.dialect === 'sqlite' ? new GroupCommit(database.db) : new TransactionPerUnit(database.db);
}

/** Thrown inside Kysely's transaction callback to roll back a unit whose value asks for it; never escapes. */
class RollbackSignal extends Error {}

class TransactionPerUnit implements TransactionUnits {
  readonly #db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.#db = db;
  }

  async run<T>(unit: TransactionUnit<T>): Promise<T> {
    let outcome: { readonly value: T } | undefined;
    try {
      await this.#db.transaction().execute(async (trx) => {
        const value = await unit.work(trx);
        outcome = { value };
        if (unit.rollsBack(value)) throw new RollbackSignal('rolled back by its value');
      });
    } catch (error) {
      if (error instanceof RollbackSignal && outcome !== undefined) return outcome.value;
      throw error;
    }
    if (outcome === undefined) throw new Error('unreachable: a committed transaction has an outcome');
    return outcome.value;
  }
}

/** A unit waiting for its turn, with how to answer its caller. */
interface Queued {
  readonly unit: TransactionUnit<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

// Units of a batch run one after another, each savepoint released or rolled back before the next.
const savepoint = sql.id('ward_unit');

class GroupCommit implements TransactionUnits {
  readonly #db: Kysely<Schema>;
  readonly #queue: Queued[] = [];
  #draining = false;

  constructor(db: Kysely<Schema>) {
    this.#db = db;
  }

  run<T>(unit: TransactionUnit<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // Stored as unknown: each entry is only ever answered with what its own work returned.
      this.#queue.push({ unit: unit as TransactionUnit<unknown>, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#draining) {
        this.#draining = true;
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) await this.#batch();
    } finally {
      this.#draining = false;
    }
  }

  /** Runs queued units in one transaction; answers each. Never throws. */
  async #batch(): Promise<void> {
    const kept: { readonly entry: Queued; readonly value: unknown }[] = [];
    // An object, as the callback sets it where control-flow analysis does not look.
    const progress = { began: false };
    try {
      await this.#db.transaction().execute(async (trx) => {
        progress.began = true;
        for (let n = 0; n < maxUnitsPerCommit; n++) {
          const entry = this.#queue.shift();
          if (entry === undefined) break;
          await sql`savepoint ${savepoint}`.execute(trx);
          let value: unknown;
          try {
            value = await entry.unit.work(trx);
          } catch (error) {
            await undo(trx, () => {
              entry.reject(error);
            });
            entry.reject(error);
            continue;
          }
          if (entry.unit.rollsBack(value)) {
            await undo(trx, () => {
              entry.resolve(value);
            });
            entry.resolve(value);
            continue;
          }
          await sql`release savepoint ${savepoint}`.execute(trx);
          kept.push({ entry, value });
        }
      });
    } catch (error) {
      // BEGIN failed (the lock stayed busy past the timeout): the unit first in line gets the
      // error, as its own transaction would have; the others try again in the next batch.
      if (!progress.began) this.#queue.shift()?.reject(error);
      for (const { entry } of kept) entry.reject(error);
      return;
    }
    for (const { entry, value } of kept) entry.resolve(value);
  }
}

/**
 * Rolls the current unit back to its savepoint. When that fails the transaction is gone (SQLite
 * rolled it back by itself): the unit is answered as it would have been, since none of its writes
 * remain, and the failure ends the batch.
 */
async function undo(trx: Kysely<Schema>, answer: () => void): Promise<void> {
  try {
    await sql`rollback to savepoint ${savepoint}`.execute(trx);
    await sql`release savepoint ${savepoint}`.execute(trx);
  } catch (error) {
    answer();
    throw error;
  }
}
