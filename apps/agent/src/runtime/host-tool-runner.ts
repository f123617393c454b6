import { join, resolve } from 'node:path';
import { execFileRun, type RunCommand } from '@ward/inventory';

// Under a --root other than the host's, the host's tools would read or change another machine than
// the files under the root: a test or a trial run must never reconfigure the host it runs on.
const refuseCommands: RunCommand = (cmd) => Promise.reject(new Error(`commands are not run against a non-host root (${cmd})`));

/**
 * The runner of system tools for an agent rooted at `root`: the real one (`execFileRun`, an
 * argument vector, no shell) when `root` is the host's `/`, and one that refuses every command
 * under any other root but `dpkg-query`, pointed at the root's own package database
 * (`--admindir=<root>/var/lib/dpkg`): it only reads, and it lets the software list show what the
 * app manager installed there with `dpkg --root`. The inventory collector and the configuration
 * appliers share it, so both see the same machine.
 */
export function hostToolRunner(root: string): RunCommand {
  const base = resolve(root);
  if (base === resolve('/')) return execFileRun;
  const admindir = join(base, 'var', 'lib', 'dpkg');
  return (cmd, args, options) => (cmd === 'dpkg-query' ? execFileRun(cmd, [`--admindir=${admindir}`, ...args], options) : refuseCommands(cmd, args, options));
}
