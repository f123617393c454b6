import type { Command } from 'commander';
import { loadConfig } from '../../config/load-config.js';
import type { DoctorCheck } from '../../doctor/doctor-check.js';
import { CliExit, exitCodes } from '../cli-exit.js';
import type { CliIo } from '@ward/cli-kit';
import { addConfigFlags, configSourcesOf, flaggedConfigKeys } from '../command-config.js';

const line = (check: DoctorCheck): string => `${check.ok ? '✔' : '✖'} ${check.title}: ${check.detail}\n`;

/**
 * `ward doctor`: checks what `ward serve` needs (configuration, data directory and master key,
 * database and migrations, clock, CA, TLS certificate) and prints a ✔ or ✖ line for each; exit
 * status 1 when any fails. A configuration problem is a failed check here, not status 2.
 */
export function doctorCommand(program: Command, io: CliIo): Command {
  const command = program.command('doctor').description('Check configuration, data directory, database and migrations, clock, CA and TLS certificate; exits 1 if any check fails.');
  addConfigFlags(command, flaggedConfigKeys);
  return command.action(async (options: Record<string, unknown>) => {
    const loaded = loadConfig(configSourcesOf(io, options));
    if (!loaded.ok) {
      for (const error of loaded.errors) io.stdout.write(`✖ Configuration: ${error}\n`);
      throw new CliExit(exitCodes.failure, ['The configuration is invalid; the other checks need a valid one.']);
    }
    const { runDoctor } = await import('../../doctor/run-doctor.js');
    const checks = await runDoctor(loaded.config, loaded.configFile);
    for (const check of checks) io.stdout.write(line(check));
    const failures = checks.filter((c) => !c.ok).length;
    if (failures > 0) throw new CliExit(exitCodes.failure, [`${failures} of ${checks.length} checks failed.`]);
    io.stdout.write(`All ${checks.length} checks passed.\n`);
  });
}
