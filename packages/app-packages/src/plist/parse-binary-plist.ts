import { PlistReal, type PlistValue } from '@ward/apple';
import { malformed, tooLarge } from '../app-package-error.js';
import { ByteView } from '../binary/byte-view.js';

/** Bounds for {@link parseBinaryPlist}. */
export interface BinaryPlistLimits {
  readonly maxBytes: number;
  /** Deepest nesting of arrays, sets and dictionaries; the top container is depth 1. */
  readonly maxDepth: number;
  /** Most values produced in all (an object referenced twice counts twice, so shared references cannot multiply). */
  readonly maxElements: number;
}

const appleEpochMs = Date.UTC(2001, 0, 1);
const utf16be = new TextDecoder('utf-16be', { fatal: true });
const ascii = new TextDecoder('latin1');

/**
 * Decodes a binary property list (`bplist00`, as CoreFoundation's CFBinaryPList.c writes it) into
 * the same {@link PlistValue} the XML decoder of `@ward/apple` produces. Strict: every offset and
 * reference is bounds-checked, an object that contains itself (a cycle) is refused, as are
 * nesting past `maxDepth`, more than `maxElements` values, duplicate or non-string dictionary keys,
 * and the types an Info.plist never holds (null, UID, fill).
 */
export function parseBinaryPlist(bytes: Uint8Array, limits: BinaryPlistLimits): PlistValue {
  if (bytes.length > limits.maxBytes) throw tooLarge(`the binary plist is larger than ${limits.maxBytes} bytes`);
  const view = new ByteView(bytes, 'binary plist');
  if (bytes.length < 8 + 32 || ascii.decode(bytes.subarray(0, 8)) !== 'bplist00') throw malformed('not a bplist00 property list');
  const trailer = bytes.length - 32;
  const offsetSize = view.u8(trailer + 6);
  const refSize = view.u8(trailer + 7);
  const objectCount = view.u64be(trailer + 8);
  const topObject = view.u64be(trailer + 16);
  const offsetTable = view.u64be(trailer + 24);
  if (![1, 2, 4, 8].includes(offsetSize) || ![1, 2, 4, 8].includes(refSize)) throw malformed('binary plist: invalid offset or reference size');
  // Every object takes at least one byte between the header and the offset table.
  if (objectCount === 0 || objectCount > offsetTable - 8) throw malformed('binary plist: object count does not fit the file');
  if (topObject >= objectCount) throw malformed('binary plist: top object out of range');
  if (offsetTable < 9 || offsetTable + objectCount * offsetSize > trailer) throw malformed('binary plist: offset table out of range');
  const readSized = (at: number, size: number): number => {
    switch (size) {
      case 1:
        return view.u8(at);
      case 2:
        return view.u16be(at);
      case 4:
        return view.u32be(at);
      default:
        return view.u64be(at);
    }
  };
  const objectOffset = (ref: number): number => {
    if (ref >= objectCount) throw malformed(`binary plist: reference ${ref} out of range`);
    const offset = readSized(offsetTable + ref * offsetSize, offsetSize);
    if (offset < 8 || offset >= offsetTable) throw malformed(`binary plist: object ${ref} lies outside the object area`);
    return offset;
  };
  let produced = 0;
  const inProgress = new Set<number>();

  // The length of a variable-size object: the low nibble, or an integer object after the marker.
  const lengthOf = (marker: number, at: number): { length: number; start: number } => {
    const nibble = marker & 0x0f;
    if (nibble !== 0x0f) return { length: nibble, start: at + 1 };
    const intMarker = view.u8(at + 1);
    if (intMarker >> 4 !== 0x1) throw malformed('binary plist: a length is not an integer');
    const size = 1 << (intMarker & 0x0f);
    if (size > 8) throw malformed('binary plist: a length is too wide');
    return { length: readSized(at + 2, size), start: at + 2 + size };
  };

  const decode = (ref: number, depth: number): PlistValue => {
    if (++produced > limits.maxElements) throw tooLarge(`the binary plist has more than ${limits.maxElements} values`);
    const at = objectOffset(ref);
    const marker = view.u8(at);
    const type = marker >> 4;
    switch (type) {
      case 0x0:
        if (marker === 0x08) return false;
        if (marker === 0x09) return true;
        throw malformed(`binary plist: unsupported marker 0x${marker.toString(16)}`);
      case 0x1: {
        const size = 1 << (marker & 0x0f);
        if (size === 16) {
          // CFBinaryPList writes 128-bit integers for values past INT64; the high half must be a sign extension.
          const high = view.slice(at + 1, 8);
          const low = view.slice(at + 9, 8);
          const lowValue = new DataView(low.buffer, low.byteOffset, 8).getBigUint64(0, false);
          const highValue = new DataView(high.buffer, high.byteOffset, 8).getBigInt64(0, false);
          const value = (highValue << 64n) | lowValue;
          return Number.isSafeInteger(Number(value)) && BigInt(Number(value)) === value ? Number(value) : value;
        }
        if (size > 8) throw malformed('binary plist: integer too wide');
        if (size < 8) return readSized(at + 1, size);
        const raw = view.slice(at + 1, 8);
        const value = new DataView(raw.buffer, raw.byteOffset, 8).getBigInt64(0, false);
        return Number.isSafeInteger(Number(value)) && BigInt(Number(value)) === value ? Number(value) : value;
      }
      case 0x2: {
        const size = 1 << (marker & 0x0f);
        const raw = view.slice(at + 1, size);
        const data = new DataView(raw.buffer, raw.byteOffset, size);
        let value: number;
        if (size === 4) value = data.getFloat32(0, false);
        else if (size === 8) value = data.getFloat64(0, false);
        else throw malformed('binary plist: real of unsupported width');
        return Number.isInteger(value) ? new PlistReal(value) : value;
      }
      case 0x3: {
        if (marker !== 0x33) throw malformed('binary plist: invalid date marker');
        const raw = view.slice(at + 1, 8);
        const seconds = new DataView(raw.buffer, raw.byteOffset, 8).getFloat64(0, false);
        const date = new Date(appleEpochMs + seconds * 1000);
        if (Number.isNaN(date.getTime())) throw malformed('binary plist: invalid date');
        return date;
      }
      case 0x4: {
        const { length, start } = lengthOf(marker, at);
        return view.slice(start, length).slice();
      }
      case 0x5: {
        const { length, start } = lengthOf(marker, at);
        const raw = view.slice(start, length);
        if (raw.some((b) => b > 0x7f)) throw malformed('binary plist: an ASCII string holds a non-ASCII byte');
        return ascii.decode(raw);
      }
      case 0x6: {
        const { length, start } = lengthOf(marker, at);
        try {
          return utf16be.decode(view.slice(start, length * 2));
        } catch (error) {
          throw malformed('binary plist: invalid UTF-16 string', error);
        }
      }
      case 0xa:
      case 0xc:
      case 0xd: {
        if (depth >= limits.maxDepth) throw tooLarge(`the binary plist nests deeper than ${limits.maxDepth}`);
        if (inProgress.has(ref)) throw malformed('binary plist: an object contains itself');
        const { length, start } = lengthOf(marker, at);
        const refs = type === 0xd ? length * 2 : length;
        view.check(start, refs * refSize);
        if (start + refs * refSize > offsetTable) throw malformed('binary plist: a container runs into the offset table');
        const refAt = (i: number): number => readSized(start + i * refSize, refSize);
        inProgress.add(ref);
        try {
          if (type !== 0xd) {
            const items: PlistValue[] = [];
            for (let i = 0; i < length; i++) items.push(decode(refAt(i), depth + 1));
            return items;
          }
          const dict = Object.create(null) as Record<string, PlistValue>;
          for (let i = 0; i < length; i++) {
            const key = decode(refAt(i), depth + 1);
            if (typeof key !== 'string') throw malformed('binary plist: a dictionary key is not a string');
            if (Object.prototype.hasOwnProperty.call(dict, key)) throw malformed(`binary plist: duplicate key ${key}`);
            dict[key] = decode(refAt(length + i), depth + 1);
          }
          return dict;
        } finally {
          inProgress.delete(ref);
        }
      }
      default:
        throw malformed(`binary plist: unsupported marker 0x${marker.toString(16)}`);
    }
  };
  return decode(topObject, 0);
}
