import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { createAppConfigurationPolicy, deleteAppConfigurationPolicy, getAppConfigurationPolicy, listAppConfigurationPolicies, updateAppConfigurationPolicy } from '@ward/core';
import { apiPrefix } from '../api-prefix.js';
import { unwrap } from '../api-error.js';
import { principalOf } from '../authenticate.js';
import { requires } from '../route-access.js';
import type { RouteDeps } from '../route-deps.js';
import { AppConfigurationPolicy, AppConfigurationPolicyPage, CreateAppConfigurationPolicyBody, ListMamPoliciesQuery, PatchAppConfigurationPolicyBody } from '../schemas/app-protection.js';
import { IdParams, NoContent } from '../schemas/common.js';

const tags = ['app-protection'];

/**
 * `/api/v1/app-configuration-policies` (issue 7 §4): key → value settings for the apps a policy
 * targets, with user variables (`{{user.email}}`) filled in per user. SDK apps get them at
 * registration and pick a change up at their next check-in.
 */
export const appConfigurationPoliciesRoutes: FastifyPluginCallbackTypebox<RouteDeps> = (app, { deps }, done) => {
  app.get('/app-configuration-policies', {
    schema: { tags, operationId: 'listAppConfigurationPolicies', summary: 'List app configuration policies.', querystring: ListMamPoliciesQuery, response: { 200: AppConfigurationPolicyPage } },
    config: requires('policy.read', ['INVALID_CURSOR', 'INVALID_FILTER', 'INVALID_SORT']),
  }, async (request) => {
    const { limit, cursor, sort, order, ...filter } = request.query;
    return unwrap(await listAppConfigurationPolicies(deps, principalOf(request), { filter, limit, cursor, sort, order }));
  });

  app.post('/app-configuration-policies', {
    schema: {
      tags,
      operationId: 'createAppConfigurationPolicy',
      summary: 'Create an app configuration policy. Where several reach the same user and app their settings merge, the oldest policy winning a key they share.',
      body: CreateAppConfigurationPolicyBody,
      response: { 201: AppConfigurationPolicy },
    },
    config: requires('policy.write', ['APP_CONFIGURATION_POLICY_NAME_TAKEN', 'APP_CONFIGURATION_POLICY_INVALID']),
  }, async (request, reply) => {
    const policy = unwrap(await createAppConfigurationPolicy(deps, principalOf(request), request.body));
    return reply.code(201).header('location', `${apiPrefix}/app-configuration-policies/${policy.id}`).send(policy);
  });

  app.get('/app-configuration-policies/:id', {
    schema: { tags, operationId: 'getAppConfigurationPolicy', summary: 'Get an app configuration policy.', params: IdParams, response: { 200: AppConfigurationPolicy } },
    config: requires('policy.read', ['APP_CONFIGURATION_POLICY_NOT_FOUND']),
  }, async (request) => unwrap(await getAppConfigurationPolicy(deps, principalOf(request), request.params.id)));

  app.patch('/app-configuration-policies/:id', {
    schema: {
      tags,
      operationId: 'updateAppConfigurationPolicy',
      summary: 'Change an app configuration policy: `settings` and `targets`, when given, replace the stored ones whole.',
      params: IdParams,
      body: PatchAppConfigurationPolicyBody,
      response: { 200: AppConfigurationPolicy },
    },
    config: requires('policy.write', ['APP_CONFIGURATION_POLICY_NOT_FOUND', 'APP_CONFIGURATION_POLICY_NAME_TAKEN', 'APP_CONFIGURATION_POLICY_VERSION_CONFLICT', 'APP_CONFIGURATION_POLICY_INVALID']),
  }, async (request) => unwrap(await updateAppConfigurationPolicy(deps, principalOf(request), request.params.id, request.body)));

  app.delete('/app-configuration-policies/:id', {
    schema: { tags, operationId: 'deleteAppConfigurationPolicy', summary: 'Delete an app configuration policy; apps drop its settings at their next check-in.', params: IdParams, response: { 204: NoContent } },
    config: requires('policy.write', ['APP_CONFIGURATION_POLICY_NOT_FOUND']),
  }, async (request, reply) => {
    unwrap(await deleteAppConfigurationPolicy(deps, principalOf(request), request.params.id));
    return reply.code(204).send();
  });

  done();
};
