import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { assignRole, createAdmin, listAdmins, removeRoleAssignment } from '@ward/core';
import { unwrap } from '../api-error.js';
import { principalOf } from '../authenticate.js';
import { requires } from '../route-access.js';
import type { RouteDeps } from '../route-deps.js';
import { AdminList, AdminParams, AssignmentParams, AssignRoleBody, CreateAdminBody, CreatedAdmin, RoleAssignment } from '../schemas/admins.js';
import { NoContent } from '../schemas/common.js';

const tags = ['admins'];

/** `/api/v1/admins`: directory users who hold admin roles, and their role assignments. */
export const adminsRoutes: FastifyPluginCallbackTypebox<RouteDeps> = (app, { deps }, done) => {
  app.get('/admins', {
    schema: { tags, operationId: 'listAdmins', summary: 'List admins with their roles. Admins are few, so the list is whole.', response: { 200: AdminList } },
    config: requires('directory.read'),
  }, async (request) => ({ items: unwrap(await listAdmins(deps, principalOf(request))), nextCursor: null }));

  app.post('/admins', {
    schema: {
      tags,
      operationId: 'createAdmin',
      summary: 'Make a user an admin: creates the user if the e-mail is new, grants the role, sets a password if none.',
      body: CreateAdminBody,
      response: { 201: CreatedAdmin },
    },
    config: requires('admins.manage', ['USER_EMAIL_TAKEN', 'GROUP_NOT_FOUND']),
  }, async (request, reply) => {
    const created = unwrap(await createAdmin(deps, principalOf(request), request.body));
    return reply.code(201).send(created);
  });

  app.post('/admins/:userId/roles', {
    schema: { tags, operationId: 'assignRole', summary: 'Grant a role, optionally scoped to groups.', params: AdminParams, body: AssignRoleBody, response: { 201: RoleAssignment } },
    config: requires('admins.manage', ['USER_NOT_FOUND', 'GROUP_NOT_FOUND']),
  }, async (request, reply) => {
    const assignment = unwrap(await assignRole(deps, principalOf(request), request.params.userId, request.body));
    return reply.code(201).send(assignment);
  });

  app.delete('/admins/:userId/roles/:assignmentId', {
    schema: { tags, operationId: 'removeRoleAssignment', summary: 'Take a role away. The last global admin keeps theirs.', params: AssignmentParams, response: { 204: NoContent } },
    config: requires('admins.manage', ['ROLE_ASSIGNMENT_NOT_FOUND', 'LAST_GLOBAL_ADMIN']),
  }, async (request, reply) => {
    unwrap(await removeRoleAssignment(deps, principalOf(request), request.params.userId, request.params.assignmentId));
    return reply.code(204).send();
  });
  done();
};
