import { resolve } from 'node:path';
import { execFileRun, type RunCommand } from '@ward/inventory';

// Under a --root other than the host's, the host's tools would read or change another machine than
// the files under the root: a test or a trial run must never reconfigure the host it runs on.
const refuseCommands: RunCommand = (cmd) => Promise.reject(new Error(`commands are not run against a non-host root (${cmd})`));

/**
 * The runner of system tools for an agent rooted at `root`: the real one (`execFileRun`, an
 * argument vector, no shell) when `root` is the host's `/`, and one that refuses every command
 * under any other root. The inventory collector and the configuration appliers share it, so both
 * see the same machine.
 */
export function hostToolRunner(root: string): RunCommand {
  return resolve(root) === resolve('/') ? execFileRun : refuseCommands;
}
