import { WardError } from '@ward/core';
import type { Dialect } from './dialect.js';
import type { BooleanColumn, TimestampColumn } from './schema.js';

/**
 * Converts domain values to and from the column types of one dialect, so that every store reads
 * and writes `Date`, `boolean` and parsed JSON the same way on both databases.
 */
export interface ColumnCodec {
  time(value: Date): TimestampColumn;
  timeOrNull(value: Date | null): TimestampColumn | null;
  /** An epoch-millisecond value (from a cursor) as a column value. */
  timeFromMillis(value: number): TimestampColumn;
  readTime(value: TimestampColumn): Date;
  readTimeOrNull(value: TimestampColumn | null): Date | null;
  bool(value: boolean): BooleanColumn;
  readBool(value: BooleanColumn): boolean;
  json(value: unknown): string;
  jsonOrNull(value: unknown): string | null;
  readJson(value: unknown): unknown;
}

function readTime(value: TimestampColumn): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  throw new WardError('INTERNAL', `Unexpected timestamp value of type ${typeof value}.`);
}

function json(value: unknown): string {
  // JSON.stringify(undefined) is undefined, not text: store the absent value as JSON null.
  const text = JSON.stringify(value) as string | undefined;
  return text ?? 'null';
}

const postgresCodec: ColumnCodec = {
  time: (value) => value,
  timeOrNull: (value) => value,
  timeFromMillis: (value) => new Date(value),
  readTime,
  readTimeOrNull: (value) => (value === null ? null : readTime(value)),
  bool: (value) => value,
  readBool: (value) => value === true || value === 1,
  // jsonb parameters go over the wire as text; pg would turn a JS array into a PostgreSQL array.
  json,
  jsonOrNull: (value) => (value === null || value === undefined ? null : json(value)),
  readJson: (value) => value,
};

const sqliteCodec: ColumnCodec = {
  time: (value) => value.getTime(),
  timeOrNull: (value) => (value === null ? null : value.getTime()),
  timeFromMillis: (value) => value,
  readTime,
  readTimeOrNull: (value) => (value === null ? null : readTime(value)),
  bool: (value) => (value ? 1 : 0),
  readBool: (value) => value === 1 || value === true,
  json,
  jsonOrNull: (value) => (value === null || value === undefined ? null : json(value)),
  readJson: (value) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value),
};

/** The codec of a dialect. */
export function columnCodec(dialect: Dialect): ColumnCodec {
  return dialect === 'postgres' ? postgresCodec : sqliteCodec;
}
