import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { checkAuditChain, listAuditEvents } from '@ward/core';
import { unwrap } from '../api-error.js';
import { principalOf } from '../authenticate.js';
import { requires } from '../route-access.js';
import type { RouteDeps } from '../route-deps.js';
import { AuditChainReport, AuditPage, ListAuditQuery } from '../schemas/audit.js';

const tags = ['audit'];

/** `/api/v1/audit-events`: the tenant's append-only, hash-chained audit trail. */
export const auditRoutes: FastifyPluginCallbackTypebox<RouteDeps> = (app, { deps }, done) => {
  app.get('/audit-events', {
    schema: { tags, operationId: 'listAuditEvents', summary: 'List audit events, newest first.', querystring: ListAuditQuery, response: { 200: AuditPage } },
    config: requires('audit.read', ['INVALID_CURSOR']),
  }, async (request) => {
    const { limit, cursor, sort: _sort, order: _order, from, to, ...rest } = request.query;
    const filter = { ...rest, from: from === undefined ? undefined : new Date(from), to: to === undefined ? undefined : new Date(to) };
    return unwrap(await listAuditEvents(deps, principalOf(request), { filter, limit, cursor }));
  });

  app.post('/audit-events/verify', {
    schema: {
      tags,
      operationId: 'verifyAuditChain',
      summary: 'Recompute the hash chain and report whether any event was changed, removed or inserted.',
      response: { 200: AuditChainReport },
    },
    config: requires('audit.read'),
  }, async (request) => unwrap(await checkAuditChain(deps, principalOf(request))));
  done();
};
