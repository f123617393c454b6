import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Dialect } from '../database/dialect.js';

/**
 * Whether the JSON array of strings in `column` holds `value`: jsonb containment on PostgreSQL,
 * `json_each` on SQLite. For the small tables (profiles, policies) whose lists filter by platform.
 */
export function jsonArrayContains(dialect: Dialect, column: string, value: string): RawBuilder<SqlBool> {
  return dialect === 'postgres'
    ? sql<SqlBool>`${sql.ref(column)} @> jsonb_build_array(cast(${value} as text))`
    : sql<SqlBool>`exists (select 1 from json_each(${sql.ref(column)}) where json_each.value = ${value})`;
}
