import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { complianceStates, deviceOverview, listDevices, pageLimits, platforms, type Device } from '@ward/core';
import { unwrap } from '../api-error.js';
import { principalOf } from '../authenticate.js';
import { commaList } from '../comma-list.js';
import { followPages, sendCsv } from '../csv-reply.js';
import { csvChunks, type CsvTable } from '../csv-writer.js';
import { requires } from '../route-access.js';
import type { RouteDeps } from '../route-deps.js';
import { DeviceOverview, DeviceOverviewQuery, ExportDevicesQuery } from '../schemas/device-reports.js';
import { CsvText } from '../schemas/policy-reports.js';

/** The columns of the device export: the list's fields, ids included so rows can be joined back. */
const deviceTable: CsvTable<Device> = {
  columns: ['id', 'name', 'platform', 'osVersion', 'ownership', 'managementState', 'complianceState', 'serialNumber', 'model', 'manufacturer', 'primaryUserId', 'enrolledAt', 'lastSeenAt'],
  cells: (d) => [d.id, d.name, d.platform, d.osVersion, d.ownership, d.managementState, d.complianceState, d.serialNumber, d.model, d.manufacturer, d.primaryUserId, d.enrolledAt, d.lastSeenAt],
};

/**
 * `GET /api/v1/reports/devices` (the fleet counted on the server, for the dashboard) and
 * `GET /api/v1/devices/export.csv` (the device list as CSV). Both see the devices the caller's
 * `devices.read` scope reaches, as the device list does.
 */
export const deviceReportsRoutes: FastifyPluginCallbackTypebox<RouteDeps> = (app, { deps }, done) => {
  app.get('/reports/devices', {
    schema: {
      tags: ['reports'],
      operationId: 'getDeviceOverview',
      summary: 'Devices counted by platform, OS version, compliance state, ownership and management state; enrollments per day; remote actions waiting, by type. Grouped counts: no device is listed.',
      querystring: DeviceOverviewQuery,
      response: { 200: DeviceOverview },
    },
    config: requires('devices.read', ['INVALID_FILTER']),
  }, async (request) => unwrap(await deviceOverview(deps, principalOf(request), request.query)));

  app.get('/devices/export.csv', {
    schema: {
      tags: ['devices'],
      operationId: 'exportDevices',
      summary: 'Every device the list would show for these filters, search and sort, as CSV, written a page at a time while it is read.',
      querystring: ExportDevicesQuery,
      response: { 200: { content: { 'text/csv': { schema: CsvText } } } },
    },
    config: requires('devices.read', ['INVALID_FILTER']),
  }, async (request, reply) => {
    const principal = principalOf(request);
    const { sort, order, platform, complianceState, lastSeenBefore, lastSeenAfter, ...rest } = request.query;
    const filter = {
      ...rest,
      platform: commaList(platform, platforms),
      complianceState: commaList(complianceState, complianceStates),
      lastSeenBefore: lastSeenBefore === undefined ? undefined : new Date(lastSeenBefore),
      lastSeenAfter: lastSeenAfter === undefined ? undefined : new Date(lastSeenAfter),
    };
    const page = async (cursor: string | undefined) => unwrap(await listDevices(deps, principal, { filter, sort, order, limit: pageLimits.max, cursor }));
    // The first page is read before anything is sent, so a refusal or a bad filter still answers
    // with its error rather than a truncated file.
    const first = await page(undefined);
    return sendCsv(reply, 'devices.csv', csvChunks(deviceTable, followPages(first, page)));
  });

  done();
};
