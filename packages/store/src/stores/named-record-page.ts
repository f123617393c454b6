import { sql, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Page, PageRequest } from '@ward/core';
import { afterPosition, checkLimit, cursorValue, readCursor, toPage, type KeysetSort } from './keyset.js';
import { containsPattern } from './like-pattern.js';
import { unlessUniqueViolation, type StoreContext } from './store-context.js';

/** The sorts of a list of named, versioned records (policies, profiles). */
export type NamedRecordSort = 'name' | 'createdAt' | 'updatedAt';

const sortKeys: Record<NamedRecordSort, { readonly column: 'name_key' | 'created_at' | 'updated_at'; readonly type: 'text' | 'time' }> = {
  name: { column: 'name_key', type: 'text' },
  createdAt: { column: 'created_at', type: 'time' },
  updatedAt: { column: 'updated_at', type: 'time' },
};

/** The columns such a table has: an id, a lower-cased name and its times. */
interface NamedRecordRow {
  readonly id: string;
  readonly name_key: string;
  readonly created_at: unknown;
  readonly updated_at: unknown;
}

/**
 * One keyset page of a table of named records: `query` selects its rows under `alias` with the
 * list's own filters applied; this adds the cursor's position, the `q` name search (a substring of
 * the lower-cased name) and the order, and reads one row more than the page to tell whether there
 * is a next one.
 */
export async function pageNamedRecords<DB, TB extends keyof DB, O extends NamedRecordRow, T>(
  ctx: StoreContext,
  query: SelectQueryBuilder<DB, TB, O>,
  alias: string,
  q: string | undefined,
  page: PageRequest<NamedRecordSort>,
  toItem: (row: O) => T,
): Promise<Page<T>> {
  const { codec } = ctx;
  const limit = checkLimit(page.limit);
  const { column, type } = sortKeys[page.sort];
  const sort: KeysetSort = { name: page.sort, key: sql.ref(`${alias}.${column}`), id: sql.ref(`${alias}.id`), type };
  const position = readCursor(page.cursor, sort, page.order);
  let filtered = query;
  if (position !== undefined) filtered = filtered.where(afterPosition(sort, page.order, position, codec));
  if (q !== undefined && q !== '') filtered = filtered.where(sql<SqlBool>`${sql.ref(`${alias}.name_key`)} like ${containsPattern(q)} escape '\\'`);
  const rows: O[] = await filtered.orderBy(sort.key, page.order).orderBy(sort.id, page.order).limit(limit + 1).execute();
  return toPage(rows, limit, page.sort, page.order, (row) => ({ value: cursorValue(sort, row[column], codec), id: row.id }), toItem);
}

/**
 * A compare-and-set update of a versioned record: `update` sets the new columns where the row still
 * has the previous version. False when another writer got there first, or when the new name is
 * taken (a unique violation, undone without aborting the transaction).
 */
export async function updateAtVersion(ctx: StoreContext, update: () => Promise<{ readonly numUpdatedRows: bigint }>): Promise<boolean> {
  let updated = 0;
  const written = await unlessUniqueViolation(ctx, async () => {
    updated = Number((await update()).numUpdatedRows);
  });
  return written && updated === 1;
}
