import { malformed, tooLarge, truncated, unsupported } from '../app-package-error.js';
import type { ResolvedLimits } from '../app-package-limits.js';
import { ByteView } from '../binary/byte-view.js';
import { readExact } from '../binary/read-exact.js';
import { inflateBounded } from '../compression/inflate.js';
import { decompressXz } from '../compression/xz.js';
import { decompressZstd } from '../compression/zstd.js';
import type { RandomAccessSource } from '../random-access-source.js';

// A read-only squashfs 4.0 reader (the layout of squashfs-tools' squashfs_fs.h, described in
// dr-emann.github.io/squashfs) for the few files an AppImage's metadata needs. It reads inodes and
// directories through the metadata tables and a file's blocks and fragment, nothing else.

export const squashfsMagic = [0x68, 0x73, 0x71, 0x73]; // "hsqs"
const metadataBlockSize = 8192;
const compressors: Readonly<Record<number, string>> = { 1: 'gzip', 2: 'lzma', 3: 'lzo', 4: 'xz', 5: 'lz4', 6: 'zstd' };

export type SquashfsNodeKind = 'directory' | 'file' | 'symlink' | 'other';

/** An inode as far as this reader needs it. */
export interface SquashfsNode {
  readonly kind: SquashfsNodeKind;
  /** Directories: where their listing starts and its length. */
  readonly directory?: { readonly block: number; readonly offset: number; readonly size: number };
  /** Files: size, first data block, block sizes, fragment. */
  readonly file?: { readonly size: number; readonly blocksStart: number; readonly blockSizes: readonly number[]; readonly fragment: number; readonly fragmentOffset: number };
  readonly target?: string;
}

export interface SquashfsDirectoryEntry {
  readonly name: string;
  /** The entry's inode reference: metadata block (relative to the inode table) and offset in it. */
  readonly inodeBlock: number;
  readonly inodeOffset: number;
}

export class Squashfs {
  private readonly metadataCache = new Map<number, { data: Uint8Array; next: number }>();
  private metadataBytesRead = 0;

  private constructor(
    private readonly source: RandomAccessSource,
    /** Where the filesystem starts in the file: every table offset is relative to it. */
    private readonly base: number,
    private readonly superblock: ByteView,
    private readonly limits: ResolvedLimits,
  ) {}

  /** Reads and checks the superblock at `base`. */
  static async open(source: RandomAccessSource, base: number, limits: ResolvedLimits): Promise<Squashfs> {
    const sb = new ByteView(await readExact(source, base, 96, 'squashfs superblock'), 'squashfs superblock');
    if (!squashfsMagic.every((b, i) => sb.bytes[i] === b)) throw malformed('squashfs: bad magic');
    if (sb.u16le(28) !== 4 || sb.u16le(30) !== 0) throw unsupported(`squashfs: version ${sb.u16le(28)}.${sb.u16le(30)} is not 4.0`);
    const blockSize = sb.u32le(12);
    if (blockSize < 4096 || blockSize > 1 << 20 || (blockSize & (blockSize - 1)) !== 0 || 1 << sb.u16le(22) !== blockSize) throw malformed('squashfs: invalid block size');
    const compressor = sb.u16le(20);
    if (![1, 4, 6].includes(compressor)) throw unsupported(`squashfs: ${compressors[compressor] ?? `compressor ${compressor}`} is not supported (gzip, xz, zstd are)`);
    const fs = new Squashfs(source, base, sb, limits);
    // The image must be whole: a cut-short upload fails here rather than somewhere in a table.
    if (base + fs.bytesUsed > source.size) throw truncated('the squashfs image');
    return fs;
  }

  get bytesUsed(): number {
    return this.superblock.u64le(40);
  }
  private get blockSize(): number {
    return this.superblock.u32le(12);
  }
  private get inodeTable(): number {
    return this.superblock.u64le(64);
  }
  private get directoryTable(): number {
    return this.superblock.u64le(72);
  }
  private get fragmentTable(): number {
    return this.superblock.u64le(80);
  }
  private get fragmentCount(): number {
    return this.superblock.u32le(16);
  }

  /** The root directory's inode reference. */
  get root(): { block: number; offset: number } {
    const ref = this.superblock.u64le(32);
    return { block: Math.floor(ref / 65536), offset: ref % 65536 };
  }

  private decompress(data: Uint8Array, max: number, what: string): Uint8Array {
    switch (this.superblock.u16le(20)) {
      case 1:
        return inflateBounded(data, 'zlib', max, what);
      case 4:
        return decompressXz(data, max, what);
      default:
        return decompressZstd(data, max, what);
    }
  }

  /** One metadata block at `position` (relative to the filesystem) and where the next one starts. */
  private async metadataBlock(position: number): Promise<{ data: Uint8Array; next: number }> {
    const cached = this.metadataCache.get(position);
    if (cached !== undefined) return cached;
    if (position + 2 > this.bytesUsed) throw malformed('squashfs: a metadata block lies outside the image');
    const header = await readExact(this.source, this.base + position, 2, 'squashfs metadata header');
    const word = (header[0] as number) | ((header[1] as number) << 8);
    const size = word & 0x7fff;
    if (size === 0 || size > metadataBlockSize) throw malformed('squashfs: invalid metadata block size');
    this.metadataBytesRead += metadataBlockSize;
    if (this.metadataBytesRead > this.limits.maxIndexBytes) throw tooLarge('squashfs: more metadata than the index limit');
    const raw = await readExact(this.source, this.base + position + 2, size, 'squashfs metadata block');
    const data = (word & 0x8000) !== 0 ? raw : this.decompress(raw, metadataBlockSize, 'squashfs metadata block');
    const block = { data, next: position + 2 + size };
    this.metadataCache.set(position, block);
    return block;
  }

  /** `length` bytes from a metadata table, starting `offset` bytes into the block at `table + block`. */
  private async readMetadata(table: number, block: number, offset: number, length: number): Promise<Uint8Array> {
    if (length > this.limits.maxIndexBytes) throw tooLarge('squashfs: a metadata read exceeds the index limit');
    const out = new Uint8Array(length);
    let filled = 0;
    let position = table + block;
    let skip = offset;
    while (filled < length) {
      const { data, next } = await this.metadataBlock(position);
      if (skip > data.length) throw malformed('squashfs: a metadata offset lies past its block');
      const take = Math.min(data.length - skip, length - filled);
      out.set(data.subarray(skip, skip + take), filled);
      filled += take;
      skip = 0;
      position = next;
    }
    return out;
  }

  /** Decodes the inode at a reference. */
  async node(block: number, offset: number): Promise<SquashfsNode> {
    const type = new ByteView(await this.readMetadata(this.inodeTable, block, offset, 2), 'squashfs inode').u16le(0);
    // Each inode type has its own size; reading past the shortest could run off the table's end.
    const sizes: Readonly<Record<number, number>> = { 1: 32, 2: 32, 3: 24, 8: 40, 9: 56, 10: 24 };
    const view = new ByteView(await this.readMetadata(this.inodeTable, block, offset, sizes[type] ?? 16), 'squashfs inode');
    switch (type) {
      case 1:
        return { kind: 'directory', directory: { block: view.u32le(16), size: view.u16le(24), offset: view.u16le(26) } };
      case 8:
        return { kind: 'directory', directory: { size: view.u32le(20), block: view.u32le(24), offset: view.u16le(34) } };
      case 2:
      case 9: {
        const basic = type === 2;
        const blocksStart = basic ? view.u32le(16) : view.u64le(16);
        const size = basic ? view.u32le(28) : view.u64le(24);
        const fragment = basic ? view.u32le(20) : view.u32le(44);
        const fragmentOffset = basic ? view.u32le(24) : view.u32le(48);
        const headerSize = basic ? 32 : 56;
        const hasFragment = fragment !== 0xffffffff;
        const count = hasFragment ? Math.floor(size / this.blockSize) : Math.ceil(size / this.blockSize);
        if (count * 4 > this.limits.maxIndexBytes) throw tooLarge('squashfs: a file has too many blocks');
        const sizes = new ByteView(await this.readMetadata(this.inodeTable, block, offset + headerSize, count * 4), 'squashfs block list');
        const blockSizes = Array.from({ length: count }, (_, i) => sizes.u32le(i * 4));
        return { kind: 'file', file: { size, blocksStart, blockSizes, fragment, fragmentOffset } };
      }
      case 3:
      case 10: {
        const targetSize = view.u32le(20);
        if (targetSize > 4096) throw malformed('squashfs: a symlink target is too long');
        const target = await this.readMetadata(this.inodeTable, block, offset + 24, targetSize);
        return { kind: 'symlink', target: new TextDecoder().decode(target) };
      }
      default:
        if (type < 1 || type > 14) throw malformed(`squashfs: unknown inode type ${type}`);
        return { kind: 'other' };
    }
  }

  /** Lists a directory. */
  async list(directory: NonNullable<SquashfsNode['directory']>): Promise<SquashfsDirectoryEntry[]> {
    // The stored size counts three bytes more than the listing (the "." and ".." squashfs omits).
    const size = directory.size - 3;
    if (size <= 0) return [];
    const data = new ByteView(await this.readMetadata(this.directoryTable, directory.block, directory.offset, size), 'squashfs directory');
    const entries: SquashfsDirectoryEntry[] = [];
    let pos = 0;
    while (pos < size) {
      const count = data.u32le(pos) + 1;
      const inodeBlock = data.u32le(pos + 4);
      pos += 12;
      if (count > 256) throw malformed('squashfs: a directory header claims more than 256 entries');
      for (let i = 0; i < count; i++) {
        const inodeOffset = data.u16le(pos);
        const nameSize = data.u16le(pos + 6) + 1;
        const name = new TextDecoder().decode(data.slice(pos + 8, nameSize));
        pos += 8 + nameSize;
        if (name === '' || name === '.' || name === '..' || name.includes('/')) throw malformed('squashfs: an invalid name in a directory');
        entries.push({ name, inodeBlock, inodeOffset });
        if (entries.length > this.limits.maxEntries) throw tooLarge(`squashfs: a directory has more than ${this.limits.maxEntries} entries`);
      }
    }
    return entries;
  }

  /** Reads a whole file of at most `max` bytes. */
  async readFile(file: NonNullable<SquashfsNode['file']>, max: number, what: string): Promise<Uint8Array> {
    if (file.size > max) throw tooLarge(`${what} is ${file.size} bytes, more than the limit of ${max}`);
    const out = new Uint8Array(file.size);
    let filled = 0;
    let position = file.blocksStart;
    for (const entry of file.blockSizes) {
      const stored = entry & 0x00ffffff;
      const want = Math.min(this.blockSize, file.size - filled);
      if (stored === 0) {
        filled += want; // a sparse block: zeros
        continue;
      }
      if (position + stored > this.bytesUsed) throw malformed(`${what}: a data block lies outside the image`);
      const raw = await readExact(this.source, this.base + position, stored, what);
      const data = (entry & 0x01000000) !== 0 ? raw : this.decompress(raw, this.blockSize, what);
      if (data.length !== want) throw malformed(`${what}: a data block has the wrong size`);
      out.set(data, filled);
      filled += want;
      position += stored;
    }
    if (filled < file.size) {
      if (file.fragment === 0xffffffff) throw malformed(`${what}: the blocks are shorter than the file`);
      const fragment = await this.fragment(file.fragment, what);
      const tail = fragment.subarray(file.fragmentOffset, file.fragmentOffset + (file.size - filled));
      if (tail.length !== file.size - filled) throw malformed(`${what}: the fragment is shorter than the file's tail`);
      out.set(tail, filled);
    }
    return out;
  }

  private async fragment(index: number, what: string): Promise<Uint8Array> {
    if (index >= this.fragmentCount) throw malformed(`${what}: fragment ${index} does not exist`);
    const perBlock = metadataBlockSize / 16;
    const pointer = new ByteView(await readExact(this.source, this.base + this.fragmentTable + Math.floor(index / perBlock) * 8, 8, 'squashfs fragment table'), 'squashfs fragment table').u64le(0);
    const entry = new ByteView(await this.readMetadata(pointer, 0, (index % perBlock) * 16, 16), 'squashfs fragment entry');
    const start = entry.u64le(0);
    const word = entry.u32le(8);
    const stored = word & 0x00ffffff;
    if (stored === 0 || start + stored > this.bytesUsed) throw malformed(`${what}: the fragment lies outside the image`);
    const raw = await readExact(this.source, this.base + start, stored, `${what} fragment`);
    return (word & 0x01000000) !== 0 ? raw : this.decompress(raw, this.blockSize, `${what} fragment`);
  }
}
