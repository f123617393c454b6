import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { createAssignmentFilter, deleteAssignmentFilter, getAssignmentFilter, listAssignmentFilters, updateAssignmentFilter } from '@ward/core';
import { apiPrefix } from '../api-prefix.js';
import { unwrap } from '../api-error.js';
import { principalOf } from '../authenticate.js';
import { requires } from '../route-access.js';
import type { RouteDeps } from '../route-deps.js';
import { IdParams, NoContent } from '../schemas/common.js';
import { AssignmentFilter, AssignmentFilterBody, AssignmentFilterList } from '../schemas/policy-assignments.js';

const tags = ['assignments'];

/** `/api/v1/assignment-filters`: rules over device properties that narrow assignments without a group. */
export const assignmentFiltersRoutes: FastifyPluginCallbackTypebox<RouteDeps> = (app, { deps }, done) => {
  app.get('/assignment-filters', {
    schema: { tags, operationId: 'listAssignmentFilters', summary: 'Every assignment filter, by name. Tenants have dozens, so the list is whole.', response: { 200: AssignmentFilterList } },
    config: requires('policy.read'),
  }, async (request) => ({ items: unwrap(await listAssignmentFilters(deps, principalOf(request))), nextCursor: null }));

  app.post('/assignment-filters', {
    schema: { tags, operationId: 'createAssignmentFilter', summary: 'Create an assignment filter.', body: AssignmentFilterBody, response: { 201: AssignmentFilter } },
    config: requires('policy.write', ['ASSIGNMENT_FILTER_INVALID', 'ASSIGNMENT_FILTER_NAME_TAKEN']),
  }, async (request, reply) => {
    const filter = unwrap(await createAssignmentFilter(deps, principalOf(request), request.body));
    return reply.code(201).header('location', `${apiPrefix}/assignment-filters/${filter.id}`).send(filter);
  });

  app.get('/assignment-filters/:id', {
    schema: { tags, operationId: 'getAssignmentFilter', summary: 'Get an assignment filter.', params: IdParams, response: { 200: AssignmentFilter } },
    config: requires('policy.read', ['ASSIGNMENT_FILTER_NOT_FOUND']),
  }, async (request) => unwrap(await getAssignmentFilter(deps, principalOf(request), request.params.id)));

  app.put('/assignment-filters/:id', {
    schema: {
      tags,
      operationId: 'replaceAssignmentFilter',
      summary: 'Replace a filter\'s definition. A changed rule or platform recomputes the devices of every item that uses it, in the background.',
      params: IdParams,
      body: AssignmentFilterBody,
      response: { 200: AssignmentFilter },
    },
    config: requires('policy.write', ['ASSIGNMENT_FILTER_NOT_FOUND', 'ASSIGNMENT_FILTER_INVALID', 'ASSIGNMENT_FILTER_NAME_TAKEN']),
  }, async (request) => unwrap(await updateAssignmentFilter(deps, principalOf(request), request.params.id, request.body)));

  app.delete('/assignment-filters/:id', {
    schema: { tags, operationId: 'deleteAssignmentFilter', summary: 'Delete a filter that no assignment uses.', params: IdParams, response: { 204: NoContent } },
    config: requires('policy.write', ['ASSIGNMENT_FILTER_NOT_FOUND', 'ASSIGNMENT_FILTER_IN_USE']),
  }, async (request, reply) => {
    unwrap(await deleteAssignmentFilter(deps, principalOf(request), request.params.id));
    return reply.code(204).send();
  });

  done();
};
