import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { getAppRegistration, getAppUsageReport, listAppRegistrations, wipeAppRegistration, wipeUserApps } from '@ward/core';
import { unwrap } from '../api-error.js';
import { principalOf } from '../authenticate.js';
import { requires } from '../route-access.js';
import type { RouteDeps } from '../route-deps.js';
import { AppRegistration, AppRegistrationPage, AppUsageQuery, AppUsageReport, ListAppRegistrationsQuery, WipeUserAppsBody, WipeUserAppsResult } from '../schemas/app-protection.js';
import { IdParams } from '../schemas/common.js';

const tags = ['app-protection'];

/**
 * The apps with the Ward SDK that users registered (issue 7 §6, §7, §3): the registrations,
 * selective wipe of one registration or of a user's (optionally on one device tag), and the SDK
 * apps' usage. A wipe is delivered at the app's next check-in and confirmed there; the key share
 * is withheld from the moment it is asked for, so an app that never checks in again cannot open
 * its corporate data either.
 */
export const appRegistrationsRoutes: FastifyPluginCallbackTypebox<RouteDeps> = (app, { deps }, done) => {
  app.get('/app-registrations', {
    schema: { tags, operationId: 'listAppRegistrations', summary: 'List app registrations, newest first. Admins scoped to groups filter by one user of theirs.', querystring: ListAppRegistrationsQuery, response: { 200: AppRegistrationPage } },
    config: requires('devices.read', ['INVALID_CURSOR', 'INVALID_FILTER', 'INVALID_SORT']),
  }, async (request) => {
    const { limit, cursor, sort, order, ...filter } = request.query;
    return unwrap(await listAppRegistrations(deps, principalOf(request), { filter, limit, cursor, sort, order }));
  });

  app.get('/app-registrations/:id', {
    schema: { tags, operationId: 'getAppRegistration', summary: 'Get an app registration: its app, installation, reported state and wipe.', params: IdParams, response: { 200: AppRegistration } },
    config: requires('devices.read', ['APP_REGISTRATION_NOT_FOUND']),
  }, async (request) => unwrap(await getAppRegistration(deps, principalOf(request), request.params.id)));

  app.post('/app-registrations/:id/wipe', {
    schema: {
      tags,
      operationId: 'wipeAppRegistration',
      summary: "Selectively wipe one app registration: the app deletes the corporate identity's data at its next check-in and confirms. Asking again while it waits answers the pending wipe.",
      params: IdParams,
      response: { 202: AppRegistration },
    },
    config: requires('devices.action', ['APP_REGISTRATION_NOT_FOUND', 'APP_REGISTRATION_WIPED']),
  }, async (request, reply) => reply.code(202).send(unwrap(await wipeAppRegistration(deps, principalOf(request), request.params.id))));

  app.post('/users/:id/app-wipe', {
    schema: {
      tags,
      operationId: 'wipeUserApps',
      summary: "Selectively wipe every app registration of a user, or those on one device tag. Personal accounts in the same apps are never touched.",
      params: IdParams,
      body: WipeUserAppsBody,
      response: { 202: WipeUserAppsResult },
    },
    config: requires('devices.action', ['USER_NOT_FOUND']),
  }, async (request, reply) => {
    const deviceTag = request.body.deviceTag;
    const wiped = unwrap(await wipeUserApps(deps, principalOf(request), { userId: request.params.id, ...(deviceTag === undefined ? {} : { deviceTag }) }));
    return reply.code(202).send(wiped);
  });

  app.get('/app-usage', {
    schema: { tags, operationId: 'getAppUsageReport', summary: 'Usage of SDK apps per app and UTC day: launches, active users and the last use.', querystring: AppUsageQuery, response: { 200: AppUsageReport } },
    config: requires('devices.read', ['INVALID_FILTER']),
  }, async (request) => unwrap(await getAppUsageReport(deps, principalOf(request), request.query)));

  done();
};
