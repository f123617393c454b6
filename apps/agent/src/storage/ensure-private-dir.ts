import { chmod, mkdir } from 'node:fs/promises';

/**
 * Creates `dir` (and missing parents) and makes sure it is mode 0700: the state dir holds the
 * device's private key and scripts about to run, which no other local user may read or replace.
 * An existing folder with looser permissions is tightened rather than trusted.
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') await chmod(dir, 0o700);
}
