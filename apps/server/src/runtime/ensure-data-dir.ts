import { mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Creates the data directory (and parents) when missing, readable only by the owner because it
 * holds the master key and the CA. Returns its absolute path. An existing directory's mode is left
 * alone: the operator may have chosen it; `ward doctor` warns when others can read it.
 */
export function ensureDataDir(dataDir: string): string {
  const path = resolve(dataDir);
  mkdirSync(path, { recursive: true, mode: 0o700 });
  if (!statSync(path).isDirectory()) throw new Error(`The data directory ${path} is not a directory.`);
  return path;
}
