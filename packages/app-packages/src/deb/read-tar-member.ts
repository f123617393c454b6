import { malformed, tooLarge } from '../app-package-error.js';

const latin1 = new TextDecoder('latin1');

/**
 * Finds a regular file in an in-memory tar archive (POSIX ustar, with GNU long names and pax
 * `path` records) by its name after `./` is stripped. Returns null when the archive ends without it.
 */
export function readTarMember(tar: Uint8Array, wanted: string, maxEntries: number, what: string): Uint8Array | null {
  let pos = 0;
  let longName: string | null = null;
  for (let entries = 0; pos + 512 <= tar.length; entries++) {
    if (entries >= maxEntries) throw tooLarge(`${what}: more than ${maxEntries} tar entries`);
    const header = tar.subarray(pos, pos + 512);
    if (header.every((b) => b === 0)) return null;
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] as number);
    if (sum !== parseOctal(header.subarray(148, 156), what)) throw malformed(`${what}: tar header checksum mismatch`);
    const size = parseSize(header.subarray(124, 136), what);
    const type = String.fromCharCode(header[156] as number);
    const dataStart = pos + 512;
    if (dataStart + size > tar.length) throw malformed(`${what}: a tar member runs past the archive`);
    const data = tar.subarray(dataStart, dataStart + size);
    pos = dataStart + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = cString(data);
      continue;
    }
    if (type === 'x') {
      longName = paxPath(data) ?? longName;
      continue;
    }
    const magic = latin1.decode(header.subarray(257, 262));
    const prefix = magic === 'ustar' ? cString(header.subarray(345, 500)) : '';
    const name = longName ?? (prefix === '' ? cString(header.subarray(0, 100)) : `${prefix}/${cString(header.subarray(0, 100))}`);
    longName = null;
    if ((type === '0' || type === '\0' || type === '7') && normalize(name) === wanted) return data;
  }
  return null;
}

function normalize(name: string): string {
  return name.replace(/^(\.\/)+/, '').replace(/^\/+/, '');
}

function cString(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return latin1.decode(end < 0 ? bytes : bytes.subarray(0, end));
}

function parseOctal(field: Uint8Array, what: string): number {
  const text = cString(field).trim();
  if (!/^[0-7]+$/.test(text)) throw malformed(`${what}: a tar number is not octal`);
  return Number.parseInt(text, 8);
}

function parseSize(field: Uint8Array, what: string): number {
  if (((field[0] as number) & 0x80) !== 0) {
    // GNU base-256: too large for any control archive this reader accepts.
    throw tooLarge(`${what}: a tar member is too large`);
  }
  return parseOctal(field, what);
}

function paxPath(data: Uint8Array): string | null {
  const text = new TextDecoder().decode(data);
  for (const record of text.split('\n')) {
    const match = /^\d+ path=(.*)$/.exec(record);
    if (match !== null) return match[1] as string;
  }
  return null;
}
