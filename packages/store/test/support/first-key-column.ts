import { sql } from 'kysely';
import type { WardDatabase } from '../../src/index.js';

/**
 * The first column of a table's primary key, as the database's own catalogue has it: tests check
 * that tenant_id leads every tenant table's key (so each tenant's rows sit together in the index).
 */
export async function firstKeyColumn(database: WardDatabase, table: string): Promise<string | undefined> {
  if (database.dialect === 'sqlite') return (await sql<{ name: string }>`select name from pragma_table_info(${table}) where pk = 1`.execute(database.db)).rows[0]?.name;
  const rows = await sql<{ name: string }>`select a.attname as name from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
    where i.indrelid = ${table}::regclass and i.indisprimary`.execute(database.db);
  return rows.rows[0]?.name;
}
