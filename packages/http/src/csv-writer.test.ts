import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { csvCell, csvChunks, csvLine } from './csv-writer.js';

async function collect(chunks: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return out;
}

describe('csvCell', () => {
  it('quotes cells holding quotes, commas or line breaks and doubles their quotes (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('Smith, Ann')).toBe('"Smith, Ann"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
  });

  it('defuses text a spreadsheet would run as a formula with a leading quote', () => {
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('+SUM(A1)')).toBe("'+SUM(A1)");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\r=x')).toBe('"\'\r=x"');
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes numbers, booleans, dates and absent values as they are', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(new Date('2025-03-01T09:00:00Z'))).toBe('2025-03-01T09:00:00.000Z');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvLine(['a', 1, null, 'b,c'])).toBe('a,1,,"b,c"\r\n');
  });
});

describe('csvChunks', () => {
  it('writes the byte order mark and header, then one chunk per non-empty page, which parse back', async () => {
    const table = { columns: ['name', 'count'], cells: (r: { name: string; count: number }) => [r.name, r.count] };
    function* pages() {
      yield [{ name: '=evil', count: 1 }, { name: 'Smith, "Ann"', count: 2 }];
      yield [];
      yield [{ name: 'line\nbreak', count: -1 }];
    }
    const chunks = await collect(csvChunks(table, pages()));
    expect(chunks).toHaveLength(3);
    expect(chunks[0]).toBe('\uFEFFname,count\r\n');
    const records: string[][] = parse(chunks.join(''), { bom: true, record_delimiter: '\r\n' });
    expect(records).toEqual([['name', 'count'], ["'=evil", '1'], ['Smith, "Ann"', '2'], ['line\nbreak', '-1']]);
  });

  it('passes on a failure of a later page to whoever reads the stream', async () => {
    function* pages() {
      yield [{ n: 1 }];
      throw new Error('page 2 failed');
    }
    await expect(collect(csvChunks({ columns: ['n'], cells: (r: { n: number }) => [r.n] }, pages()))).rejects.toThrow('page 2 failed');
  });
});
