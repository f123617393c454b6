import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, rename, rm, stat, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { ensurePrivateDir } from '../storage/ensure-private-dir.js';
import type { PackageFetcher } from './package-fetcher.js';

/** What to download: the plan's `url`, `sha256`, `size` and `format`. */
export interface PackageToDownload {
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
  readonly format: string;
}

/**
 * How a download ended. `permanent` failures (the bytes are not the package the plan names, the
 * server refuses) are reported; the others (the server unreachable, a connection cut) leave the
 * partial file for the next attempt to resume.
 */
export type DownloadResult =
  | { readonly ok: true; readonly file: string }
  | { readonly ok: false; readonly permanent: boolean; readonly error: string };

// Connections cut in the middle are resumed at once this many times before giving up for now.
const ATTEMPTS = 3;
// Space kept free beyond the package itself, so a download never fills the disk to the brim.
const SPARE_BYTES = 64 * 1024 * 1024;

/**
 * Downloads a package into `dir` (the agent's private state folder) as `<sha256>.<format>`,
 * resuming a partial `<sha256>.<format>.part` left by an earlier attempt: `Range` from the
 * partial file's size with `If-Range` naming the expected content (the server's strong ETag is
 * the SHA-256), so a server whose file changed answers 200 and the download restarts from zero.
 * Never writes more than `size` bytes, and hands out the file only once its size and SHA-256 match
 * the plan; a mismatch deletes it.
 */
export async function downloadPackage(fetcher: PackageFetcher, pkg: PackageToDownload, dir: string, signal?: AbortSignal): Promise<DownloadResult> {
  await ensurePrivateDir(dir);
  const file = join(dir, `${pkg.sha256}.${pkg.format}`);
  const part = `${file}.part`;
  if ((await sizeOf(file)) !== undefined) {
    if (await matches(file, pkg)) return { ok: true, file };
    await rm(file, { force: true });
  }
  const permanent = async (error: string, keepPart = false): Promise<DownloadResult> => {
    if (!keepPart) await rm(part, { force: true });
    return { ok: false, permanent: true, error };
  };
  let lastError = 'no attempt made';
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (signal?.aborted === true) return { ok: false, permanent: false, error: 'interrupted: the agent stopped' };
    let have = (await sizeOf(part)) ?? 0;
    if (have > pkg.size) {
      await rm(part, { force: true });
      have = 0;
    }
    if (have === pkg.size) break;
    const free = await freeBytes(dir);
    if (free !== undefined && free < pkg.size - have + SPARE_BYTES) {
      return permanent(`not enough free space in ${dir} for the package: ${pkg.size - have} bytes to download, ${free} free`, true);
    }

    const headers: Record<string, string> = have > 0 ? { range: `bytes=${have}-`, 'if-range': `"${pkg.sha256}"` } : {};
    let response;
    try {
      response = await fetcher.get(pkg.path, headers, signal);
    } catch (error) {
      lastError = `the package download failed: ${(error as Error).message}`;
      continue;
    }
    let append: boolean;
    if (response.status === 206 && have > 0) {
      const range = parseContentRange(response.header('content-range'));
      if (range !== undefined && range.total !== pkg.size) {
        response.discard();
        return permanent(`the server's package has ${range.total} bytes; the plan says ${pkg.size}`);
      }
      if (range?.start !== have || range.end !== pkg.size - 1) {
        // Not the rest of this file: start again from the beginning.
        response.discard();
        await rm(part, { force: true });
        lastError = `the server answered a range other than bytes ${have}-${pkg.size - 1}`;
        continue;
      }
      append = true;
    } else if (response.status === 200) {
      const length = response.header('content-length');
      if (length !== undefined && /^\d+$/.test(length) && Number(length) !== pkg.size) {
        response.discard();
        return permanent(`the server's package has ${length} bytes; the plan says ${pkg.size}`);
      }
      append = false;
    } else if (response.status === 416) {
      response.discard();
      await rm(part, { force: true });
      lastError = 'the server refused the range of the partial download';
      continue;
    } else {
      response.discard();
      const error = `the package download answered HTTP ${response.status}`;
      // 4xx (but a timeout or rate limit) will not change by asking again; 5xx may.
      if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) return permanent(error, true);
      lastError = error;
      continue;
    }

    const written = await receive(response.body, part, append ? have : 0, pkg.size);
    if (written.overflow) return permanent(`the server sent more than the ${pkg.size} bytes the plan says`);
    if (written.error !== undefined) {
      lastError = `the package download was cut after ${written.size} of ${pkg.size} bytes: ${written.error}`;
      continue;
    }
    if (written.size < pkg.size) {
      lastError = `the package download ended after ${written.size} of ${pkg.size} bytes`;
      continue;
    }
    break;
  }
  if ((await sizeOf(part)) !== pkg.size) return { ok: false, permanent: false, error: lastError };
  const sha256 = await sha256Of(part);
  if (sha256 !== pkg.sha256) return permanent(`checksum mismatch: the downloaded package's SHA-256 is ${sha256}; the plan says ${pkg.sha256}`);
  await rename(part, file);
  return { ok: true, file };
}

/** Deletes downloads in `dir` last touched more than `olderThanMs` ago: partial files of versions no longer wanted. */
export async function pruneDownloads(dir: string, olderThanMs: number, now = Date.now()): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const path = join(dir, name);
    const stats = await stat(path).catch(() => undefined);
    if (stats?.isFile() === true && now - stats.mtimeMs > olderThanMs) await rm(path, { force: true });
  }
}

/** Writes `body` to `part` from `offset` on, never past `size`. */
async function receive(body: AsyncIterable<Uint8Array>, part: string, offset: number, size: number): Promise<{ size: number; overflow: boolean; error?: string }> {
  const handle = await open(part, offset > 0 ? 'a' : 'w', 0o600);
  let written = offset;
  try {
    for await (const chunk of body) {
      if (written + chunk.length > size) return { size: written, overflow: true };
      await handle.write(chunk);
      written += chunk.length;
    }
    return { size: written, overflow: false };
  } catch (error) {
    return { size: written, overflow: false, error: (error as Error).message };
  } finally {
    await handle.sync().catch(() => undefined);
    await handle.close();
  }
}

async function matches(file: string, pkg: PackageToDownload): Promise<boolean> {
  return (await sizeOf(file)) === pkg.size && (await sha256Of(file)) === pkg.sha256;
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function sizeOf(file: string): Promise<number | undefined> {
  const stats = await stat(file).catch(() => undefined);
  return stats?.isFile() === true ? stats.size : undefined;
}

async function freeBytes(dir: string): Promise<number | undefined> {
  const stats = await statfs(dir).catch(() => undefined);
  return stats === undefined ? undefined : stats.bavail * stats.bsize;
}

/** `bytes <start>-<end>/<total>` (RFC 9110 §14.4). */
function parseContentRange(value: string | undefined): { start: number; end: number; total: number } | undefined {
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(value?.trim() ?? '');
  if (match === null) return undefined;
  const [start, end, total] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return start <= end && end < total ? { start, end, total } : undefined;
}
