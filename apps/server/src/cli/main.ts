import { Command, CommanderError } from 'commander';
import { wardVersion } from '../version.js';
import { CliExit, exitCodes } from './cli-exit.js';
import { processIo, type CliIo } from './cli-io.js';
import { adminCommand } from './commands/admin.js';
import { auditCommand } from './commands/audit.js';
import { backupCommand } from './commands/backup.js';
import { deviceCommand } from './commands/device.js';
import { doctorCommand } from './commands/doctor.js';
import { enrollmentTokenCommand } from './commands/enrollment-token.js';
import { importCommand } from './commands/import.js';
import { migrateCommand } from './commands/migrate.js';
import { serveCommand } from './commands/serve.js';
import { tokenCommand } from './commands/token.js';
import { describeError } from './describe-error.js';

/** The `ward` command and its subcommands. */
export function createProgram(io: CliIo): Command {
  const program = new Command('ward')
    .description('Ward: self-hosted enterprise mobility management. Every option can also be set as a WARD_* variable or in a config file (docs/configuration.md).')
    .version(wardVersion)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (text) => void io.stdout.write(text), writeErr: (text) => void io.stderr.write(text) })
    // Commander would call process.exit; main decides the status so that open resources close first.
    .exitOverride();
  serveCommand(program, io);
  migrateCommand(program, io);
  adminCommand(program, io);
  tokenCommand(program, io);
  enrollmentTokenCommand(program, io);
  deviceCommand(program, io);
  importCommand(program, io);
  auditCommand(program, io);
  backupCommand(program, io);
  doctorCommand(program, io);
  return program;
}

/**
 * Runs the `ward` CLI on `argv` (as `process.argv`: node, script, then arguments) and sets
 * `process.exitCode`: 0 done, 1 the command found a problem, 2 it could not run as asked
 * (configuration or usage). Returns the status as well.
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
      io.stderr.write(`ward: ${describeError(error)}\n`);
      if (error instanceof Error && error.stack !== undefined && io.env.WARD_DEBUG !== undefined) io.stderr.write(`${error.stack}\n`);
      code = exitCodes.failure;
    }
  }
  process.exitCode = code;
  return code;
}
