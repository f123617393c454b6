import { crc32 } from 'node:zlib';
import { malformed, tooLarge, truncated, unsupported } from '../app-package-error.js';
import type { ResolvedLimits } from '../app-package-limits.js';
import { ByteView } from '../binary/byte-view.js';
import { hasBytes, readExact } from '../binary/read-exact.js';
import { inflateBounded } from '../compression/inflate.js';
import type { RandomAccessSource } from '../random-access-source.js';

/** One file of a zip archive, as its central directory describes it. */
export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
}

/** A zip archive's central directory: entries by name (the first of duplicate names wins). */
export interface ZipArchive {
  readonly entries: ReadonlyMap<string, ZipEntry>;
}

const eocdSignature = 0x06054b50;
const zip64LocatorSignature = 0x07064b50;
const zip64EocdSignature = 0x06064b50;
const centralSignature = 0x02014b50;
const localSignature = 0x04034b50;
const eocdSize = 22;
const maxCommentSize = 0xffff;

/** Whether the file starts like a zip: a local file header, or an empty archive's end record. */
export function looksLikeZip(head: Uint8Array): boolean {
  return hasBytes(head, 0, [0x50, 0x4b, 0x03, 0x04]) || hasBytes(head, 0, [0x50, 0x4b, 0x05, 0x06]);
}

/**
 * Reads the central directory (APPNOTE.TXT §4.3.16, with ZIP64 §4.3.14). Only the central
 * directory is trusted for names, sizes and methods; local headers are read only to find where an
 * entry's data begins.
 */
export async function openZipArchive(source: RandomAccessSource, limits: ResolvedLimits): Promise<ZipArchive> {
  if (source.size < eocdSize) throw malformed('zip: the file is too short for an end of central directory record');
  const tailLength = Math.min(source.size, eocdSize + maxCommentSize);
  const tailStart = source.size - tailLength;
  const tail = new ByteView(await readExact(source, tailStart, tailLength, 'zip end of central directory'), 'zip end record');
  let eocd = -1;
  for (let i = tail.length - eocdSize; i >= 0; i--) {
    // The record is the last one whose comment length reaches exactly to the end of the file.
    if (tail.u32le(i) === eocdSignature && i + eocdSize + tail.u16le(i + 20) === tail.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {
    // A zip that starts with a local header but has no end record lost its tail: cut short.
    const head = await readExact(source, 0, 4, 'zip header');
    if (hasBytes(head, 0, [0x50, 0x4b, 0x03, 0x04])) throw truncated('the zip central directory');
    throw malformed('zip: no end of central directory record');
  }
  let entryCount = tail.u16le(eocd + 10);
  let directorySize = tail.u32le(eocd + 12);
  let directoryOffset = tail.u32le(eocd + 16);
  if (tail.u16le(eocd + 4) !== 0 || tail.u16le(eocd + 6) !== 0) throw unsupported('zip: multi-disk archives are not supported');
  const locator = eocd - 20;
  if (locator >= 0 && tail.u32le(locator) === zip64LocatorSignature) {
    const recordOffset = tail.u64le(locator + 8);
    const record = new ByteView(await readExact(source, recordOffset, 56, 'zip64 end of central directory'), 'zip64 end record');
    if (record.u32le(0) !== zip64EocdSignature) throw malformed('zip: the ZIP64 locator points at no ZIP64 end record');
    entryCount = record.u64le(32);
    directorySize = record.u64le(40);
    directoryOffset = record.u64le(48);
  }
  if (entryCount > limits.maxEntries) throw tooLarge(`zip: ${entryCount} entries, more than the limit of ${limits.maxEntries}`);
  const directory = new ByteView(await readExact(source, directoryOffset, directorySize, 'zip central directory', limits.maxIndexBytes), 'zip central directory');
  const entries = new Map<string, ZipEntry>();
  let pos = 0;
  for (let i = 0; i < entryCount; i++) {
    if (directory.u32le(pos) !== centralSignature) throw malformed(`zip: central directory entry ${i} has a bad signature`);
    const flags = directory.u16le(pos + 8);
    const method = directory.u16le(pos + 10);
    const crc = directory.u32le(pos + 16);
    let compressedSize = directory.u32le(pos + 20);
    let uncompressedSize = directory.u32le(pos + 24);
    const nameLength = directory.u16le(pos + 28);
    const extraLength = directory.u16le(pos + 30);
    const commentLength = directory.u16le(pos + 32);
    let localHeaderOffset = directory.u32le(pos + 42);
    const nameBytes = directory.slice(pos + 46, nameLength);
    const extra = new ByteView(directory.slice(pos + 46 + nameLength, extraLength), 'zip extra field');
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      // ZIP64 extended information (§4.5.3): the 64-bit values, in this order, of the fields that are 0xffffffff.
      let at = 0;
      let found = false;
      while (at + 4 <= extra.length) {
        const id = extra.u16le(at);
        const size = extra.u16le(at + 2);
        if (id === 0x0001) {
          let field = at + 4;
          const end = field + size;
          const next = (): number => {
            if (field + 8 > end) throw malformed('zip: ZIP64 extra field is too short');
            const value = extra.u64le(field);
            field += 8;
            return value;
          };
          if (uncompressedSize === 0xffffffff) uncompressedSize = next();
          if (compressedSize === 0xffffffff) compressedSize = next();
          if (localHeaderOffset === 0xffffffff) localHeaderOffset = next();
          found = true;
          break;
        }
        at += 4 + size;
      }
      if (!found) throw malformed('zip: an entry needs a ZIP64 extra field it lacks');
    }
    const name = decodeName(nameBytes, (flags & 0x0800) !== 0);
    if (!entries.has(name)) entries.set(name, { name, method, flags, crc32: crc, compressedSize, uncompressedSize, localHeaderOffset });
    pos += 46 + nameLength + extraLength + commentLength;
  }
  return { entries };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

function decodeName(bytes: Uint8Array, isUtf8: boolean): string {
  if (isUtf8 || bytes.every((b) => b < 0x80)) {
    try {
      return utf8.decode(bytes);
    } catch (error) {
      throw malformed('zip: an entry name is not valid UTF-8', error);
    }
  }
  // CP437 proper is not worth a table here: the names this package looks for are ASCII.
  return latin1.decode(bytes);
}

/** Where an entry's data begins: after its local header, whose name and extra lengths may differ from the central directory's. */
export async function zipEntryDataOffset(source: RandomAccessSource, entry: ZipEntry): Promise<number> {
  const what = `zip entry ${entry.name}`;
  const local = new ByteView(await readExact(source, entry.localHeaderOffset, 30, `${what} local header`), `${what} local header`);
  if (local.u32le(0) !== localSignature) throw malformed(`${what}: bad local header signature`);
  return entry.localHeaderOffset + 30 + local.u16le(26) + local.u16le(28);
}

/**
 * Reads and decompresses one entry whole, refusing more than `max` bytes. The sizes, method and
 * CRC come from the central directory; the result must match them.
 */
export async function readZipEntry(source: RandomAccessSource, entry: ZipEntry, max: number): Promise<Uint8Array> {
  const what = `zip entry ${entry.name}`;
  if ((entry.flags & 0x0001) !== 0) throw unsupported(`${what} is encrypted`);
  if (entry.uncompressedSize > max) throw tooLarge(`${what} is ${entry.uncompressedSize} bytes, more than the limit of ${max}`);
  // Deflate never needs more than a few bytes per 16 KiB stored block beyond the data itself.
  if (entry.compressedSize > max + Math.ceil(max / 16_384) * 5 + 64) throw tooLarge(`${what} is ${entry.compressedSize} bytes compressed, more than the limit allows`);
  const data = await readExact(source, await zipEntryDataOffset(source, entry), entry.compressedSize, what);
  let bytes: Uint8Array;
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) throw malformed(`${what}: a stored entry's sizes differ`);
    bytes = data;
  } else if (entry.method === 8) {
    bytes = inflateBounded(data, 'raw', max, what);
  } else {
    throw unsupported(`${what} uses compression method ${entry.method}; only stored and deflate are supported`);
  }
  if (bytes.length !== entry.uncompressedSize) throw malformed(`${what}: decompresses to ${bytes.length} bytes, not the ${entry.uncompressedSize} its directory says`);
  if (crc32(bytes) !== entry.crc32) throw malformed(`${what}: CRC-32 mismatch`);
  return bytes;
}
