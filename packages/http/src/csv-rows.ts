import { CsvError, parse } from 'csv-parse/sync';
import { fail, ok, type ImportRow, type Result } from '@ward/core';

/** At most this many columns; a wider file is not a directory export. */
const maxColumns = 100;

interface ParsedRecord {
  readonly info: { readonly lines: number };
  readonly record: string[];
}

/**
 * Reads an import file: RFC 4180 CSV (UTF-8, optional BOM) whose first line names the columns.
 * Returns the data rows as header → cell with their line numbers, which is what core's importers
 * take; the importers decide what the columns mean.
 */
export function readCsvRows(text: string): Result<ImportRow[], 'IMPORT_INVALID'> {
  let records: ParsedRecord[];
  try {
    // With `info: true` csv-parse returns `{ info, record }` pairs, which its overloads do not model.
    // Any line ending, even mixed: files pass through editors on every platform.
    records = parse(text, { bom: true, info: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n', '\r'] }) as unknown as ParsedRecord[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === 'number' ? error.lines : 0;
    return fail('IMPORT_INVALID', `The file is not valid CSV (line ${line}): ${error.message}`, { problems: [{ line, message: error.message }] });
  }
  const [head, ...body] = records;
  if (head === undefined) return fail('IMPORT_INVALID', 'The file is empty; the first line must name the columns.', { problems: [{ line: 1, message: 'no header line' }] });
  const header = head.record.map((name) => name.trim());
  if (header.length > maxColumns) return fail('IMPORT_INVALID', `The file has ${header.length} columns; at most ${maxColumns} are read.`, { problems: [{ line: 1, message: 'too many columns' }] });
  const duplicate = header.find((name, i) => name === '' || header.indexOf(name) !== i);
  if (duplicate !== undefined) {
    return fail('IMPORT_INVALID', duplicate === '' ? 'A column in the header line has no name.' : `The column ${duplicate.slice(0, 64)} appears twice.`, { problems: [{ line: 1, message: 'bad header' }] });
  }
  return ok(
    body.map(({ info, record }) => ({
      line: info.lines,
      cells: Object.fromEntries(header.map((name, i) => [name, record[i] ?? ''])),
    })),
  );
}
