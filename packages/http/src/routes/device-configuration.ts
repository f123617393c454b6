import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { getDeviceConfigurationStatus } from '@ward/core';
import { unwrap } from '../api-error.js';
import { principalOf } from '../authenticate.js';
import { requires } from '../route-access.js';
import type { RouteDeps } from '../route-deps.js';
import { IdParams } from '../schemas/common.js';
import { DeviceConfiguration } from '../schemas/policy-status.js';

/** `GET /api/v1/devices/:id/configuration`: every profile on one device and where it stands. */
export const deviceConfigurationRoutes: FastifyPluginCallbackTypebox<RouteDeps> = (app, { deps }, done) => {
  app.get('/devices/:id/configuration', {
    schema: {
      tags: ['devices'],
      operationId: 'getDeviceConfiguration',
      summary: "Every profile on a device with its status: pending, succeeded, failed with the device's error, conflict with the colliding profiles, notApplicable with the reason, or removing.",
      params: IdParams,
      response: { 200: DeviceConfiguration },
    },
    config: requires('policy.read', ['DEVICE_NOT_FOUND']),
  }, async (request) => ({ items: unwrap(await getDeviceConfigurationStatus(deps, principalOf(request), request.params.id)), nextCursor: null }));
  done();
};
