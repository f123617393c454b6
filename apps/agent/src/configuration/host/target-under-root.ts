import { lstat, realpath } from 'node:fs/promises';
import { isAbsolute, posix, relative, sep } from 'node:path';
import { resolveUnderRoot } from '../../config/resolve-under-root.js';

/** Where a host path lands under the root, and the folders that must be created for it. */
export interface RootTarget {
  /** The path on this machine's file system (`<root>/etc/...`). */
  readonly target: string;
  /** Host paths of missing folders between the deepest existing one and the target, outermost first. */
  readonly missingDirs: readonly string[];
  /** Whether a regular file already sits at the target. */
  readonly exists: boolean;
}

/** A change the agent refuses to make; its message is reported to the server as is. */
export class RefusedChange extends Error {
  override readonly name = 'RefusedChange';
}

/**
 * Resolves `hostPath` (absolute, normalised, as on the real machine) under `root` and checks that
 * writing there cannot leave the root: the deepest existing folder on the way must resolve, through
 * any symbolic links, inside the root, and the target itself must be absent or a regular file (a
 * symbolic link there would redirect the write, a folder or device would be destroyed by it).
 *
 * @throws RefusedChange with the reason.
 */
export async function targetUnderRoot(root: string, hostPath: string): Promise<RootTarget> {
  if (!posix.isAbsolute(hostPath) || posix.normalize(hostPath) !== hostPath || hostPath.endsWith('/')) {
    throw new RefusedChange(`${hostPath} is not an absolute, normalised path`);
  }
  const target = resolveUnderRoot(root, hostPath);
  if (target === undefined) throw new RefusedChange(`${hostPath} is outside the agent's root`);
  const realRoot = await realpath(root);

  const missingDirs: string[] = [];
  let hostDir = posix.dirname(hostPath);
  for (;;) {
    const dir = resolveUnderRoot(root, hostDir);
    if (dir === undefined) throw new RefusedChange(`${hostPath} is outside the agent's root`);
    const stats = await lstat(dir).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    });
    if (stats === undefined) {
      missingDirs.unshift(hostDir);
      hostDir = posix.dirname(hostDir);
      continue;
    }
    const real = await realpath(dir);
    if (!isInside(realRoot, real)) throw new RefusedChange(`${hostDir} leads outside the agent's root (to ${real}) through a symbolic link`);
    const resolved = await lstat(real);
    if (!resolved.isDirectory()) throw new RefusedChange(`${hostDir} is not a folder`);
    break;
  }

  const existing = await lstat(target).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  });
  if (existing?.isSymbolicLink() === true) throw new RefusedChange(`${hostPath} is a symbolic link; Ward does not write through links`);
  if (existing !== undefined && !existing.isFile()) throw new RefusedChange(`${hostPath} exists and is not a regular file`);
  return { target, missingDirs, exists: existing !== undefined };
}

function isInside(base: string, path: string): boolean {
  const rel = relative(base, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}
