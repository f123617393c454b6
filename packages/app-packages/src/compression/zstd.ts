import { malformed, unsupported } from '../app-package-error.js';
import { OutputBuffer } from './output-buffer.js';

// A Zstandard decoder (RFC 8878) for what dpkg-deb and mksquashfs write: frames without a
// dictionary. Written here so that every size it trusts is checked and its output is capped as it
// grows. Content checksums are not verified: a corrupt frame decodes only to bounded garbage, which
// the parsers after this refuse.

const frameMagic = 0xfd2fb528;
const maxBlockSize = 128 * 1024;

/** Decompresses every frame in `input` (skippable frames are skipped) into at most `max` bytes. */
export function decompressZstd(input: Uint8Array, max: number, what: string): Uint8Array {
  const out = new OutputBuffer(max, what);
  let pos = 0;
  if (input.length < 4) throw malformed(`${what} is not a zstd frame`);
  while (pos < input.length) {
    if (pos + 4 > input.length) throw malformed(`${what}: zstd data is cut short`);
    const magic = u32le(input, pos);
    if ((magic & 0xfffffff0) >>> 0 === 0x184d2a50) {
      if (pos + 8 > input.length) throw malformed(`${what}: zstd data is cut short`);
      pos += 8 + u32le(input, pos + 4);
      if (pos > input.length) throw malformed(`${what}: zstd skippable frame is cut short`);
      continue;
    }
    if (magic !== frameMagic) {
      if (pos === 0) throw malformed(`${what} is not a zstd frame`);
      throw malformed(`${what}: garbage after a zstd frame`);
    }
    pos = decodeFrame(input, pos + 4, out, what);
  }
  return out.result();
}

function u32le(b: Uint8Array, o: number): number {
  return ((b[o] as number) | ((b[o + 1] as number) << 8) | ((b[o + 2] as number) << 16) | ((b[o + 3] as number) << 24)) >>> 0;
}

interface FseTable {
  readonly accuracyLog: number;
  readonly symbol: Uint8Array;
  readonly nbBits: Uint8Array;
  readonly baseline: Uint16Array;
}

interface HuffmanTable {
  readonly maxBits: number;
  readonly symbol: Uint8Array;
  readonly nbBits: Uint8Array;
}

interface FrameState {
  readonly frameStart: number;
  readonly reps: [number, number, number];
  huffman: HuffmanTable | null;
  ll: FseTable | null;
  of: FseTable | null;
  ml: FseTable | null;
}

function decodeFrame(input: Uint8Array, start: number, out: OutputBuffer, what: string): number {
  let pos = start;
  const cut = (): never => {
    throw malformed(`${what}: zstd frame is cut short`);
  };
  if (pos >= input.length) cut();
  const descriptor = input[pos++] as number;
  const fcsFlag = descriptor >>> 6;
  const singleSegment = (descriptor & 0x20) !== 0;
  if ((descriptor & 0x08) !== 0) throw malformed(`${what}: zstd reserved bit is set`);
  const hasChecksum = (descriptor & 0x04) !== 0;
  const dictIdSize = [0, 1, 2, 4][descriptor & 0x03] as number;
  if (!singleSegment) pos++; // window descriptor: the whole output is kept, so no window applies
  let dictId = 0;
  for (let i = 0; i < dictIdSize; i++) dictId += (input[pos + i] ?? 0) * 2 ** (8 * i);
  pos += dictIdSize;
  if (dictId !== 0) throw unsupported(`${what}: zstd frames with a dictionary are not supported`);
  pos += fcsFlag === 0 ? (singleSegment ? 1 : 0) : 1 << fcsFlag; // content size: the output limit governs
  if (pos > input.length) cut();
  const state: FrameState = { frameStart: out.length, reps: [1, 4, 8], huffman: null, ll: null, of: null, ml: null };
  for (;;) {
    if (pos + 3 > input.length) cut();
    const header = (input[pos] as number) | ((input[pos + 1] as number) << 8) | ((input[pos + 2] as number) << 16);
    pos += 3;
    const last = (header & 1) !== 0;
    const type = (header >>> 1) & 3;
    const size = header >>> 3;
    if (type === 3) throw malformed(`${what}: zstd reserved block type`);
    if (size > maxBlockSize) throw malformed(`${what}: zstd block is larger than 128 KiB`);
    if (type === 1) {
      if (pos + 1 > input.length) cut();
      out.reserve(size);
      out.bytes.fill(input[pos] as number, out.length, out.length + size);
      out.length += size;
      pos += 1;
    } else {
      if (pos + size > input.length) cut();
      if (type === 0) out.append(input.subarray(pos, pos + size));
      else decodeCompressedBlock(input.subarray(pos, pos + size), out, state, what);
      pos += size;
    }
    if (last) break;
  }
  if (hasChecksum) pos += 4;
  if (pos > input.length) cut();
  return pos;
}

// Bit streams. Forward streams (FSE table descriptions) are read least significant bit first; the
// entropy-coded streams are read backwards from their end, after the final 1 bit of padding.

class BackwardBits {
  /** Bits not yet read: the next read takes the bits just below this position. */
  private position: number;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly what: string,
  ) {
    const lastByte = bytes[bytes.length - 1];
    if (lastByte === undefined || lastByte === 0) throw malformed(`${what}: zstd bit stream has no end mark`);
    this.position = bytes.length * 8 - (8 - (31 - Math.clz32(lastByte)));
  }

  get remaining(): number {
    return this.position;
  }

  /** Reads `n` (≤ 31) bits; positions before the stream's start read as zero, and `remaining` goes negative. */
  read(n: number): number {
    if (n === 0) return 0;
    this.position -= n;
    return this.bitsAt(this.position, n);
  }

  /** The next `n` bits without consuming them, zero-filled below the stream's start. */
  peek(n: number): number {
    return this.bitsAt(this.position - n, n);
  }

  skip(n: number): void {
    this.position -= n;
  }

  private bitsAt(from: number, n: number): number {
    let value = 0;
    for (let i = n - 1; i >= 0; i--) {
      const bit = from + i;
      value = value * 2 + (bit < 0 ? 0 : (((this.bytes[bit >>> 3] as number) >>> (bit & 7)) & 1));
    }
    return value;
  }

  ensureNotOverrun(): void {
    if (this.position < 0) throw malformed(`${this.what}: zstd bit stream is overrun`);
  }
}

/** Reads an FSE table description (RFC 8878 §4.1.1) starting at `start`; returns the table and the bytes used. */
function readFseTable(bytes: Uint8Array, start: number, maxAccuracy: number, maxSymbol: number, what: string): { table: FseTable; size: number } {
  let bitPos = start * 8;
  const readBits = (n: number): number => {
    let value = 0;
    for (let i = 0; i < n; i++) {
      const bit = bitPos + i;
      if (bit >>> 3 >= bytes.length) throw malformed(`${what}: zstd FSE table is cut short`);
      value |= (((bytes[bit >>> 3] as number) >>> (bit & 7)) & 1) << i;
    }
    return value;
  };
  const accuracyLog = readBits(4) + 5;
  bitPos += 4;
  if (accuracyLog > maxAccuracy) throw malformed(`${what}: zstd FSE accuracy log too large`);
  const probabilities: number[] = [];
  let remaining = (1 << accuracyLog) + 1;
  let threshold = 1 << accuracyLog;
  let nbBits = accuracyLog + 1;
  while (remaining > 1) {
    if (probabilities.length > maxSymbol) throw malformed(`${what}: zstd FSE table has too many symbols`);
    const max = 2 * threshold - 1 - remaining;
    let count: number;
    const low = readBits(nbBits - 1);
    if (low < max) {
      count = low;
      bitPos += nbBits - 1;
    } else {
      count = readBits(nbBits);
      if (count >= threshold) count -= max;
      bitPos += nbBits;
    }
    count--;
    remaining -= count < 0 ? -count : count;
    probabilities.push(count);
    if (count === 0) {
      for (;;) {
        const repeat = readBits(2);
        bitPos += 2;
        for (let i = 0; i < repeat; i++) probabilities.push(0);
        if (probabilities.length > maxSymbol + 1) throw malformed(`${what}: zstd FSE table has too many symbols`);
        if (repeat !== 3) break;
      }
    }
    while (remaining < threshold && nbBits > 1) {
      nbBits--;
      threshold >>>= 1;
    }
  }
  if (remaining !== 1 || probabilities.length > maxSymbol + 1) throw malformed(`${what}: zstd FSE table probabilities do not add up`);
  return { table: buildFseTable(probabilities, accuracyLog, what), size: Math.ceil(bitPos / 8) - start };
}

function buildFseTable(probabilities: readonly number[], accuracyLog: number, what: string): FseTable {
  const size = 1 << accuracyLog;
  const symbol = new Uint8Array(size);
  const nbBits = new Uint8Array(size);
  const baseline = new Uint16Array(size);
  const next = new Uint32Array(probabilities.length);
  let high = size - 1;
  probabilities.forEach((p, s) => {
    if (p === -1) {
      symbol[high--] = s;
      next[s] = 1;
    } else next[s] = p;
  });
  const step = (size >>> 1) + (size >>> 3) + 3;
  const mask = size - 1;
  let pos = 0;
  probabilities.forEach((p, s) => {
    for (let i = 0; i < p; i++) {
      symbol[pos] = s;
      do pos = (pos + step) & mask;
      while (pos > high);
    }
  });
  if (pos !== 0) throw malformed(`${what}: zstd FSE table does not fill its states`);
  for (let u = 0; u < size; u++) {
    const s = symbol[u] as number;
    const state = next[s] as number;
    next[s] = state + 1;
    const bits = accuracyLog - (31 - Math.clz32(state));
    nbBits[u] = bits;
    baseline[u] = (state << bits) - size;
  }
  return { accuracyLog, symbol, nbBits, baseline };
}

function rleTable(value: number): FseTable {
  return { accuracyLog: 0, symbol: Uint8Array.of(value), nbBits: Uint8Array.of(0), baseline: Uint16Array.of(0) };
}

const llDefault = [4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 2, 1, 1, 1, 1, 1, -1, -1, -1, -1];
const mlDefault = [
  1, 4, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1,
];
const ofDefault = [1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1];
let predefined: { ll: FseTable; ml: FseTable; of: FseTable } | null = null;
function predefinedTables(): { ll: FseTable; ml: FseTable; of: FseTable } {
  predefined ??= { ll: buildFseTable(llDefault, 6, 'zstd'), ml: buildFseTable(mlDefault, 6, 'zstd'), of: buildFseTable(ofDefault, 5, 'zstd') };
  return predefined;
}

const llBase = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 20, 22, 24, 28, 32, 40, 48, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536];
const llBits = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
const mlBase = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 37, 39, 41, 43, 47, 51, 59, 67, 83, 99, 131, 259, 515, 1027, 2051, 4099,
  8195, 16387, 32771, 65539,
];
const mlBits = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];

function decodeCompressedBlock(block: Uint8Array, out: OutputBuffer, state: FrameState, what: string): void {
  const { literals, size: literalsSize } = decodeLiterals(block, state, what);
  let pos = literalsSize;
  if (pos >= block.length) throw malformed(`${what}: zstd block has no sequences section`);
  let count = block[pos++] as number;
  if (count >= 128) {
    if (count === 255) {
      if (pos + 2 > block.length) throw malformed(`${what}: zstd sequences header is cut short`);
      count = (block[pos] as number) + ((block[pos + 1] as number) << 8) + 0x7f00;
      pos += 2;
    } else {
      if (pos + 1 > block.length) throw malformed(`${what}: zstd sequences header is cut short`);
      count = ((count - 128) << 8) + (block[pos] as number);
      pos += 1;
    }
  }
  if (count === 0) {
    if (pos !== block.length) throw malformed(`${what}: zstd block has bytes after its literals`);
    out.append(literals);
    return;
  }
  if (pos >= block.length) throw malformed(`${what}: zstd sequences header is cut short`);
  const modes = block[pos++] as number;
  if ((modes & 3) !== 0) throw malformed(`${what}: zstd reserved sequence mode bits are set`);
  const pick = (mode: number, previous: FseTable | null, fallback: FseTable, maxLog: number, maxSymbol: number): FseTable => {
    switch (mode) {
      case 0:
        return fallback;
      case 1: {
        if (pos >= block.length) throw malformed(`${what}: zstd RLE sequence table is cut short`);
        const value = block[pos++] as number;
        if (value > maxSymbol) throw malformed(`${what}: zstd RLE symbol out of range`);
        return rleTable(value);
      }
      case 2: {
        const { table, size } = readFseTable(block, pos, maxLog, maxSymbol, what);
        pos += size;
        return table;
      }
      default:
        if (previous === null) throw malformed(`${what}: zstd repeats a sequence table it never had`);
        return previous;
    }
  };
  const defaults = predefinedTables();
  state.ll = pick(modes >>> 6, state.ll, defaults.ll, 9, 35);
  state.of = pick((modes >>> 4) & 3, state.of, defaults.of, 8, 31);
  state.ml = pick((modes >>> 2) & 3, state.ml, defaults.ml, 9, 52);
  const ll = state.ll;
  const of = state.of;
  const ml = state.ml;
  if (pos >= block.length) throw malformed(`${what}: zstd block has no sequence bit stream`);
  const bits = new BackwardBits(block.subarray(pos), what);
  let llState = bits.read(ll.accuracyLog);
  let ofState = bits.read(of.accuracyLog);
  let mlState = bits.read(ml.accuracyLog);
  let literalPos = 0;
  const reps = state.reps;
  for (let i = 0; i < count; i++) {
    const ofCode = of.symbol[ofState] as number;
    const llCode = ll.symbol[llState] as number;
    const mlCode = ml.symbol[mlState] as number;
    if (ofCode > 31) throw malformed(`${what}: zstd offset code out of range`);
    const ofValue = 2 ** ofCode + bits.read(ofCode);
    const matchLength = (mlBase[mlCode] as number) + bits.read(mlBits[mlCode] as number);
    const literalLength = (llBase[llCode] as number) + bits.read(llBits[llCode] as number);
    let offset: number;
    if (ofValue > 3) {
      offset = ofValue - 3;
      reps[2] = reps[1];
      reps[1] = reps[0];
      reps[0] = offset;
    } else {
      const index = ofValue - 1 + (literalLength === 0 ? 1 : 0);
      if (index === 0) offset = reps[0];
      else {
        offset = index === 3 ? reps[0] - 1 : (reps[index] as number);
        if (index > 1) reps[2] = reps[1];
        reps[1] = reps[0];
        reps[0] = offset;
      }
    }
    if (i !== count - 1) {
      llState = (ll.baseline[llState] as number) + bits.read(ll.nbBits[llState] as number);
      mlState = (ml.baseline[mlState] as number) + bits.read(ml.nbBits[mlState] as number);
      ofState = (of.baseline[ofState] as number) + bits.read(of.nbBits[ofState] as number);
    }
    bits.ensureNotOverrun();
    if (literalPos + literalLength > literals.length) throw malformed(`${what}: zstd sequence uses more literals than the block has`);
    out.append(literals.subarray(literalPos, literalPos + literalLength));
    literalPos += literalLength;
    if (offset === 0 || offset > out.length - state.frameStart) throw malformed(`${what}: zstd match reaches before the frame`);
    out.copyBack(offset, matchLength);
  }
  if (bits.remaining !== 0) throw malformed(`${what}: zstd sequence bit stream has bits left over`);
  out.append(literals.subarray(literalPos));
}

function decodeLiterals(block: Uint8Array, state: FrameState, what: string): { literals: Uint8Array; size: number } {
  const cut = (): never => {
    throw malformed(`${what}: zstd literals section is cut short`);
  };
  if (block.length < 1) cut();
  const b0 = block[0] as number;
  const type = b0 & 3;
  const sizeFormat = (b0 >>> 2) & 3;
  if (type === 0 || type === 1) {
    let regenerated: number;
    let headerSize: number;
    if ((sizeFormat & 1) === 0) {
      regenerated = b0 >>> 3;
      headerSize = 1;
    } else if (sizeFormat === 1) {
      if (block.length < 2) cut();
      regenerated = (b0 >>> 4) + ((block[1] as number) << 4);
      headerSize = 2;
    } else {
      if (block.length < 3) cut();
      regenerated = (b0 >>> 4) + ((block[1] as number) << 4) + ((block[2] as number) << 12);
      headerSize = 3;
    }
    if (regenerated > maxBlockSize) throw malformed(`${what}: zstd literals larger than a block`);
    if (type === 0) {
      if (headerSize + regenerated > block.length) cut();
      return { literals: block.subarray(headerSize, headerSize + regenerated), size: headerSize + regenerated };
    }
    if (headerSize + 1 > block.length) cut();
    return { literals: new Uint8Array(regenerated).fill(block[headerSize] as number), size: headerSize + 1 };
  }
  const headerSize = sizeFormat <= 1 ? 3 : sizeFormat === 2 ? 4 : 5;
  if (block.length < headerSize) cut();
  const c = u32le(Uint8Array.of(b0, block[1] ?? 0, block[2] ?? 0, headerSize > 3 ? (block[3] as number) : 0), 0);
  let regenerated: number;
  let compressed: number;
  if (headerSize === 3) {
    regenerated = (c >>> 4) & 0x3ff;
    compressed = (c >>> 14) & 0x3ff;
  } else if (headerSize === 4) {
    regenerated = (c >>> 4) & 0x3fff;
    compressed = c >>> 18;
  } else {
    regenerated = (c >>> 4) & 0x3ffff;
    compressed = (c >>> 22) + ((block[4] as number) << 10);
  }
  if (regenerated > maxBlockSize) throw malformed(`${what}: zstd literals larger than a block`);
  const streams = sizeFormat === 0 ? 1 : 4;
  if (headerSize + compressed > block.length) cut();
  let data = block.subarray(headerSize, headerSize + compressed);
  if (type === 2) {
    const { table, size } = readHuffmanTable(data, what);
    state.huffman = table;
    data = data.subarray(size);
  } else if (state.huffman === null) throw malformed(`${what}: zstd repeats a Huffman table it never had`);
  const literals = decodeHuffmanStreams(data, streams, regenerated, state.huffman, what);
  return { literals, size: headerSize + compressed };
}

function readHuffmanTable(data: Uint8Array, what: string): { table: HuffmanTable; size: number } {
  if (data.length < 1) throw malformed(`${what}: zstd Huffman table is cut short`);
  const header = data[0] as number;
  const weights: number[] = [];
  let size: number;
  if (header >= 128) {
    const count = header - 127;
    size = 1 + Math.ceil(count / 2);
    if (size > data.length) throw malformed(`${what}: zstd Huffman table is cut short`);
    for (let i = 0; i < count; i++) {
      const byte = data[1 + (i >>> 1)] as number;
      weights.push(i % 2 === 0 ? byte >>> 4 : byte & 0x0f);
    }
  } else {
    size = 1 + header;
    if (size > data.length) throw malformed(`${what}: zstd Huffman table is cut short`);
    const compressed = data.subarray(1, size);
    const { table, size: tableSize } = readFseTable(compressed, 0, 6, 255, what);
    if (tableSize >= compressed.length) throw malformed(`${what}: zstd Huffman weights are missing`);
    const bits = new BackwardBits(compressed.subarray(tableSize), what);
    let s1 = bits.read(table.accuracyLog);
    let s2 = bits.read(table.accuracyLog);
    for (;;) {
      if (weights.length > 255) throw malformed(`${what}: zstd Huffman table has too many weights`);
      weights.push(table.symbol[s1] as number);
      s1 = (table.baseline[s1] as number) + bits.read(table.nbBits[s1] as number);
      if (bits.remaining < 0) {
        weights.push(table.symbol[s2] as number);
        break;
      }
      weights.push(table.symbol[s2] as number);
      s2 = (table.baseline[s2] as number) + bits.read(table.nbBits[s2] as number);
      if (bits.remaining < 0) {
        weights.push(table.symbol[s1] as number);
        break;
      }
    }
  }
  if (weights.length > 255) throw malformed(`${what}: zstd Huffman table has too many weights`);
  let total = 0;
  for (const w of weights) {
    if (w > 11) throw malformed(`${what}: zstd Huffman weight out of range`);
    if (w > 0) total += 1 << (w - 1);
  }
  if (total === 0) throw malformed(`${what}: zstd Huffman table is empty`);
  const maxBits = 32 - Math.clz32(total);
  if (maxBits > 11) throw malformed(`${what}: zstd Huffman codes longer than 11 bits`);
  const rest = (1 << maxBits) - total;
  if ((rest & (rest - 1)) !== 0) throw malformed(`${what}: zstd Huffman weights do not complete a tree`);
  weights.push(32 - Math.clz32(rest));
  const tableSize = 1 << maxBits;
  const symbol = new Uint8Array(tableSize);
  const nbBits = new Uint8Array(tableSize);
  let pos = 0;
  for (let w = 1; w <= maxBits; w++) {
    weights.forEach((weight, s) => {
      if (weight !== w) return;
      const span = 1 << (w - 1);
      symbol.fill(s, pos, pos + span);
      nbBits.fill(maxBits + 1 - w, pos, pos + span);
      pos += span;
    });
  }
  if (pos !== tableSize) throw malformed(`${what}: zstd Huffman weights do not fill the table`);
  return { table: { maxBits, symbol, nbBits }, size };
}

function decodeHuffmanStreams(data: Uint8Array, streams: number, regenerated: number, table: HuffmanTable, what: string): Uint8Array {
  const literals = new Uint8Array(regenerated);
  if (streams === 1) {
    decodeHuffmanStream(data, literals, 0, regenerated, table, what);
    return literals;
  }
  if (data.length < 6) throw malformed(`${what}: zstd Huffman jump table is cut short`);
  const sizes = [(data[0] as number) | ((data[1] as number) << 8), (data[2] as number) | ((data[3] as number) << 8), (data[4] as number) | ((data[5] as number) << 8)];
  const fourth = data.length - 6 - (sizes[0] as number) - (sizes[1] as number) - (sizes[2] as number);
  if (fourth < 1) throw malformed(`${what}: zstd Huffman stream sizes exceed the literals`);
  sizes.push(fourth);
  const perStream = Math.ceil(regenerated / 4);
  let src = 6;
  let dst = 0;
  for (let i = 0; i < 4; i++) {
    const size = sizes[i] as number;
    const count = i < 3 ? Math.min(perStream, regenerated - dst) : regenerated - dst;
    if (count < 0) throw malformed(`${what}: zstd literal streams do not add up`);
    decodeHuffmanStream(data.subarray(src, src + size), literals, dst, count, table, what);
    src += size;
    dst += count;
  }
  return literals;
}

function decodeHuffmanStream(stream: Uint8Array, into: Uint8Array, at: number, count: number, table: HuffmanTable, what: string): void {
  const bits = new BackwardBits(stream, what);
  for (let i = 0; i < count; i++) {
    const index = bits.peek(table.maxBits);
    into[at + i] = table.symbol[index] as number;
    bits.skip(table.nbBits[index] as number);
    bits.ensureNotOverrun();
  }
  if (bits.remaining !== 0) throw malformed(`${what}: zstd Huffman stream has bits left over`);
}
