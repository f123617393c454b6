import { malformed, tooLarge, truncated, unsupported } from '../app-package-error.js';
import type { ResolvedLimits } from '../app-package-limits.js';
import { ByteView } from '../binary/byte-view.js';
import { hasBytes, readExact } from '../binary/read-exact.js';
import type { RandomAccessSource } from '../random-access-source.js';

// A reader for the Compound File Binary format ([MS-CFB]) that MSI databases are stored in. The
// FAT is read lazily, one sector at a time, so a 1 GB installer costs a few reads; every chain is
// followed with a visited set and a length bound, so a loop or an overlong chain is refused.

export const cfbMagic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const endOfChain = 0xfffffffe;
const freeSector = 0xffffffff;
const maxRegularSector = 0xfffffffa;
const noStream = 0xffffffff;

/** A directory entry ([MS-CFB] §2.6). */
export interface CfbEntry {
  readonly id: number;
  /** The name as UTF-16 code units (MSI names use private-use characters; see decodeMsiStreamName). */
  readonly name: string;
  readonly type: 'storage' | 'stream' | 'root' | 'unknown';
  readonly clsid: Uint8Array;
  readonly start: number;
  readonly size: number;
  readonly left: number;
  readonly right: number;
  readonly child: number;
}

export class CompoundFile {
  private readonly fatCache = new Map<number, ByteView>();
  private miniFat: Uint32Array | null = null;
  private miniStreamSectors: number[] | null = null;

  private constructor(
    private readonly source: RandomAccessSource,
    private readonly limits: ResolvedLimits,
    private readonly sectorShift: number,
    private readonly miniSectorShift: number,
    private readonly miniCutoff: number,
    /** The sectors holding the FAT, in order. */
    private readonly fatSectors: readonly number[],
    private readonly firstMiniFatSector: number,
    private readonly miniFatSectorCount: number,
    readonly entries: readonly CfbEntry[],
  ) {}

  private get sectorSize(): number {
    return 1 << this.sectorShift;
  }

  /** Reads the header, the DIFAT and the directory. */
  static async open(source: RandomAccessSource, limits: ResolvedLimits): Promise<CompoundFile> {
    const header = new ByteView(await readExact(source, 0, 512, 'compound file header'), 'compound file header');
    if (!hasBytes(header.bytes, 0, cfbMagic)) throw malformed('msi: not a compound file');
    if (header.u16le(28) !== 0xfffe) throw malformed('msi: invalid byte order mark');
    const major = header.u16le(26);
    const sectorShift = header.u16le(30);
    if (!((major === 3 && sectorShift === 9) || (major === 4 && sectorShift === 12))) throw unsupported(`msi: compound file version ${major} with ${1 << sectorShift}-byte sectors`);
    const miniSectorShift = header.u16le(32);
    if (miniSectorShift !== 6) throw malformed('msi: invalid mini sector size');
    const fatCount = header.u32le(44);
    const firstDirSector = header.u32le(48);
    const miniCutoff = header.u32le(56);
    if (miniCutoff !== 4096) throw malformed('msi: invalid mini stream cutoff');
    const firstMiniFat = header.u32le(60);
    const miniFatCount = header.u32le(64);
    let difatSector = header.u32le(68);
    const difatCount = header.u32le(72);
    const sectorSize = 1 << sectorShift;
    const sectorsInFile = Math.ceil(source.size / sectorSize);
    if (fatCount > sectorsInFile) throw malformed('msi: the FAT is larger than the file');
    const fatSectors: number[] = [];
    for (let i = 0; i < 109 && fatSectors.length < fatCount; i++) fatSectors.push(header.u32le(76 + i * 4));
    const seen = new Set<number>();
    for (let i = 0; fatSectors.length < fatCount; i++) {
      if (i >= difatCount || difatSector > maxRegularSector) throw malformed('msi: the DIFAT chain ends before the FAT does');
      if (seen.has(difatSector)) throw malformed('msi: the DIFAT chain loops');
      seen.add(difatSector);
      const sector = new ByteView(await readExact(source, (difatSector + 1) * sectorSize, sectorSize, 'DIFAT sector'), 'DIFAT sector');
      const perSector = sectorSize / 4 - 1;
      for (let j = 0; j < perSector && fatSectors.length < fatCount; j++) fatSectors.push(sector.u32le(j * 4));
      difatSector = sector.u32le(perSector * 4);
    }
    for (const s of fatSectors) if (s > maxRegularSector) throw malformed('msi: the DIFAT names an invalid FAT sector');
    const partial = new CompoundFile(source, limits, sectorShift, miniSectorShift, miniCutoff, fatSectors, firstMiniFat, miniFatCount, []);
    await partial.checkExtent();
    const directory = await partial.readChain(firstDirSector, null, 'directory');
    const entries: CfbEntry[] = [];
    const view = new ByteView(directory, 'directory');
    const count = Math.floor(directory.length / 128);
    if (count > limits.maxEntries) throw tooLarge(`msi: more than ${limits.maxEntries} directory entries`);
    for (let i = 0; i < count; i++) {
      const at = i * 128;
      const nameLength = view.u16le(at + 64);
      const typeByte = view.u8(at + 66);
      const type = typeByte === 1 ? 'storage' : typeByte === 2 ? 'stream' : typeByte === 5 ? 'root' : 'unknown';
      if (nameLength > 64 || nameLength % 2 !== 0) throw malformed('msi: a directory entry name is too long');
      const units: number[] = [];
      for (let j = 0; j + 2 < nameLength; j += 2) units.push(view.u16le(at + j));
      // Version 3 files may leave garbage in the size's high half ([MS-CFB] §2.6.3).
      const size = major === 3 ? view.u32le(at + 120) : view.u64le(at + 120);
      entries.push({
        id: i,
        name: String.fromCharCode(...units),
        type,
        clsid: view.slice(at + 80, 16),
        start: view.u32le(at + 116),
        size,
        left: view.u32le(at + 68),
        right: view.u32le(at + 72),
        child: view.u32le(at + 76),
      });
    }
    if (entries[0]?.type !== 'root') throw malformed('msi: the first directory entry is not the root');
    return new CompoundFile(source, limits, sectorShift, miniSectorShift, miniCutoff, fatSectors, firstMiniFat, miniFatCount, entries);
  }

  get root(): CfbEntry {
    return this.entries[0] as CfbEntry;
  }

  /** The entries directly inside a storage (a red-black tree of siblings under its child). */
  children(storage: CfbEntry): CfbEntry[] {
    const found: CfbEntry[] = [];
    const seen = new Set<number>();
    const stack = [storage.child];
    while (stack.length > 0) {
      const id = stack.pop() as number;
      if (id === noStream) continue;
      const entry = this.entries[id];
      if (entry === undefined || seen.has(id) || id === storage.id) throw malformed('msi: the directory tree is inconsistent');
      seen.add(id);
      found.push(entry);
      stack.push(entry.left, entry.right);
    }
    return found;
  }

  /**
   * Refuses a file that ends before a sector its FAT says is in use: the streams Ward reads may all
   * lie early in the file, so without this a cut-short upload (its cabinet missing) would pass.
   * Reads the whole FAT, in runs of consecutive sectors, bounded by the index limit.
   */
  private async checkExtent(): Promise<void> {
    if (this.fatSectors.length * this.sectorSize > this.limits.maxIndexBytes) throw tooLarge('msi: the FAT is larger than the index limit');
    const perSector = this.sectorSize / 4;
    let lastUsed = -1;
    for (let i = 0; i < this.fatSectors.length; ) {
      let run = 1;
      while (i + run < this.fatSectors.length && this.fatSectors[i + run] === (this.fatSectors[i] as number) + run) run++;
      const bytes = await readExact(this.source, ((this.fatSectors[i] as number) + 1) * this.sectorSize, run * this.sectorSize, 'FAT');
      const view = new ByteView(bytes, 'FAT');
      for (let j = 0; j < run * perSector; j++) {
        if (view.u32le(j * 4) !== freeSector) lastUsed = (i * perSector) + j;
      }
      i += run;
    }
    if (lastUsed >= 0 && (lastUsed + 1) * this.sectorSize >= this.source.size) throw truncated(`msi: sector ${lastUsed}`);
  }

  private async fatEntry(sector: number): Promise<number> {
    const perSector = this.sectorSize / 4;
    const index = Math.floor(sector / perSector);
    const fatSector = this.fatSectors[index];
    if (fatSector === undefined) throw malformed(`msi: sector ${sector} has no FAT entry`);
    let view = this.fatCache.get(index);
    if (view === undefined) {
      view = new ByteView(await readExact(this.source, (fatSector + 1) * this.sectorSize, this.sectorSize, 'FAT sector'), 'FAT sector');
      this.fatCache.set(index, view);
    }
    return view.u32le((sector % perSector) * 4);
  }

  /** The sectors of a chain in the FAT; `size` (when known) bounds its length. */
  private async chain(start: number, size: number | null, what: string): Promise<number[]> {
    const sectors: number[] = [];
    const seen = new Set<number>();
    const needed = size === null ? null : Math.ceil(size / this.sectorSize);
    const maxSectors = Math.ceil(this.limits.maxIndexBytes / this.sectorSize);
    let sector = start;
    while (sector !== endOfChain) {
      if (needed !== null && sectors.length === needed) break;
      if (sector > maxRegularSector || sector === freeSector) throw malformed(`msi: ${what} chain names an invalid sector`);
      if (seen.has(sector)) throw malformed(`msi: ${what} chain loops`);
      if (sectors.length >= maxSectors) throw tooLarge(`msi: ${what} is larger than the index limit`);
      if ((sector + 1) * this.sectorSize >= this.source.size) throw truncated(`msi: ${what} sector ${sector}`);
      seen.add(sector);
      sectors.push(sector);
      sector = await this.fatEntry(sector);
    }
    if (needed !== null && sectors.length < needed) throw malformed(`msi: ${what} chain is shorter than its size`);
    return sectors;
  }

  /** Reads a chain of regular sectors, merging runs of consecutive sectors into one read. */
  private async readChain(start: number, size: number | null, what: string): Promise<Uint8Array> {
    const sectors = await this.chain(start, size, what);
    const out = new Uint8Array(sectors.length * this.sectorSize);
    for (let i = 0; i < sectors.length; ) {
      let run = 1;
      while (i + run < sectors.length && sectors[i + run] === (sectors[i] as number) + run) run++;
      const offset = ((sectors[i] as number) + 1) * this.sectorSize;
      // The last sector of a file may be short; the bytes past the end are never part of a stream.
      const length = Math.min(run * this.sectorSize, this.source.size - offset);
      out.set(await readExact(this.source, offset, length, what), i * this.sectorSize);
      i += run;
    }
    return size === null ? out : out.subarray(0, size);
  }

  /** Reads a stream whole, refusing more than `max` bytes. */
  async readStream(entry: CfbEntry, max: number): Promise<Uint8Array> {
    const what = `stream ${entry.id}`;
    if (entry.type !== 'stream') throw malformed(`msi: ${what} is not a stream`);
    if (entry.size > max) throw tooLarge(`msi: ${what} is ${entry.size} bytes, more than the limit of ${max}`);
    if (entry.size >= this.miniCutoff) return this.readChain(entry.start, entry.size, what);
    if (entry.size === 0) return new Uint8Array(0);
    const miniFat = await this.loadMiniFat();
    const miniStream = await this.loadMiniStream();
    const miniSize = 1 << this.miniSectorShift;
    const out = new Uint8Array(Math.ceil(entry.size / miniSize) * miniSize);
    const seen = new Set<number>();
    let sector = entry.start;
    for (let i = 0; i * miniSize < entry.size; i++) {
      if (sector >= miniFat.length || seen.has(sector)) throw malformed(`msi: ${what} mini chain is invalid or loops`);
      seen.add(sector);
      const position = sector * miniSize;
      const regular = miniStream[Math.floor(position / this.sectorSize)];
      if (regular === undefined) throw malformed(`msi: ${what} lies outside the mini stream`);
      const offset = (regular + 1) * this.sectorSize + (position % this.sectorSize);
      out.set(await readExact(this.source, offset, miniSize, what), i * miniSize);
      sector = miniFat[sector] as number;
    }
    return out.subarray(0, entry.size);
  }

  private async loadMiniFat(): Promise<Uint32Array> {
    if (this.miniFat !== null) return this.miniFat;
    if (this.miniFatSectorCount * this.sectorSize > this.limits.maxIndexBytes) throw tooLarge('msi: the mini FAT is larger than the index limit');
    const bytes = await this.readChain(this.firstMiniFatSector, this.miniFatSectorCount * this.sectorSize, 'mini FAT');
    const view = new ByteView(bytes, 'mini FAT');
    this.miniFat = Uint32Array.from({ length: bytes.length / 4 }, (_, i) => view.u32le(i * 4));
    return this.miniFat;
  }

  private async loadMiniStream(): Promise<number[]> {
    this.miniStreamSectors ??= await this.chain(this.root.start, this.root.size, 'mini stream');
    return this.miniStreamSectors;
  }
}
