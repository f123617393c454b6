import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Marks temporary files of {@link writeFileAtomic}; readers skip them and cleanup removes them. */
export const TEMP_FILE_SUFFIX = '.tmp';

/**
 * Writes `data` to `path` so that a crash at any moment leaves either the old file or the complete
 * new one, never a torn one: the bytes go to a temporary file in the same folder (created with
 * `mode`, so a private key is never readable by others, not even briefly), are fsync'ed, the file
 * is renamed over `path`, and the folder is fsync'ed so the rename itself survives a power loss.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}${TEMP_FILE_SUFFIX}`);
  const handle = await open(temp, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

/** fsyncs a folder so renames and deletions in it are durable; a no-op where folders cannot be opened (Windows). */
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
