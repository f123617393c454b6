import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { Page } from '@ward/core';

/** The formats a report can be asked for with `?format=`. */
export const reportFormats = ['json', 'csv'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/** The media ranges of an Accept header, lower-cased, with their quality (RFC 9110 §12.5.1). */
function mediaRanges(accept: string): { readonly type: string; readonly subtype: string; readonly q: number }[] {
  return accept
    .slice(0, 2000)
    .split(',')
    .map((part) => {
      const [range = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
      const [type = '', subtype = ''] = range.split('/');
      const qParam = params.find((p) => p.startsWith('q='));
      const q = qParam === undefined ? 1 : Number(qParam.slice(2));
      return { type, subtype, q: Number.isFinite(q) ? Math.min(Math.max(q, 0), 1) : 0 };
    });
}

/** The quality an Accept header gives `type/subtype`: that of the most specific range matching it. */
function quality(accept: string, type: string, subtype: string): number {
  let specificity = -1;
  let q = 0;
  for (const range of mediaRanges(accept)) {
    const s = range.type === type && range.subtype === subtype ? 2 : range.type === type && range.subtype === '*' ? 1 : range.type === '*' && range.subtype === '*' ? 0 : -1;
    if (s < 0 || s < specificity) continue;
    q = s > specificity ? range.q : Math.max(q, range.q);
    specificity = s;
  }
  return q;
}

/**
 * Whether a report is answered as CSV: `?format=` decides when given; otherwise an Accept header
 * that prefers `text/csv` to `application/json`. A tie, no header, or a wildcard is JSON.
 */
export function wantsCsv(format: ReportFormat | undefined, accept: string | undefined): boolean {
  if (format !== undefined) return format === 'csv';
  if (accept === undefined || accept === '') return false;
  return quality(accept, 'text', 'csv') > quality(accept, 'application', 'json');
}

/** {@link wantsCsv} for a route's answer, which then varies by Accept (for caches in between). */
export function answersCsv(reply: FastifyReply, format: ReportFormat | undefined, accept: string | undefined): boolean {
  reply.header('vary', 'accept');
  return wantsCsv(format, accept);
}

/**
 * Sends CSV chunks as they are produced (chunked transfer, nothing buffered whole) as a download
 * named `filename`. A failure after the first chunk cannot become an error answer any more:
 * the stream is destroyed and the connection cut, so the client sees an incomplete transfer
 * rather than a short file that looks whole.
 */
export function sendCsv(reply: FastifyReply, filename: string, chunks: AsyncIterable<string>): FastifyReply {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(Readable.from(chunks, { objectMode: false }));
}

/**
 * The rows of a keyset-paged list, a page at a time: the first page as given (fetched before
 * anything is sent, so refusals still answer with an error), then each next one on demand.
 */
export async function* followPages<T>(first: Page<T>, next: (cursor: string) => Promise<Page<T>>): AsyncGenerator<readonly T[], void, undefined> {
  let page = first;
  yield page.items;
  while (page.nextCursor !== null) {
    page = await next(page.nextCursor);
    yield page.items;
  }
}
