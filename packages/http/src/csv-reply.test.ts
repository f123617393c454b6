import { describe, expect, it } from 'vitest';
import { followPages, wantsCsv } from './csv-reply.js';

describe('wantsCsv', () => {
  it('follows ?format= first, then an Accept header that prefers text/csv', () => {
    expect(wantsCsv('csv', undefined)).toBe(true);
    expect(wantsCsv('json', 'text/csv')).toBe(false);
    expect(wantsCsv(undefined, undefined)).toBe(false);
    expect(wantsCsv(undefined, '')).toBe(false);
    expect(wantsCsv(undefined, 'text/csv')).toBe(true);
    expect(wantsCsv(undefined, 'TEXT/CSV; charset=utf-8')).toBe(true);
    expect(wantsCsv(undefined, 'text/*')).toBe(true);
    expect(wantsCsv(undefined, 'application/json;q=0.5, text/csv')).toBe(true);
    expect(wantsCsv(undefined, 'text/csv;q=0.2, application/json')).toBe(false);
    // Ties and wildcards keep the default.
    expect(wantsCsv(undefined, '*/*')).toBe(false);
    expect(wantsCsv(undefined, 'text/csv, application/json')).toBe(false);
    expect(wantsCsv(undefined, 'text/html')).toBe(false);
    // The most specific range decides: text/csv;q=0 refuses CSV even though text/* allows it.
    expect(wantsCsv(undefined, 'text/*, text/csv;q=0')).toBe(false);
    expect(wantsCsv(undefined, 'text/csv;q=nonsense')).toBe(false);
  });
});

describe('followPages', () => {
  it('yields the first page, then fetches each next one by its cursor until there is none', async () => {
    const asked: string[] = [];
    const pages: (readonly number[])[] = [];
    for await (const page of followPages({ items: [1, 2], nextCursor: 'a' }, (cursor) => {
      asked.push(cursor);
      return Promise.resolve(cursor === 'a' ? { items: [3], nextCursor: 'b' } : { items: [], nextCursor: null });
    })) pages.push(page);
    expect(pages).toEqual([[1, 2], [3], []]);
    expect(asked).toEqual(['a', 'b']);
  });
});
