import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';

/** The body schema of an import route: the CSV text itself. */
export const CsvBody = Type.String({ description: 'CSV, UTF-8, first line names the columns.' });

/** The outcome of an import. */
export const ImportSummary = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  memberships: Type.Integer({ description: 'Group memberships added.' }),
});

/**
 * Makes `scope` (an encapsulated plugin holding only import routes) accept `text/csv` up to
 * `limit` bytes, and nothing else: a JSON body sent to an import route is a 415, and CSV sent to a
 * JSON route stays a 415 because the parser lives only in this scope.
 */
export function acceptCsvOnly(scope: FastifyInstance, limit: number): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: limit }, (_request, body, done) => {
    done(null, body);
  });
}
