import { malformed, missing, tooLarge, truncated } from '../app-package-error.js';
import type { AppPackageInfo } from '../app-package-info.js';
import type { ResolvedLimits } from '../app-package-limits.js';
import { hasBytes, readExact } from '../binary/read-exact.js';
import { buildAppPackageInfo } from '../build-app-package-info.js';
import { optionalIcon } from '../icon/optional-icon.js';
import { pngIcon } from '../icon/png-icon.js';
import type { RandomAccessSource } from '../random-access-source.js';
import { Squashfs, squashfsMagic, type SquashfsDirectoryEntry, type SquashfsNode } from './squashfs.js';

// A type 2 AppImage (AppImageSpec, "Type 2 image format"): an ELF runtime with the squashfs image
// appended right after the ELF's section header table; the image's root holds one desktop file,
// its icon and `.DirIcon`.

const elfMagic = [0x7f, 0x45, 0x4c, 0x46];
const machines: Readonly<Record<number, string>> = { 3: 'i386', 40: 'armhf', 62: 'x86_64', 183: 'aarch64', 243: 'riscv64' };
const maxSymlinkHops = 8;

interface ElfFacts {
  readonly end: number;
  readonly architecture: string | null;
}

/** Where the ELF image ends (its section header table is last) and its machine. */
async function readElf(source: RandomAccessSource): Promise<ElfFacts> {
  const header = await readExact(source, 0, 64, 'ELF header');
  if (!hasBytes(header, 0, elfMagic)) throw malformed('appimage: not an ELF file');
  const wide = header[4] === 2;
  const little = header[5] === 1;
  if ((header[4] !== 1 && !wide) || (header[5] !== 1 && header[5] !== 2)) throw malformed('appimage: invalid ELF identification');
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const machine = view.getUint16(18, little);
  const shoff = wide ? Number(view.getBigUint64(40, little)) : view.getUint32(32, little);
  const shentsize = view.getUint16(wide ? 58 : 46, little);
  const shnum = view.getUint16(wide ? 60 : 48, little);
  const end = shoff + shentsize * shnum;
  if (!Number.isSafeInteger(end) || shoff === 0) throw malformed('appimage: the ELF runtime has no section header table');
  return { end, architecture: machines[machine] ?? null };
}

/**
 * Whether an ELF file is an AppImage: the type 2 magic ("AI" 2 at offset 8) or a squashfs image
 * where the runtime puts it. An AppImage cut short inside its runtime is refused as truncated.
 */
export async function looksLikeAppImage(source: RandomAccessSource, head: Uint8Array): Promise<boolean> {
  if (!hasBytes(head, 0, elfMagic)) return false;
  const typeTwo = hasBytes(head, 8, [0x41, 0x49, 0x02]);
  if (source.size < 64) {
    if (typeTwo) throw truncated('the AppImage runtime');
    return false;
  }
  let end: number;
  try {
    end = (await readElf(source)).end;
  } catch (error) {
    if (typeTwo) throw error;
    return false;
  }
  // The ELF's own section table lies past the end: whatever it was, it was cut short.
  if (end > source.size) throw truncated('the ELF runtime');
  if (end + 4 > source.size) {
    // A plain program, with nothing appended; an AppImage by its magic that lost its image.
    if (typeTwo) throw truncated('the AppImage squashfs image');
    return false;
  }
  return typeTwo || hasBytes(await readExact(source, end, 4, 'squashfs magic'), 0, squashfsMagic);
}

/** Reads the root desktop file (Name, X-AppImage-Version, Icon, Comment) and the icon it names. */
export async function readAppImage(source: RandomAccessSource, limits: ResolvedLimits): Promise<AppPackageInfo> {
  const elf = await readElf(source);
  const magic = await readExact(source, elf.end, 4, 'squashfs image');
  if (!hasBytes(magic, 0, squashfsMagic)) throw malformed('appimage: no squashfs image after the ELF runtime');
  const fs = await Squashfs.open(source, elf.end, limits);
  const rootRef = fs.root;
  const root = await fs.node(rootRef.block, rootRef.offset);
  if (root.directory === undefined) throw malformed('appimage: the squashfs root is not a directory');
  const entries = await fs.list(root.directory);
  const desktopFiles = entries.filter((e) => e.name.endsWith('.desktop'));
  if (desktopFiles.length === 0) throw missing('appimage: no desktop file at the root of the image');
  if (desktopFiles.length > 1) throw malformed('appimage: more than one desktop file at the root of the image');
  const desktopEntry = desktopFiles[0] as SquashfsDirectoryEntry;
  const desktopNode = await resolve(fs, entries, desktopEntry, limits);
  if (desktopNode?.file === undefined) throw malformed('appimage: the desktop file is not a regular file');
  const desktop = parseDesktopEntry(await fs.readFile(desktopNode.file, limits.maxMetadataBytes, 'appimage desktop file'));
  const iconName = desktop.get('Icon') ?? null;
  const candidates = entries.filter((e) => (iconName !== null && e.name === `${iconName}.png`) || e.name === '.DirIcon');
  candidates.sort((a, b) => (a.name === '.DirIcon' ? 1 : 0) - (b.name === '.DirIcon' ? 1 : 0));
  const icon = await optionalIcon(async () => {
    for (const candidate of candidates) {
      const node = await resolve(fs, entries, candidate, limits);
      if (node?.file === undefined || node.file.size > limits.maxIconBytes) continue;
      const found = pngIcon(await fs.readFile(node.file, limits.maxIconBytes, 'appimage icon'));
      if (found !== null) return found;
    }
    return null;
  });
  return buildAppPackageInfo('appimage', {
    identifier: desktopEntry.name.slice(0, -'.desktop'.length),
    name: desktop.get('Name') ?? null,
    version: desktop.get('X-AppImage-Version') ?? null,
    architecture: elf.architecture,
    description: desktop.get('Comment') ?? null,
    icon,
  });
}

/** The node an entry of the root names, following symlinks (relative or absolute) within the image. */
async function resolve(fs: Squashfs, rootEntries: readonly SquashfsDirectoryEntry[], entry: SquashfsDirectoryEntry, limits: ResolvedLimits): Promise<SquashfsNode | null> {
  let node = await fs.node(entry.inodeBlock, entry.inodeOffset);
  let directory: string[] = [];
  for (let hops = 0; node.kind === 'symlink'; hops++) {
    if (hops >= maxSymlinkHops) throw malformed('appimage: too many symbolic links');
    const target = node.target ?? '';
    const parts = target.startsWith('/') ? [] : [...directory];
    for (const part of target.split('/')) {
      if (part === '' || part === '.') continue;
      if (part === '..') parts.pop();
      else parts.push(part);
    }
    if (parts.length === 0 || parts.length > limits.maxDepth) return null;
    let listing = rootEntries;
    let found: SquashfsDirectoryEntry | undefined;
    for (const [i, part] of parts.entries()) {
      found = listing.find((e) => e.name === part);
      if (found === undefined) return null;
      if (i < parts.length - 1) {
        const dir = await fs.node(found.inodeBlock, found.inodeOffset);
        if (dir.directory === undefined) return null;
        listing = await fs.list(dir.directory);
      }
    }
    directory = parts.slice(0, -1);
    node = await fs.node((found as SquashfsDirectoryEntry).inodeBlock, (found as SquashfsDirectoryEntry).inodeOffset);
  }
  return node;
}

/**
 * The `[Desktop Entry]` group of a desktop file (freedesktop.org Desktop Entry Specification),
 * unlocalized keys only, with the spec's escapes (\s \n \t \r \\) expanded.
 */
export function parseDesktopEntry(bytes: Uint8Array): ReadonlyMap<string, string> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw malformed('appimage: the desktop file is not UTF-8', error);
  }
  const fields = new Map<string, string>();
  let inEntry = false;
  let sawEntry = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('[')) {
      inEntry = line === '[Desktop Entry]';
      sawEntry ||= inEntry;
      continue;
    }
    if (!inEntry) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) throw malformed('appimage: a desktop file line is not key=value');
    const key = line.slice(0, eq).trim();
    if (key.includes('[') || fields.has(key)) continue;
    if (fields.size >= 1000) throw tooLarge('appimage: the desktop file has too many keys');
    fields.set(key, line.slice(eq + 1).trim().replace(/\\([sntr\\])/g, (_, c: string) => ({ s: ' ', n: '\n', t: '\t', r: '\r', '\\': '\\' })[c] ?? c));
  }
  if (!sawEntry) throw malformed('appimage: the desktop file has no [Desktop Entry] group');
  return fields;
}
