import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { createApiToken, listApiTokens, revokeApiToken } from '@ward/core';
import { unwrap } from '../api-error.js';
import { principalOf } from '../authenticate.js';
import { requires } from '../route-access.js';
import type { RouteDeps } from '../route-deps.js';
import { IdParams, NoContent } from '../schemas/common.js';
import { ApiTokenList, CreatedToken, CreateTokenBody } from '../schemas/tokens.js';

const tags = ['tokens'];

/**
 * `/api/v1/tokens`: API tokens for automation. Any admin manages their own; a global admin
 * (`admins.manage`) manages everyone's. The permission stated is the one that reaches beyond one's own.
 */
export const tokensRoutes: FastifyPluginCallbackTypebox<RouteDeps> = (app, { deps }, done) => {
  app.get('/tokens', {
    schema: { tags, operationId: 'listApiTokens', summary: "List API tokens: all for a global admin, otherwise the caller's own. The list is whole.", response: { 200: ApiTokenList } },
    config: requires(null),
  }, async (request) => ({ items: unwrap(await listApiTokens(deps, principalOf(request))), nextCursor: null }));

  app.post('/tokens', {
    schema: { tags, operationId: 'createApiToken', summary: 'Create an API token carrying one role its owner holds. The secret is shown once.', body: CreateTokenBody, response: { 201: CreatedToken } },
    config: requires(null, ['USER_NOT_FOUND', 'GROUP_NOT_FOUND']),
  }, async (request, reply) => {
    const created = unwrap(await createApiToken(deps, principalOf(request), request.body));
    return reply.code(201).send(created);
  });

  app.delete('/tokens/:id', {
    schema: { tags, operationId: 'revokeApiToken', summary: 'Revoke an API token. Takes effect at once.', params: IdParams, response: { 204: NoContent } },
    config: requires(null, ['API_TOKEN_NOT_FOUND']),
  }, async (request, reply) => {
    unwrap(await revokeApiToken(deps, principalOf(request), request.params.id));
    return reply.code(204).send();
  });
  done();
};
