import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { complianceStates, getComplianceHistory, type ComplianceHistory, type ComplianceHistoryPoint } from '@ward/core';
import type { FastifyReply } from 'fastify';
import { unwrap } from '../api-error.js';
import { principalOf } from '../authenticate.js';
import { answersCsv, sendCsv } from '../csv-reply.js';
import { csvChunks, type CsvTable } from '../csv-writer.js';
import { requires } from '../route-access.js';
import type { RouteDeps } from '../route-deps.js';
import { ComplianceHistory as ComplianceHistorySchema, ComplianceHistoryCsvQuery, ComplianceHistoryQuery } from '../schemas/compliance-history.js';
import { JsonOrCsv, CsvText } from '../schemas/policy-reports.js';

const tags = ['reports'];

/** A day without a snapshot is empty cells, not zeros: nothing was counted. */
const historyTable: CsvTable<ComplianceHistoryPoint> = {
  columns: ['day', 'total', ...complianceStates],
  cells: (p) => [p.day, p.total, ...complianceStates.map((s) => p.byState?.[s] ?? null)],
};

function sendHistoryCsv(reply: FastifyReply, history: ComplianceHistory): FastifyReply {
  const name = history.policyId === null ? 'compliance-history' : `compliance-history-${history.policyId}`;
  return sendCsv(reply, `${name}-${history.fromDay}-${history.toDay}.csv`, csvChunks(historyTable, [history.points]));
}

const access = requires('policy.read', ['COMPLIANCE_POLICY_NOT_FOUND']);

/**
 * `/api/v1/reports/compliance-history`: compliance over time, from the daily snapshots. Tenant-wide
 * only: an admin scoped to groups is refused, since the counts include every device.
 */
export const complianceHistoryRoutes: FastifyPluginCallbackTypebox<RouteDeps> = (app, { deps }, done) => {
  app.get('/reports/compliance-history', {
    schema: {
      tags,
      operationId: 'getComplianceHistory',
      summary: 'Devices per compliance state per day over the last `days` days (UTC), overall or against one policy. Days without a snapshot have nulls. As CSV with `format=csv` or `Accept: text/csv`.',
      querystring: ComplianceHistoryQuery,
      response: { 200: JsonOrCsv(ComplianceHistorySchema) },
    },
    config: access,
  }, async (request, reply) => {
    const { days, policyId, format } = request.query;
    const history = unwrap(await getComplianceHistory(deps, principalOf(request), { days, policyId }));
    if (answersCsv(reply, format, request.headers.accept)) return sendHistoryCsv(reply, history);
    return reply.send(history);
  });

  app.get('/reports/compliance-history.csv', {
    schema: {
      tags,
      operationId: 'exportComplianceHistory',
      summary: 'The compliance history as CSV: one line per day, with empty cells for days without a snapshot.',
      querystring: ComplianceHistoryCsvQuery,
      response: { 200: { content: { 'text/csv': { schema: CsvText } } } },
    },
    config: access,
  }, async (request, reply) => {
    const { days, policyId } = request.query;
    return sendHistoryCsv(reply, unwrap(await getComplianceHistory(deps, principalOf(request), { days, policyId })));
  });

  done();
};
