import { configureProgram, processIo, runProgram, type CliIo } from '@ward/cli-kit';
import { Command } from 'commander';
import { agentVersion } from '../version.js';
import { collectCommand } from './commands/collect-command.js';
import { enrollCommand } from './commands/enroll-command.js';
import { installServiceCommand } from './commands/install-service-command.js';
import { runCommand } from './commands/run-command.js';
import { signInAssertionCommand } from './commands/sign-in-assertion-command.js';
import { statusCommand } from './commands/status-command.js';
import { uninstallServiceCommand } from './commands/uninstall-service-command.js';
import { describeError } from './describe-error.js';

/** The `ward-agent` command and its subcommands. */
export function createProgram(io: CliIo): Command {
  const program = configureProgram(new Command('ward-agent')
    .description('The Ward device agent: enrolls this machine with a Ward server, reports its inventory and runs remote actions.')
    .version(agentVersion)
    .option('--root <dir>', 'keep every file the agent reads or writes under <dir> instead of / (for tests and trying it out)'), io);
  enrollCommand(program, io);
  runCommand(program, io);
  installServiceCommand(program, io);
  uninstallServiceCommand(program, io);
  statusCommand(program, io);
  collectCommand(program, io);
  signInAssertionCommand(program, io);
  return program;
}

/**
 * Runs the `ward-agent` CLI on `argv` (as `process.argv`: node, script, then arguments) and sets
 * `process.exitCode`: 0 done, 1 failed, 2 bad usage or configuration, 3 not enrolled. Returns the
 * status as well.
 */
export function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  return runProgram(createProgram(io), argv, io, { name: 'ward-agent', describeError });
}
