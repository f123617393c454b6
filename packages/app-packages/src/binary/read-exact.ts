import { malformed, tooLarge, truncated } from '../app-package-error.js';
import type { RandomAccessSource } from '../random-access-source.js';

/**
 * Reads exactly `length` bytes at `offset`, or fails with PACKAGE_TRUNCATED when the range passes
 * the end of the source. `limit` guards allocations sized by a field of the file.
 */
export async function readExact(source: RandomAccessSource, offset: number, length: number, what: string, limit?: number): Promise<Uint8Array> {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
    throw malformed(`${what}: offset ${offset} or length ${length} is invalid`);
  }
  if (limit !== undefined && length > limit) throw tooLarge(`${what} is ${length} bytes, more than the limit of ${limit}`);
  if (offset + length > source.size) throw truncated(what);
  // A failing read is an infrastructure error, not a verdict on the package: it propagates as is.
  const bytes = await source.read(offset, length);
  if (bytes.length !== length) throw truncated(what);
  return bytes;
}

/** Whether `bytes` starts with `prefix` at `offset`. */
export function hasBytes(bytes: Uint8Array, offset: number, prefix: readonly number[] | string): boolean {
  const expected = typeof prefix === 'string' ? Array.from({ length: prefix.length }, (_, i) => prefix.charCodeAt(i)) : prefix;
  if (offset + expected.length > bytes.length) return false;
  return expected.every((b, i) => bytes[offset + i] === b);
}
