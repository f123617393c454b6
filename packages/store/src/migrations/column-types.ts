import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from '../database/dialect.js';

/** The column types of one dialect for each kind of value Ward stores. */
export interface ColumnTypes {
  /**
   * Ids and the keys lists sort or range over. PostgreSQL compares them bytewise (collation "C")
   * so that keyset order is the same as SQLite's BINARY order whatever the database's locale.
   */
  readonly key: RawBuilder<unknown>;
  readonly text: 'text';
  /** PostgreSQL timestamptz; SQLite epoch milliseconds. */
  readonly timestamp: 'timestamptz' | 'integer';
  readonly boolean: 'boolean' | 'integer';
  readonly json: 'jsonb' | 'text';
  readonly integer: 'integer';
  /** 64-bit counters (audit sequence numbers). */
  readonly bigint: 'bigint' | 'integer';
}

/** The column types of `dialect`. */
export function columnTypes(dialect: Dialect): ColumnTypes {
  return dialect === 'postgres'
    ? { key: sql`text collate "C"`, text: 'text', timestamp: 'timestamptz', boolean: 'boolean', json: 'jsonb', integer: 'integer', bigint: 'bigint' }
    : { key: sql`text`, text: 'text', timestamp: 'integer', boolean: 'integer', json: 'text', integer: 'integer', bigint: 'integer' };
}
