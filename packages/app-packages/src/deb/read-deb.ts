import { malformed, missing, tooLarge, truncated, unsupported } from '../app-package-error.js';
import type { AppPackageInfo } from '../app-package-info.js';
import type { ResolvedLimits } from '../app-package-limits.js';
import { hasBytes, readExact } from '../binary/read-exact.js';
import { buildAppPackageInfo } from '../build-app-package-info.js';
import { inflateBounded } from '../compression/inflate.js';
import { decompressXz } from '../compression/xz.js';
import { decompressZstd } from '../compression/zstd.js';
import type { RandomAccessSource } from '../random-access-source.js';
import { parseControl } from './parse-control.js';
import { readTarMember } from './read-tar-member.js';

const arMagic = '!<arch>\n';
const latin1 = new TextDecoder('latin1');
// dpkg-deb itself refuses a .deb whose control archive is not among its first members.
const maxMembersScanned = 8;

interface ArMember {
  readonly name: string;
  readonly offset: number;
  readonly size: number;
}

/** Whether the head is an ar archive whose first member is `debian-binary` (deb(5)). */
export function looksLikeDeb(head: Uint8Array): boolean {
  return hasBytes(head, 0, arMagic) && hasBytes(head, 8, 'debian-binary');
}

/** Reads the `control` file of a binary package (deb(5): ar → control.tar[.gz|.xz|.zst]). */
export async function readDeb(source: RandomAccessSource, limits: ResolvedLimits): Promise<AppPackageInfo> {
  const members: ArMember[] = [];
  let pos = arMagic.length;
  let control: ArMember | null = null;
  let data: ArMember | null = null;
  while (pos < source.size && members.length < maxMembersScanned) {
    const header = await readExact(source, pos, 60, 'ar member header');
    if (header[58] !== 0x60 || header[59] !== 0x0a) throw malformed('deb: bad ar member header');
    const name = latin1.decode(header.subarray(0, 16)).trim().replace(/\/$/, '');
    const sizeText = latin1.decode(header.subarray(48, 58)).trim();
    if (!/^\d+$/.test(sizeText)) throw malformed('deb: bad ar member size');
    const member = { name, offset: pos + 60, size: Number(sizeText) };
    // The data member is never read, but it must be whole: a cut-short upload is refused here.
    if (member.offset + member.size > source.size) throw truncated(`deb member ${name}`);
    members.push(member);
    if (name.startsWith('control.tar')) control ??= member;
    if (name.startsWith('data.tar')) {
      data = member;
      break;
    }
    pos = member.offset + member.size + (member.size % 2);
  }
  const first = members[0];
  if (first?.name !== 'debian-binary') throw malformed('deb: the first member is not debian-binary');
  const formatVersion = latin1.decode(await readExact(source, first.offset, Math.min(first.size, 16), 'debian-binary'));
  if (!/^2\.\d+\n/.test(formatVersion)) throw unsupported(`deb: format version ${JSON.stringify(formatVersion.trim())} is not 2.x`);
  if (control === null) throw missing('deb: no control.tar member');
  if (data === null) throw malformed('deb: no data.tar member');
  if (control.size > limits.maxMetadataBytes) throw tooLarge(`deb: the control archive is ${control.size} bytes, more than the limit of ${limits.maxMetadataBytes}`);
  const compressed = await readExact(source, control.offset, control.size, 'deb control archive');
  const max = limits.maxMetadataBytes;
  let tar: Uint8Array;
  switch (control.name) {
    case 'control.tar':
      tar = compressed;
      break;
    case 'control.tar.gz':
      tar = inflateBounded(compressed, 'gzip', max, 'deb control archive');
      break;
    case 'control.tar.xz':
      tar = decompressXz(compressed, max, 'deb control archive');
      break;
    case 'control.tar.zst':
      tar = decompressZstd(compressed, max, 'deb control archive');
      break;
    default:
      throw unsupported(`deb: ${control.name} is not a supported control archive`);
  }
  const controlFile = readTarMember(tar, 'control', limits.maxEntries, 'deb control archive');
  if (controlFile === null) throw missing('deb: the control archive has no control file');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(controlFile);
  } catch (error) {
    throw malformed('deb: the control file is not UTF-8', error);
  }
  const fields = parseControl(text, 'deb control file');
  const name = fields.get('package') ?? null;
  const version = fields.get('version') ?? null;
  if (name !== null && !/^[a-z0-9][a-z0-9+.-]+$/.test(name)) throw malformed('deb: invalid package name');
  if (version !== null && !/^(\d+:)?[0-9][A-Za-z0-9.+~:-]*$/.test(version)) throw malformed('deb: invalid version');
  return buildAppPackageInfo('deb', {
    identifier: name,
    name,
    version,
    architecture: fields.get('architecture') ?? null,
    description: fields.get('description')?.split('\n')[0] ?? null,
    publisher: withoutEmail(fields.get('maintainer') ?? null),
  });
}

/** "Jane Doe <jane@example.org>" → "Jane Doe": the address is no display name. */
export function withoutEmail(value: string | null): string | null {
  if (value === null) return null;
  const stripped = value.replace(/<[^>]*>/g, '').trim();
  return stripped === '' ? value : stripped;
}
