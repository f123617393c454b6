import { crc32 } from 'node:zlib';
import { malformed, unsupported } from '../app-package-error.js';
import { OutputBuffer } from './output-buffer.js';

// A decoder for the .xz container (tukaani.org/xz/xz-file-format.txt) with the LZMA2 filter, the
// only filter chain dpkg-deb and mksquashfs write. Written here rather than taken from a library so
// that every length it trusts is checked and its output is capped as it grows: a package is hostile
// input. The block checks (CRC64, SHA-256) are not verified: a corrupt block still decodes only to
// bounded garbage, which the parsers after this refuse.

const streamMagic = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];
const checkSizes = [0, 4, 4, 4, 8, 8, 8, 16, 16, 16, 32, 32, 32, 64, 64, 64] as const;
const lzma2FilterId = 0x21;

/** Decompresses a whole .xz stream (the first stream; padding and further streams are ignored). */
export function decompressXz(input: Uint8Array, max: number, what: string): Uint8Array {
  if (input.length < 12 || !streamMagic.every((b, i) => input[i] === b)) throw malformed(`${what} is not an xz stream`);
  const flags = input.subarray(6, 8);
  if (flags[0] !== 0 || (flags[1] as number) > 0x0f) throw malformed(`${what}: unknown xz stream flags`);
  if (crc32(flags) !== readU32le(input, 8, what)) throw malformed(`${what}: xz stream header checksum mismatch`);
  const checkSize = checkSizes[(flags[1] as number) & 0x0f] as number;
  const out = new OutputBuffer(max, what);
  let pos = 12;
  for (;;) {
    if (pos >= input.length) throw malformed(`${what}: xz stream ends before its index`);
    const sizeByte = input[pos] as number;
    if (sizeByte === 0) break; // the index follows the last block
    const headerSize = (sizeByte + 1) * 4;
    if (pos + headerSize > input.length) throw malformed(`${what}: xz block header is cut short`);
    const header = input.subarray(pos, pos + headerSize);
    if (crc32(header.subarray(0, headerSize - 4)) !== readU32le(header, headerSize - 4, what)) throw malformed(`${what}: xz block header checksum mismatch`);
    const dictProps = parseBlockHeader(header, what);
    pos += headerSize;
    const start = pos;
    const blockStart = out.length;
    pos = decodeLzma2(input, pos, out, dictProps, what);
    while ((pos - start) % 4 !== 0) {
      if (input[pos] !== 0) throw malformed(`${what}: xz block padding is not zero`);
      pos++;
    }
    if (checkSize === 4) {
      if (crc32(out.bytes.subarray(blockStart, out.length)) !== readU32le(input, pos, what)) throw malformed(`${what}: xz block CRC32 mismatch`);
    }
    pos += checkSize;
  }
  return out.result();
}

function parseBlockHeader(header: Uint8Array, what: string): number {
  const flags = header[1] as number;
  if ((flags & 0x3c) !== 0) throw malformed(`${what}: reserved xz block flags are set`);
  const filterCount = (flags & 0x03) + 1;
  let pos = 2;
  const readVarint = (): number => {
    let value = 0;
    for (let shift = 0; shift < 63; shift += 7) {
      if (pos >= header.length - 4) throw malformed(`${what}: xz block header is cut short`);
      const byte = header[pos++] as number;
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return value;
    }
    throw malformed(`${what}: an xz integer is too long`);
  };
  if ((flags & 0x40) !== 0) readVarint(); // compressed size: the chunks end themselves
  if ((flags & 0x80) !== 0) readVarint(); // uncompressed size: the output limit governs
  let dictProps = -1;
  for (let i = 0; i < filterCount; i++) {
    const id = readVarint();
    const propsSize = readVarint();
    if (pos + propsSize > header.length - 4) throw malformed(`${what}: xz filter properties are cut short`);
    if (id !== lzma2FilterId || i !== filterCount - 1 || propsSize !== 1) throw unsupported(`${what}: xz filter 0x${id.toString(16)} is not supported (only LZMA2)`);
    dictProps = header[pos] as number;
    pos += propsSize;
  }
  if (dictProps > 40) throw malformed(`${what}: invalid LZMA2 dictionary size`);
  return dictProps;
}

function readU32le(bytes: Uint8Array, offset: number, what: string): number {
  if (offset + 4 > bytes.length) throw malformed(`${what}: xz data is cut short`);
  return ((bytes[offset] as number) | ((bytes[offset + 1] as number) << 8) | ((bytes[offset + 2] as number) << 16) | ((bytes[offset + 3] as number) << 24)) >>> 0;
}

// LZMA2 (the chunk layer) over LZMA (the range-coded LZ77), after the LZMA SDK's LzmaSpec.cpp.

const kNumStates = 12;
const kMatchMinLen = 2;
const kEndPosModelIndex = 14;
const kNumFullDistances = 128;
const kNumAlignBits = 4;

class RangeDecoder {
  range = 0;
  code = 0;
  pos = 0;
  end = 0;

  constructor(
    private readonly input: Uint8Array,
    private readonly what: string,
  ) {}

  init(pos: number, end: number): void {
    this.pos = pos;
    this.end = end;
    if (this.nextByte() !== 0) throw malformed(`${this.what}: LZMA range coder does not start with zero`);
    this.range = 0xffffffff;
    this.code = 0;
    for (let i = 0; i < 4; i++) this.code = ((this.code << 8) | this.nextByte()) >>> 0;
    if (this.code === this.range) throw malformed(`${this.what}: invalid LZMA range coder start`);
  }

  private nextByte(): number {
    if (this.pos >= this.end) throw malformed(`${this.what}: LZMA chunk data is cut short`);
    return this.input[this.pos++] as number;
  }

  private normalize(): void {
    if (this.range < 0x01000000) {
      this.range = (this.range << 8) >>> 0;
      this.code = ((this.code << 8) | this.nextByte()) >>> 0;
    }
  }

  bit(probs: Uint16Array, index: number): number {
    const p = probs[index] as number;
    const bound = (this.range >>> 11) * p;
    let bit: number;
    if (this.code < bound) {
      this.range = bound;
      probs[index] = p + ((2048 - p) >>> 5);
      bit = 0;
    } else {
      this.range -= bound;
      this.code -= bound;
      probs[index] = p - (p >>> 5);
      bit = 1;
    }
    this.normalize();
    return bit;
  }

  direct(count: number): number {
    let result = 0;
    for (let i = 0; i < count; i++) {
      this.range >>>= 1;
      let bit = 0;
      if (this.code >= this.range) {
        this.code -= this.range;
        bit = 1;
      }
      result = ((result << 1) | bit) >>> 0;
      this.normalize();
    }
    return result;
  }

  tree(probs: Uint16Array, base: number, numBits: number): number {
    let m = 1;
    for (let i = 0; i < numBits; i++) m = (m << 1) + this.bit(probs, base + m);
    return m - (1 << numBits);
  }

  reverseTree(probs: Uint16Array, base: number, numBits: number): number {
    let m = 1;
    let symbol = 0;
    for (let i = 0; i < numBits; i++) {
      const bit = this.bit(probs, base + m);
      m = (m << 1) + bit;
      symbol |= bit << i;
    }
    return symbol;
  }
}

class LengthDecoder {
  // choice, choice2, low[16][8], mid[16][8], high[256]
  readonly probs = new Uint16Array(2 + 16 * 8 * 2 + 256);
  reset(): void {
    this.probs.fill(1024);
  }
  decode(rc: RangeDecoder, posState: number): number {
    if (rc.bit(this.probs, 0) === 0) return rc.tree(this.probs, 2 + posState * 8, 3);
    if (rc.bit(this.probs, 1) === 0) return 8 + rc.tree(this.probs, 2 + 128 + posState * 8, 3);
    return 16 + rc.tree(this.probs, 2 + 256, 8);
  }
}

class LzmaState {
  lc = 0;
  lp = 0;
  pb = 0;
  literalProbs = new Uint16Array(0x300);
  readonly isMatch = new Uint16Array(kNumStates << 4);
  readonly isRep = new Uint16Array(kNumStates);
  readonly isRepG0 = new Uint16Array(kNumStates);
  readonly isRepG1 = new Uint16Array(kNumStates);
  readonly isRepG2 = new Uint16Array(kNumStates);
  readonly isRep0Long = new Uint16Array(kNumStates << 4);
  readonly posSlot = new Uint16Array(4 << 6);
  readonly posDecoders = new Uint16Array(1 + kNumFullDistances - kEndPosModelIndex);
  readonly align = new Uint16Array(1 << kNumAlignBits);
  readonly lenDecoder = new LengthDecoder();
  readonly repLenDecoder = new LengthDecoder();
  state = 0;
  rep0 = 0;
  rep1 = 0;
  rep2 = 0;
  rep3 = 0;

  setProperties(props: number, what: string): void {
    if (props >= 9 * 5 * 5) throw malformed(`${what}: invalid LZMA properties`);
    this.lc = props % 9;
    const rest = Math.floor(props / 9);
    this.lp = rest % 5;
    this.pb = Math.floor(rest / 5);
    if (this.lc + this.lp > 4) throw malformed(`${what}: LZMA2 allows lc + lp up to 4`);
    this.literalProbs = new Uint16Array(0x300 << (this.lc + this.lp));
  }

  reset(): void {
    this.literalProbs.fill(1024);
    for (const probs of [this.isMatch, this.isRep, this.isRepG0, this.isRepG1, this.isRepG2, this.isRep0Long, this.posSlot, this.posDecoders, this.align]) probs.fill(1024);
    this.lenDecoder.reset();
    this.repLenDecoder.reset();
    this.state = 0;
    this.rep0 = this.rep1 = this.rep2 = this.rep3 = 0;
  }
}

function decodeLzma2(input: Uint8Array, start: number, out: OutputBuffer, _dictProps: number, what: string): number {
  const lzma = new LzmaState();
  const rc = new RangeDecoder(input, what);
  let pos = start;
  let dictStart = out.length;
  let needDictReset = true;
  let needProps = true;
  for (;;) {
    if (pos >= input.length) throw malformed(`${what}: LZMA2 data is cut short`);
    const control = input[pos++] as number;
    if (control === 0) return pos;
    if (control === 1 || control === 2) {
      if (control === 1) {
        dictStart = out.length;
        needDictReset = false;
      } else if (needDictReset) throw malformed(`${what}: LZMA2 stream does not start with a dictionary reset`);
      if (pos + 2 > input.length) throw malformed(`${what}: LZMA2 data is cut short`);
      const size = (((input[pos] as number) << 8) | (input[pos + 1] as number)) + 1;
      pos += 2;
      if (pos + size > input.length) throw malformed(`${what}: LZMA2 data is cut short`);
      out.append(input.subarray(pos, pos + size));
      pos += size;
      continue;
    }
    if (control < 0x80) throw malformed(`${what}: invalid LZMA2 control byte`);
    if (pos + 4 > input.length) throw malformed(`${what}: LZMA2 data is cut short`);
    const unpacked = ((control & 0x1f) << 16) + (((input[pos] as number) << 8) | (input[pos + 1] as number)) + 1;
    const packed = (((input[pos + 2] as number) << 8) | (input[pos + 3] as number)) + 1;
    pos += 4;
    const reset = (control >>> 5) & 0x03;
    if (reset === 3) {
      dictStart = out.length;
      needDictReset = false;
    } else if (needDictReset) throw malformed(`${what}: LZMA2 stream does not start with a dictionary reset`);
    if (reset >= 2) {
      if (pos >= input.length) throw malformed(`${what}: LZMA2 data is cut short`);
      lzma.setProperties(input[pos++] as number, what);
      needProps = false;
    } else if (needProps) throw malformed(`${what}: LZMA2 chunk without properties`);
    if (reset >= 1) lzma.reset();
    if (pos + packed > input.length) throw malformed(`${what}: LZMA2 data is cut short`);
    rc.init(pos, pos + packed);
    decodeLzmaChunk(lzma, rc, out, dictStart, out.length + unpacked, what);
    pos += packed;
  }
}

function decodeLzmaChunk(s: LzmaState, rc: RangeDecoder, out: OutputBuffer, dictStart: number, end: number, what: string): void {
  const pbMask = (1 << s.pb) - 1;
  const lpMask = (1 << s.lp) - 1;
  out.reserve(end - out.length);
  while (out.length < end) {
    const buf = out.bytes;
    const total = out.length - dictStart;
    const posState = total & pbMask;
    if (rc.bit(s.isMatch, (s.state << 4) + posState) === 0) {
      const prevByte = total > 0 ? (buf[out.length - 1] as number) : 0;
      const base = 0x300 * (((total & lpMask) << s.lc) + (prevByte >>> (8 - s.lc)));
      let symbol = 1;
      if (s.state >= 7) {
        let matchByte = buf[out.length - s.rep0 - 1] as number;
        do {
          const matchBit = (matchByte >>> 7) & 1;
          matchByte <<= 1;
          const bit = rc.bit(s.literalProbs, base + ((1 + matchBit) << 8) + symbol);
          symbol = (symbol << 1) | bit;
          if (matchBit !== bit) break;
        } while (symbol < 0x100);
      }
      while (symbol < 0x100) symbol = (symbol << 1) | rc.bit(s.literalProbs, base + symbol);
      out.push(symbol - 0x100);
      s.state = s.state < 4 ? 0 : s.state < 10 ? s.state - 3 : s.state - 6;
      continue;
    }
    let len: number;
    if (rc.bit(s.isRep, s.state) !== 0) {
      if (total === 0) throw malformed(`${what}: LZMA repeat match before any data`);
      if (rc.bit(s.isRepG0, s.state) === 0) {
        if (rc.bit(s.isRep0Long, (s.state << 4) + posState) === 0) {
          s.state = s.state < 7 ? 9 : 11;
          out.push(buf[out.length - s.rep0 - 1] as number);
          continue;
        }
      } else {
        let dist: number;
        if (rc.bit(s.isRepG1, s.state) === 0) {
          dist = s.rep1;
        } else {
          if (rc.bit(s.isRepG2, s.state) === 0) {
            dist = s.rep2;
          } else {
            dist = s.rep3;
            s.rep3 = s.rep2;
          }
          s.rep2 = s.rep1;
        }
        s.rep1 = s.rep0;
        s.rep0 = dist;
      }
      len = s.repLenDecoder.decode(rc, posState);
      s.state = s.state < 7 ? 8 : 11;
    } else {
      s.rep3 = s.rep2;
      s.rep2 = s.rep1;
      s.rep1 = s.rep0;
      len = s.lenDecoder.decode(rc, posState);
      s.state = s.state < 7 ? 7 : 10;
      s.rep0 = decodeDistance(s, rc, len);
      if (s.rep0 === 0xffffffff) throw malformed(`${what}: LZMA end marker inside LZMA2`);
    }
    len += kMatchMinLen;
    if (s.rep0 >= total) throw malformed(`${what}: LZMA match reaches before the dictionary`);
    if (out.length + len > end) throw malformed(`${what}: LZMA match runs past its chunk`);
    out.copyBack(s.rep0 + 1, len);
  }
}

function decodeDistance(s: LzmaState, rc: RangeDecoder, len: number): number {
  const lenState = Math.min(len, 3);
  const posSlot = rc.tree(s.posSlot, lenState << 6, 6);
  if (posSlot < 4) return posSlot;
  const numDirectBits = (posSlot >>> 1) - 1;
  let dist = ((2 | (posSlot & 1)) << numDirectBits) >>> 0;
  if (posSlot < kEndPosModelIndex) {
    dist += rc.reverseTree(s.posDecoders, dist - posSlot, numDirectBits);
  } else {
    dist = (dist + ((rc.direct(numDirectBits - kNumAlignBits) << kNumAlignBits) >>> 0)) >>> 0;
    dist = (dist + rc.reverseTree(s.align, 0, kNumAlignBits)) >>> 0;
  }
  return dist;
}
