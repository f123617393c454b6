/** What a CSV cell may hold. Dates are written as RFC 3339 UTC; null and undefined as an empty cell. */
export type CsvCell = string | number | boolean | Date | null | undefined;

/** The byte order mark a CSV export starts with, so spreadsheets read it as UTF-8. */
export const csvByteOrderMark = '\uFEFF';

// Spreadsheets run a cell that starts with one of these as a formula (CSV injection, OWASP):
// `=`, `+`, `-`, `@`, and tab or carriage return, which some strip before looking.
const formulaStart = /^[=+\-@\t\r]/;
const needsQuotes = /[",\r\n]/;

/**
 * One cell, escaped per RFC 4180: quoted when it holds a quote, comma or line break, quotes
 * doubled. Text that a spreadsheet would run as a formula gets a leading `'`, which shows the text
 * as text. Numbers are written as they are (a negative count is a number, not a formula).
 */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let text = value instanceof Date ? value.toISOString() : value;
  if (formulaStart.test(text)) text = `'${text}`;
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record: escaped cells joined by commas, ended by CRLF. */
export function csvLine(cells: readonly CsvCell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** A table's columns and how one row fills them. */
export interface CsvTable<Row> {
  readonly columns: readonly string[];
  readonly cells: (row: Row) => readonly CsvCell[];
}

/**
 * The text of a table, a chunk per page of rows: the byte order mark and header first, then each
 * page as it arrives. Pages are pulled one at a time, so a report over a large fleet is written
 * while it is read and never held whole.
 */
export async function* csvChunks<Row>(table: CsvTable<Row>, pages: AsyncIterable<readonly Row[]> | Iterable<readonly Row[]>): AsyncGenerator<string, void, undefined> {
  yield csvByteOrderMark + csvLine(table.columns);
  for await (const rows of pages) {
    if (rows.length > 0) yield rows.map((row) => csvLine(table.cells(row))).join('');
  }
}
