import { createReadStream, statSync } from 'node:fs';
import { parse } from 'csv-parse';
import type { ImportRow } from '@ward/core';
import type { ProgressReporter } from './progress-reporter.js';

/** The rows of a CSV file and its header. */
export interface CsvRows {
  readonly columns: readonly string[];
  readonly rows: readonly ImportRow[];
}

/**
 * Reads a CSV file with a header row into import rows (header → cell), streaming, with progress
 * in bytes. Each row keeps the line it started on, for error messages. A UTF-8 byte order mark
 * (Excel writes one) is skipped; header names are trimmed; empty lines are skipped.
 */
export async function readCsvRows(path: string, progress?: ProgressReporter): Promise<CsvRows> {
  const size = statSync(path).size;
  const input = createReadStream(path);
  let read = 0;
  input.on('data', (chunk) => {
    read += chunk.length;
    progress?.update(read, size);
  });
  let columns: string[] = [];
  const parser = input.pipe(
    parse({
      bom: true,
      skip_empty_lines: true,
      info: true,
      columns: (header: string[]) => {
        columns = header.map((h) => h.trim());
        return columns;
      },
    }),
  );
  const rows: ImportRow[] = [];
  for await (const record of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    // `info.lines` is the line the record ends on; records spanning lines are rare in directories.
    rows.push({ line: record.info.lines, cells: record.record });
  }
  progress?.finish();
  return { columns, rows };
}
