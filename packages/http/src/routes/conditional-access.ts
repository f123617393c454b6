import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { createAccessPolicy, deleteAccessPolicy, getAccessPolicy, listAccessPolicies, listSignIns, updateAccessPolicy, whatIf } from '@ward/core';
import { apiPrefix } from '../api-prefix.js';
import { unwrap } from '../api-error.js';
import { principalOf } from '../authenticate.js';
import { requires } from '../route-access.js';
import type { RouteDeps } from '../route-deps.js';
import { IdParams, NoContent } from '../schemas/common.js';
import {
  AccessPolicy,
  AccessPolicyPage,
  CreateAccessPolicyBody,
  ListAccessPoliciesQuery,
  ListSignInsQuery,
  PatchAccessPolicyBody,
  SignInPage,
  WhatIfBody,
  WhatIfResult,
} from '../schemas/conditional-access.js';

const tags = ['identity'];
const path = '/identity/conditional-access-policies';

/**
 * `/api/v1/identity/…`: conditional access policies (issue 6 §4), the what-if tool and the
 * sign-in log (§7). The identity provider evaluates the same policies on every authorization.
 */
export const conditionalAccessRoutes: FastifyPluginCallbackTypebox<RouteDeps> = (app, { deps }, done) => {
  app.get(path, {
    schema: { tags, operationId: 'listAccessPolicies', summary: 'List conditional access policies.', querystring: ListAccessPoliciesQuery, response: { 200: AccessPolicyPage } },
    config: requires('policy.read', ['INVALID_CURSOR', 'INVALID_FILTER', 'INVALID_SORT']),
  }, async (request) => {
    const { limit, cursor, sort, order, ...filter } = request.query;
    return unwrap(await listAccessPolicies(deps, principalOf(request), { filter, limit, cursor, sort, order }));
  });

  app.post(path, {
    schema: {
      tags,
      operationId: 'createAccessPolicy',
      summary: 'Create a conditional access policy; report-only unless `state` says otherwise.',
      body: CreateAccessPolicyBody,
      response: { 201: AccessPolicy },
    },
    config: requires('policy.write', ['ACCESS_POLICY_NAME_TAKEN', 'ACCESS_POLICY_INVALID']),
  }, async (request, reply) => {
    const policy = unwrap(await createAccessPolicy(deps, principalOf(request), request.body));
    return reply.code(201).header('location', `${apiPrefix}${path}/${policy.id}`).send(policy);
  });

  app.get(`${path}/:id`, {
    schema: { tags, operationId: 'getAccessPolicy', summary: 'Get a conditional access policy.', params: IdParams, response: { 200: AccessPolicy } },
    config: requires('policy.read', ['ACCESS_POLICY_NOT_FOUND']),
  }, async (request) => unwrap(await getAccessPolicy(deps, principalOf(request), request.params.id)));

  app.patch(`${path}/:id`, {
    schema: {
      tags,
      operationId: 'updateAccessPolicy',
      summary: 'Change a conditional access policy; `conditions`, `grant` and `session`, when given, replace the stored ones whole.',
      params: IdParams,
      body: PatchAccessPolicyBody,
      response: { 200: AccessPolicy },
    },
    config: requires('policy.write', ['ACCESS_POLICY_NOT_FOUND', 'ACCESS_POLICY_NAME_TAKEN', 'ACCESS_POLICY_VERSION_CONFLICT', 'ACCESS_POLICY_INVALID']),
  }, async (request) => unwrap(await updateAccessPolicy(deps, principalOf(request), request.params.id, request.body)));

  app.delete(`${path}/:id`, {
    schema: { tags, operationId: 'deleteAccessPolicy', summary: 'Delete a conditional access policy.', params: IdParams, response: { 204: NoContent } },
    config: requires('policy.write', ['ACCESS_POLICY_NOT_FOUND']),
  }, async (request, reply) => {
    unwrap(await deleteAccessPolicy(deps, principalOf(request), request.params.id));
    return reply.code(204).send();
  });

  app.post('/identity/what-if', {
    schema: {
      tags,
      operationId: 'whatIfSignIn',
      summary: 'Which policies would apply to a sign-in of this user to this relying party from this device and network, and what the decision would be. Records nothing.',
      body: WhatIfBody,
      response: { 200: WhatIfResult },
    },
    config: requires('policy.read', ['USER_NOT_FOUND', 'DEVICE_NOT_FOUND', 'RELYING_PARTY_NOT_FOUND']),
  }, async (request) => {
    const result = unwrap(await whatIf(deps, principalOf(request), request.body));
    return { ...result.evaluation, signInRisk: result.signInRisk, deviceId: result.deviceId };
  });

  app.get('/identity/sign-ins', {
    schema: { tags, operationId: 'listSignIns', summary: 'The sign-in log, newest first: every attempt with the policies evaluated and their results.', querystring: ListSignInsQuery, response: { 200: SignInPage } },
    config: requires('audit.read', ['INVALID_CURSOR', 'INVALID_FILTER']),
  }, async (request) => {
    const { limit, cursor, sort: _sort, order: _order, from, to, ...filter } = request.query;
    return unwrap(
      await listSignIns(deps, principalOf(request), {
        ...filter,
        ...(from === undefined ? {} : { from: new Date(from) }),
        ...(to === undefined ? {} : { to: new Date(to) }),
        ...(limit === undefined ? {} : { limit }),
        ...(cursor === undefined ? {} : { cursor }),
      }),
    );
  });

  done();
};
