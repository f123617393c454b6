import { isAbsolute, relative, resolve } from 'node:path';

/**
 * The host path `hostPath` (absolute, as on the real machine) relocated under `root`, or undefined
 * when it is not absolute or would escape `root` (`..`). Used for paths from configuration, such as
 * managed data folders, so `--root` relocates them too and a typo cannot point outside.
 */
export function resolveUnderRoot(root: string, hostPath: string): string | undefined {
  if (!isAbsolute(hostPath) && !/^[A-Za-z]:[\\/]/.test(hostPath)) return undefined;
  // A Windows drive path becomes a folder under the root: C:\Corp -> <root>/C/Corp.
  const withoutDrive = hostPath.replace(/^([A-Za-z]):[\\/]/, '/$1/');
  const base = resolve(root);
  const target = resolve(base, `.${withoutDrive.startsWith('/') ? '' : '/'}${withoutDrive}`);
  const rel = relative(base, target);
  if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return target;
}
