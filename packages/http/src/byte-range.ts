/** Bytes `start` to `end` of a representation, both inclusive (RFC 9110 §14.1.1). */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * What a `Range` header asks of a representation of `size` bytes: `none` (no header, or one a
 * server ignores: another unit, bad syntax, several ranges), one satisfiable `range` (the last
 * position clamped to the end), or `unsatisfiable` (416).
 */
export type RangeRequest = { readonly kind: 'none' } | { readonly kind: 'range'; readonly range: ByteRange } | { readonly kind: 'unsatisfiable' };

const none: RangeRequest = { kind: 'none' };

// RFC 9110 §14.1.2: `bytes=` then int-range (`first-[last]`) or suffix-range (`-length`), with
// optional whitespace around the set. More than 15 digits is past any file Ward stores (and past
// exact doubles), so such a position is treated as "beyond the end".
const singleRange = /^bytes=[ \t]*(?:(\d+)-(\d*)|-(\d+))[ \t]*$/i;

function position(digits: string): number {
  return digits.length > 15 ? Number.POSITIVE_INFINITY : Number(digits);
}

/**
 * Parses a `Range` header against a representation of `size` bytes. Only single ranges are
 * honoured: a multi-range request is answered whole (which RFC 9110 §14.2 allows), because package
 * downloads resume from one offset and multipart bodies would help no client Ward has.
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (header === undefined || header.length > 200) return none;
  const match = singleRange.exec(header);
  if (match === null) return none;
  const [, first, last, suffix] = match;
  if (suffix !== undefined) {
    const length = position(suffix);
    // A suffix of zero bytes, or any range of an empty file, selects nothing.
    if (length === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', range: { start: Math.max(0, size - length), end: size - 1 } };
  }
  const start = position(first ?? '');
  const end = last === undefined || last === '' ? Number.POSITIVE_INFINITY : position(last);
  // `last < first` is invalid syntax (§14.1.1), which a server ignores rather than refuses.
  if (end < start) return none;
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'range', range: { start, end: Math.min(end, size - 1) } };
}

/**
 * Whether an `If-Range` header lets the range apply to the representation whose strong ETag is
 * `etag` (RFC 9110 §13.1.5): only an identical strong entity tag does. A weak tag or a date never
 * matches (Ward sends no Last-Modified for packages), so the client gets the whole file, which is
 * what it needs when its partial copy is of another file.
 */
export function ifRangeAllows(header: string | undefined, etag: string): boolean {
  if (header === undefined) return true;
  return header.trim() === etag;
}

/** Whether an `If-None-Match` header names `etag` (or `*`), so a GET may answer 304 (weak comparison, §13.1.2). */
export function ifNoneMatchMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const opaque = etag.replace(/^W\//, '');
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === opaque;
  });
}
