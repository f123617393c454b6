import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { createUser, deleteUser, getUser, importUsers, listUsers, resetAdminPassword, updateUser } from '@ward/core';
import { unwrap } from '../api-error.js';
import { acceptCsvOnly, CsvBody, ImportSummary } from '../csv-body.js';
import { readCsvRows } from '../csv-rows.js';
import { principalOf } from '../authenticate.js';
import { apiPrefix } from '../api-prefix.js';
import { requires } from '../route-access.js';
import type { ImportRouteDeps } from '../route-deps.js';
import { IdParams, NoContent } from '../schemas/common.js';
import { CreateUserBody, ListUsersQuery, PatchUserBody, SetUserPasswordBody, User, UserPage, UserPasswordSet } from '../schemas/users.js';

const tags = ['users'];

/** `/api/v1/users`: the directory's users. */
export const usersRoutes: FastifyPluginAsyncTypebox<ImportRouteDeps> = async (app, { deps, importBodyLimit }) => {
  app.get('/users', {
    schema: { tags, operationId: 'listUsers', summary: 'List users.', querystring: ListUsersQuery, response: { 200: UserPage } },
    config: requires('directory.read', ['INVALID_CURSOR']),
  }, async (request) => {
    const { limit, cursor, sort, order, ...filter } = request.query;
    return unwrap(await listUsers(deps, principalOf(request), { filter, limit, cursor, sort, order }));
  });

  app.post('/users', {
    schema: { tags, operationId: 'createUser', summary: 'Create a user.', body: CreateUserBody, response: { 201: User } },
    config: requires('directory.write', ['USER_EMAIL_TAKEN']),
  }, async (request, reply) => {
    const user = unwrap(await createUser(deps, principalOf(request), request.body));
    return reply.code(201).header('location', `${apiPrefix}/users/${user.id}`).send(user);
  });

  app.get('/users/:id', {
    schema: { tags, operationId: 'getUser', summary: 'Get a user.', params: IdParams, response: { 200: User } },
    config: requires('directory.read', ['USER_NOT_FOUND']),
  }, async (request) => unwrap(await getUser(deps, principalOf(request), request.params.id)));

  app.patch('/users/:id', {
    schema: { tags, operationId: 'updateUser', summary: 'Change some of a user\'s fields.', params: IdParams, body: PatchUserBody, response: { 200: User } },
    config: requires('directory.write', ['USER_NOT_FOUND', 'USER_EMAIL_TAKEN']),
  }, async (request) => unwrap(await updateUser(deps, principalOf(request), request.params.id, request.body)));

  // The directory's users sign in to the identity provider with a password (and their second
  // factors); an admin gives a person their first one, or a new one when they lost it.
  app.post('/users/:id/password', {
    schema: {
      tags,
      operationId: 'setUserPassword',
      summary: 'Set a user\'s password (a generated one unless given, shown this once), clear a lockout and end their sessions; optionally remove their authenticator.',
      params: IdParams,
      body: SetUserPasswordBody,
      response: { 200: UserPasswordSet },
    },
    config: requires('admins.manage', ['USER_NOT_FOUND']),
  }, async (request) => {
    const principal = principalOf(request);
    const user = unwrap(await getUser(deps, principal, request.params.id));
    const { password, resetTotp } = request.body;
    return unwrap(await resetAdminPassword(deps, principal, { email: user.email, ...(password === undefined ? {} : { password }), ...(resetTotp === undefined ? {} : { resetTotp }) }));
  });

  app.delete('/users/:id', {
    schema: { tags, operationId: 'deleteUser', summary: 'Delete a user with their memberships, roles and tokens.', params: IdParams, response: { 204: NoContent } },
    config: requires('directory.write', ['USER_NOT_FOUND', 'LAST_GLOBAL_ADMIN']),
  }, async (request, reply) => {
    unwrap(await deleteUser(deps, principalOf(request), request.params.id));
    return reply.code(204).send();
  });

  await app.register((scope, _options, done) => {
    acceptCsvOnly(scope, importBodyLimit);
    const imports = scope.withTypeProvider<TypeBoxTypeProvider>();
    imports.post('/users/import', {
      schema: {
        tags,
        operationId: 'importUsers',
        summary: 'Create or update users from CSV (columns email, displayName, givenName, surname, department, jobTitle, employeeId, disabled, groups, attr.NAME). All or nothing.',
        consumes: ['text/csv'],
        body: CsvBody,
        response: { 200: ImportSummary },
      },
      config: requires('directory.write', ['IMPORT_INVALID']),
    }, async (request) => {
      const rows = unwrap(readCsvRows(request.body));
      return unwrap(await importUsers(deps, principalOf(request), rows));
    });
    done();
  });
};
