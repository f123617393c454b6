import { Type } from '@sinclair/typebox';
import { complianceHistoryDays, complianceStates } from '@ward/core';
import { List, Nullable } from './common.js';
import { Counts, reportFormatQuery } from './policy-reports.js';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'A calendar day in UTC, YYYY-MM-DD.' });

/** The query of `GET /reports/compliance-history`. */
export const ComplianceHistoryQuery = Type.Object(
  {
    days: Type.Optional(
      Type.Integer({
        minimum: complianceHistoryDays.min,
        maximum: complianceHistoryDays.max,
        default: complianceHistoryDays.default,
        description: 'Days up to and including today (UTC).',
      }),
    ),
    policyId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: "One compliance policy's history: devices by their state against it. Absent: devices by their overall state." })),
    ...reportFormatQuery,
  },
  { additionalProperties: false },
);

/** The query of `GET /reports/compliance-history.csv`: the same without `format`. */
export const ComplianceHistoryCsvQuery = Type.Omit(ComplianceHistoryQuery, ['format'], { additionalProperties: false });

/** `GET /reports/compliance-history`: devices per compliance state per day. */
export const ComplianceHistory = Type.Object({
  fromDay: Day,
  toDay: Day,
  policyId: Nullable(Type.String({ description: 'Null: devices by their overall state (retired devices left out).' })),
  policyName: Nullable(Type.String()),
  points: List(
    Type.Object({
      day: Day,
      total: Nullable(Type.Integer({ minimum: 0, description: 'Devices counted that day; null when no snapshot was taken (the server was not running).' })),
      byState: Nullable(Counts(complianceStates, 'Devices by compliance state, as counted once that day.')),
    }),
    { description: 'One per day from fromDay to toDay, oldest first.' },
  ),
});
