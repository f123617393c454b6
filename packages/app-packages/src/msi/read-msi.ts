import { malformed, missing, tooLarge } from '../app-package-error.js';
import type { AppPackageIcon, AppPackageInfo } from '../app-package-info.js';
import type { ResolvedLimits } from '../app-package-limits.js';
import { ByteView } from '../binary/byte-view.js';
import { buildAppPackageInfo } from '../build-app-package-info.js';
import { optionalIcon } from '../icon/optional-icon.js';
import { pngIcon } from '../icon/png-icon.js';
import type { CfbEntry, CompoundFile } from './compound-file.js';

// An MSI database (Windows Installer SDK, "Database tables"; the storage layout as Wine's and
// msitools' msi/table.c and string.c read it): tables are streams in the root storage with
// encoded names, strings live in one pool (_StringPool + _StringData), and a table stores its
// columns one after another, string cells as indexes into the pool.

/** The CLSID of an installer database ({000C1084-0000-0000-C000-000000000046}) as stored. */
const msiClsid = [0x84, 0x10, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x00, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46];
const tableMarker = 0x4840;

/**
 * Decodes an MSI stream name: characters U+3800–U+47FF pack two name characters, U+4800–U+483F
 * one, from the 64-letter alphabet 0-9 A-Z a-z . _; a leading U+4840 marks a table.
 */
export function decodeMsiStreamName(encoded: string): { name: string; table: boolean } {
  const alphabet = (x: number): string => (x < 10 ? String.fromCharCode(48 + x) : x < 36 ? String.fromCharCode(55 + x) : x < 62 ? String.fromCharCode(61 + x) : x === 62 ? '.' : '_');
  let table = false;
  let name = '';
  for (let i = 0; i < encoded.length; i++) {
    const code = encoded.charCodeAt(i);
    if (i === 0 && code === tableMarker) table = true;
    else if (code >= 0x3800 && code < 0x4800) name += alphabet((code - 0x3800) & 0x3f) + alphabet(((code - 0x3800) >> 6) & 0x3f);
    else if (code >= 0x4800 && code < 0x4840) name += alphabet(code - 0x4800);
    else name += encoded.charAt(i);
  }
  return { name, table };
}

/** Whether a compound file is an installer database: its CLSID, or else its string pool and Property table. */
export function isInstallerDatabase(file: CompoundFile): boolean {
  if (msiClsid.every((b, i) => file.root.clsid[i] === b)) return true;
  const tables = new Set(file.children(file.root).filter((e) => e.type === 'stream').map((e) => decodeMsiStreamName(e.name)).filter((n) => n.table).map((n) => n.name));
  return tables.has('_StringPool') && tables.has('_StringData') && tables.has('Property');
}

interface StringPool {
  get(index: number): string | null;
  readonly refSize: number;
}

const codepageLabels: Readonly<Record<number, string>> = {
  0: 'windows-1252',
  874: 'windows-874',
  932: 'shift_jis',
  936: 'gbk',
  949: 'euc-kr',
  950: 'big5',
  20127: 'us-ascii',
  28591: 'iso-8859-1',
  65001: 'utf-8',
};

function decoderFor(codepage: number): { decode(input: Uint8Array): string } {
  const label = codepageLabels[codepage] ?? (codepage >= 1250 && codepage <= 1258 ? `windows-${codepage}` : 'windows-1252');
  try {
    return new TextDecoder(label);
  } catch {
    return new TextDecoder('windows-1252');
  }
}

function loadStringPool(pool: Uint8Array, data: Uint8Array, limits: ResolvedLimits): StringPool {
  if (pool.length < 4 || pool.length % 4 !== 0) throw malformed('msi: the string pool has an invalid length');
  const view = new ByteView(pool, 'msi string pool');
  const codepage = view.u16le(0) | ((view.u16le(2) & 0x7fff) << 16);
  const refSize = (view.u16le(2) & 0x8000) !== 0 ? 3 : 2;
  const count = pool.length / 4;
  if (count > limits.maxEntries * 4) throw tooLarge('msi: the string pool has too many entries');
  // Offsets into _StringData by string index; a string over 64 KiB takes two pool entries.
  const starts: number[] = [0];
  const lengths: number[] = [0];
  let offset = 0;
  for (let i = 1; i < count; ) {
    let length = view.u16le(i * 4);
    const refs = view.u16le(i * 4 + 2);
    if (length === 0 && refs !== 0) {
      if (i + 1 >= count) throw malformed('msi: the string pool ends inside a long string');
      length = view.u16le(i * 4 + 4) + (view.u16le(i * 4 + 6) << 16);
      i += 2;
    } else i += 1;
    if (offset + length > data.length) throw malformed('msi: the string pool runs past its data');
    starts.push(offset);
    lengths.push(length);
    offset += length;
  }
  const decoder = decoderFor(codepage);
  return {
    refSize,
    get(index: number): string | null {
      if (index === 0) return null;
      const start = starts[index];
      if (start === undefined) throw malformed(`msi: string ${index} is not in the pool`);
      return decoder.decode(data.subarray(start, start + (lengths[index] as number)));
    },
  };
}

/** Reads ProductCode, ProductName, ProductVersion, Manufacturer, UpgradeCode, the template platform and the ARP icon. */
export async function readMsi(file: CompoundFile, limits: ResolvedLimits): Promise<AppPackageInfo> {
  const streams = new Map<string, CfbEntry>();
  for (const entry of file.children(file.root)) {
    if (entry.type !== 'stream') continue;
    const { name, table } = decodeMsiStreamName(entry.name);
    streams.set(table ? `!${name}` : name, entry);
  }
  const stream = (name: string): CfbEntry => {
    const entry = streams.get(name);
    if (entry === undefined) throw missing(`msi: no ${name.replace(/^!/, '')} table`);
    return entry;
  };
  const pool = loadStringPool(await file.readStream(stream('!_StringPool'), limits.maxIndexBytes), await file.readStream(stream('!_StringData'), limits.maxIndexBytes), limits);
  const propertyTable = await file.readStream(stream('!Property'), limits.maxIndexBytes);
  const rowSize = pool.refSize * 2;
  if (propertyTable.length % rowSize !== 0) throw malformed('msi: the Property table is not whole rows');
  const rows = propertyTable.length / rowSize;
  const cell = (offset: number): number => (propertyTable[offset] as number) | ((propertyTable[offset + 1] as number) << 8) | (pool.refSize === 3 ? (propertyTable[offset + 2] as number) << 16 : 0);
  const properties = new Map<string, string>();
  for (let row = 0; row < rows; row++) {
    const key = pool.get(cell(row * pool.refSize));
    const value = pool.get(cell(rows * pool.refSize + row * pool.refSize));
    if (key !== null && value !== null && !properties.has(key)) properties.set(key, value);
  }
  const productCode = properties.get('ProductCode') ?? null;
  if (productCode !== null && !/^\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}$/.test(productCode)) throw malformed('msi: ProductCode is not a GUID');
  const summary = streams.get('\u0005SummaryInformation');
  const template = summary === undefined ? null : readTemplate(await file.readStream(summary, limits.maxMetadataBytes));
  const iconName = properties.get('ARPPRODUCTICON');
  const iconStream = iconName === undefined ? undefined : streams.get(`Icon.${iconName}`);
  let icon: AppPackageIcon | null = null;
  if (iconStream !== undefined && iconStream.size <= limits.maxMetadataBytes) {
    icon = await optionalIcon(async () => pngFromIco(await file.readStream(iconStream, limits.maxMetadataBytes), limits.maxIconBytes));
  }
  return buildAppPackageInfo('msi', {
    identifier: productCode?.toUpperCase() ?? null,
    name: properties.get('ProductName') ?? null,
    version: properties.get('ProductVersion') ?? null,
    publisher: properties.get('Manufacturer') ?? null,
    upgradeCode: properties.get('UpgradeCode')?.toUpperCase() ?? null,
    architecture: template === null ? null : templatePlatform(template),
    icon,
  });
}

const platforms: Readonly<Record<string, string>> = { intel: 'x86', x64: 'x64', amd64: 'x64', intel64: 'ia64', arm64: 'arm64', arm: 'arm' };

function templatePlatform(template: string): string | null {
  const list = template.split(';')[0]?.trim() ?? '';
  if (list === '') return 'x86'; // an empty platform list means Intel ([MS] Template Summary property)
  return list
    .split(',')
    .map((p) => platforms[p.trim().toLowerCase()] ?? p.trim())
    .join(',');
}

/** The Template (PIDSI 7) string of the SummaryInformation property set ([MS-OLEPS] §2.21). */
function readTemplate(bytes: Uint8Array): string | null {
  const view = new ByteView(bytes, 'msi summary information');
  if (view.u16le(0) !== 0xfffe || view.u32le(24) < 1) throw malformed('msi: invalid summary information');
  const section = view.u32le(44);
  const count = view.u32le(section + 4);
  if (count > 1000) throw malformed('msi: too many summary properties');
  let codepage = 1252;
  let template: { offset: number } | null = null;
  for (let i = 0; i < count; i++) {
    const pid = view.u32le(section + 8 + i * 8);
    const offset = section + view.u32le(section + 12 + i * 8);
    if (pid === 1 && view.u16le(offset) === 2) codepage = view.u16le(offset + 4);
    if (pid === 7) template = { offset };
  }
  if (template === null) return null;
  if (view.u16le(template.offset) !== 0x1e) throw malformed('msi: the Template summary property is not a string');
  const length = view.u32le(template.offset + 4);
  const raw = view.slice(template.offset + 8, length);
  const end = raw.indexOf(0);
  return decoderFor(codepage).decode(end < 0 ? raw : raw.subarray(0, end));
}

/** The largest PNG image of an .ico file, or null (BMP images and executables are not converted). */
function pngFromIco(bytes: Uint8Array, maxIconBytes: number): AppPackageIcon | null {
  if (bytes.length < 6) return null;
  const view = new ByteView(bytes, 'msi icon');
  if (view.u16le(0) !== 0 || view.u16le(2) !== 1) return null;
  const count = view.u16le(4);
  let best: { size: number; bytes: Uint8Array } | null = null;
  for (let i = 0; i < count && 6 + i * 16 + 16 <= bytes.length; i++) {
    const at = 6 + i * 16;
    const width = view.u8(at) === 0 ? 256 : view.u8(at);
    const length = view.u32le(at + 8);
    const offset = view.u32le(at + 12);
    if (length > maxIconBytes || offset + length > bytes.length) continue;
    const image = bytes.subarray(offset, offset + length);
    if (pngIcon(image) !== null && (best === null || width > best.size)) best = { size: width, bytes: image };
  }
  return best === null ? null : pngIcon(best.bytes.slice());
}
