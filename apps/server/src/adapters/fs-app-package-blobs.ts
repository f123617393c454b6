import { createHash, randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink, utimes, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fail, isAppPackageSha256, ok, type AppPackageBlobReader, type AppPackageBlobs, type AppPackageBlobWriteOptions, type AppPackageByteRange, type ListedAppPackageBlob, type OpenedAppPackageBlob } from '@ward/core';

/** Where uploads are written before they are complete; beside the blobs, so the final rename stays on one file system. */
export const incomingDirectoryName = 'incoming';

/** A file system blob store, with the paths the server's package reader opens directly. */
export interface FsAppPackageBlobs extends AppPackageBlobs {
  /** The directory the blobs live in (absolute). */
  readonly directory: string;
  /** The file of a blob with this SHA-256, whether or not it exists; throws for anything that is not a SHA-256. */
  pathOf(sha256: string): string;
  /**
   * Removes unfinished uploads older than `before`: what a process killed mid-upload left. Only old
   * ones, because on shared storage another server may be writing a fresh one right now.
   */
  removeStaleUploads(before: Date): Promise<number>;
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');
}

async function removeQuietly(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
}

/** Sets a file's modification time to now; false when it vanished meanwhile (a sweep on another node). */
async function touch(path: string): Promise<boolean> {
  const now = new Date();
  try {
    await utimes(path, now, now);
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

/**
 * Makes a rename or unlink in `directory` durable. Some file systems (and Windows) cannot open a
 * directory for fsync; there the rename is as durable as the platform makes it.
 */
async function syncDirectory(directory: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(directory, constants.O_RDONLY);
    await handle.sync();
  } catch {
    // Best effort: see above.
  } finally {
    await handle?.close();
  }
}

/**
 * Package blobs as files: `<directory>/<first two hex digits>/<sha256>`, 256 subdirectories at most
 * so no directory grows to millions of entries. A write streams into `incoming/` while it hashes,
 * is fsynced, then renamed into place, so readers see a blob complete or not at all, on one host
 * or on every node sharing the directory (NFS and SMB rename atomically within one export).
 */
export function createFsAppPackageBlobs(directory: string): FsAppPackageBlobs {
  const incoming = join(directory, incomingDirectoryName);

  const pathOf = (sha256: string): string => {
    // The name reaches the file system: only a SHA-256 may, never `..` or a separator.
    if (!isAppPackageSha256(sha256)) throw new TypeError(`not a SHA-256: ${JSON.stringify(sha256.slice(0, 80))}`);
    return join(directory, sha256.slice(0, 2), sha256);
  };

  const statBlob = async (sha256: string): Promise<ListedAppPackageBlob | undefined> => {
    if (!isAppPackageSha256(sha256)) return undefined;
    try {
      const found = await stat(pathOf(sha256));
      return found.isFile() ? { sha256, size: found.size, modifiedAt: found.mtime } : undefined;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  };

  const openHandle = async (sha256: string): Promise<FileHandle | undefined> => {
    if (!isAppPackageSha256(sha256)) return undefined;
    try {
      return await open(pathOf(sha256), 'r');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  };

  return {
    directory,
    pathOf,

    async write(bytes, options: AppPackageBlobWriteOptions) {
      await mkdir(incoming, { recursive: true, mode: 0o700 });
      const temporary = join(incoming, `${randomUUID()}.part`);
      const handle = await open(temporary, 'wx', 0o600);
      const hash = createHash('sha256');
      let size = 0;
      let closed = false;
      try {
        // Iterated by hand: a `for await` that breaks off would call the source's `return()`, and
        // an HTTP request stream destroys its socket then, before the 413 could be answered.
        const source = bytes[Symbol.asyncIterator]();
        for (;;) {
          const next = await source.next();
          if (next.done === true) break;
          const chunk = next.value;
          size += chunk.byteLength;
          if (size > options.maxBytes) {
            return fail('PAYLOAD_TOO_LARGE', `The package is larger than the limit of ${options.maxBytes} bytes.`, { maxBytes: options.maxBytes });
          }
          hash.update(chunk);
          await handle.write(chunk);
        }
        const sha256 = hash.digest('hex');
        if (options.expectedSha256 !== undefined && options.expectedSha256 !== sha256) {
          return fail('APP_PACKAGE_DIGEST_MISMATCH', 'The package does not have the SHA-256 its sender declared.', { expected: options.expectedSha256, actual: sha256 });
        }
        await handle.sync();
        await handle.close();
        closed = true;
        const target = pathOf(sha256);
        const existing = await statBlob(sha256);
        if (existing?.size === size && (await touch(target))) {
          // The same bytes are stored already; the touch tells a sweep, which spares recent blobs,
          // that an upload is about to reference them.
          return ok({ sha256, size, created: false });
        }
        await mkdir(join(directory, sha256.slice(0, 2)), { recursive: true, mode: 0o700 });
        // A blob of the wrong size under this name (a disk that lost a write) is replaced; versions
        // may reference it, so it does not count as created. One that vanished since `stat` does.
        await rename(temporary, target);
        await syncDirectory(join(directory, sha256.slice(0, 2)));
        return ok({ sha256, size, created: existing === undefined || existing.size === size });
      } finally {
        if (!closed) await handle.close();
        await removeQuietly(temporary);
      }
    },

    stat: statBlob,

    async open(sha256: string, range?: AppPackageByteRange): Promise<OpenedAppPackageBlob | undefined> {
      const handle = await openHandle(sha256);
      if (handle === undefined) return undefined;
      try {
        const { size } = await handle.stat();
        if (range !== undefined && (!Number.isSafeInteger(range.start) || !Number.isSafeInteger(range.end) || range.start < 0 || range.end < range.start || range.end >= size)) {
          throw new RangeError(`bytes ${range.start}-${range.end} are outside a blob of ${size} bytes`);
        }
        if (size === 0) {
          // An empty blob has no last byte for a read stream to end at.
          await handle.close();
          return { size, bytes: Readable.from([]) };
        }
        return { size, bytes: handle.createReadStream({ start: range?.start ?? 0, end: range?.end ?? size - 1, autoClose: true, highWaterMark: 256 * 1024 }) };
      } catch (error) {
        await handle.close();
        throw error;
      }
    },

    async openReader(sha256: string): Promise<AppPackageBlobReader | undefined> {
      const handle = await openHandle(sha256);
      if (handle === undefined) return undefined;
      let size: number;
      try {
        ({ size } = await handle.stat());
      } catch (error) {
        await handle.close();
        throw error;
      }
      return {
        size,
        async read(offset: number, length: number): Promise<Uint8Array> {
          if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) throw new RangeError('offset and length must be non-negative integers');
          const wanted = Math.max(0, Math.min(length, size - offset));
          const buffer = new Uint8Array(wanted);
          let filled = 0;
          // A positioned read may return fewer bytes than asked: loop until the range or the file ends.
          while (filled < wanted) {
            const { bytesRead } = await handle.read(buffer, filled, wanted - filled, offset + filled);
            if (bytesRead === 0) break;
            filled += bytesRead;
          }
          return filled === wanted ? buffer : buffer.subarray(0, filled);
        },
        close: () => handle.close(),
      };
    },

    async delete(sha256: string): Promise<boolean> {
      if (!isAppPackageSha256(sha256)) return false;
      try {
        await unlink(pathOf(sha256));
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
      await syncDirectory(join(directory, sha256.slice(0, 2)));
      return true;
    },

    async *list(): AsyncIterable<ListedAppPackageBlob> {
      let prefixes: string[];
      try {
        prefixes = await readdir(directory);
      } catch (error) {
        if (isMissing(error)) return;
        throw error;
      }
      for (const prefix of prefixes.sort()) {
        if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
        let names: string[];
        try {
          names = await readdir(join(directory, prefix));
        } catch (error) {
          if (isMissing(error)) continue;
          throw error;
        }
        for (const name of names.sort()) {
          if (!isAppPackageSha256(name) || !name.startsWith(prefix)) continue;
          try {
            const found = await stat(join(directory, prefix, name));
            if (found.isFile()) yield { sha256: name, size: found.size, modifiedAt: found.mtime };
          } catch (error) {
            // Removed between the listing and now (another node's sweep).
            if (!isMissing(error)) throw error;
          }
        }
      }
    },

    async removeStaleUploads(before: Date): Promise<number> {
      let names: string[];
      try {
        names = await readdir(incoming);
      } catch (error) {
        if (isMissing(error)) return 0;
        throw error;
      }
      let removed = 0;
      for (const name of names) {
        if (!name.endsWith('.part')) continue;
        const path = join(incoming, name);
        try {
          if ((await stat(path)).mtime < before) {
            await unlink(path);
            removed += 1;
          }
        } catch (error) {
          if (!isMissing(error)) throw error;
        }
      }
      return removed;
    },
  };
}
