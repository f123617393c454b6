import { tooLarge } from '../app-package-error.js';

/**
 * A growable byte buffer for decompressors with a hard ceiling: a bomb fails as soon as it passes
 * `max`, before it has cost more than `max` bytes of memory.
 */
export class OutputBuffer {
  bytes: Uint8Array;
  length = 0;

  constructor(
    readonly max: number,
    readonly what: string,
    initial = 64 * 1024,
  ) {
    this.bytes = new Uint8Array(Math.min(initial, max));
  }

  /** Makes room for `more` bytes. */
  reserve(more: number): void {
    const needed = this.length + more;
    if (needed > this.max) throw tooLarge(`${this.what} decompresses to more than ${this.max} bytes`);
    if (needed <= this.bytes.length) return;
    const grown = new Uint8Array(Math.min(this.max, Math.max(needed, this.bytes.length * 2)));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  push(byte: number): void {
    if (this.length === this.bytes.length) this.reserve(1);
    this.bytes[this.length++] = byte;
  }

  append(chunk: Uint8Array): void {
    this.reserve(chunk.length);
    this.bytes.set(chunk, this.length);
    this.length += chunk.length;
  }

  /** Copies `length` bytes starting `distance` bytes back; the ranges may overlap (LZ77). */
  copyBack(distance: number, length: number): void {
    this.reserve(length);
    const out = this.bytes;
    let from = this.length - distance;
    let to = this.length;
    for (let i = 0; i < length; i++) out[to++] = out[from++] as number;
    this.length = to;
  }

  result(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }
}
