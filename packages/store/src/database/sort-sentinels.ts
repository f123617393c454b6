import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from './dialect.js';

/**
 * The `last_seen_key` of a device never seen: before every instant, so such devices sort first in
 * ascending order and the keyset comparison meets no NULL. -8.64e15 ms is the earliest instant a
 * JS Date can hold.
 */
export function lastSeenSentinel(dialect: Dialect): RawBuilder<unknown> {
  return dialect === 'postgres' ? sql`'-infinity'::timestamptz` : sql`-8640000000000000`;
}

/** The same sentinel as a value to write (PostgreSQL parses the text; SQLite stores the number). */
export function lastSeenSentinelValue(dialect: Dialect): string | number {
  return dialect === 'postgres' ? '-infinity' : -8640000000000000;
}
