import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { createAppProtectionPolicy, deleteAppProtectionPolicy, getAppProtectionPolicy, listAppProtectionPolicies, updateAppProtectionPolicy } from '@ward/core';
import { apiPrefix } from '../api-prefix.js';
import { unwrap } from '../api-error.js';
import { principalOf } from '../authenticate.js';
import { requires } from '../route-access.js';
import type { RouteDeps } from '../route-deps.js';
import { AppProtectionPolicy, AppProtectionPolicyPage, CreateAppProtectionPolicyBody, ListMamPoliciesQuery, PatchAppProtectionPolicyBody } from '../schemas/app-protection.js';
import { IdParams, NoContent } from '../schemas/common.js';

const tags = ['app-protection'];

/**
 * `/api/v1/app-protection-policies` (issue 7 §5): what apps with the Ward SDK enforce for the
 * users and apps a policy targets (PIN, encryption, clipboard, save-as, sharing, offline limits,
 * conditional launch). SDK apps pick a change up at their next check-in.
 */
export const appProtectionPoliciesRoutes: FastifyPluginCallbackTypebox<RouteDeps> = (app, { deps }, done) => {
  app.get('/app-protection-policies', {
    schema: { tags, operationId: 'listAppProtectionPolicies', summary: 'List app protection policies. Where several reach the same user and app, the oldest applies.', querystring: ListMamPoliciesQuery, response: { 200: AppProtectionPolicyPage } },
    config: requires('policy.read', ['INVALID_CURSOR', 'INVALID_FILTER', 'INVALID_SORT']),
  }, async (request) => {
    const { limit, cursor, sort, order, ...filter } = request.query;
    return unwrap(await listAppProtectionPolicies(deps, principalOf(request), { filter, limit, cursor, sort, order }));
  });

  app.post('/app-protection-policies', {
    schema: {
      tags,
      operationId: 'createAppProtectionPolicy',
      summary: 'Create an app protection policy. Settings left out take the defaults (a 6-digit PIN, data encrypted, copy out to managed apps only, save-as and sharing blocked).',
      body: CreateAppProtectionPolicyBody,
      response: { 201: AppProtectionPolicy },
    },
    config: requires('policy.write', ['APP_PROTECTION_POLICY_NAME_TAKEN', 'APP_PROTECTION_POLICY_INVALID']),
  }, async (request, reply) => {
    const policy = unwrap(await createAppProtectionPolicy(deps, principalOf(request), request.body));
    return reply.code(201).header('location', `${apiPrefix}/app-protection-policies/${policy.id}`).send(policy);
  });

  app.get('/app-protection-policies/:id', {
    schema: { tags, operationId: 'getAppProtectionPolicy', summary: 'Get an app protection policy.', params: IdParams, response: { 200: AppProtectionPolicy } },
    config: requires('policy.read', ['APP_PROTECTION_POLICY_NOT_FOUND']),
  }, async (request) => unwrap(await getAppProtectionPolicy(deps, principalOf(request), request.params.id)));

  app.patch('/app-protection-policies/:id', {
    schema: {
      tags,
      operationId: 'updateAppProtectionPolicy',
      summary: 'Change an app protection policy: `settings` merge over the stored ones (one setting may be named alone), `targets` replace them whole.',
      params: IdParams,
      body: PatchAppProtectionPolicyBody,
      response: { 200: AppProtectionPolicy },
    },
    config: requires('policy.write', ['APP_PROTECTION_POLICY_NOT_FOUND', 'APP_PROTECTION_POLICY_NAME_TAKEN', 'APP_PROTECTION_POLICY_VERSION_CONFLICT', 'APP_PROTECTION_POLICY_INVALID']),
  }, async (request) => unwrap(await updateAppProtectionPolicy(deps, principalOf(request), request.params.id, request.body)));

  app.delete('/app-protection-policies/:id', {
    schema: { tags, operationId: 'deleteAppProtectionPolicy', summary: 'Delete an app protection policy. Apps it protected stop counting as protected unless another policy reaches them.', params: IdParams, response: { 204: NoContent } },
    config: requires('policy.write', ['APP_PROTECTION_POLICY_NOT_FOUND']),
  }, async (request, reply) => {
    unwrap(await deleteAppProtectionPolicy(deps, principalOf(request), request.params.id));
    return reply.code(204).send();
  });

  done();
};
