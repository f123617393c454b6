import { WardError } from '@ward/core';
import { readCursor, type KeysetSort } from './keyset.js';

/** Where a page of software rows (one row per name, version and source) starts after. */
export interface VersionSourcePosition {
  /** The sort key's value: the text the list is sorted by first. */
  readonly value: string;
  readonly version: string;
  readonly source: string;
}

/**
 * Reads a cursor over software rows: its value is the text sort key and its id `[version, source]`
 * as JSON, the rest of the row's key. INVALID_CURSOR when it is not of that shape.
 */
export function readVersionSourceCursor(cursor: string | undefined, sort: KeysetSort): VersionSourcePosition | undefined {
  const position = readCursor(cursor, sort, 'asc');
  if (position === undefined) return undefined;
  let rest: unknown;
  try {
    rest = JSON.parse(position.id);
  } catch {
    rest = undefined;
  }
  if (typeof position.value !== 'string' || !Array.isArray(rest) || rest.length !== 2 || typeof rest[0] !== 'string' || typeof rest[1] !== 'string') {
    throw new WardError('INVALID_CURSOR', 'The cursor does not fit this list; start again from the first page.');
  }
  return { value: position.value, version: rest[0], source: rest[1] };
}

/** The id a page's cursor carries for its last row: `[version, source]` as JSON. */
export function versionSourceId(row: { readonly version: string; readonly source: string }): string {
  return JSON.stringify([row.version, row.source]);
}
