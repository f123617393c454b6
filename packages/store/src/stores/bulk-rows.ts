import { CompiledQuery, sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Dialect } from '../database/dialect.js';

/**
 * Bound parameters one statement may carry: SQLite's SQLITE_MAX_VARIABLE_NUMBER (32766 since
 * 3.32) and PostgreSQL's wire-protocol limit (65535), each with room to spare for the few
 * parameters a statement binds besides its rows.
 */
const parameterLimit: Record<Dialect, number> = { sqlite: 32_000, postgres: 65_000 };

/** How many rows of `parametersPerRow` bound values one multi-row statement may hold. */
export function rowsPerStatement(dialect: Dialect, parametersPerRow: number): number {
  return Math.max(1, Math.floor(parameterLimit[dialect] / parametersPerRow));
}

/**
 * The rows with one row per key, the last given winning: one multi-row upsert must not touch a
 * row twice (PostgreSQL refuses it), and the last write is what a caller meant.
 */
export function lastPerKey<T>(rows: readonly T[], key: (row: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const row of rows) {
    const k = key(row);
    // Re-inserted so the row takes the position of its last write.
    byKey.delete(k);
    byKey.set(k, row);
  }
  return [...byKey.values()];
}

/**
 * Splits items into statements whose bound parameters (each item's `cost`) stay under the
 * dialect's limit; an item costlier than the limit goes alone.
 */
export function chunksByCost<T>(dialect: Dialect, items: readonly T[], cost: (item: T) => number): T[][] {
  const limit = parameterLimit[dialect];
  const out: T[][] = [];
  let current: T[] = [];
  let used = 0;
  for (const item of items) {
    const c = cost(item);
    if (current.length > 0 && used + c > limit) {
      out.push(current);
      current = [];
      used = 0;
    }
    current.push(item);
    used += c;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * `(a, b, …) IN (…)` over a list of text tuples, in the form each planner turns into one index
 * probe per tuple. PostgreSQL gets one array per column, unnested: given a list of row
 * constructors instead it factors out what the tuples share and filters a range scan with the
 * rest, reading a whole tenant's rows. SQLite takes a row-value IN only over a subquery, and
 * probes the index for each row of a VALUES list. `tuples` must not be empty.
 */
export function tupleIn(dialect: Dialect, columns: readonly string[], tuples: readonly (readonly string[])[]): RawBuilder<SqlBool> {
  const left = sql.join(columns.map((c) => sql.ref(c)));
  if (dialect === 'postgres') {
    const arrays = columns.map((_, i) => sql`cast(${tuples.map((tuple) => tuple[i] ?? null)} as text[])`);
    return sql<SqlBool>`(${left}) in (select * from unnest(${sql.join(arrays)}))`;
  }
  const rows = sql.join(tuples.map((tuple) => sql`(${sql.join(tuple)})`));
  return sql<SqlBool>`(${left}) in (values ${rows})`;
}

/**
 * `(…), (…), …` for a multi-row VALUES list, each value bound (placeholders of the dialect, numbered
 * on from `params`, which receives the values), each tuple ending in `constants` (SQL literals
 * that cost no parameter). Built as text: at thousands of rows Kysely's query builder costs more
 * than the database's own work.
 */
export function valuesList(dialect: Dialect, rows: readonly (readonly unknown[])[], params: unknown[], constants = ''): string {
  const tuples: string[] = [];
  for (const row of rows) {
    const marks: string[] = [];
    for (const value of row) {
      params.push(value);
      marks.push(dialect === 'postgres' ? `$${params.length}` : '?');
    }
    tuples.push(`(${marks.join(', ')}${constants === '' ? '' : `, ${constants}`})`);
  }
  return tuples.join(', ');
}

/**
 * One `INSERT INTO table (columns) VALUES … tail` of many rows, as a compiled query. `table`,
 * `columns` and `tail` are SQL text from the store's own code, never input.
 */
export function insertRows(dialect: Dialect, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[], tail: string, constants: Readonly<Record<string, string>> = {}): CompiledQuery {
  const params: unknown[] = [];
  const constantColumns = Object.keys(constants);
  const values = valuesList(dialect, rows, params, Object.values(constants).join(', '));
  return CompiledQuery.raw(`insert into ${table} (${[...columns, ...constantColumns].join(', ')}) values ${values} ${tail}`, params);
}
