import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from './dialect.js';

/**
 * `coalesce(last_seen_at, <before every instant>)`: never-seen devices sort first in ascending
 * order, and the keyset comparison has no NULL to trip on. The migration indexes exactly this
 * expression, and SQLite only uses an expression index when the query repeats it verbatim, so
 * both take it from here.
 */
export function lastSeenSortKey(dialect: Dialect, column: 'last_seen_at' | 'd.last_seen_at' = 'last_seen_at'): RawBuilder<unknown> {
  // -8.64e15 ms is the earliest instant a JS Date can hold.
  return dialect === 'postgres' ? sql`coalesce(${sql.ref(column)}, '-infinity'::timestamptz)` : sql`coalesce(${sql.ref(column)}, -8640000000000000)`;
}

/** The sentinel itself, for a cursor whose row had no last-seen time. */
export function lastSeenSentinel(dialect: Dialect): RawBuilder<unknown> {
  return dialect === 'postgres' ? sql`'-infinity'::timestamptz` : sql`-8640000000000000`;
}
