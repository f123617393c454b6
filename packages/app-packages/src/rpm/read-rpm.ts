import { malformed, tooLarge, truncated, unsupported } from '../app-package-error.js';
import type { AppPackageInfo } from '../app-package-info.js';
import type { ResolvedLimits } from '../app-package-limits.js';
import { ByteView } from '../binary/byte-view.js';
import { hasBytes, readExact } from '../binary/read-exact.js';
import { buildAppPackageInfo } from '../build-app-package-info.js';
import type { RandomAccessSource } from '../random-access-source.js';
import { withoutEmail } from '../deb/read-deb.js';

// The RPM file format (rpm.org, "RPM package format" / LSB): a 96-byte lead, a signature header
// padded to 8 bytes, the main header, then the compressed payload, which is never read here.

const leadMagic = [0xed, 0xab, 0xee, 0xdb];
const headerMagic = [0x8e, 0xad, 0xe8, 0x01];
const leadSize = 96;

const tags = {
  name: 1000,
  version: 1001,
  release: 1002,
  epoch: 1003,
  summary: 1004,
  vendor: 1011,
  packager: 1015,
  arch: 1022,
} as const;
// In the signature header: the size of the main header and the payload together.
const sigSize = 1000;
const sigLongSize = 270;

const typeInt32 = 4;
const typeString = 6;
const typeStringArray = 8;
const typeI18nString = 9;
const typeInt64 = 5;

/** Whether the head starts with the RPM lead. */
export function looksLikeRpm(head: Uint8Array): boolean {
  return hasBytes(head, 0, leadMagic);
}

interface RpmHeader {
  readonly entries: ReadonlyMap<number, { type: number; offset: number; count: number }>;
  readonly store: ByteView;
  /** Bytes the header takes in the file. */
  readonly length: number;
}

async function readHeader(source: RandomAccessSource, offset: number, limits: ResolvedLimits, what: string): Promise<RpmHeader> {
  const intro = new ByteView(await readExact(source, offset, 16, what), what);
  if (!hasBytes(intro.bytes, 0, headerMagic)) throw malformed(`rpm: ${what} has a bad magic`);
  const count = intro.u32be(8);
  const storeSize = intro.u32be(12);
  if (count > limits.maxEntries) throw tooLarge(`rpm: ${what} has ${count} tags, more than the limit of ${limits.maxEntries}`);
  const length = 16 + count * 16 + storeSize;
  const body = new ByteView(await readExact(source, offset + 16, count * 16 + storeSize, what, limits.maxIndexBytes), what);
  const store = new ByteView(body.slice(count * 16, storeSize), `${what} data`);
  const entries = new Map<number, { type: number; offset: number; count: number }>();
  for (let i = 0; i < count; i++) {
    const tag = body.u32be(i * 16);
    const entry = { type: body.u32be(i * 16 + 4), offset: body.u32be(i * 16 + 8), count: body.u32be(i * 16 + 12) };
    if (entry.offset >= storeSize && entry.count > 0) throw malformed(`rpm: ${what} tag ${tag} points outside its data`);
    if (!entries.has(tag)) entries.set(tag, entry);
  }
  return { entries, store, length };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function stringTag(header: RpmHeader, tag: number): string | null {
  const entry = header.entries.get(tag);
  if (entry === undefined) return null;
  if (entry.type !== typeString && entry.type !== typeI18nString && entry.type !== typeStringArray) throw malformed(`rpm: tag ${tag} is not a string`);
  const bytes = header.store.bytes;
  const end = bytes.indexOf(0, entry.offset);
  if (end < 0) throw malformed(`rpm: tag ${tag} is not terminated`);
  try {
    return utf8.decode(bytes.subarray(entry.offset, end));
  } catch (error) {
    throw malformed(`rpm: tag ${tag} is not UTF-8`, error);
  }
}

function intTag(header: RpmHeader, tag: number): number | null {
  const entry = header.entries.get(tag);
  if (entry === undefined || entry.count < 1) return null;
  if (entry.type === typeInt32) return header.store.u32be(entry.offset);
  if (entry.type === typeInt64) return header.store.u64be(entry.offset);
  throw malformed(`rpm: tag ${tag} is not an integer`);
}

/** Reads NAME, EPOCH, VERSION, RELEASE, ARCH, SUMMARY, VENDOR from a binary RPM's main header. */
export async function readRpm(source: RandomAccessSource, limits: ResolvedLimits): Promise<AppPackageInfo> {
  const lead = new ByteView(await readExact(source, 0, leadSize, 'rpm lead'), 'rpm lead');
  if (!hasBytes(lead.bytes, 0, leadMagic)) throw malformed('rpm: bad lead magic');
  if (lead.u8(4) < 3) throw unsupported(`rpm: format version ${lead.u8(4)} is too old`);
  if (lead.u16be(6) !== 0) throw unsupported('rpm: a source package is not installable');
  const signature = await readHeader(source, leadSize, limits, 'signature header');
  const mainOffset = leadSize + signature.length + ((8 - (signature.length % 8)) % 8);
  const header = await readHeader(source, mainOffset, limits, 'main header');
  // The signature header states how long the rest is; a cut-short upload fails here.
  const declared = intTag(signature, sigLongSize) ?? intTag(signature, sigSize);
  if (declared !== null) {
    if (mainOffset + declared > source.size) throw truncated('rpm payload');
    if (declared < header.length) throw malformed('rpm: the signed size is smaller than the header');
  }
  const name = stringTag(header, tags.name);
  const version = stringTag(header, tags.version);
  const release = stringTag(header, tags.release);
  const epoch = intTag(header, tags.epoch);
  for (const [field, value] of [['name', name], ['version', version], ['release', release]] as const) {
    if (value !== null && !/^[A-Za-z0-9._+~^-]+$/.test(value)) throw malformed(`rpm: invalid ${field}`);
  }
  const full = version === null ? null : `${epoch === null || epoch === 0 ? '' : `${epoch}:`}${version}${release === null ? '' : `-${release}`}`;
  return buildAppPackageInfo('rpm', {
    identifier: name,
    name,
    version: full,
    architecture: stringTag(header, tags.arch),
    description: stringTag(header, tags.summary),
    publisher: stringTag(header, tags.vendor) ?? withoutEmail(stringTag(header, tags.packager)),
  });
}
