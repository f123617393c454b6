import { configureProgram, processIo, runProgram, type CliIo } from '@ward/cli-kit';
import { Command } from 'commander';
import { wardVersion } from '../version.js';
import { adminCommand } from './commands/admin.js';
import { appProtectionCommand } from './commands/app-protection.js';
import { appRegistrationCommand } from './commands/app-registration.js';
import { appCommand } from './commands/app.js';
import { appleCommand } from './commands/apple.js';
import { auditCommand } from './commands/audit.js';
import { backupCommand } from './commands/backup.js';
import { deviceCommand } from './commands/device.js';
import { doctorCommand } from './commands/doctor.js';
import { enrollmentTokenCommand } from './commands/enrollment-token.js';
import { importCommand } from './commands/import.js';
import { migrateCommand } from './commands/migrate.js';
import { policyCommand } from './commands/policy.js';
import { relyingPartyCommand } from './commands/relying-party.js';
import { serveCommand } from './commands/serve.js';
import { tokenCommand } from './commands/token.js';
import { upstreamProviderCommand } from './commands/upstream-provider.js';
import { describeError } from './describe-error.js';

/** The `ward` command and its subcommands. */
export function createProgram(io: CliIo): Command {
  const program = configureProgram(new Command('ward')
    .description('Ward: self-hosted enterprise mobility management. Every option can also be set as a WARD_* variable or in a config file (docs/configuration.md).')
    .version(wardVersion), io);
  serveCommand(program, io);
  migrateCommand(program, io);
  adminCommand(program, io);
  tokenCommand(program, io);
  enrollmentTokenCommand(program, io);
  deviceCommand(program, io);
  importCommand(program, io);
  policyCommand(program, io);
  appCommand(program, io);
  relyingPartyCommand(program, io);
  upstreamProviderCommand(program, io);
  appProtectionCommand(program, io);
  appRegistrationCommand(program, io);
  appleCommand(program, io);
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
export function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  return runProgram(createProgram(io), argv, io, { name: 'ward', describeError });
}
