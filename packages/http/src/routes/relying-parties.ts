import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { createRelyingParty, deleteRelyingParty, getRelyingParty, listRelyingParties, rotateRelyingPartySecret, updateRelyingParty } from '@ward/core';
import { unwrap } from '../api-error.js';
import { principalOf } from '../authenticate.js';
import { requires } from '../route-access.js';
import type { RouteDeps } from '../route-deps.js';
import { IdParams, NoContent } from '../schemas/common.js';
import { CreateRelyingPartyBody, ListRelyingPartiesQuery, PatchRelyingPartyBody, RelyingParty, RelyingPartyPage, RelyingPartyWithSecret } from '../schemas/relying-parties.js';

const tags = ['identity'];

/**
 * `/api/v1/identity/relying-parties`: the services that sign users in through Ward's OpenID
 * provider (issue 6 §1). The client secret is returned only when it is generated (creation,
 * rotation, a change to a secret-based method); reads never carry it.
 */
export const relyingPartiesRoutes: FastifyPluginCallbackTypebox<RouteDeps> = (app, { deps }, done) => {
  app.get('/identity/relying-parties', {
    schema: { tags, operationId: 'listRelyingParties', summary: 'List relying parties (OIDC clients), oldest first.', querystring: ListRelyingPartiesQuery, response: { 200: RelyingPartyPage } },
    config: requires('directory.read', ['INVALID_CURSOR']),
  }, async (request) => {
    const { limit, cursor } = request.query;
    return unwrap(await listRelyingParties(deps, principalOf(request), { ...(limit === undefined ? {} : { limit }), ...(cursor === undefined ? {} : { cursor }) }));
  });

  app.post('/identity/relying-parties', {
    schema: { tags, operationId: 'createRelyingParty', summary: 'Register a relying party. Its client secret, if its method uses one, is shown once.', body: CreateRelyingPartyBody, response: { 201: RelyingPartyWithSecret } },
    config: requires('settings.manage', ['RELYING_PARTY_INVALID']),
  }, async (request, reply) => reply.code(201).send(unwrap(await createRelyingParty(deps, principalOf(request), request.body))));

  app.get('/identity/relying-parties/:id', {
    schema: { tags, operationId: 'getRelyingParty', summary: 'Get a relying party (without its secret).', params: IdParams, response: { 200: RelyingParty } },
    config: requires('directory.read', ['RELYING_PARTY_NOT_FOUND']),
  }, async (request) => unwrap(await getRelyingParty(deps, principalOf(request), request.params.id)));

  app.patch('/identity/relying-parties/:id', {
    schema: {
      tags,
      operationId: 'updateRelyingParty',
      summary: 'Change a relying party. Moving to a secret-based method generates a secret, shown once; the client id never changes.',
      params: IdParams,
      body: PatchRelyingPartyBody,
      response: { 200: RelyingPartyWithSecret },
    },
    config: requires('settings.manage', ['RELYING_PARTY_NOT_FOUND', 'RELYING_PARTY_INVALID']),
  }, async (request) => unwrap(await updateRelyingParty(deps, principalOf(request), request.params.id, request.body)));

  app.post('/identity/relying-parties/:id/secret', {
    schema: { tags, operationId: 'rotateRelyingPartySecret', summary: 'Replace the client secret; the new one is shown once and the old one stops working at once.', params: IdParams, response: { 200: RelyingPartyWithSecret } },
    config: requires('settings.manage', ['RELYING_PARTY_NOT_FOUND', 'RELYING_PARTY_INVALID']),
  }, async (request) => unwrap(await rotateRelyingPartySecret(deps, principalOf(request), request.params.id)));

  app.delete('/identity/relying-parties/:id', {
    schema: { tags, operationId: 'deleteRelyingParty', summary: 'Delete a relying party; its codes, tokens and grants are revoked with it.', params: IdParams, response: { 204: NoContent } },
    config: requires('settings.manage', ['RELYING_PARTY_NOT_FOUND']),
  }, async (request, reply) => {
    unwrap(await deleteRelyingParty(deps, principalOf(request), request.params.id));
    return reply.code(204).send();
  });
  done();
};
