import { constants, type FileHandle, open } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError } from './describe-error.js';
import { available, unavailable, type SectionResult } from './section-result.js';

/** The start of a file, as read. */
export interface RootFile {
  readonly bytes: Buffer;
  readonly text: string;
  /** The file was longer than the cap and was cut. */
  readonly truncated: boolean;
}

const chunkBytes = 64 * 1024;

function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}

/**
 * Reads at most `maxBytes` of `path` inside `root` (so the same collector reads the host at '/' or
 * a prepared tree in tests). Only regular files are read: a FIFO or device planted where a system
 * file should be would otherwise block the agent or stream forever. Opening non-blocking makes the
 * FIFO case return at once so the type check can refuse it.
 */
export async function readRootFile(root: string, path: string, maxBytes: number): Promise<SectionResult<RootFile>> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(join(root, path), constants.O_RDONLY | constants.O_NONBLOCK);
    const stats = await handle.stat();
    if (!stats.isFile()) return unavailable(`${path} is not a regular file`);
    const chunks: Buffer[] = [];
    let total = 0;
    // sysfs and procfs report sizes that do not match their content, so read until EOF.
    for (;;) {
      const want = Math.min(chunkBytes, maxBytes + 1 - total);
      if (want <= 0) break;
      const buffer = Buffer.alloc(want);
      const { bytesRead } = await handle.read(buffer, 0, want, null);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
    }
    const all = Buffer.concat(chunks);
    const truncated = all.length > maxBytes;
    const bytes = truncated ? all.subarray(0, maxBytes) : all;
    return available({ bytes, text: bytes.toString('utf8'), truncated });
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return unavailable(`${path} does not exist`);
    if (code === 'EACCES' || code === 'EPERM') return unavailable(`${path} is not readable by this user`);
    return unavailable(`${path} could not be read: ${describeError(error)}`);
  } finally {
    await handle?.close();
  }
}
