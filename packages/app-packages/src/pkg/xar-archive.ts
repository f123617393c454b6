import { createHash } from 'node:crypto';
import { malformed, tooLarge, truncated, unsupported } from '../app-package-error.js';
import type { ResolvedLimits } from '../app-package-limits.js';
import { ByteView } from '../binary/byte-view.js';
import { hasBytes, readExact } from '../binary/read-exact.js';
import { inflateBounded } from '../compression/inflate.js';
import { decompressXz } from '../compression/xz.js';
import type { RandomAccessSource } from '../random-access-source.js';
import { attribute, childNamed, childrenNamed, parseXml, type XmlElement } from '../xml/parse-xml.js';

// The xar archive format (github.com/mackyle/xar, "xar format" wiki): a 28-byte big-endian
// header, a zlib-compressed XML table of contents, then the heap the TOC's offsets point into.

export const xarMagic = 'xar!';

/** One file of the archive, by its path from the root. */
export interface XarFile {
  readonly path: string;
  readonly type: string;
  readonly data: { readonly offset: number; readonly length: number; readonly size: number; readonly encoding: string } | null;
}

export interface XarArchive {
  readonly files: ReadonlyMap<string, XarFile>;
  readonly heapStart: number;
}

/** Reads and checks the header and TOC of a xar archive. */
export async function openXarArchive(source: RandomAccessSource, limits: ResolvedLimits): Promise<XarArchive> {
  const header = new ByteView(await readExact(source, 0, 28, 'xar header'), 'xar header');
  if (!hasBytes(header.bytes, 0, xarMagic)) throw malformed('xar: bad magic');
  const headerSize = header.u16be(4);
  if (header.u16be(6) !== 1) throw unsupported(`xar: version ${header.u16be(6)} is not 1`);
  const tocCompressed = header.u64be(8);
  const tocUncompressed = header.u64be(16);
  const checksumAlgorithm = header.u32be(24);
  if (headerSize < 28) throw malformed('xar: header too short');
  if (tocUncompressed > limits.maxMetadataBytes) throw tooLarge(`xar: the TOC is ${tocUncompressed} bytes, more than the limit of ${limits.maxMetadataBytes}`);
  const compressed = await readExact(source, headerSize, tocCompressed, 'xar TOC', limits.maxMetadataBytes);
  const tocBytes = inflateBounded(compressed, 'zlib', limits.maxMetadataBytes, 'xar TOC');
  if (tocBytes.length !== tocUncompressed) throw malformed('xar: the TOC is not the length its header says');
  const heapStart = headerSize + tocCompressed;
  const root = parseXml(tocBytes, { maxDepth: limits.maxDepth, maxElements: limits.maxEntries }, 'xar TOC');
  const toc = root.name === 'xar' ? childNamed(root, 'toc') : null;
  if (toc === null) throw malformed('xar: the TOC has no <toc>');
  await verifyTocChecksum(source, toc, checksumAlgorithm, compressed, heapStart);
  const files = new Map<string, XarFile>();
  let heapEnd = 0;
  const walk = (parent: XmlElement, prefix: string, depth: number): void => {
    if (depth > limits.maxDepth) throw tooLarge('xar: directories nest too deep');
    for (const file of childrenNamed(parent, 'file')) {
      const name = childNamed(file, 'name')?.text ?? '';
      if (name === '' || name === '.' || name === '..' || name.includes('/')) throw malformed('xar: a file has an invalid name');
      const path = prefix === '' ? name : `${prefix}/${name}`;
      const type = childNamed(file, 'type')?.text.trim() ?? 'file';
      const dataElement = childNamed(file, 'data');
      let data: XarFile['data'] = null;
      if (dataElement !== null) {
        data = {
          offset: number(childNamed(dataElement, 'offset')?.text),
          length: number(childNamed(dataElement, 'length')?.text),
          size: number(childNamed(dataElement, 'size')?.text),
          encoding: attribute(childNamed(dataElement, 'encoding') ?? dataElement, 'style') ?? 'application/octet-stream',
        };
        heapEnd = Math.max(heapEnd, data.offset + data.length);
      }
      if (files.size >= limits.maxEntries) throw tooLarge(`xar: more than ${limits.maxEntries} files`);
      if (!files.has(path)) files.set(path, { path, type, data });
      walk(file, path, depth + 1);
    }
  };
  walk(toc, '', 0);
  // The heap must hold every file the TOC lists: a cut-short upload fails here.
  if (heapStart + heapEnd > source.size) throw truncated('the xar heap');
  return { files, heapStart };
}

function number(text: string | undefined): number {
  const trimmed = text?.trim() ?? '';
  if (!/^\d{1,15}$/.test(trimmed)) throw malformed('xar: a TOC number is invalid');
  return Number(trimmed);
}

async function verifyTocChecksum(source: RandomAccessSource, toc: XmlElement, algorithm: number, compressedToc: Uint8Array, heapStart: number): Promise<void> {
  const names: Readonly<Record<number, string>> = { 1: 'sha1', 2: 'md5' };
  const checksum = childNamed(toc, 'checksum');
  if (algorithm === 0 || checksum === null) return;
  const style = algorithm === 3 ? (attribute(checksum, 'style') ?? '').toLowerCase() : names[algorithm];
  const hash = style === 'sha1' || style === 'md5' || style === 'sha256' || style === 'sha512' ? style : null;
  if (hash === null) throw unsupported(`xar: TOC checksum algorithm ${style ?? algorithm} is not supported`);
  const offset = number(childNamed(checksum, 'offset')?.text);
  const size = number(childNamed(checksum, 'size')?.text);
  const digest = createHash(hash).update(compressedToc).digest();
  if (size !== digest.length) throw malformed('xar: the TOC checksum has the wrong size');
  const stored = await readExact(source, heapStart + offset, size, 'xar TOC checksum');
  if (!digest.equals(stored)) throw malformed('xar: the TOC checksum does not match');
}

/** Reads one file whole, decoding its encoding, into at most `max` bytes. */
export async function readXarFile(source: RandomAccessSource, archive: XarArchive, file: XarFile, max: number): Promise<Uint8Array> {
  const what = `xar file ${file.path}`;
  if (file.data === null) throw malformed(`${what} has no data`);
  const { offset, length, size, encoding } = file.data;
  if (size > max) throw tooLarge(`${what} is ${size} bytes, more than the limit of ${max}`);
  const raw = await readExact(source, archive.heapStart + offset, length, what, max + 1024);
  let bytes: Uint8Array;
  switch (encoding) {
    case 'application/octet-stream':
      bytes = raw;
      break;
    case 'application/x-gzip':
    case 'application/zlib':
      // xar's "x-gzip" is a zlib stream, not gzip (xar's lib/zxar.c).
      bytes = inflateBounded(raw, 'zlib', max, what);
      break;
    case 'application/x-xz':
      bytes = decompressXz(raw, max, what);
      break;
    default:
      throw unsupported(`${what} uses encoding ${encoding}`);
  }
  if (bytes.length !== size) throw malformed(`${what} is not the size its TOC says`);
  return bytes;
}
