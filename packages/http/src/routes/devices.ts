import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { complianceStates, deleteDevice, getDevice, listDevices, platforms, updateDevice } from '@ward/core';
import { unwrap } from '../api-error.js';
import { principalOf } from '../authenticate.js';
import { commaList } from '../comma-list.js';
import { requires } from '../route-access.js';
import type { RouteDeps } from '../route-deps.js';
import { IdParams, NoContent } from '../schemas/common.js';
import { Device, DevicePage, ListDevicesQuery, PatchDeviceBody } from '../schemas/devices.js';

const tags = ['devices'];

/** `/api/v1/devices`: managed devices. Remote actions live elsewhere; these are the records. */
export const devicesRoutes: FastifyPluginCallbackTypebox<RouteDeps> = (app, { deps }, done) => {
  app.get('/devices', {
    schema: { tags, operationId: 'listDevices', summary: 'List devices.', querystring: ListDevicesQuery, response: { 200: DevicePage } },
    config: requires('devices.read', ['INVALID_CURSOR', 'INVALID_FILTER']),
  }, async (request) => {
    const { limit, cursor, sort, order, platform, complianceState, lastSeenBefore, lastSeenAfter, ...rest } = request.query;
    const filter = {
      ...rest,
      platform: commaList(platform, platforms),
      complianceState: commaList(complianceState, complianceStates),
      lastSeenBefore: lastSeenBefore === undefined ? undefined : new Date(lastSeenBefore),
      lastSeenAfter: lastSeenAfter === undefined ? undefined : new Date(lastSeenAfter),
    };
    return unwrap(await listDevices(deps, principalOf(request), { filter, limit, cursor, sort, order }));
  });

  app.get('/devices/:id', {
    schema: { tags, operationId: 'getDevice', summary: 'Get a device with its facts and raw inventory.', params: IdParams, response: { 200: Device } },
    config: requires('devices.read', ['DEVICE_NOT_FOUND']),
  }, async (request) => unwrap(await getDevice(deps, principalOf(request), request.params.id)));

  app.patch('/devices/:id', {
    schema: { tags, operationId: 'updateDevice', summary: 'Rename a device or change its ownership or primary user.', params: IdParams, body: PatchDeviceBody, response: { 200: Device } },
    config: requires('devices.write', ['DEVICE_NOT_FOUND', 'USER_NOT_FOUND']),
  }, async (request) => unwrap(await updateDevice(deps, principalOf(request), request.params.id, request.body)));

  app.delete('/devices/:id', {
    schema: { tags, operationId: 'deleteDevice', summary: 'Forget a device record (the device itself is not touched).', params: IdParams, response: { 204: NoContent } },
    config: requires('devices.write', ['DEVICE_NOT_FOUND']),
  }, async (request, reply) => {
    unwrap(await deleteDevice(deps, principalOf(request), request.params.id));
    return reply.code(204).send();
  });
  done();
};
