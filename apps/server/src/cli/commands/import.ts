import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { groupImportColumns, importGroups, importUsers, userImportColumns, type ImportProblem, type ImportSummary } from '@ward/core';
import { CliExit, exitCodes } from '../cli-exit.js';
import type { CliIo } from '@ward/cli-kit';
import { addConfigFlags, commonConfigKeys, configFromFlags } from '../command-config.js';
import { describeError } from '../describe-error.js';
import { exitOnFailure } from '../exit-on-failure.js';
import { createProgressReporter } from '../progress-reporter.js';
import { readCsvRows, type CsvRows } from '../read-csv-rows.js';
import { withWard } from '../with-ward.js';

type Kind = 'users' | 'groups';

const knownColumns: Readonly<Record<Kind, readonly string[]>> = { users: userImportColumns, groups: groupImportColumns };

function problemLines(details: Readonly<Record<string, unknown>> | undefined): string[] {
  const problems = Array.isArray(details?.problems) ? (details.problems as ImportProblem[]) : [];
  return problems.map((p) => `  line ${p.line}${p.field === undefined ? '' : `, ${p.field}`}: ${p.message}`);
}

async function readFile(io: CliIo, kind: Kind, file: string): Promise<CsvRows> {
  if (!existsSync(file)) throw new CliExit(exitCodes.usage, [`No such file: ${file}`]);
  try {
    return await readCsvRows(file, createProgressReporter(`Reading ${file}`, { stream: io.stderr, unit: 'bytes' }));
  } catch (error) {
    throw new CliExit(exitCodes.failure, [`${file} is not a readable CSV file: ${describeError(error)}`], { cause: error });
  }
}

/**
 * `ward import users|groups FILE.csv`: bulk directory changes from CSV. The whole file is
 * validated first and then applied in one transaction, so a refused file or a killed import
 * leaves the directory as it was.
 */
export function importCommand(program: Command, io: CliIo): Command {
  const command = program.command('import').description('Import users or groups from a CSV file with a header row (all or nothing).');
  for (const kind of ['users', 'groups'] as const) {
    const sub = command
      .command(kind)
      .argument('<file>', 'CSV file with a header row')
      .description(
        kind === 'users'
          ? `Create or update users by e-mail. Columns: ${userImportColumns.join(', ')}, attr.NAME (groups: ;-separated static group names).`
          : `Create or update groups by name. Columns: ${groupImportColumns.join(', ')} (members: ;-separated e-mails or device ids).`,
      );
    addConfigFlags(sub, commonConfigKeys);
    sub.action(async (file: string, options: Record<string, unknown>) => {
      const config = configFromFlags(io, options);
      const csv = await readFile(io, kind, file);
      const unknown = csv.columns.filter((c) => !knownColumns[kind].includes(c) && !(kind === 'users' && c.startsWith('attr.')));
      if (unknown.length > 0) io.stderr.write(`Ignoring unknown columns: ${unknown.join(', ')} (known: ${knownColumns[kind].join(', ')})\n`);
      if (csv.rows.length === 0) throw new CliExit(exitCodes.usage, [`${file} has a header but no rows; nothing to import.`]);
      await withWard(io, config, async ({ runtime, principal }) => {
        const progress = createProgressReporter(`Importing ${kind}`, { stream: io.stderr, total: csv.rows.length, unit: 'rows' });
        const onProgress = (done: number, total: number): void => { progress.update(done, total); };
        const result = kind === 'users' ? await importUsers(runtime.deps, principal, csv.rows, onProgress) : await importGroups(runtime.deps, principal, csv.rows, onProgress);
        if (!result.ok) {
          io.stderr.write(`${result.message}\n${problemLines(result.details).join('\n')}\n`);
          exitOnFailure({ ...result, message: `Nothing was imported from ${file}.` });
        }
        progress.finish();
        io.stdout.write(summaryLine(kind, result.value));
      });
    });
  }
  return command;
}

function summaryLine(kind: Kind, summary: ImportSummary): string {
  return `Imported ${kind}: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.memberships} memberships added.\n`;
}
