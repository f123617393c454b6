import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { decodeCursor, encodeCursor, WardError, type CursorPosition, type Page, type SortOrder } from '@ward/core';
import type { ColumnCodec } from '../database/column-codec.js';

/** How one list is sorted: the SQL key (then id, for a total order) and how its values look. */
export interface KeysetSort {
  /** The sort's public name, bound into cursors. */
  readonly name: string;
  readonly key: RawBuilder<unknown>;
  readonly id: RawBuilder<unknown>;
  readonly type: 'text' | 'time' | 'number';
  /**
   * For a key that may be NULL: the value the key expression takes instead (the expression already
   * coalesces), used when the cursor's row had none.
   */
  readonly sentinel?: RawBuilder<unknown>;
}

/** The cursor's position, checked against the sort; INVALID_CURSOR when it does not fit. */
export function readCursor(cursor: string | undefined, sort: KeysetSort, order: SortOrder): CursorPosition | undefined {
  if (cursor === undefined) return undefined;
  const decoded = decodeCursor(cursor, sort.name, order);
  if (!decoded.ok) throw new WardError('INVALID_CURSOR', decoded.message);
  const { value } = decoded.value;
  const fits = value === null ? sort.sentinel !== undefined : sort.type === 'text' ? typeof value === 'string' : typeof value === 'number';
  if (!fits) throw new WardError('INVALID_CURSOR', 'The cursor does not fit this list; start again from the first page.');
  return decoded.value;
}

/**
 * Rows strictly after `position` in (key, id) order, as a row-value comparison: both planners seek
 * straight to the position in the (…, key, id) index, even inside a run of equal keys (a platform
 * shared by a third of the fleet), where `key >= v AND (key > v OR id > i)` would re-read the
 * run from its start on every page.
 */
export function afterPosition(sort: KeysetSort, order: SortOrder, position: CursorPosition, codec: ColumnCodec): RawBuilder<SqlBool> {
  const v = position.value === null ? (sort.sentinel ?? sql`null`) : sort.type === 'time' && typeof position.value === 'number' ? sql`${codec.timeFromMillis(position.value)}` : sql`${position.value}`;
  return sql<SqlBool>`(${sort.key}, ${sort.id}) ${sql.raw(order === 'asc' ? '>' : '<')} (${v}, ${position.id})`;
}

/** The cursor value of a row's sort key as read from the database. */
export function cursorValue(sort: KeysetSort, raw: unknown, codec: ColumnCodec): string | number | null {
  if (raw === null || raw === undefined) return null;
  if (sort.type === 'time') return codec.readTime(raw as Date | number).getTime();
  if (typeof raw === 'number' || typeof raw === 'string') return raw;
  throw new WardError('INTERNAL', `Unexpected ${typeof raw} sort value.`);
}

/**
 * A page from rows fetched with `limit + 1`: the extra row only tells that there is a next page,
 * whose cursor names the last row returned.
 */
export function toPage<R, T>(rows: readonly R[], limit: number, sortName: string, order: SortOrder, position: (row: R) => CursorPosition, item: (row: R) => T): Page<T> {
  const kept = rows.slice(0, limit);
  const last = kept[kept.length - 1];
  const nextCursor = rows.length > limit && last !== undefined ? encodeCursor(sortName, order, position(last)) : null;
  return { items: kept.map(item), nextCursor };
}

/** A limit the database accepts: a positive integer. */
export function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) throw new WardError('VALIDATION_FAILED', `A page limit must be a positive integer, not ${limit}.`);
  return limit;
}
