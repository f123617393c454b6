import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { createUpstreamProvider, deleteUpstreamProvider, getUpstreamProvider, listUpstreamProviders, updateUpstreamProvider } from '@ward/core';
import { unwrap } from '../api-error.js';
import { principalOf } from '../authenticate.js';
import { requires } from '../route-access.js';
import type { RouteDeps } from '../route-deps.js';
import { IdParams, NoContent } from '../schemas/common.js';
import { CreateUpstreamProviderBody, ListUpstreamProvidersQuery, PatchUpstreamProviderBody, UpstreamProvider, UpstreamProviderPage } from '../schemas/upstream-identity-providers.js';

const tags = ['identity'];

/**
 * `/api/v1/identity/upstream-providers`: external OpenID providers the tenant's users may sign in
 * with (issue 6 §2, "upstream federation"); users are matched by e-mail. The client secret is
 * write-only: no answer carries it.
 */
export const upstreamIdentityProvidersRoutes: FastifyPluginCallbackTypebox<RouteDeps> = (app, { deps }, done) => {
  app.get('/identity/upstream-providers', {
    schema: { tags, operationId: 'listUpstreamProviders', summary: 'List upstream identity providers (federation), oldest first.', querystring: ListUpstreamProvidersQuery, response: { 200: UpstreamProviderPage } },
    config: requires('directory.read', ['INVALID_CURSOR']),
  }, async (request) => {
    const { limit, cursor } = request.query;
    return unwrap(await listUpstreamProviders(deps, principalOf(request), { ...(limit === undefined ? {} : { limit }), ...(cursor === undefined ? {} : { cursor }) }));
  });

  app.post('/identity/upstream-providers', {
    schema: {
      tags,
      operationId: 'createUpstreamProvider',
      summary: 'Register an upstream OpenID provider users may sign in with. Register <publicUrl>/interaction/federated/callback as the redirect URI there.',
      body: CreateUpstreamProviderBody,
      response: { 201: UpstreamProvider },
    },
    config: requires('settings.manage', ['UPSTREAM_PROVIDER_INVALID', 'UPSTREAM_PROVIDER_NAME_TAKEN', 'UPSTREAM_PROVIDER_LIMIT']),
  }, async (request, reply) => reply.code(201).send(unwrap(await createUpstreamProvider(deps, principalOf(request), request.body))));

  app.get('/identity/upstream-providers/:id', {
    schema: { tags, operationId: 'getUpstreamProvider', summary: 'Get an upstream identity provider (without its secret).', params: IdParams, response: { 200: UpstreamProvider } },
    config: requires('directory.read', ['UPSTREAM_PROVIDER_NOT_FOUND']),
  }, async (request) => unwrap(await getUpstreamProvider(deps, principalOf(request), request.params.id)));

  app.patch('/identity/upstream-providers/:id', {
    schema: { tags, operationId: 'updateUpstreamProvider', summary: 'Change an upstream identity provider; a clientSecret replaces the stored one.', params: IdParams, body: PatchUpstreamProviderBody, response: { 200: UpstreamProvider } },
    config: requires('settings.manage', ['UPSTREAM_PROVIDER_NOT_FOUND', 'UPSTREAM_PROVIDER_INVALID', 'UPSTREAM_PROVIDER_NAME_TAKEN', 'UPSTREAM_PROVIDER_VERSION_CONFLICT']),
  }, async (request) => unwrap(await updateUpstreamProvider(deps, principalOf(request), request.params.id, request.body)));

  app.delete('/identity/upstream-providers/:id', {
    schema: { tags, operationId: 'deleteUpstreamProvider', summary: 'Delete an upstream identity provider; sign-ins under way with it fail.', params: IdParams, response: { 204: NoContent } },
    config: requires('settings.manage', ['UPSTREAM_PROVIDER_NOT_FOUND']),
  }, async (request, reply) => {
    unwrap(await deleteUpstreamProvider(deps, principalOf(request), request.params.id));
    return reply.code(204).send();
  });
  done();
};
