import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { createMyEnrollmentToken, explainMyDeviceCompliance, getMyAccount, getMyDevice, listAvailableAppsForUser, listMyDevices, retireMyDevice, type CommandSigner } from '@ward/core';
import { unwrap } from '../api-error.js';
import { principalOf } from '../authenticate.js';
import { enrollCommand, qrSvg, type EnrollCommandSettings } from '../enroll-command.js';
import { requires } from '../route-access.js';
import type { RouteDeps } from '../route-deps.js';
import { App } from '../schemas/apps.js';
import { IdParams, List } from '../schemas/common.js';
import { CreateMyEnrollmentBody, MyAccount, MyDeviceCompliance, MyDeviceDetail, MyDevicePage, MyDevicesQuery, MyEnrollment, MyRetireOutcome } from '../schemas/me.js';

/** Options of the self-service routes. */
export interface MeRoutesOptions extends RouteDeps {
  /** Signs the retire command; without it a person cannot retire a device themselves. */
  readonly signer: CommandSigner | undefined;
  /** For the agent command line and the Apple profile link; without it both are null. */
  readonly command: EnrollCommandSettings | undefined;
  /** Whether the server serves Apple's enrollment profile at `/mdm/enroll`. */
  readonly appleEnrollment: boolean;
}

const tags = ['me'];

/**
 * `/api/v1/me/*`: the portal's API. Any signed-in person may call it (no admin permission); each
 * use case reaches only the caller's own devices, and anyone else's device is a 404.
 */
export const meRoutes: FastifyPluginCallbackTypebox<MeRoutesOptions> = (app, { deps, signer, command, appleEnrollment }, done) => {
  app.get('/me', {
    schema: { tags, operationId: 'getMyAccount', summary: 'The person signed in, their admin roles if any, and the enrollment rules as they apply to them.', response: { 200: MyAccount } },
    config: requires(null, ['USER_NOT_FOUND']),
  }, async (request) => unwrap(await getMyAccount(deps, principalOf(request))));

  app.get('/me/devices', {
    schema: { tags, operationId: 'listMyDevices', summary: 'The devices whose primary user is the caller, by name, with their compliance state.', querystring: MyDevicesQuery, response: { 200: MyDevicePage } },
    config: requires(null, ['INVALID_CURSOR']),
  }, async (request) => {
    const { limit, cursor } = request.query;
    return unwrap(await listMyDevices(deps, principalOf(request), { ...(limit === undefined ? {} : { limit }), ...(cursor === undefined ? {} : { cursor }) }));
  });

  app.get('/me/apps', {
    schema: {
      tags,
      operationId: 'listMyApps',
      summary: 'The apps offered to the caller (assigned as available to them), by name; with `deviceId`, only those for that device of theirs.',
      querystring: Type.Object({ deviceId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: List(App) }) },
    },
    config: requires(null, ['DEVICE_NOT_FOUND']),
  }, async (request) => {
    const { deviceId } = request.query;
    return { items: unwrap(await listAvailableAppsForUser(deps, principalOf(request), deviceId === undefined ? {} : { deviceId })) };
  });

  app.get('/me/devices/:id', {
    schema: { tags, operationId: 'getMyDevice', summary: 'One of the caller’s devices, with what IT can and cannot see and do on it.', params: IdParams, response: { 200: MyDeviceDetail } },
    config: requires(null, ['DEVICE_NOT_FOUND']),
  }, async (request) => unwrap(await getMyDevice(deps, principalOf(request), request.params.id)));

  app.get('/me/devices/:id/compliance', {
    schema: {
      tags,
      operationId: 'explainMyDeviceCompliance',
      summary: 'Why one of the caller’s devices is in its compliance state: each rule, what the device reported and, for failing rules, what to do.',
      params: IdParams,
      response: { 200: MyDeviceCompliance },
    },
    config: requires(null, ['DEVICE_NOT_FOUND']),
  }, async (request) => unwrap(await explainMyDeviceCompliance(deps, principalOf(request), request.params.id)));

  if (signer !== undefined) {
    const retireDeps = { ...deps, signer };
    app.post('/me/devices/:id/retire', {
      schema: {
        tags,
        operationId: 'retireMyDevice',
        summary: 'Remove the company’s management from one of the caller’s devices (retire). Asked again while pending, answers the pending retire.',
        params: IdParams,
        response: { 202: MyRetireOutcome },
      },
      config: requires(null, ['DEVICE_NOT_FOUND', 'ACTION_NOT_ALLOWED']),
    }, async (request, reply) => reply.code(202).send(unwrap(await retireMyDevice(retireDeps, principalOf(request), request.params.id))));
  }

  app.post('/me/enrollment', {
    schema: {
      tags,
      operationId: 'createMyEnrollment',
      summary: 'A one-time enrollment token for one of the caller’s devices, valid for an hour: its agent command line and the Apple profile link, each with a QR code, shown this once.',
      body: CreateMyEnrollmentBody,
      response: { 201: MyEnrollment },
    },
    config: requires(null, ['ENROLLMENT_PERSONAL_NOT_ALLOWED', 'ENROLLMENT_DEVICE_LIMIT', 'USER_NOT_FOUND']),
  }, async (request, reply) => {
    const created = unwrap(await createMyEnrollmentToken(deps, principalOf(request), { ownership: request.body.ownership }));
    const line = command === undefined ? null : enrollCommand(command, created.text);
    const profileUrl = command === undefined || !appleEnrollment || !created.appleReady ? null : `${command.publicUrl}/mdm/enroll?token=${encodeURIComponent(created.text)}`;
    const [lineQr, profileQr] = await Promise.all([line === null ? null : qrSvg(line), profileUrl === null ? null : qrSvg(profileUrl)]);
    return reply.code(201).send({ token: created.token, text: created.text, enrollCommand: line, qrSvg: lineQr, appleProfileUrl: profileUrl, appleProfileQrSvg: profileQr });
  });
  done();
};
