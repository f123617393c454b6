import { open } from 'node:fs/promises';
import type { RandomAccessSource } from './random-access-source.js';

/** A {@link RandomAccessSource} over a file, which the caller closes when done. */
export interface FileSource extends RandomAccessSource {
  close(): Promise<void>;
}

/** Opens `path` for positioned reads; the size is taken once, at open. */
export async function openFileSource(path: string): Promise<FileSource> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    return {
      size,
      async read(offset: number, length: number): Promise<Uint8Array> {
        if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
          throw new RangeError('offset and length must be non-negative integers');
        }
        const wanted = Math.max(0, Math.min(length, size - offset));
        const buffer = new Uint8Array(wanted);
        let filled = 0;
        // A positioned read may return fewer bytes than asked; loop until the range or the file ends.
        while (filled < wanted) {
          const { bytesRead } = await handle.read(buffer, filled, wanted - filled, offset + filled);
          if (bytesRead === 0) break;
          filled += bytesRead;
        }
        return filled === wanted ? buffer : buffer.subarray(0, filled);
      },
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
