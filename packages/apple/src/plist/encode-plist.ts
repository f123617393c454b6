import { PlistError } from './plist-error.js';
import { PlistReal, type PlistDict, type PlistValue } from './plist-value.js';

const header =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n' +
  '<plist version="1.0">\n';

// Apple's CoreFoundation writer wraps <data> at 68 base64 characters per line.
const dataLineLength = 68;
// Deeper than any parser accepts by default; it bounds recursion so a cyclic value fails cleanly.
const maxEncodeDepth = 512;

const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * Writes a {@link PlistValue} as an XML property list laid out the way Apple's CoreFoundation writes
 * it (tab indentation, `<dict/>` and `<array/>` when empty, `<data>` wrapped at 68 columns on lines
 * of its own), so an Apple-written plist re-encodes byte for byte. Dictionary keys keep insertion
 * order. A whole `number` or a `bigint` becomes `<integer>`, any other number and a
 * {@link PlistReal} become `<real>`; dates are written in UTC to the second
 * (`2024-05-01T12:00:00Z`, the only form the format has), so milliseconds are dropped.
 *
 * @throws {PlistError} `PLIST_UNENCODABLE` for what XML or the plist format cannot carry: characters
 * XML forbids, invalid dates, integers beyond 64 bits, cycles and values of other types.
 */
export function encodePlist(value: PlistValue): string {
  const out: string[] = [header];
  writeValue(out, value, 0);
  out.push('</plist>\n');
  return out.join('');
}

function writeValue(out: string[], value: PlistValue, depth: number): void {
  if (depth > maxEncodeDepth) throw unencodable(`nesting deeper than ${maxEncodeDepth} (a cycle?)`);
  const indent = '\t'.repeat(depth);
  if (typeof value === 'string') {
    out.push(indent, '<string>', escapeText(value), '</string>\n');
  } else if (typeof value === 'boolean') {
    out.push(indent, value ? '<true/>\n' : '<false/>\n');
  } else if (typeof value === 'bigint') {
    if (value < INT64_MIN || value > UINT64_MAX) throw unencodable('an integer beyond 64 bits');
    out.push(indent, '<integer>', value.toString(), '</integer>\n');
  } else if (typeof value === 'number') {
    if (Number.isInteger(value)) {
      const big = BigInt(value);
      if (big < INT64_MIN || big > UINT64_MAX) throw unencodable('an integer beyond 64 bits; wrap it in PlistReal to write a <real>');
      out.push(indent, '<integer>', big.toString(), '</integer>\n');
    } else {
      out.push(indent, '<real>', formatReal(value), '</real>\n');
    }
  } else if (value instanceof PlistReal) {
    out.push(indent, '<real>', formatReal(value.value), '</real>\n');
  } else if (value instanceof Date) {
    const time = value.getTime();
    if (Number.isNaN(time)) throw unencodable('an invalid Date');
    const year = value.getUTCFullYear();
    if (year < 1 || year > 9999) throw unencodable('a date outside years 1 to 9999');
    out.push(indent, '<date>', value.toISOString().replace(/\.[0-9]{3}Z$/, 'Z'), '</date>\n');
  } else if (value instanceof Uint8Array) {
    out.push(indent, '<data>\n');
    const base64 = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
    for (let i = 0; i < base64.length; i += dataLineLength) out.push(indent, base64.slice(i, i + dataLineLength), '\n');
    out.push(indent, '</data>\n');
  } else if (Array.isArray(value)) {
    const items = value as readonly PlistValue[];
    if (items.length === 0) {
      out.push(indent, '<array/>\n');
      return;
    }
    out.push(indent, '<array>\n');
    for (const item of items) writeValue(out, item, depth + 1);
    out.push(indent, '</array>\n');
  } else if (typeof value === 'object' && (value as unknown) !== null) {
    // Array.isArray does not narrow a readonly array out of the union.
    const dict = value as PlistDict;
    // Optional properties left undefined are absent, as JSON.stringify treats them.
    const keys = Object.keys(dict).filter((key) => dict[key] !== undefined);
    if (keys.length === 0) {
      out.push(indent, '<dict/>\n');
      return;
    }
    out.push(indent, '<dict>\n');
    const inner = '\t'.repeat(depth + 1);
    for (const key of keys) {
      out.push(inner, '<key>', escapeText(key), '</key>\n');
      writeValue(out, dict[key] as PlistValue, depth + 1);
    }
    out.push(indent, '</dict>\n');
  } else {
    throw unencodable(`a ${typeof value} is not a plist value`);
  }
}

function formatReal(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return '+infinity';
  if (value === -Infinity) return '-infinity';
  return String(value);
}

function escapeText(text: string): string {
  // eslint-disable-next-line no-control-regex -- the characters XML forbids are control characters
  const invalid = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.exec(text);
  if (invalid !== null) throw unencodable(`a character XML cannot carry (U+${invalid[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`);
  // A literal CR would be read back as LF (XML line-end normalisation); a reference survives.
  return text.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

function unencodable(message: string): PlistError {
  return new PlistError('PLIST_UNENCODABLE', message);
}
