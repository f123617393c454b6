import { clipText } from '../clip-text.js';
import { inventoryLimits } from '../inventory-limits.js';
import { readRootFile } from '../read-root-file.js';
import { available, unavailable, type SectionResult } from '../section-result.js';
import type { LinuxContext } from './linux-context.js';

/** The fields of os-release(5) Ward reports; null when the file does not set them. */
export type OsRelease = {
  /** NAME, e.g. "Debian GNU/Linux". */
  name: string | null;
  /** ID, e.g. "debian", "ubuntu", "fedora", "arch". */
  id: string | null;
  /** ID_LIKE, e.g. "debian" on Ubuntu. */
  idLike: string | null;
  /** VERSION_ID, e.g. "12", "24.04", "40"; rolling releases such as Arch have none. */
  versionId: string | null;
  /** VERSION_CODENAME, e.g. "bookworm". */
  versionCodename: string | null;
  /** BUILD_ID, which rolling releases set instead of a version. */
  buildId: string | null;
  /** PRETTY_NAME, for people. */
  prettyName: string | null;
};

const fields = {
  NAME: 'name',
  ID: 'id',
  ID_LIKE: 'idLike',
  VERSION_ID: 'versionId',
  VERSION_CODENAME: 'versionCodename',
  BUILD_ID: 'buildId',
  PRETTY_NAME: 'prettyName',
} as const satisfies Record<string, keyof OsRelease>;

function isField(key: string): key is keyof typeof fields {
  return Object.hasOwn(fields, key);
}

/**
 * Decodes one os-release value. The format is a subset of shell assignment: double quotes allow
 * the escapes \\ \" \$ \`, single quotes are literal, unquoted values are taken as written.
 */
function unquote(raw: string): string {
  const quote = raw[0];
  if (quote === "'") {
    const end = raw.indexOf("'", 1);
    return end === -1 ? raw.slice(1) : raw.slice(1, end);
  }
  if (quote !== '"') return raw.trim();
  let out = '';
  for (let i = 1; i < raw.length; i++) {
    const ch = raw.charAt(i);
    if (ch === '"') break;
    const next = raw.charAt(i + 1);
    if (ch === '\\' && next !== '' && '\\"$`'.includes(next)) {
      out += next;
      i++;
    } else {
      out += ch;
    }
  }
  return out;
}

/** Parses the text of an os-release(5) file. Unknown keys, comments and bad lines are skipped. */
export function parseOsRelease(text: string): OsRelease {
  const result: OsRelease = { name: null, id: null, idLike: null, versionId: null, versionCodename: null, buildId: null, prettyName: null };
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Z0-9_]+)=(.*)$/.exec(line);
    if (match === null) continue;
    const [, key = '', raw = ''] = match;
    if (!isField(key)) continue;
    const value = clipText(unquote(raw.trim()).trim());
    result[fields[key]] = value === '' ? null : value;
  }
  return result;
}

/**
 * Reads /etc/os-release, falling back to /usr/lib/os-release as os-release(5) says to. A file that
 * names neither NAME nor ID is reported unavailable rather than as an unknown distribution.
 */
export async function collectOsRelease(ctx: LinuxContext): Promise<SectionResult<OsRelease>> {
  let file = await readRootFile(ctx.root, '/etc/os-release', inventoryLimits.maxFileBytes);
  if (!file.ok) {
    const fallback = await readRootFile(ctx.root, '/usr/lib/os-release', inventoryLimits.maxFileBytes);
    if (!fallback.ok) return unavailable(`${file.reason}; ${fallback.reason}`);
    file = fallback;
  }
  const parsed = parseOsRelease(file.value.text);
  if (parsed.name === null && parsed.id === null) return unavailable('os-release names neither NAME nor ID');
  return available(parsed);
}
