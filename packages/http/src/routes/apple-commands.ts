import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { enqueueAppleCommandByAdmin, getAppleDeviceEnrollment, listAppleDeviceCommands, maxApplePayloadBytes, type AppleCommandPayloadValidator } from '@ward/core';
import { unwrap } from '../api-error.js';
import { principalOf } from '../authenticate.js';
import { requires } from '../route-access.js';
import type { RouteDeps } from '../route-deps.js';
import { EnqueueMdmCommandBody, ListMdmCommandsQuery, MdmCommandPage, MdmEnrollmentAnswer, QueuedMdmCommand } from '../schemas/apple-commands.js';
import { IdParams } from '../schemas/common.js';

/** Options of the Apple MDM command routes. */
export interface AppleCommandsRoutesOptions extends RouteDeps {
  /** Checks payloads against Apple's schema (the server passes `@ward/apple`'s check); without it commands cannot be queued, only listed. */
  readonly validateCommandPayload: AppleCommandPayloadValidator | undefined;
}

const tags = ['devices'];
// The JSON around the largest payload the core accepts (an InstallProfile carrying a signed profile).
const bodyLimit = maxApplePayloadBytes + 16 * 1024;

/**
 * `/api/v1/devices/{id}/mdm-commands` and `/mdm-enrollment`: raw Apple MDM commands an admin
 * sends to one device (NanoMDM's enqueue API, bounded by an allow-list and Apple's schema), the
 * device's pending and finished commands, and its enrollment.
 */
export const appleCommandsRoutes: FastifyPluginCallbackTypebox<AppleCommandsRoutesOptions> = (app, { deps, validateCommandPayload }, done) => {
  if (validateCommandPayload !== undefined) {
    app.post('/devices/:id/mdm-commands', {
      bodyLimit,
      schema: {
        tags,
        operationId: 'enqueueMdmCommand',
        summary: 'Queue one Apple MDM command (InstallApplication, Settings, ProfileList, …) for an Apple device and wake it through APNs. The payload is checked against Apple\'s schema for the RequestType.',
        params: IdParams,
        body: EnqueueMdmCommandBody,
        response: { 202: QueuedMdmCommand },
      },
      config: requires('devices.action', ['DEVICE_NOT_FOUND', 'ACTION_NOT_ALLOWED', 'ACTION_NOT_SUPPORTED']),
    }, async (request, reply) => {
      const queued = unwrap(await enqueueAppleCommandByAdmin(deps, principalOf(request), { ...request.body, deviceId: request.params.id }, validateCommandPayload));
      return reply.code(202).send(queued);
    });
  }

  app.get('/devices/:id/mdm-commands', {
    schema: {
      tags,
      operationId: 'listMdmCommands',
      summary: "An Apple device's MDM commands: pending ones first (on the first page), then finished ones with the device's answer, newest first. Payloads are never shown.",
      params: IdParams,
      querystring: ListMdmCommandsQuery,
      response: { 200: MdmCommandPage },
    },
    config: requires('devices.read', ['DEVICE_NOT_FOUND', 'INVALID_CURSOR']),
  }, async (request) => {
    const { limit, cursor } = request.query;
    return unwrap(await listAppleDeviceCommands(deps, principalOf(request), request.params.id, { ...(limit === undefined ? {} : { limit }), ...(cursor === undefined ? {} : { cursor }) }));
  });

  app.get('/devices/:id/mdm-enrollment', {
    schema: {
      tags,
      operationId: 'getMdmEnrollment',
      summary: "A device's Apple MDM enrollment: UDID or User Enrollment, state, user channels, profiles it reported, whether it can be woken. No secrets.",
      params: IdParams,
      response: { 200: MdmEnrollmentAnswer },
    },
    config: requires('devices.read', ['DEVICE_NOT_FOUND']),
  }, async (request) => ({ enrollment: unwrap(await getAppleDeviceEnrollment(deps, principalOf(request), request.params.id)) }));
  done();
};
