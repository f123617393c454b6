import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A temporary folder laid out like a machine's root. */
export interface TempRoot {
  readonly path: string;
  /** Writes a file at an absolute machine path (e.g. '/etc/os-release') inside the root. */
  write(path: string, content: string | Uint8Array): Promise<void>;
  remove(): Promise<void>;
}

/** Creates an empty temporary root. */
export async function createTempRoot(): Promise<TempRoot> {
  const path = await mkdtemp(join(tmpdir(), 'ward-inventory-root-'));
  return {
    path,
    async write(file, content) {
      const target = join(path, file);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, content);
    },
    remove: () => rm(path, { recursive: true, force: true }),
  };
}
