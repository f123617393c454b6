import { Type, type FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { ApiMetrics, ReadinessReport } from '../api-options.js';
import { publicRoute } from '../route-access.js';
import { StringEnum } from '../schemas/common.js';

/** Options of the operations routes. */
export interface OperationsRoutesOptions {
  readonly ready: (() => Promise<ReadinessReport>) | undefined;
  readonly metrics: ApiMetrics | undefined;
}

const Probe = Type.Object({
  status: StringEnum(['ok', 'unavailable'] as const),
  checks: Type.Record(Type.String(), Type.String()),
});

/**
 * `/healthz`, `/readyz` and `/metrics`: for load balancers, orchestrators and Prometheus, outside
 * `/api/v1` and without authentication. They reveal no tenant data; `/metrics` can be switched off
 * where the port is reachable by people who should not see request rates.
 */
export const operationsRoutes: FastifyPluginCallbackTypebox<OperationsRoutesOptions> = (app, options, done) => {
  app.get('/healthz', {
    schema: { tags: ['operations'], operationId: 'liveness', summary: 'Liveness: the process is up and serving.', response: { 200: Probe } },
    config: publicRoute(),
  }, () => ({ status: 'ok' as const, checks: {} }));

  app.get('/readyz', {
    schema: {
      tags: ['operations'],
      operationId: 'readiness',
      summary: 'Readiness: the dependencies (database, …) answer. 503, with the same body naming the failing checks, while they do not.',
      response: { 200: Probe, 503: Probe },
    },
    config: publicRoute(),
  }, async (request, reply) => {
    let report: ReadinessReport;
    try {
      report = options.ready === undefined ? { ok: true, checks: {} } : await options.ready();
    } catch (error) {
      // A probe that throws is a failing probe, not a server error: the orchestrator must see 503.
      request.log.warn({ err: error }, 'readiness probe failed');
      report = { ok: false, checks: { probe: 'failed' } };
    }
    return reply.code(report.ok ? 200 : 503).send({ status: report.ok ? 'ok' : 'unavailable', checks: { ...report.checks } });
  });

  const metrics = options.metrics;
  if (metrics !== undefined) {
    app.get('/metrics', {
      schema: {
        tags: ['operations'],
        operationId: 'metrics',
        summary: 'Prometheus metrics in the text exposition format.',
        produces: ['text/plain'],
        response: { 200: Type.String({ description: 'Prometheus exposition text.' }) },
      },
      config: publicRoute(),
    }, async (_request, reply) => {
      const text = await metrics.metrics();
      return reply.type(metrics.contentType).send(text);
    });
  }
  done();
};
