import type { Command } from 'commander';
import { databaseTargetOf } from '../../runtime/database-target.js';
import { ensureDataDir } from '../../runtime/ensure-data-dir.js';
import type { CliIo } from '@ward/cli-kit';
import { addConfigFlags, commonConfigKeys, configFromFlags } from '../command-config.js';

/** `ward migrate`: brings the database schema up to date, one line per migration. */
export function migrateCommand(program: Command, io: CliIo): Command {
  const command = program.command('migrate').description('Apply pending database migrations (serve does this at start too). Safe to run from several hosts at once.');
  addConfigFlags(command, commonConfigKeys);
  return command.action(async (options: Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    const target = databaseTargetOf(config.databaseUrl, ensureDataDir(config.dataDir));
    io.stderr.write(`Migrating ${target.description}\n`);
    const { migrateToLatest, openDatabase } = await import('@ward/store');
    const database = openDatabase(target.open);
    try {
      const started = Date.now();
      const report = await migrateToLatest(database, (progress) => {
        io.stderr.write(progress.phase === 'start' ? `  applying ${progress.migration} …\n` : `  applied  ${progress.migration}\n`);
      });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      io.stdout.write(report.applied.length === 0 ? 'The database schema is up to date; nothing to apply.\n' : `Applied ${report.applied.length} migration(s) in ${seconds} s; the schema is up to date.\n`);
    } finally {
      await database.close();
    }
  });
}
