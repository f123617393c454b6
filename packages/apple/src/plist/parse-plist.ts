import { PlistError, type PlistErrorCode, type PlistPosition } from './plist-error.js';
import { PlistReal, type PlistDict, type PlistValue } from './plist-value.js';

/** Bounds on what {@link parsePlist} accepts. Every field has a default; see {@link defaultPlistLimits}. */
export interface PlistLimits {
  /** Largest input in bytes (UTF-8). */
  readonly maxBytes?: number;
  /** Deepest nesting of `<dict>` and `<array>`; the outermost container is depth 1. */
  readonly maxDepth?: number;
  /** Most value and key elements in the whole document. */
  readonly maxElements?: number;
  /** Longest `<string>` or `<key>` text, in UTF-16 code units after entity decoding. */
  readonly maxStringLength?: number;
}

/** The limits {@link parsePlist} applies where the caller gives none. */
export const defaultPlistLimits: Required<PlistLimits> = Object.freeze({
  maxBytes: 4 * 1024 * 1024,
  maxDepth: 64,
  maxElements: 200_000,
  maxStringLength: 1024 * 1024,
});

// The two public identifiers Apple has shipped its plist DTD under; both name the same DTD, which is
// never fetched: its only effect would be entity declarations, and a plist has none.
const appleDoctypes = new Set([
  'plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd"',
  'plist PUBLIC "-//Apple Computer//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd"',
]);

const predefinedEntities: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

interface DictFrame {
  readonly kind: 'dict';
  readonly value: Record<string, PlistValue>;
  key: string | undefined;
}
interface ArrayFrame {
  readonly kind: 'array';
  readonly value: PlistValue[];
}
type Frame = DictFrame | ArrayFrame;

/**
 * Parses an XML property list (Apple's "Property List Programming Guide", and the DTD
 * `http://www.apple.com/DTDs/PropertyList-1.0.dtd`) into a {@link PlistValue}.
 *
 * Strict by design, because the input comes from devices and networks: only UTF-8 XML; the XML
 * declaration, Apple's DOCTYPE (either public identifier, no internal subset), comments, CDATA and
 * whitespace are accepted; any other DTD, any ENTITY, processing instructions, attributes (other
 * than `version` on `<plist>`), unknown elements, stray text, duplicate dictionary keys and values
 * that do not parse as their type are refused. Only the five predefined entities and numeric
 * character references are expanded. Literal CR and CRLF become LF, as XML requires.
 *
 * @throws {PlistError} for every refusal, and never anything else.
 */
export function parsePlist(input: Uint8Array | string, limits: PlistLimits = {}): PlistValue {
  const bounds = { ...defaultPlistLimits, ...limits };
  const text = decodeInput(input, bounds.maxBytes);
  return new PlistParser(text, bounds).parseDocument();
}

function decodeInput(input: Uint8Array | string, maxBytes: number): string {
  if (typeof input === 'string') {
    // A UTF-16 code unit is at most 3 UTF-8 bytes, so only longer strings need counting.
    if (input.length > maxBytes || (input.length * 3 > maxBytes && utf8Length(input) > maxBytes)) {
      throw new PlistError('PLIST_TOO_LARGE', `the plist is larger than ${maxBytes} bytes`);
    }
    if (input.startsWith('bplist')) throw binaryPlist();
    return input.startsWith('\uFEFF') ? input.slice(1) : input;
  }
  if (input.length > maxBytes) throw new PlistError('PLIST_TOO_LARGE', `the plist is larger than ${maxBytes} bytes`);
  if (startsWithAscii(input, 'bplist')) throw binaryPlist();
  if ((input[0] === 0xfe && input[1] === 0xff) || (input[0] === 0xff && input[1] === 0xfe)) {
    throw new PlistError('PLIST_UNSUPPORTED_FORMAT', 'UTF-16 plists are not accepted; send UTF-8');
  }
  try {
    // The decoder drops a leading UTF-8 byte order mark.
    return fatalUtf8.decode(input);
  } catch (error) {
    throw new PlistError('PLIST_MALFORMED', 'the plist is not valid UTF-8', undefined, { cause: error });
  }
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const low = text.charCodeAt(i + 1);
    if (code >= 0xd800 && code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
      bytes += 4;
      i++;
    } else {
      // A lone surrogate is written as U+FFFD, 3 bytes, like any other code unit from U+0800.
      bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
    }
  }
  return bytes;
}

function startsWithAscii(bytes: Uint8Array, prefix: string): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix.charCodeAt(i)) return false;
  return true;
}

function binaryPlist(): PlistError {
  return new PlistError('PLIST_UNSUPPORTED_FORMAT', 'binary plists (bplist00) are not accepted; send an XML plist');
}

class PlistParser {
  private pos = 0;
  private elements = 0;

  constructor(
    private readonly src: string,
    private readonly limits: Required<PlistLimits>,
  ) {}

  parseDocument(): PlistValue {
    // XML 1.0 §2.2: these code points may not appear in a document at all, not even as references.
    // eslint-disable-next-line no-control-regex -- the characters XML forbids are control characters
    const invalid = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.exec(this.src);
    if (invalid !== null) this.fail('PLIST_MALFORMED', 'a character XML does not allow', invalid.index);
    if (this.src.startsWith('<?xml') && isXmlSpace(this.src.charCodeAt(5))) this.parseXmlDeclaration();
    let seenDoctype = false;
    for (;;) {
      this.skipSpaceAndComments();
      if (this.src.startsWith('<!DOCTYPE', this.pos)) {
        if (seenDoctype) this.fail('PLIST_MALFORMED', 'a second DOCTYPE');
        this.parseDoctype();
        seenDoctype = true;
        continue;
      }
      break;
    }
    this.parsePlistStartTag();
    this.skipSpaceAndComments();
    if (this.src.startsWith('</', this.pos)) this.fail('PLIST_MALFORMED', 'an empty <plist>');
    const value = this.parseValue();
    this.skipSpaceAndComments();
    this.expectEndTag('plist');
    this.skipSpaceAndComments();
    if (this.pos !== this.src.length) this.fail('PLIST_MALFORMED', 'content after </plist>');
    return value;
  }

  private parseXmlDeclaration(): void {
    const end = this.src.indexOf('?>', this.pos);
    if (end === -1) this.fail('PLIST_MALFORMED', 'an unterminated XML declaration');
    const declaration = this.src.slice(this.pos + 5, end);
    const encoding = /\bencoding\s*=\s*["']([^"']*)["']/.exec(declaration)?.[1];
    if (encoding !== undefined && encoding.toLowerCase() !== 'utf-8') {
      this.fail('PLIST_UNSUPPORTED_FORMAT', `encoding ${JSON.stringify(encoding.slice(0, 40))}; only UTF-8 is accepted`);
    }
    if (!/^\s+version\s*=\s*["']1\.[0-9]+["'](\s+encoding\s*=\s*["'][^"']*["'])?(\s+standalone\s*=\s*["'](yes|no)["'])?\s*$/.test(declaration)) {
      this.fail('PLIST_MALFORMED', 'a malformed XML declaration');
    }
    this.pos = end + 2;
  }

  private parseDoctype(): void {
    const end = this.src.indexOf('>', this.pos);
    const bracket = this.src.indexOf('[', this.pos);
    if (bracket !== -1 && (end === -1 || bracket < end)) this.fail('PLIST_DTD_FORBIDDEN', 'a DOCTYPE with an internal subset');
    if (end === -1) this.fail('PLIST_MALFORMED', 'an unterminated DOCTYPE');
    const body = this.src.slice(this.pos + '<!DOCTYPE'.length, end).trim().replace(/\s+/g, ' ');
    if (!appleDoctypes.has(body)) this.fail('PLIST_DTD_FORBIDDEN', "a DOCTYPE other than Apple's plist DTD");
    this.pos = end + 1;
  }

  private parsePlistStartTag(): void {
    if (!this.src.startsWith('<plist', this.pos)) {
      if (this.src.startsWith('<!ENTITY', this.pos)) this.fail('PLIST_DTD_FORBIDDEN', 'an ENTITY declaration');
      if (this.src.startsWith('<?', this.pos)) this.fail('PLIST_MALFORMED', 'a processing instruction');
      this.fail('PLIST_MALFORMED', 'expected <plist>');
    }
    const end = this.src.indexOf('>', this.pos);
    if (end === -1) this.fail('PLIST_MALFORMED', 'an unterminated <plist> tag');
    const attributes = this.src.slice(this.pos + '<plist'.length, end);
    if (attributes.endsWith('/')) this.fail('PLIST_MALFORMED', 'an empty <plist/>');
    if (attributes !== '' && !/^\s+version\s*=\s*(["'])1\.0\1\s*$/.test(attributes)) {
      this.fail('PLIST_MALFORMED', '<plist> takes only version="1.0"');
    }
    this.pos = end + 1;
  }

  /** Parses one value element and everything inside it, iteratively so that nesting cannot exhaust the stack. */
  private parseValue(): PlistValue {
    const stack: Frame[] = [];
    for (;;) {
      this.skipSpaceAndComments();
      const top = stack.at(-1);
      let value: PlistValue;
      if (top !== undefined && this.src.startsWith('</', this.pos)) {
        this.expectEndTag(top.kind);
        if (top.kind === 'dict' && top.key !== undefined) this.fail('PLIST_MALFORMED', `key ${JSON.stringify(top.key)} has no value`);
        stack.pop();
        value = top.value;
      } else {
        const tagStart = this.pos;
        const { name, empty } = this.readStartTag();
        this.countElement();
        if (top?.kind === 'dict' && top.key === undefined) {
          if (name !== 'key') this.fail('PLIST_MALFORMED', `expected <key> in <dict>, found <${name}>`, tagStart);
          const key = empty ? '' : this.readText('key', this.limits.maxStringLength);
          if (Object.hasOwn(top.value, key)) this.fail('PLIST_DUPLICATE_KEY', `duplicate key ${JSON.stringify(key.slice(0, 100))}`, tagStart);
          top.key = key;
          continue;
        }
        if (name === 'dict' || name === 'array') {
          if (!empty) {
            if (stack.length + 1 > this.limits.maxDepth) this.fail('PLIST_TOO_DEEP', `nesting deeper than ${this.limits.maxDepth}`, tagStart);
            stack.push(name === 'dict' ? { kind: 'dict', value: Object.create(null) as Record<string, PlistValue>, key: undefined } : { kind: 'array', value: [] });
            continue;
          }
          value = name === 'dict' ? (Object.create(null) as PlistDict) : [];
        } else {
          value = this.parseScalar(name, empty, tagStart);
        }
      }
      const parent = stack.at(-1);
      if (parent === undefined) return value;
      if (parent.kind === 'array') {
        parent.value.push(value);
      } else {
        // The key was checked when it was read; it is defined here because a value only follows a key.
        parent.value[parent.key as string] = value;
        parent.key = undefined;
      }
    }
  }

  private parseScalar(name: string, empty: boolean, tagStart: number): PlistValue {
    switch (name) {
      case 'string':
        return empty ? '' : this.readText(name, this.limits.maxStringLength);
      case 'true':
      case 'false':
        if (!empty) this.expectEndTag(name);
        return name === 'true';
      case 'integer':
        return this.toInteger(empty ? '' : this.readText(name, 64), tagStart);
      case 'real':
        return this.toReal(empty ? '' : this.readText(name, 64), tagStart);
      case 'date':
        return this.toDate(empty ? '' : this.readText(name, 64), tagStart);
      case 'data':
        // Bounded by maxBytes alone: data (a profile, a certificate) is legitimately larger than a string.
        return this.toData(empty ? '' : this.readText(name, Number.MAX_SAFE_INTEGER), tagStart);
      case 'key':
        return this.fail('PLIST_MALFORMED', '<key> outside a <dict>', tagStart);
      default:
        return this.fail('PLIST_MALFORMED', `unknown element <${name.slice(0, 40)}>`, tagStart);
    }
  }

  private toInteger(raw: string, at: number): number | bigint {
    const text = raw.trim();
    if (!/^[+-]?[0-9]{1,20}$/.test(text)) this.fail('PLIST_INVALID_VALUE', `<integer> ${JSON.stringify(text.slice(0, 40))} is not a decimal integer`, at);
    const big = BigInt(text);
    // Apple's plists carry signed and unsigned 64-bit integers.
    if (big < INT64_MIN || big > UINT64_MAX) this.fail('PLIST_INVALID_VALUE', '<integer> out of 64-bit range', at);
    return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
  }

  private toReal(raw: string, at: number): number | PlistReal {
    const text = raw.trim();
    let value: number;
    if (/^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(text)) value = Number(text);
    else if (/^nan$/i.test(text)) value = Number.NaN;
    else if (/^[+-]?inf(inity)?$/i.test(text)) value = text.startsWith('-') ? -Infinity : Infinity;
    else return this.fail('PLIST_INVALID_VALUE', `<real> ${JSON.stringify(text.slice(0, 40))} is not a number`, at);
    return Number.isInteger(value) ? new PlistReal(value) : value;
  }

  private toDate(raw: string, at: number): Date {
    const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z$/.exec(raw.trim());
    if (match === null) return this.fail('PLIST_INVALID_VALUE', `<date> ${JSON.stringify(raw.trim().slice(0, 40))} is not YYYY-MM-DDTHH:MM:SSZ`, at);
    const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
    // setUTCFullYear, unlike Date.UTC, takes years below 100 literally. Both roll 02-30 over to 03-02;
    // reading the fields back catches every impossible date.
    const date = new Date(0);
    date.setUTCFullYear(year, month - 1, day);
    date.setUTCHours(hour, minute, second, 0);
    if (year < 1 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
      this.fail('PLIST_INVALID_VALUE', `<date> ${JSON.stringify(raw.trim())} is not a real date`, at);
    }
    return date;
  }

  private toData(raw: string, at: number): Uint8Array {
    const base64 = raw.replace(/[\t\n\r ]+/g, '');
    if (base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*(={0,2})$/.test(base64) || /=[^=]/.test(base64)) {
      this.fail('PLIST_INVALID_VALUE', '<data> is not valid base64', at);
    }
    return new Uint8Array(Buffer.from(base64, 'base64'));
  }

  /** Reads `<name>` or `<name/>` at the current position; attributes are refused. */
  private readStartTag(): { name: string; empty: boolean } {
    if (this.src.charCodeAt(this.pos) !== 0x3c /* < */) this.fail('PLIST_MALFORMED', 'text where an element was expected');
    if (this.src.startsWith('<!ENTITY', this.pos) || this.src.startsWith('<!DOCTYPE', this.pos)) this.fail('PLIST_DTD_FORBIDDEN', 'a DTD declaration inside the plist');
    const match = /^<([A-Za-z_][-A-Za-z0-9._:]*)\s*(\/?)>/.exec(this.src.slice(this.pos, this.pos + 64));
    if (match === null) this.fail('PLIST_MALFORMED', 'a malformed or attributed start tag');
    const [whole, name, slash] = match as unknown as [string, string, string];
    this.pos += whole.length;
    return { name, empty: slash === '/' };
  }

  private expectEndTag(name: string): void {
    const match = /^<\/([A-Za-z_][-A-Za-z0-9._:]*)\s*>/.exec(this.src.slice(this.pos, this.pos + 64));
    if (match?.[1] !== name) this.fail('PLIST_MALFORMED', `expected </${name}>`);
    this.pos += match[0].length;
  }

  /** Reads character data up to `</name>`, expanding references, skipping comments and unwrapping CDATA. */
  private readText(name: string, maxLength: number): string {
    let out = '';
    let runStart = this.pos;
    const src = this.src;
    for (;;) {
      const next = nextMarkup(src, this.pos);
      if (next === -1) this.fail('PLIST_MALFORMED', `an unterminated <${name}>`);
      // XML §2.11: literal CR and CRLF read as LF; a &#13; reference does not, so only raw runs are normalised.
      const run = src.slice(runStart, next);
      out += run.includes('\r') ? run.replace(/\r\n?/g, '\n') : run;
      this.pos = next;
      if (out.length > maxLength) this.fail(name === 'string' || name === 'key' ? 'PLIST_STRING_TOO_LONG' : 'PLIST_INVALID_VALUE', `<${name}> longer than ${maxLength}`);
      if (src.charCodeAt(next) === 0x26 /* & */) {
        out += this.readReference();
      } else if (src.startsWith('</', next)) {
        this.expectEndTag(name);
        break;
      } else if (src.startsWith('<!--', next)) {
        this.skipComment();
      } else if (src.startsWith('<![CDATA[', next)) {
        const end = src.indexOf(']]>', next + 9);
        if (end === -1) this.fail('PLIST_MALFORMED', 'an unterminated CDATA section');
        out += src.slice(next + 9, end);
        this.pos = end + 3;
      } else {
        this.fail('PLIST_MALFORMED', `an element inside <${name}>`);
      }
      runStart = this.pos;
    }
    if (out.length > maxLength) this.fail(name === 'string' || name === 'key' ? 'PLIST_STRING_TOO_LONG' : 'PLIST_INVALID_VALUE', `<${name}> longer than ${maxLength}`);
    return out;
  }

  private readReference(): string {
    const end = this.src.indexOf(';', this.pos);
    if (end === -1 || end - this.pos > 12) this.fail('PLIST_MALFORMED', 'a malformed reference');
    const body = this.src.slice(this.pos + 1, end);
    let text: string | undefined;
    if (body.startsWith('#')) {
      const code = /^#x[0-9A-Fa-f]{1,6}$/.test(body) ? parseInt(body.slice(2), 16) : /^#[0-9]{1,7}$/.test(body) ? parseInt(body.slice(1), 10) : -1;
      if (isXmlChar(code)) text = String.fromCodePoint(code);
    } else if (Object.hasOwn(predefinedEntities, body)) {
      text = predefinedEntities[body];
    } else if (/^[A-Za-z_][-A-Za-z0-9._]*$/.test(body)) {
      this.fail('PLIST_DTD_FORBIDDEN', `the entity &${body}; is not one of the five XML predefines`);
    }
    if (text === undefined) return this.fail('PLIST_MALFORMED', `a malformed reference &${body.slice(0, 12)};`);
    this.pos = end + 1;
    return text;
  }

  private skipSpaceAndComments(): void {
    const src = this.src;
    for (;;) {
      while (this.pos < src.length && isXmlSpace(src.charCodeAt(this.pos))) this.pos++;
      if (src.startsWith('<!--', this.pos)) this.skipComment();
      else return;
    }
  }

  private skipComment(): void {
    const end = this.src.indexOf('-->', this.pos + 4);
    if (end === -1) this.fail('PLIST_MALFORMED', 'an unterminated comment');
    this.pos = end + 3;
  }

  private countElement(): void {
    this.elements++;
    if (this.elements > this.limits.maxElements) this.fail('PLIST_TOO_MANY_ELEMENTS', `more than ${this.limits.maxElements} elements`);
  }

  private fail(code: PlistErrorCode, message: string, at: number = this.pos): never {
    throw new PlistError(code, message, positionOf(this.src, at));
  }
}

function nextMarkup(src: string, from: number): number {
  const lt = src.indexOf('<', from);
  const amp = src.indexOf('&', from);
  if (amp === -1) return lt;
  if (lt === -1) return amp;
  return Math.min(lt, amp);
}

function isXmlSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** XML 1.0 §2.2 Char: what a character reference may name. */
function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

function positionOf(src: string, offset: number): PlistPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = src.indexOf('\n'); i !== -1 && i < offset; i = src.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { offset, line, column: offset - lineStart + 1 };
}
