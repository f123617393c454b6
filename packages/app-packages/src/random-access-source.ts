/**
 * A package's bytes, read by position so that a reader fetches only the structures it needs from a
 * file that may be gigabytes long.
 */
export interface RandomAccessSource {
  /** Total length in bytes. */
  readonly size: number;
  /**
   * Up to `length` bytes from `offset`: exactly `length` unless the range passes `size`, in which
   * case the bytes up to `size`. The result may be a view that the caller must not write to.
   */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** A source over bytes already in memory (tests, small uploads). */
export function bufferSource(bytes: Uint8Array): RandomAccessSource {
  return {
    size: bytes.length,
    read(offset: number, length: number): Promise<Uint8Array> {
      if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
        return Promise.reject(new RangeError('offset and length must be non-negative integers'));
      }
      return Promise.resolve(bytes.subarray(Math.min(offset, bytes.length), Math.min(offset + length, bytes.length)));
    },
  };
}

/** The bytes `[offset, offset + size)` of another source as a source of their own (a stored zip entry). */
export function sliceSource(source: RandomAccessSource, offset: number, size: number): RandomAccessSource {
  if (offset < 0 || size < 0 || offset + size > source.size) throw new RangeError('the slice lies outside its source');
  return {
    size,
    read(at: number, length: number): Promise<Uint8Array> {
      if (!Number.isSafeInteger(at) || !Number.isSafeInteger(length) || at < 0 || length < 0) {
        return Promise.reject(new RangeError('offset and length must be non-negative integers'));
      }
      const start = Math.min(at, size);
      return source.read(offset + start, Math.min(length, size - start));
    },
  };
}
