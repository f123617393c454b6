import { sql, type Kysely } from 'kysely';
import type { Clock, DomainEvent, Digests, Ids } from '@ward/core';
import type { ColumnCodec } from '../database/column-codec.js';
import type { Dialect } from '../database/dialect.js';
import type { Schema } from '../database/schema.js';
import type { EventBus } from '../events/event-bus.js';
import { isUniqueViolation } from '../database/sql-errors.js';

/** What a transaction holds back until it commits. */
export interface PendingEffects {
  readonly events: DomainEvent[];
}

/** Everything a store needs: the connection (or transaction) and the services it calls. */
export interface StoreContext {
  /** The pool, or the transaction the stores are bound to. */
  readonly db: Kysely<Schema>;
  readonly dialect: Dialect;
  readonly codec: ColumnCodec;
  readonly ids: Ids;
  readonly digests: Digests;
  /** The time of writes whose port method takes none (a deleted device's revoked certificates). */
  readonly clock: Clock;
  readonly bus: EventBus;
  /** Present inside a transaction: events wait here for the commit. */
  readonly pending: PendingEffects | undefined;
  /** Runs `work` in a transaction: the current one, or a new one when the context has none. */
  atomically<T>(work: (ctx: StoreContext) => Promise<T>): Promise<T>;
}

let savepoints = 0;

/**
 * Runs one statement that may break a unique constraint, returning false instead of throwing when
 * it does. On PostgreSQL a failed statement aborts the whole transaction, so inside one the
 * statement runs under a savepoint that is rolled back on failure; SQLite undoes only the failed
 * statement, and outside a transaction the statement is its own transaction anyway.
 */
export async function unlessUniqueViolation(ctx: StoreContext, statement: () => Promise<void>): Promise<boolean> {
  const guarded = ctx.dialect === 'postgres' && ctx.pending !== undefined;
  const name = sql.id(`ward_sp_${(savepoints = (savepoints + 1) % 1_000_000)}`);
  if (guarded) await sql`savepoint ${name}`.execute(ctx.db);
  try {
    await statement();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    if (guarded) await sql`rollback to savepoint ${name}`.execute(ctx.db);
    return false;
  }
  if (guarded) await sql`release savepoint ${name}`.execute(ctx.db);
  return true;
}

/** Splits a list for `IN (…)` lists, keeping far below both databases' bound-parameter limits. */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
