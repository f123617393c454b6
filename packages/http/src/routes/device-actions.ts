import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { listDeviceActions, listDeviceSoftware, requestDeviceAction, type CommandSigner } from '@ward/core';
import { ApiError, unwrap } from '../api-error.js';
import { principalOf } from '../authenticate.js';
import { requires } from '../route-access.js';
import type { RouteDeps } from '../route-deps.js';
import { IdParams } from '../schemas/common.js';
import {
  ActionOutcome,
  ActionOutcomes,
  DeviceActionPage,
  ListDeviceActionsQuery,
  ListSoftwareQuery,
  RequestActionsBody,
  RequestDeviceActionBody,
  SoftwarePage,
} from '../schemas/device-actions.js';

/** Options of the device action routes. */
export interface DeviceActionsRoutesOptions extends RouteDeps {
  /** Signs queued commands; without it actions cannot be requested (the history still shows). */
  readonly signer: CommandSigner | undefined;
}

const tags = ['devices'];

/** `/api/v1/devices/…/actions` and `/software`: remote actions, their history, installed software. */
export const deviceActionsRoutes: FastifyPluginCallbackTypebox<DeviceActionsRoutesOptions> = (app, { deps, signer }, done) => {
  if (signer !== undefined) {
    const actionDeps = { ...deps, signer };

    app.post('/devices/actions', {
      schema: {
        tags,
        operationId: 'requestDeviceActions',
        summary: 'Queue a remote action for many devices and wake them. Answers one outcome per device; devices out of scope or unknown are refused one by one.',
        body: RequestActionsBody,
        response: { 202: ActionOutcomes },
      },
      config: requires('devices.action'),
    }, async (request, reply) => {
      const outcomes = unwrap(await requestDeviceAction(actionDeps, principalOf(request), request.body));
      return reply.code(202).send({ items: outcomes });
    });

    app.post('/devices/:id/actions', {
      schema: {
        tags,
        operationId: 'requestDeviceAction',
        summary: 'Queue a remote action for one device and wake it.',
        params: IdParams,
        body: RequestDeviceActionBody,
        response: { 202: ActionOutcome },
      },
      config: requires('devices.action', ['DEVICE_NOT_FOUND', 'ACTION_NOT_ALLOWED']),
    }, async (request, reply) => {
      const outcomes = unwrap(await requestDeviceAction(actionDeps, principalOf(request), { ...request.body, deviceIds: [request.params.id] }));
      const outcome = outcomes[0];
      if (outcome === undefined) throw new ApiError('INTERNAL', 'A one-device action request answered no outcome.');
      // For one device a refusal is the answer itself, so it leaves as an error with its status.
      if (outcome.status === 'refused') throw new ApiError(outcome.code ?? 'INTERNAL', outcome.message ?? 'The action was refused.');
      return reply.code(202).send(outcome);
    });
  }

  app.get('/devices/:id/actions', {
    schema: {
      tags,
      operationId: 'listDeviceActions',
      summary: 'The action history of a device: pending and sent actions first (on the first page), then finished ones, newest first.',
      params: IdParams,
      querystring: ListDeviceActionsQuery,
      response: { 200: DeviceActionPage },
    },
    config: requires('devices.read', ['DEVICE_NOT_FOUND', 'INVALID_CURSOR']),
  }, async (request) => {
    const { limit, cursor } = request.query;
    return unwrap(await listDeviceActions(deps, principalOf(request), request.params.id, { ...(limit === undefined ? {} : { limit }), ...(cursor === undefined ? {} : { cursor }) }));
  });

  app.get('/devices/:id/software', {
    schema: {
      tags,
      operationId: 'listDeviceSoftware',
      summary: 'Software installed on a device, by name. Personal devices report none.',
      params: IdParams,
      querystring: ListSoftwareQuery,
      response: { 200: SoftwarePage },
    },
    config: requires('devices.read', ['DEVICE_NOT_FOUND', 'INVALID_CURSOR']),
  }, async (request) => {
    const { limit, cursor, q } = request.query;
    return unwrap(
      await listDeviceSoftware(deps, principalOf(request), request.params.id, {
        ...(limit === undefined ? {} : { limit }),
        ...(cursor === undefined ? {} : { cursor }),
        ...(q === undefined ? {} : { q }),
      }),
    );
  });
  done();
};
