import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { createEnrollmentToken, getEnrollmentRestrictions, listEnrollmentTokens, revokeEnrollmentToken, updateEnrollmentRestrictions } from '@ward/core';
import { unwrap } from '../api-error.js';
import { principalOf } from '../authenticate.js';
import { enrollCommand, qrSvg, type EnrollCommandSettings } from '../enroll-command.js';
import { requires } from '../route-access.js';
import type { RouteDeps } from '../route-deps.js';
import { IdParams, NoContent } from '../schemas/common.js';
import {
  CreatedEnrollmentToken,
  CreateEnrollmentTokenBody,
  EnrollmentRestrictions,
  EnrollmentTokenPage,
  ListEnrollmentTokensQuery,
  PatchEnrollmentRestrictionsBody,
} from '../schemas/enrollment.js';

/** Options of the enrollment routes. */
export interface EnrollmentRoutesOptions extends RouteDeps {
  /** For the enroll command line; without it the command and QR code are null. */
  readonly command: EnrollCommandSettings | undefined;
}

const tags = ['enrollment'];

/** `/api/v1/enrollment-tokens` and `/api/v1/enrollment-restrictions`: how devices get in. */
export const enrollmentRoutes: FastifyPluginCallbackTypebox<EnrollmentRoutesOptions> = (app, { deps, command }, done) => {
  app.get('/enrollment-tokens', {
    schema: { tags, operationId: 'listEnrollmentTokens', summary: 'List enrollment tokens, newest first.', querystring: ListEnrollmentTokensQuery, response: { 200: EnrollmentTokenPage } },
    config: requires('devices.read', ['INVALID_CURSOR']),
  }, async (request) => {
    const { limit, cursor } = request.query;
    return unwrap(await listEnrollmentTokens(deps, principalOf(request), { ...(limit === undefined ? {} : { limit }), ...(cursor === undefined ? {} : { cursor }) }));
  });

  app.post('/enrollment-tokens', {
    schema: {
      tags,
      operationId: 'createEnrollmentToken',
      summary: 'Create an enrollment token. Its text, the agent command line and its QR code are shown this once. Needs tenant-wide devices.write.',
      body: CreateEnrollmentTokenBody,
      response: { 201: CreatedEnrollmentToken },
    },
    config: requires('devices.write', ['GROUP_NOT_FOUND', 'USER_NOT_FOUND']),
  }, async (request, reply) => {
    const { name, maxUses, ownership, expiresInHours, targetGroupId, userId } = request.body;
    const created = unwrap(
      await createEnrollmentToken(deps, principalOf(request), {
        name,
        // The schema's defaults fill these in; the fallbacks only satisfy the optional types.
        maxUses: maxUses === undefined ? 1 : maxUses,
        ownership: ownership ?? 'corporate',
        expiresInHours: expiresInHours ?? 168,
        targetGroupId: targetGroupId ?? null,
        userId: userId ?? null,
      }),
    );
    const line = command === undefined ? null : enrollCommand(command, created.text);
    return reply.code(201).send({ token: created.token, text: created.text, enrollCommand: line, qrSvg: line === null ? null : await qrSvg(line) });
  });

  app.delete('/enrollment-tokens/:id', {
    schema: { tags, operationId: 'revokeEnrollmentToken', summary: 'Revoke an enrollment token. Devices enrolled with it stay enrolled.', params: IdParams, response: { 204: NoContent } },
    config: requires('devices.write', ['ENROLLMENT_TOKEN_NOT_FOUND']),
  }, async (request, reply) => {
    unwrap(await revokeEnrollmentToken(deps, principalOf(request), request.params.id));
    return reply.code(204).send();
  });

  app.get('/enrollment-restrictions', {
    schema: { tags, operationId: 'getEnrollmentRestrictions', summary: 'The enrollment rules: platforms, minimum OS versions, personal devices, devices per user.', response: { 200: EnrollmentRestrictions } },
    config: requires('devices.read'),
  }, async (request) => unwrap(await getEnrollmentRestrictions(deps, principalOf(request))));

  app.patch('/enrollment-restrictions', {
    schema: {
      tags,
      operationId: 'updateEnrollmentRestrictions',
      summary: 'Change the enrollment rules. Devices already enrolled are not affected.',
      body: PatchEnrollmentRestrictionsBody,
      response: { 200: EnrollmentRestrictions },
    },
    config: requires('settings.manage'),
  }, async (request) => unwrap(await updateEnrollmentRestrictions(deps, principalOf(request), request.body)));
  done();
};
