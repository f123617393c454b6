import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { createAssignment, deleteAssignment, getApp, getCompliancePolicy, getProfile, listAssignments, updateAssignment, type AssignableKind, type ErrorCode, type Principal, type Result } from '@ward/core';
import { unwrap } from '../api-error.js';
import { principalOf } from '../authenticate.js';
import { requires } from '../route-access.js';
import type { RouteDeps } from '../route-deps.js';
import { IdParams, NoContent } from '../schemas/common.js';
import { Assignment, AssignmentList, CreateAssignmentBody, ListAssignmentsQuery, PatchAssignmentBody } from '../schemas/policy-assignments.js';

const tags = ['assignments'];

const referenceErrors = ['ASSIGNMENT_INVALID', 'ASSIGNMENT_GROUP_NOT_FOUND', 'ASSIGNMENT_FILTER_NOT_FOUND', 'ASSIGNMENT_FILTER_INVALID'] as const;

/** What can be assigned, by the collection it lives in. */
interface AssignableCollection {
  readonly path: string;
  readonly kind: AssignableKind;
  /** Operation id suffix and summary noun. */
  readonly name: string;
  readonly noun: string;
  readonly notFound: ErrorCode;
}

const collections: readonly AssignableCollection[] = [
  { path: 'profiles', kind: 'profile', name: 'Profile', noun: 'profile', notFound: 'PROFILE_NOT_FOUND' },
  { path: 'compliance-policies', kind: 'compliancePolicy', name: 'CompliancePolicy', noun: 'compliance policy', notFound: 'COMPLIANCE_POLICY_NOT_FOUND' },
  { path: 'apps', kind: 'app', name: 'App', noun: 'app (intent required, available, uninstall or availableWithoutEnrollment)', notFound: 'APP_NOT_FOUND' },
];

/**
 * `/api/v1/assignments`, and `…/assignments` under profiles and compliance policies: who gets
 * each item, as includes and excludes of groups, all users or all devices, narrowed by filters.
 */
export const assignmentsRoutes: FastifyPluginCallbackTypebox<RouteDeps> = (app, { deps }, done) => {
  /** The item exists (so an unknown one is a 404, not an empty list). */
  const findItem = async (kind: AssignableKind, principal: Principal, id: string): Promise<Result<unknown>> =>
    kind === 'profile' ? getProfile(deps, principal, id) : kind === 'app' ? getApp(deps, principal, id) : getCompliancePolicy(deps, principal, id);

  app.get('/assignments', {
    schema: {
      tags,
      operationId: 'listAssignments',
      summary: 'Assignments of every item of a kind, or of one item. Tenants have hundreds, so the list is whole.',
      querystring: ListAssignmentsQuery,
      response: { 200: AssignmentList },
    },
    config: requires('policy.read', ['INVALID_FILTER']),
  }, async (request) => ({ items: unwrap(await listAssignments(deps, principalOf(request), request.query)), nextCursor: null }));

  for (const collection of collections) {
    app.get(`/${collection.path}/:id/assignments`, {
      schema: { tags, operationId: `list${collection.name}Assignments`, summary: `The assignments of a ${collection.noun}.`, params: IdParams, response: { 200: AssignmentList } },
      config: requires('policy.read', [collection.notFound]),
    }, async (request) => {
      const principal = principalOf(request);
      unwrap(await findItem(collection.kind, principal, request.params.id));
      return { items: unwrap(await listAssignments(deps, principal, { itemKind: collection.kind, itemId: request.params.id })), nextCursor: null };
    });

    app.post(`/${collection.path}/:id/assignments`, {
      schema: {
        tags,
        operationId: `create${collection.name}Assignment`,
        summary: `Assign a ${collection.noun} to a group, all users or all devices, as an include or an exclude. Affected devices are recomputed in the background.`,
        params: IdParams,
        body: CreateAssignmentBody,
        response: { 201: Assignment },
      },
      config: requires('policy.write', [...referenceErrors, 'ASSIGNMENT_ITEM_NOT_FOUND', 'ASSIGNMENT_EXISTS']),
    }, async (request, reply) => {
      const assignment = unwrap(await createAssignment(deps, principalOf(request), { ...request.body, itemKind: collection.kind, itemId: request.params.id }));
      return reply.code(201).send(assignment);
    });
  }

  app.patch('/assignments/:id', {
    schema: { tags, operationId: 'updateAssignment', summary: 'Change an assignment\'s mode, filter or intent (its item and target are fixed).', params: IdParams, body: PatchAssignmentBody, response: { 200: Assignment } },
    config: requires('policy.write', [...referenceErrors, 'ASSIGNMENT_NOT_FOUND', 'ASSIGNMENT_ITEM_NOT_FOUND']),
  }, async (request) => unwrap(await updateAssignment(deps, principalOf(request), request.params.id, request.body)));

  app.delete('/assignments/:id', {
    schema: { tags, operationId: 'deleteAssignment', summary: 'Remove an assignment; devices it alone reached lose the item in the background.', params: IdParams, response: { 204: NoContent } },
    config: requires('policy.write', ['ASSIGNMENT_NOT_FOUND']),
  }, async (request, reply) => {
    unwrap(await deleteAssignment(deps, principalOf(request), request.params.id));
    return reply.code(204).send();
  });

  done();
};
