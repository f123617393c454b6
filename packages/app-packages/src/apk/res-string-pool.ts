import { malformed, tooLarge } from '../app-package-error.js';
import type { ByteView } from '../binary/byte-view.js';

// Android's ResStringPool (frameworks/base/libs/androidfw/include/androidfw/ResourceTypes.h):
// a chunk of string offsets followed by UTF-8 or UTF-16 strings. Strings are decoded on demand,
// so a pool of a million strings costs nothing until one is asked for.

export const resStringPoolType = 0x0001;
const utf8Flag = 1 << 8;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf16 = new TextDecoder('utf-16le', { fatal: true });

export interface ResStringPool {
  readonly count: number;
  get(index: number): string;
}

/** Reads the pool chunk at `start` (its header included) of `view`. */
export function readResStringPool(view: ByteView, start: number, maxStrings: number): ResStringPool {
  if (view.u16le(start) !== resStringPoolType) throw malformed('android: expected a string pool chunk');
  const headerSize = view.u16le(start + 2);
  const size = view.u32le(start + 4);
  const count = view.u32le(start + 8);
  const flags = view.u32le(start + 16);
  const stringsStart = view.u32le(start + 20);
  view.check(start, size);
  if (headerSize < 28 || count > maxStrings || count * 4 > size - headerSize) {
    if (count > maxStrings) throw tooLarge(`android: a string pool has ${count} strings, more than ${maxStrings}`);
    throw malformed('android: the string pool header is invalid');
  }
  if (count > 0 && (stringsStart < headerSize || stringsStart >= size)) throw malformed('android: the string pool data lies outside its chunk');
  const isUtf8 = (flags & utf8Flag) !== 0;
  const end = start + size;
  const cache = new Map<number, string>();
  return {
    count,
    get(index: number): string {
      if (!Number.isInteger(index) || index < 0 || index >= count) throw malformed(`android: string ${index} is not in the pool`);
      const known = cache.get(index);
      if (known !== undefined) return known;
      let at = start + stringsStart + view.u32le(start + headerSize + index * 4);
      let value: string;
      if (isUtf8) {
        // Two lengths, each one or two bytes: UTF-16 units (skipped), then UTF-8 bytes.
        at += (view.u8(at) & 0x80) !== 0 ? 2 : 1;
        let length = view.u8(at);
        if ((length & 0x80) !== 0) {
          length = ((length & 0x7f) << 8) | view.u8(at + 1);
          at += 2;
        } else at += 1;
        if (at + length > end) throw malformed('android: a string runs past its pool');
        try {
          value = utf8.decode(view.slice(at, length));
        } catch (error) {
          throw malformed('android: a string is not UTF-8', error);
        }
      } else {
        let length = view.u16le(at);
        if ((length & 0x8000) !== 0) {
          length = ((length & 0x7fff) << 16) | view.u16le(at + 2);
          at += 4;
        } else at += 2;
        if (at + length * 2 > end) throw malformed('android: a string runs past its pool');
        try {
          value = utf16.decode(view.slice(at, length * 2));
        } catch (error) {
          throw malformed('android: a string is not UTF-16', error);
        }
      }
      cache.set(index, value);
      return value;
    },
  };
}
