import { rm } from 'node:fs/promises';
import type { AgentPaths } from '../config/agent-paths.js';
import { resolveUnderRoot } from '../config/resolve-under-root.js';

/**
 * What `retire` removes before the identity: the managed corporate data folders named in
 * `managedPaths` (relocated under the agent's root) and Ward's configuration folder. Returns one
 * line per folder that could not be removed; an empty list means all are gone.
 */
export async function removeManagedData(paths: AgentPaths, managedPaths: readonly string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const hostPath of managedPaths) {
    const target = resolveUnderRoot(paths.root, hostPath);
    // Never the root itself, whatever the configuration says.
    if (target === undefined || target === paths.root) {
      problems.push(`${hostPath}: not a folder the agent may remove`);
      continue;
    }
    await rm(target, { recursive: true, force: true }).catch((error: unknown) => void problems.push(`${hostPath}: ${(error as Error).message}`));
  }
  await rm(paths.configDir, { recursive: true, force: true }).catch((error: unknown) => void problems.push(`${paths.configDir}: ${(error as Error).message}`));
  return problems;
}
