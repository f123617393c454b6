/**
 * Collects a process's output up to a byte limit and remembers whether more came. Bytes beyond the
 * limit are dropped as they arrive, so a script printing gigabytes costs no memory.
 */
export class CappedOutput {
  readonly #limit: number;
  readonly #chunks: Buffer[] = [];
  #size = 0;
  #truncated = false;

  /** @param limitBytes how many bytes to keep. */
  constructor(limitBytes: number) {
    this.#limit = limitBytes;
  }

  /** Adds a chunk, keeping only what fits. */
  push(chunk: Buffer): void {
    const room = this.#limit - this.#size;
    if (chunk.length > room) this.#truncated = true;
    if (room <= 0) return;
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.#chunks.push(kept);
    this.#size += kept.length;
  }

  /** Whether output was cut. */
  get truncated(): boolean {
    return this.#truncated;
  }

  /** The kept output as text; a multi-byte character cut at the limit is dropped rather than mangled. */
  text(): string {
    const bytes = Buffer.concat(this.#chunks, this.#size);
    return new TextDecoder('utf-8', { fatal: false }).decode(trimIncompleteUtf8(bytes));
  }
}

function trimIncompleteUtf8(bytes: Buffer): Buffer {
  // Walk back over continuation bytes to the last lead byte and check its sequence is complete.
  let start = bytes.length - 1;
  while (start >= 0 && start > bytes.length - 4 && ((bytes[start] ?? 0) & 0xc0) === 0x80) start--;
  if (start < 0) return bytes;
  const lead = bytes[start] ?? 0;
  const needed = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return bytes.length - start < needed ? bytes.subarray(0, start) : bytes;
}
