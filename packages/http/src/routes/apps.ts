import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createApp, deleteApp, getApp, getAppIcon, getAppInstallStatus, listApps, listAppVersions, listInstalledAppDevices, removeUnreferencedAppPackageBlobs, searchInstalledApps, updateApp, type AppPackageFiles } from '@ward/core';
import { apiPrefix } from '../api-prefix.js';
import { unwrap } from '../api-error.js';
import { principalOf } from '../authenticate.js';
import { ifNoneMatchMatches } from '../byte-range.js';
import { requires } from '../route-access.js';
import type { RouteDeps } from '../route-deps.js';
import { App, AppInventoryDevicesQuery, AppInventoryQuery, AppPage, AppStatusQuery, AppStatusReport, AppVersionList, BinaryContent, CreateAppBody, InstalledAppDevicePage, InstalledAppPage, ListAppsQuery, UpdateAppBody } from '../schemas/apps.js';
import { IdParams, NoContent } from '../schemas/common.js';
import { appPackageUploadRoutes } from './app-package-uploads.js';

const tags = ['apps'];

/** Options of the app catalog routes. */
export interface AppsRoutesOptions extends RouteDeps {
  /** Package files; without them the catalog works but takes no uploads. */
  readonly appPackages?: AppPackageFiles | undefined;
}

/**
 * `/api/v1/apps`: the app catalog (store, repository, web and line-of-business apps), the
 * versions of line-of-business apps and their upload, and each app's icon.
 */
export const appsRoutes: FastifyPluginAsyncTypebox<AppsRoutesOptions> = async (app, { deps, appPackages }) => {
  app.get('/apps', {
    schema: { tags, operationId: 'listApps', summary: 'List the app catalog.', querystring: ListAppsQuery, response: { 200: AppPage } },
    config: requires('policy.read', ['INVALID_CURSOR', 'INVALID_FILTER']),
  }, async (request) => {
    const { limit, cursor, sort, order, ...filter } = request.query;
    return unwrap(await listApps(deps, principalOf(request), { filter, limit, cursor, sort, order }));
  });

  app.post('/apps', {
    schema: {
      tags,
      operationId: 'createApp',
      summary: 'Add an app to the catalog. A line-of-business app starts without a version: upload one to `POST /apps/{id}/versions`. It reaches no device until it is assigned.',
      body: CreateAppBody,
      response: { 201: App },
    },
    config: requires('policy.write', ['APP_INVALID', 'APP_IDENTIFIER_TAKEN', 'APP_ICON_INVALID']),
  }, async (request, reply) => {
    const created = unwrap(await createApp(deps, principalOf(request), request.body));
    return reply.code(201).header('location', `${apiPrefix}/apps/${created.id}`).send(created);
  });

  app.get('/apps/:id', {
    schema: { tags, operationId: 'getApp', summary: 'Get an app.', params: IdParams, response: { 200: App } },
    config: requires('policy.read', ['APP_NOT_FOUND']),
  }, async (request) => unwrap(await getApp(deps, principalOf(request), request.params.id)));

  app.patch('/apps/:id', {
    schema: {
      tags,
      operationId: 'updateApp',
      summary: 'Change an app\'s name, description, publisher, platforms, details or icon; its kind and identifier stay. Devices that have or should have it are recomputed in the background.',
      params: IdParams,
      body: UpdateAppBody,
      response: { 200: App },
    },
    config: requires('policy.write', ['APP_NOT_FOUND', 'APP_INVALID', 'APP_ICON_INVALID', 'APP_VERSION_CONFLICT', 'APP_PACKAGE_PLATFORM_MISMATCH']),
  }, async (request) => unwrap(await updateApp(deps, principalOf(request), request.params.id, request.body)));

  app.delete('/apps/:id', {
    schema: {
      tags,
      operationId: 'deleteApp',
      summary: 'Delete an app with its versions and assignments. Devices where Ward installed it remove it at their next check-in.',
      params: IdParams,
      response: { 204: NoContent },
    },
    config: requires('policy.write', ['APP_NOT_FOUND']),
  }, async (request, reply) => {
    const deleted = unwrap(await deleteApp(deps, principalOf(request), request.params.id));
    // Files other versions (of any tenant) still use stay, and so do recent ones: the periodic
    // sweep takes those once they are unreferenced and old.
    if (appPackages !== undefined) await removeUnreferencedAppPackageBlobs({ ...deps, appPackages }, deleted.packageSha256s);
    return reply.code(204).send();
  });

  app.get('/apps/:id/versions', {
    schema: {
      tags,
      operationId: 'listAppVersions',
      summary: 'Every uploaded version of an app, newest first; the app\'s `currentVersionId` names the published one.',
      params: IdParams,
      response: { 200: AppVersionList },
    },
    config: requires('policy.read', ['APP_NOT_FOUND']),
  }, async (request) => ({ items: unwrap(await listAppVersions(deps, principalOf(request), request.params.id)), nextCursor: null }));

  app.get('/apps/:id/icon', {
    schema: {
      tags,
      operationId: 'getAppIcon',
      summary: 'The app\'s icon, a PNG, with its SHA-256 as ETag (send it back in If-None-Match for a 304).',
      params: IdParams,
      response: { 200: BinaryContent('image/png', 'The icon.'), 304: { description: 'The icon is the one named by If-None-Match.', type: 'null' } },
    },
    config: requires('policy.read', ['APP_NOT_FOUND', 'NOT_FOUND']),
  }, async (request, reply) => {
    const icon = unwrap(await getAppIcon(deps, principalOf(request), request.params.id));
    const etag = `"${icon.sha256}"`;
    // Revalidated every time (the icon may be replaced, and who may see it is checked per request),
    // but never downloaded twice.
    void reply.header('etag', etag).header('cache-control', 'private, no-cache');
    if (ifNoneMatchMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
    return reply.type('image/png').send(Buffer.from(icon.png));
  });

  app.get('/apps/:id/status', {
    schema: {
      tags,
      operationId: 'getAppInstallStatus',
      summary: 'Counts of devices by install status, and a page of devices with their status, installed version and error.',
      params: IdParams,
      querystring: AppStatusQuery,
      response: { 200: AppStatusReport },
    },
    config: requires('policy.read', ['APP_NOT_FOUND', 'INVALID_CURSOR', 'INVALID_FILTER']),
  }, async (request) => {
    const { limit, cursor, status } = request.query;
    const report = unwrap(await getAppInstallStatus(deps, principalOf(request), request.params.id, { limit, cursor, status }));
    return { appId: request.params.id, counts: report.counts, items: report.devices.items, nextCursor: report.devices.nextCursor };
  });

  app.get('/app-inventory', {
    schema: {
      tags,
      operationId: 'searchAppInventory',
      summary: 'The software corporate devices report, across the fleet: each name and version with how many devices have it (personal devices report only managed apps, which are not counted here).',
      querystring: AppInventoryQuery,
      response: { 200: InstalledAppPage },
    },
    config: requires('policy.read', ['INVALID_CURSOR', 'INVALID_FILTER']),
  }, async (request) => {
    const { q, version, limit, cursor } = request.query;
    return unwrap(await searchInstalledApps(deps, principalOf(request), { q, version, limit, cursor }));
  });

  app.get('/app-inventory/devices', {
    schema: {
      tags,
      operationId: 'listAppInventoryDevices',
      summary: 'The corporate devices that report software of exactly this name (and version).',
      querystring: AppInventoryDevicesQuery,
      response: { 200: InstalledAppDevicePage },
    },
    config: requires('policy.read', ['INVALID_CURSOR', 'INVALID_FILTER']),
  }, async (request) => {
    const { name, version, limit, cursor } = request.query;
    return unwrap(await listInstalledAppDevices(deps, principalOf(request), { name, version, limit, cursor }));
  });

  if (appPackages !== undefined) await app.register(appPackageUploadRoutes, { deps, appPackages });
};
