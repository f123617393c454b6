import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { createCompliancePolicy, deleteCompliancePolicy, getCompliancePolicy, listCompliancePolicies, updateCompliancePolicy } from '@ward/core';
import { apiPrefix } from '../api-prefix.js';
import { unwrap } from '../api-error.js';
import { principalOf } from '../authenticate.js';
import { requires } from '../route-access.js';
import type { RouteDeps } from '../route-deps.js';
import { IdParams, NoContent } from '../schemas/common.js';
import { CompliancePolicy, CompliancePolicyPage, CreateCompliancePolicyBody, ListCompliancePoliciesQuery, PatchCompliancePolicyBody } from '../schemas/compliance-policies.js';

const tags = ['compliance'];

/** `/api/v1/compliance-policies`: rules over device facts, with actions for noncompliance. */
export const compliancePoliciesRoutes: FastifyPluginCallbackTypebox<RouteDeps> = (app, { deps }, done) => {
  app.get('/compliance-policies', {
    schema: { tags, operationId: 'listCompliancePolicies', summary: 'List compliance policies. Webhook secrets are never returned.', querystring: ListCompliancePoliciesQuery, response: { 200: CompliancePolicyPage } },
    config: requires('policy.read', ['INVALID_CURSOR', 'INVALID_FILTER', 'INVALID_SORT']),
  }, async (request) => {
    const { limit, cursor, sort, order, ...filter } = request.query;
    return unwrap(await listCompliancePolicies(deps, principalOf(request), { filter, limit, cursor, sort, order }));
  });

  app.post('/compliance-policies', {
    schema: {
      tags,
      operationId: 'createCompliancePolicy',
      summary: 'Create a compliance policy. It is evaluated on no device until it is assigned.',
      body: CreateCompliancePolicyBody,
      response: { 201: CompliancePolicy },
    },
    config: requires('policy.write', ['COMPLIANCE_POLICY_NAME_TAKEN', 'COMPLIANCE_RULE_INVALID', 'COMPLIANCE_ACTION_INVALID']),
  }, async (request, reply) => {
    const policy = unwrap(await createCompliancePolicy(deps, principalOf(request), request.body));
    return reply.code(201).header('location', `${apiPrefix}/compliance-policies/${policy.id}`).send(policy);
  });

  app.get('/compliance-policies/:id', {
    schema: { tags, operationId: 'getCompliancePolicy', summary: 'Get a compliance policy.', params: IdParams, response: { 200: CompliancePolicy } },
    config: requires('policy.read', ['COMPLIANCE_POLICY_NOT_FOUND']),
  }, async (request) => unwrap(await getCompliancePolicy(deps, principalOf(request), request.params.id)));

  app.patch('/compliance-policies/:id', {
    schema: {
      tags,
      operationId: 'updateCompliancePolicy',
      summary: 'Change a compliance policy; `rules` and `actions`, when given, replace the lists whole. A change to what is evaluated re-evaluates its devices in the background.',
      params: IdParams,
      body: PatchCompliancePolicyBody,
      response: { 200: CompliancePolicy },
    },
    config: requires('policy.write', ['COMPLIANCE_POLICY_NOT_FOUND', 'COMPLIANCE_POLICY_NAME_TAKEN', 'COMPLIANCE_POLICY_VERSION_CONFLICT', 'COMPLIANCE_RULE_INVALID', 'COMPLIANCE_ACTION_INVALID']),
  }, async (request) => unwrap(await updateCompliancePolicy(deps, principalOf(request), request.params.id, request.body)));

  app.delete('/compliance-policies/:id', {
    schema: { tags, operationId: 'deleteCompliancePolicy', summary: 'Delete a compliance policy and its assignments; its devices are re-evaluated in the background.', params: IdParams, response: { 204: NoContent } },
    config: requires('policy.write', ['COMPLIANCE_POLICY_NOT_FOUND']),
  }, async (request, reply) => {
    unwrap(await deleteCompliancePolicy(deps, principalOf(request), request.params.id));
    return reply.code(204).send();
  });

  done();
};
