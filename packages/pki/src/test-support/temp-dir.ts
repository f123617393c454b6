import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temporary directory and the function that removes it. */
export interface TempDir {
  readonly path: string;
  remove(): Promise<void>;
}

/** Creates a private temporary directory for files handed to the `openssl` CLI. */
export async function createTempDir(): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), 'ward-pki-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}
