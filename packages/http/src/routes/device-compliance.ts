import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { explainDeviceCompliance } from '@ward/core';
import { unwrap } from '../api-error.js';
import { principalOf } from '../authenticate.js';
import { requires } from '../route-access.js';
import type { RouteDeps } from '../route-deps.js';
import { IdParams } from '../schemas/common.js';
import { DeviceComplianceExplanation, DeviceComplianceQuery } from '../schemas/compliance-status.js';

/** `GET /api/v1/devices/:id/compliance`: why a device is in its compliance state. */
export const deviceComplianceRoutes: FastifyPluginCallbackTypebox<RouteDeps> = (app, { deps }, done) => {
  app.get('/devices/:id/compliance', {
    schema: {
      tags: ['devices'],
      operationId: 'explainDeviceCompliance',
      summary:
        'Explains a device\'s compliance: per policy, every rule with the expected value, what the device reported, pass/fail/unknown and the remediation for the user; ' +
        'the grace deadline and scheduled actions; and a page of state changes with their causes, newest first.',
      params: IdParams,
      querystring: DeviceComplianceQuery,
      response: { 200: DeviceComplianceExplanation },
    },
    config: requires('policy.read', ['DEVICE_NOT_FOUND', 'INVALID_CURSOR']),
  }, async (request) => {
    const { historyLimit, historyCursor } = request.query;
    return unwrap(await explainDeviceCompliance(deps, principalOf(request), request.params.id, { historyLimit, historyCursor }));
  });
  done();
};
