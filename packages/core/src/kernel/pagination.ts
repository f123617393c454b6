import { fromBase64Url, toBase64Url } from './base64url.js';
import { fail, ok, type Result } from './result.js';

/** Order of a sorted list. */
export const sortOrders = ['asc', 'desc'] as const;
export type SortOrder = (typeof sortOrders)[number];

/** Page size bounds shared by every list. */
export const pageLimits = { default: 50, max: 500 } as const;

/**
 * A request for one page of a list sorted by `sort`. Lists use keyset (cursor) pagination: the
 * cursor names the last row of the previous page, so a deep page costs what the first one does.
 */
export interface PageRequest<S extends string> {
  readonly limit: number;
  readonly sort: S;
  readonly order: SortOrder;
  /** Opaque cursor from a previous page's `nextCursor`, bound to the same sort and order. */
  readonly cursor?: string;
}

/** One page of a list. `nextCursor` is null on the last page. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** The position a cursor stands for: the sort value and id of the last row returned. */
export interface CursorPosition {
  readonly value: string | number | null;
  readonly id: string;
}

interface CursorBody {
  s: string;
  o: SortOrder;
  v: string | number | null;
  i: string;
}

/** Encodes the position after the last row of a page, bound to its sort and order. */
export function encodeCursor(sort: string, order: SortOrder, position: CursorPosition): string {
  const body: CursorBody = { s: sort, o: order, v: position.value, i: position.id };
  return toBase64Url(new TextEncoder().encode(JSON.stringify(body)));
}

/** Decodes a cursor; refuses one that is malformed or was made for another sort or order. */
export function decodeCursor(cursor: string, sort: string, order: SortOrder): Result<CursorPosition, 'INVALID_CURSOR'> {
  const invalid = fail('INVALID_CURSOR', 'The cursor is malformed or belongs to another sort order; start again from the first page.');
  if (cursor.length > 1024) return invalid;
  const bytes = fromBase64Url(cursor);
  if (bytes === undefined) return invalid;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return invalid;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return invalid;
  }
  if (typeof parsed !== 'object' || parsed === null) return invalid;
  const body = parsed as Partial<Record<keyof CursorBody, unknown>>;
  const value = body.v;
  if (body.s !== sort || body.o !== order || typeof body.i !== 'string') return invalid;
  if (!(value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)))) return invalid;
  return ok({ value, id: body.i });
}

/** Clamps a requested page size into the allowed range. */
export function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isInteger(limit) || limit < 1) return pageLimits.default;
  return Math.min(limit, pageLimits.max);
}
