import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { getAppPackageForDevice, type AppPackageBlobs } from '@ward/core';
import { ApiError, unwrap } from '../api-error.js';
import { deviceSessionOf } from '../authenticate-device-request.js';
import { deviceRoute } from '../route-access.js';
import type { RouteDeps } from '../route-deps.js';
import { sendAppPackage } from '../send-app-package.js';
import { BinaryContent, packageMediaType, VersionIdParams } from '../schemas/apps.js';

/** Options of the package download route. */
export interface AppPackageDownloadRoutesOptions extends RouteDeps {
  readonly blobs: AppPackageBlobs;
  /** The device-certificate hook of the agent routes. */
  readonly authenticateDevice: onRequestAsyncHookHandler;
}

const errors = ['APP_PACKAGE_NOT_FOUND', 'RANGE_NOT_SATISFIABLE', 'UNAVAILABLE'] as const;

/**
 * `GET /agent/v1/app-packages/{versionId}`: a package file, for the device whose certificate
 * presents it and only while that version is one of its install items. Streamed from the blob
 * store (a file of gigabytes is never held in memory), resumable with a single `Range`, guarded by
 * `If-Range` against resuming with bytes of another file; the strong ETag is the file's SHA-256,
 * which the agent checks again before installing.
 */
export const appPackageDownloadRoutes: FastifyPluginCallbackTypebox<AppPackageDownloadRoutesOptions> = (app, { deps, blobs, authenticateDevice }, done) => {
  const serve = async (request: FastifyRequest, versionId: string, reply: FastifyReply, withBody: boolean): Promise<FastifyReply> => {
    const session = deviceSessionOf(request);
    const found = unwrap(await getAppPackageForDevice(deps, session.device, versionId));
    return sendAppPackage(request, reply, { blobs, file: found, withBody, error: (code, message, details) => new ApiError(code, message, details) });
  };

  const schema = {
    tags: ['agent'],
    operationId: 'agentDownloadAppPackage',
    summary:
      'Download a package file this device is to install (the `url` of a `package` app source). Single byte ranges resume a download (206, or 416 past the end); ' +
      '`If-Range` with the ETag (the file\'s SHA-256, quoted) makes sure the rest is of the same file. HEAD answers the headers alone.',
    params: VersionIdParams,
    response: {
      200: BinaryContent(packageMediaType, 'The whole file.'),
      206: BinaryContent(packageMediaType, 'The requested range of the file.'),
      304: { description: 'The file is the one named by If-None-Match.', type: 'null' },
    },
  };

  app.get('/app-packages/:versionId', { schema, config: deviceRoute([...errors]), onRequest: authenticateDevice, exposeHeadRoute: false }, (request, reply) => serve(request, request.params.versionId, reply, true));
  // Fastify's automatic HEAD would read the whole file to throw it away; this one opens nothing.
  app.head('/app-packages/:versionId', { schema: { ...schema, hide: true }, config: deviceRoute([...errors]), onRequest: authenticateDevice }, (request, reply) => serve(request, request.params.versionId, reply, false));
  done();
};
