import { Command, CommanderError } from 'commander';
import { agentVersion } from '../version.js';
import { CliExit, exitCodes } from './cli-exit.js';
import { processIo, type CliIo } from './cli-io.js';
import { collectCommand } from './commands/collect-command.js';
import { enrollCommand } from './commands/enroll-command.js';
import { installServiceCommand } from './commands/install-service-command.js';
import { runCommand } from './commands/run-command.js';
import { statusCommand } from './commands/status-command.js';
import { uninstallServiceCommand } from './commands/uninstall-service-command.js';
import { describeError } from './describe-error.js';

/** The `ward-agent` command and its subcommands. */
export function createProgram(io: CliIo): Command {
  const program = new Command('ward-agent')
    .description('The Ward device agent: enrolls this machine with a Ward server, reports its inventory and runs remote actions.')
    .version(agentVersion)
    .option('--root <dir>', 'keep every file the agent reads or writes under <dir> instead of / (for tests and trying it out)')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (text) => void io.stdout.write(text), writeErr: (text) => void io.stderr.write(text) })
    // Commander would call process.exit; main decides the status so that open resources close first.
    .exitOverride();
  enrollCommand(program, io);
  runCommand(program, io);
  installServiceCommand(program, io);
  uninstallServiceCommand(program, io);
  statusCommand(program, io);
  collectCommand(program, io);
  return program;
}

/**
 * Runs the `ward-agent` CLI on `argv` (as `process.argv`: node, script, then arguments) and sets
 * `process.exitCode`: 0 done, 1 failed, 2 bad usage or configuration, 3 not enrolled. Returns the
 * status as well.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let code: number = exitCodes.ok;
  try {
    await createProgram(io).parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CliExit) {
      for (const line of error.lines) io.stderr.write(`${line}\n`);
      code = error.exitCode;
    } else if (error instanceof CommanderError) {
      // Help and version end with status 0; usage errors (already printed by commander) with 2.
      code = error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    } else {
      io.stderr.write(`ward-agent: ${describeError(error)}\n`);
      if (error instanceof Error && error.stack !== undefined && io.env.WARD_DEBUG !== undefined) io.stderr.write(`${error.stack}\n`);
      code = exitCodes.failure;
    }
  }
  process.exitCode = code;
  return code;
}
