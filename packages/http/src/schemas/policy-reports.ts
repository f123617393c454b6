import type { Readable } from 'node:stream';
import { Type, type TSchema, type TUnsafe } from '@sinclair/typebox';
import { platforms, profileKinds, profileStatuses } from '@ward/core';
import { reportFormats } from '../csv-reply.js';
import { StringEnum } from './common.js';

/** The `format` query field of every report that can be CSV. */
export const reportFormatQuery = {
  format: Type.Optional(
    StringEnum(reportFormats, { description: '`csv` answers with the report as CSV, as does `Accept: text/csv`; `json` (the default) wins over the Accept header.' }),
  ),
};

/**
 * A CSV answer in the document: text. Handlers hand over a stream of its lines (see `csv-reply.ts`),
 * which Fastify sends as it is, so the static type is the stream while the schema says string.
 */
export const CsvText: TUnsafe<Readable> = Type.Unsafe<Readable>({
  type: 'string',
  description: 'RFC 4180 CSV, UTF-8 with a byte order mark, CRLF line ends; the first line names the columns. Cells that a spreadsheet would run as a formula start with a quote.',
});

/** A 200 answer that is `json` by default and CSV when asked for. */
export function JsonOrCsv<T extends TSchema>(json: T) {
  return { content: { 'application/json': { schema: json }, 'text/csv': { schema: CsvText } } };
}

/** An object with a count for each of `values`, every one present (0 when none). */
export function Counts<const V extends readonly string[]>(values: V, description: string): TUnsafe<Readonly<Record<V[number], number>>> {
  return Type.Unsafe<Readonly<Record<V[number], number>>>({
    type: 'object',
    properties: Object.fromEntries(values.map((v) => [v, { type: 'integer', minimum: 0 }])),
    required: [...values],
    additionalProperties: false,
    description,
  });
}

/** `GET /reports/profile-status`: every profile with its devices counted by status. */
export const ProfileStatusOverview = Type.Object({
  items: Type.Array(
    Type.Object({
      profileId: Type.String(),
      name: Type.String(),
      kind: StringEnum(profileKinds),
      platforms: Type.Array(StringEnum(platforms)),
      total: Type.Integer({ minimum: 0, description: 'Devices that have the profile in their desired state or are removing it.' }),
      counts: Counts(profileStatuses, 'Devices by status.'),
    }),
  ),
});

/** The query of `GET /reports/profile-status`. */
export const ProfileStatusOverviewQuery = Type.Object(reportFormatQuery, { additionalProperties: false });
