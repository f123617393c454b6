import { existsSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { databaseTargetOf } from '../../runtime/database-target.js';
import { appPackageDirectoryOf } from '../../runtime/app-package-files.js';
import { dataFiles } from '../../runtime/data-files.js';
import { CliExit, exitCodes } from '../cli-exit.js';
import type { CliIo } from '@ward/cli-kit';
import { addConfigFlags, commonConfigKeys, configFromFlags } from '../command-config.js';
import { describeError } from '../describe-error.js';
import { createProgressReporter } from '../progress-reporter.js';

interface BackupOptions {
  readonly out: string;
  readonly force?: boolean;
}

/**
 * What to say on PostgreSQL. Exit status 2: no backup was made, and a cron job that runs
 * `ward backup` must notice that rather than believe it has one.
 */
const postgresAdvice = [
  'ward backup copies SQLite databases only; this server uses PostgreSQL, so no backup was made.',
  'Back PostgreSQL up with its own tools:',
  '  pg_dump --format=custom --file=ward.dump "$WARD_DATABASE_URL"   (logical: one consistent snapshot)',
  '  pg_basebackup with WAL archiving                                 (physical: point-in-time recovery)',
  'The CA and the command-signing key are in the database, sealed under the master key: keep the master key (WARD_MASTER_KEY) apart from the backup.',
  'Uploaded app packages are files in WARD_APP_PACKAGE_DIR, not rows: copy that directory too (its files never change once written, so rsync -a works while Ward runs).',
];

/**
 * `ward backup --out FILE`: an online, consistent copy of the SQLite database, made with SQLite's
 * backup API while the server keeps running, then checked with `PRAGMA quick_check`.
 */
export function backupCommand(program: Command, io: CliIo): Command {
  const command = program
    .command('backup')
    .description('Copy the SQLite database to a file while Ward runs (online backup). On PostgreSQL, says which tools to use and exits 2.')
    .requiredOption('--out <file>', 'where to write the backup')
    .option('--force', 'overwrite the file if it exists');
  addConfigFlags(command, commonConfigKeys);
  return command.action(async (options: BackupOptions & Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    const dataDir = resolve(config.dataDir);
    const target = databaseTargetOf(config.databaseUrl, dataDir);
    if (target.dialect === 'postgres' || target.sqlitePath === undefined) throw new CliExit(exitCodes.usage, postgresAdvice);
    const source = target.sqlitePath;
    const out = resolve(options.out);
    if (!existsSync(source)) throw new CliExit(exitCodes.usage, [`There is no database at ${source} to back up.`]);
    if (existsSync(out) && options.force !== true) throw new CliExit(exitCodes.usage, [`${out} exists; choose another --out or add --force.`]);
    if (out === source) throw new CliExit(exitCodes.usage, ['--out names the database itself.']);

    // Written beside the target and renamed at the end, so an interrupted backup never looks complete.
    const partial = `${out}.partial`;
    rmSync(partial, { force: true });
    const progress = createProgressReporter(`Backing up ${source}`, { stream: io.stderr, unit: 'pages' });
    // Loaded here, not at the top: every `ward` command would otherwise pay for the native module.
    const { backupSqlite } = await import('../../runtime/backup-sqlite.js');
    let check: string;
    try {
      check = await backupSqlite(source, partial, (done, total) => { progress.update(done, total); });
      progress.finish();
    } catch (error) {
      rmSync(partial, { force: true });
      throw new CliExit(exitCodes.failure, [`The backup failed: ${describeError(error)}`], { cause: error });
    }
    if (check !== 'ok') {
      rmSync(partial, { force: true });
      throw new CliExit(exitCodes.failure, [`The copy failed its integrity check (${check}); no backup was written.`]);
    }
    renameSync(partial, out);
    io.stdout.write(`Backed up ${source} to ${out}.\n`);
    // Packages are content-addressed files beside the database, never rewritten: a plain copy of the
    // directory is consistent at any moment, and the database only names them by SHA-256.
    io.stderr.write(`Uploaded app packages are files, not rows: copy ${appPackageDirectoryOf(config, dataDir)} too (its files never change once written, so rsync -a works while Ward runs).\n`);
    io.stderr.write(
      `The database's secrets are encrypted: keep the master key (${config.masterKey === undefined ? join(dataDir, dataFiles.masterKey) : 'WARD_MASTER_KEY'}) apart from this backup: without it the CA and the command-signing key in the backup cannot be opened.\n`,
    );
  });
}
