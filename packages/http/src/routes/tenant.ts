import { Type, type FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { getTenant } from '@ward/core';
import { unwrap } from '../api-error.js';
import { principalOf } from '../authenticate.js';
import { requires } from '../route-access.js';
import type { RouteDeps } from '../route-deps.js';
import { DateTime } from '../schemas/common.js';

const Tenant = Type.Object({ id: Type.String(), slug: Type.String(), name: Type.String(), createdAt: DateTime });

/** `/api/v1/tenant`: the tenant the bearer token belongs to. The API is scoped to it. */
export const tenantRoutes: FastifyPluginCallbackTypebox<RouteDeps> = (app, { deps }, done) => {
  app.get('/tenant', {
    schema: { tags: ['tenant'], operationId: 'getTenant', summary: 'The current tenant (the token\'s).', response: { 200: Tenant } },
    config: requires(null, ['TENANT_NOT_FOUND']),
  }, async (request) => unwrap(await getTenant(deps, principalOf(request))));
  done();
};
