import { describe, expect, it } from 'vitest';
import { readCsvRows } from './csv-rows.js';

describe('readCsvRows', () => {
  it('reads rows as header → cell with their line numbers', () => {
    const result = readCsvRows('\uFEFFemail, displayName\r\na@b.test,"Smith, Ann"\n\nc@d.test,"two\nlines"\ne@f.test,Eve\n');
    expect(result).toEqual({
      ok: true,
      value: [
        { line: 2, cells: { email: 'a@b.test', displayName: 'Smith, Ann' } },
        { line: 5, cells: { email: 'c@d.test', displayName: 'two\nlines' } },
        { line: 6, cells: { email: 'e@f.test', displayName: 'Eve' } },
      ],
    });
  });

  it('refuses files that are not CSV or have a bad header', () => {
    expect(readCsvRows('')).toMatchObject({ ok: false, code: 'IMPORT_INVALID' });
    expect(readCsvRows('a,b\n1,2,3\n')).toMatchObject({ ok: false, code: 'IMPORT_INVALID', details: { problems: [{ line: 2 }] } });
    expect(readCsvRows('a,"b\n1,2\n')).toMatchObject({ ok: false, code: 'IMPORT_INVALID' });
    expect(readCsvRows('a,,b\n1,2,3\n')).toMatchObject({ ok: false, message: 'A column in the header line has no name.' });
    expect(readCsvRows('a,a\n1,2\n')).toMatchObject({ ok: false, message: 'The column a appears twice.' });
    expect(readCsvRows(`${Array.from({ length: 101 }, (_, i) => `c${i}`).join(',')}\n`)).toMatchObject({ ok: false, code: 'IMPORT_INVALID' });
  });

  it('answers no rows for a header alone', () => {
    expect(readCsvRows('email,displayName\n')).toEqual({ ok: true, value: [] });
  });
});
