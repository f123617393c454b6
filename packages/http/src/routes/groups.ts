import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { changeGroupMembers, createGroup, deleteGroup, getGroup, importGroups, listGroupMembers, listGroups, previewGroupRule, updateGroup } from '@ward/core';
import { apiPrefix } from '../api-prefix.js';
import { unwrap } from '../api-error.js';
import { acceptCsvOnly, CsvBody, ImportSummary } from '../csv-body.js';
import { readCsvRows } from '../csv-rows.js';
import { principalOf } from '../authenticate.js';
import { requires } from '../route-access.js';
import type { ImportRouteDeps } from '../route-deps.js';
import { IdParams, NoContent } from '../schemas/common.js';
import {
  CreateGroupBody,
  Group,
  GroupMemberPage,
  GroupPage,
  ListGroupsQuery,
  ListMembersQuery,
  MembersBody,
  MembersChanged,
  PatchGroupBody,
  PreviewRuleBody,
  RulePreview,
} from '../schemas/groups.js';

const tags = ['groups'];

/** `/api/v1/groups`: static and rule-based groups and their members. */
export const groupsRoutes: FastifyPluginAsyncTypebox<ImportRouteDeps> = async (app, { deps, importBodyLimit }) => {
  app.get('/groups', {
    schema: { tags, operationId: 'listGroups', summary: 'List groups.', querystring: ListGroupsQuery, response: { 200: GroupPage } },
    config: requires('directory.read', ['INVALID_CURSOR']),
  }, async (request) => {
    const { limit, cursor, sort, order, ...filter } = request.query;
    return unwrap(await listGroups(deps, principalOf(request), { filter, limit, cursor, sort, order }));
  });

  app.post('/groups', {
    schema: { tags, operationId: 'createGroup', summary: 'Create a group. A dynamic group is filled in the background.', body: CreateGroupBody, response: { 201: Group } },
    config: requires('groups.write', ['GROUP_NAME_TAKEN', 'GROUP_RULE_INVALID']),
  }, async (request, reply) => {
    const group = unwrap(await createGroup(deps, principalOf(request), request.body));
    return reply.code(201).header('location', `${apiPrefix}/groups/${group.id}`).send(group);
  });

  app.post('/groups/preview-rule', {
    schema: { tags, operationId: 'previewGroupRule', summary: 'Evaluate a draft membership rule without saving it.', body: PreviewRuleBody, response: { 200: RulePreview } },
    config: requires('directory.read', ['GROUP_RULE_INVALID']),
  }, async (request) => unwrap(await previewGroupRule(deps, principalOf(request), request.body)));

  app.get('/groups/:id', {
    schema: { tags, operationId: 'getGroup', summary: 'Get a group.', params: IdParams, response: { 200: Group } },
    config: requires('directory.read', ['GROUP_NOT_FOUND']),
  }, async (request) => unwrap(await getGroup(deps, principalOf(request), request.params.id)));

  app.patch('/groups/:id', {
    schema: { tags, operationId: 'updateGroup', summary: 'Rename a group or change its description, rule or membership type.', params: IdParams, body: PatchGroupBody, response: { 200: Group } },
    config: requires('groups.write', ['GROUP_NOT_FOUND', 'GROUP_NAME_TAKEN', 'GROUP_RULE_INVALID']),
  }, async (request) => unwrap(await updateGroup(deps, principalOf(request), request.params.id, request.body)));

  app.delete('/groups/:id', {
    schema: { tags, operationId: 'deleteGroup', summary: 'Delete a group (its members stay).', params: IdParams, response: { 204: NoContent } },
    config: requires('groups.write', ['GROUP_NOT_FOUND']),
  }, async (request, reply) => {
    unwrap(await deleteGroup(deps, principalOf(request), request.params.id));
    return reply.code(204).send();
  });

  app.get('/groups/:id/members', {
    schema: { tags, operationId: 'listGroupMembers', summary: 'List the members of a group.', params: IdParams, querystring: ListMembersQuery, response: { 200: GroupMemberPage } },
    config: requires('directory.read', ['GROUP_NOT_FOUND', 'INVALID_CURSOR']),
  }, async (request) => {
    const { limit, cursor } = request.query;
    return unwrap(await listGroupMembers(deps, principalOf(request), request.params.id, { limit, cursor }));
  });

  app.post('/groups/:id/members', {
    schema: { tags, operationId: 'addGroupMembers', summary: 'Add members to a static group.', params: IdParams, body: MembersBody, response: { 200: MembersChanged } },
    config: requires('groups.write', ['GROUP_NOT_FOUND', 'GROUP_NOT_STATIC', 'USER_NOT_FOUND', 'DEVICE_NOT_FOUND']),
  }, async (request) => unwrap(await changeGroupMembers(deps, principalOf(request), request.params.id, { add: request.body.memberIds })));

  app.delete('/groups/:id/members', {
    schema: { tags, operationId: 'removeGroupMembers', summary: 'Remove members from a static group.', params: IdParams, body: MembersBody, response: { 200: MembersChanged } },
    config: requires('groups.write', ['GROUP_NOT_FOUND', 'GROUP_NOT_STATIC']),
  }, async (request) => unwrap(await changeGroupMembers(deps, principalOf(request), request.params.id, { remove: request.body.memberIds })));

  await app.register((scope, _options, done) => {
    acceptCsvOnly(scope, importBodyLimit);
    const imports = scope.withTypeProvider<TypeBoxTypeProvider>();
    imports.post('/groups/import', {
      schema: {
        tags,
        operationId: 'importGroups',
        summary: 'Create or update groups from CSV (columns name, description, membershipType, memberType, rule, members). All or nothing.',
        consumes: ['text/csv'],
        body: CsvBody,
        response: { 200: ImportSummary },
      },
      config: requires('groups.write', ['IMPORT_INVALID', 'GROUP_NAME_TAKEN']),
    }, async (request) => {
      const rows = unwrap(readCsvRows(request.body));
      return unwrap(await importGroups(deps, principalOf(request), rows));
    });
    done();
  });
};
