import { gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { malformed, tooLarge } from '../app-package-error.js';

/** The deflate containers Node's zlib reads. */
export type DeflateContainer = 'raw' | 'zlib' | 'gzip';

/**
 * Inflates `input` into at most `max` bytes; more fails with PACKAGE_LIMIT_EXCEEDED as soon as the
 * output passes the limit (zlib stops there, so a bomb costs at most `max` bytes of memory).
 */
export function inflateBounded(input: Uint8Array, container: DeflateContainer, max: number, what: string): Uint8Array {
  const options = { maxOutputLength: Math.max(1, max) };
  try {
    const out = container === 'raw' ? inflateRawSync(input, options) : container === 'zlib' ? inflateSync(input, options) : gunzipSync(input, options);
    if (out.length > max) throw tooLarge(`${what} decompresses to more than ${max} bytes`);
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (error) {
    if (error instanceof RangeError && (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw tooLarge(`${what} decompresses to more than ${max} bytes`);
    }
    if (error instanceof Error && error.name === 'AppPackageError') throw error;
    throw malformed(`${what} is not valid ${container === 'raw' ? 'deflate' : container} data`, error);
  }
}
