import { malformed } from '../app-package-error.js';

/**
 * Bounds-checked little- and big-endian reads inside one structure already read into memory. A
 * read outside it means the structure's own fields disagree with its length: malformed.
 */
export class ByteView {
  private readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    /** Names the structure in error messages. */
    readonly what: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.length;
  }

  check(offset: number, length: number): void {
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > this.bytes.length) {
      throw malformed(`${this.what}: a field at ${offset} (+${length}) lies outside its ${this.bytes.length} bytes`);
    }
  }

  u8(offset: number): number {
    this.check(offset, 1);
    return this.view.getUint8(offset);
  }
  u16le(offset: number): number {
    this.check(offset, 2);
    return this.view.getUint16(offset, true);
  }
  u16be(offset: number): number {
    this.check(offset, 2);
    return this.view.getUint16(offset, false);
  }
  u32le(offset: number): number {
    this.check(offset, 4);
    return this.view.getUint32(offset, true);
  }
  u32be(offset: number): number {
    this.check(offset, 4);
    return this.view.getUint32(offset, false);
  }
  i32be(offset: number): number {
    this.check(offset, 4);
    return this.view.getInt32(offset, false);
  }
  /** A 64-bit unsigned field, which must fit a safe integer (no file here is 8 PiB long). */
  u64le(offset: number): number {
    this.check(offset, 8);
    return safe(this.view.getBigUint64(offset, true), this.what, offset);
  }
  u64be(offset: number): number {
    this.check(offset, 8);
    return safe(this.view.getBigUint64(offset, false), this.what, offset);
  }
  slice(offset: number, length: number): Uint8Array {
    this.check(offset, length);
    return this.bytes.subarray(offset, offset + length);
  }
}

function safe(value: bigint, what: string, offset: number): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw malformed(`${what}: the 64-bit field at ${offset} is out of range`);
  return Number(value);
}
