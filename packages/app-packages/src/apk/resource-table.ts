import { malformed, tooLarge } from '../app-package-error.js';
import { ByteView } from '../binary/byte-view.js';
import { valueTypes } from './parse-binary-xml.js';
import { readResStringPool, resStringPoolType, type ResStringPool } from './res-string-pool.js';

// Android's compiled resource table, resources.arsc (ResTable in androidfw's ResourceTypes.h),
// read only far enough to resolve a reference to a string or a file path in every configuration.

const resTableType = 0x0002;
const packageType = 0x0200;
const typeType = 0x0201;
const flagSparse = 0x01;
const flagOffset16 = 0x02;
const entryFlagComplex = 0x0001;
const entryFlagCompact = 0x0008;
const noEntry = 0xffffffff;

/** One value of a resource in one configuration. */
export interface ResourceValue {
  readonly type: number;
  readonly data: number;
  /** Screen density of the configuration (0 = default; 0xfffe = any, 0xffff = none). */
  readonly density: number;
  /** Whether the configuration is the default one (no locale, no qualifiers that matter here). */
  readonly defaultLocale: boolean;
}

interface TypeChunk {
  readonly offset: number;
}

export class ResourceTable {
  private constructor(
    private readonly view: ByteView,
    readonly strings: ResStringPool,
    /** Type chunks by package id, then type id. */
    private readonly types: ReadonlyMap<number, ReadonlyMap<number, readonly TypeChunk[]>>,
  ) {}

  static parse(bytes: Uint8Array, limits: { maxEntries: number }): ResourceTable {
    const view = new ByteView(bytes, 'resources.arsc');
    if (view.u16le(0) !== resTableType) throw malformed('android: resources.arsc is not a resource table');
    const headerSize = view.u16le(2);
    const total = Math.min(view.u32le(4), bytes.length);
    let strings: ResStringPool | null = null;
    const types = new Map<number, Map<number, TypeChunk[]>>();
    let chunks = 0;
    let pos = headerSize;
    while (pos + 8 <= total) {
      const type = view.u16le(pos);
      const size = view.u32le(pos + 4);
      if (size < 8 || pos + size > total) throw malformed('android: a resource table chunk has an invalid size');
      if (++chunks > limits.maxEntries) throw tooLarge('android: the resource table has too many chunks');
      if (type === resStringPoolType) strings ??= readResStringPool(view, pos, limits.maxEntries * 4);
      else if (type === packageType) {
        const id = view.u32le(pos + 8);
        const packageHeader = view.u16le(pos + 2);
        const byType = types.get(id) ?? new Map<number, TypeChunk[]>();
        types.set(id, byType);
        let inner = pos + packageHeader;
        while (inner + 8 <= pos + size) {
          const innerType = view.u16le(inner);
          const innerSize = view.u32le(inner + 4);
          if (innerSize < 8 || inner + innerSize > pos + size) throw malformed('android: a resource package chunk has an invalid size');
          if (++chunks > limits.maxEntries) throw tooLarge('android: the resource table has too many chunks');
          if (innerType === typeType) {
            const typeId = view.u8(inner + 8);
            const list = byType.get(typeId) ?? [];
            list.push({ offset: inner });
            byType.set(typeId, list);
          }
          inner += innerSize;
        }
      }
      pos += size;
    }
    if (strings === null) throw malformed('android: the resource table has no string pool');
    return new ResourceTable(view, strings, types);
  }

  /** Every value of resource `id` across its configurations. */
  values(id: number): ResourceValue[] {
    const chunks = this.types.get(id >>> 24)?.get((id >>> 16) & 0xff) ?? [];
    const index = id & 0xffff;
    const found: ResourceValue[] = [];
    const v = this.view;
    for (const { offset } of chunks) {
      const headerSize = v.u16le(offset + 2);
      const size = v.u32le(offset + 4);
      const flags = v.u8(offset + 9);
      const entryCount = v.u32le(offset + 12);
      const entriesStart = v.u32le(offset + 16);
      const config = offset + 20;
      const configSize = v.u32le(config);
      const density = configSize >= 16 ? v.u16le(config + 14) : 0;
      const defaultLocale = configSize >= 12 ? v.u16le(config + 8) === 0 && v.u16le(config + 10) === 0 : true;
      let entryOffset = noEntry;
      if ((flags & flagSparse) !== 0) {
        for (let i = 0; i < entryCount; i++) {
          const at = offset + headerSize + i * 4;
          if (v.u16le(at) === index) {
            entryOffset = v.u16le(at + 2) * 4;
            break;
          }
        }
      } else if (index < entryCount) {
        if ((flags & flagOffset16) !== 0) {
          const raw = v.u16le(offset + headerSize + index * 2);
          entryOffset = raw === 0xffff ? noEntry : raw * 4;
        } else entryOffset = v.u32le(offset + headerSize + index * 4);
      }
      if (entryOffset === noEntry) continue;
      const entry = offset + entriesStart + entryOffset;
      if (entry + 8 > offset + size) throw malformed('android: a resource entry lies outside its type chunk');
      const entryFlags = v.u16le(entry + 2);
      if ((entryFlags & entryFlagCompact) !== 0) {
        found.push({ type: entryFlags >>> 8, data: v.u32le(entry + 4), density, defaultLocale });
        continue;
      }
      if ((entryFlags & entryFlagComplex) !== 0) continue;
      const value = entry + v.u16le(entry);
      found.push({ type: v.u8(value + 3), data: v.u32le(value + 4), density, defaultLocale });
    }
    return found;
  }

  /** Follows references (at most `maxHops`) to the values behind `id`. */
  resolve(id: number, maxHops = 4): ResourceValue[] {
    let values = this.values(id);
    for (let hop = 0; hop < maxHops && values.some((value) => value.type === valueTypes.reference); hop++) {
      // Capped: a reference in every configuration to a resource with many configurations fans out.
      values = values.flatMap((value) => (value.type === valueTypes.reference ? this.values(value.data) : [value])).slice(0, 1000);
    }
    return values.filter((value) => value.type !== valueTypes.reference);
  }
}
