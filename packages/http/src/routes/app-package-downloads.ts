import { Readable } from 'node:stream';
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { getAppPackageForDevice, type AppPackageBlobs } from '@ward/core';
import { ApiError, unwrap } from '../api-error.js';
import { deviceSessionOf } from '../authenticate-device-request.js';
import { ifNoneMatchMatches, ifRangeAllows, parseRange } from '../byte-range.js';
import { sha256DigestHeader } from '../content-digest.js';
import { deviceRoute } from '../route-access.js';
import type { RouteDeps } from '../route-deps.js';
import { BinaryContent, packageMediaType, VersionIdParams } from '../schemas/apps.js';

/** Options of the package download route. */
export interface AppPackageDownloadRoutesOptions extends RouteDeps {
  readonly blobs: AppPackageBlobs;
  /** The device-certificate hook of the agent routes. */
  readonly authenticateDevice: onRequestAsyncHookHandler;
}

/**
 * A `Content-Disposition` naming the file (RFC 6266): an ASCII fallback for old clients, and the
 * name itself percent-encoded (RFC 8187). Quotes, backslashes and control characters never reach
 * the header as they are.
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** A header that may arrive on several lines, as one comma-joined value (RFC 9110 §5.3). */
function headerText(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' || value === undefined ? value : value.join(', ');
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
    const blob = await blobs.stat(found.sha256);
    if (blob?.size !== found.sizeBytes) {
      // The catalog names a file the store does not hold whole: shared storage not mounted on this
      // node, or a file lost. The agent retries later; the log says which.
      request.log.error({ sha256: found.sha256, expectedSize: found.sizeBytes, storedSize: blob?.size ?? null }, 'app package file missing from the package directory');
      throw new ApiError('UNAVAILABLE', 'The package file is not available right now.');
    }
    const size = blob.size;
    const etag = `"${found.sha256}"`;
    void reply.header('etag', etag).header('accept-ranges', 'bytes');
    if (ifNoneMatchMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();

    const requested = ifRangeAllows(headerText(request.headers['if-range']), etag) ? parseRange(request.headers.range, size) : ({ kind: 'none' } as const);
    if (requested.kind === 'unsatisfiable') {
      void reply.header('content-range', `bytes */${size}`);
      throw new ApiError('RANGE_NOT_SATISFIABLE', `The range asked for lies outside the file of ${size} bytes.`, { size });
    }
    const range = requested.kind === 'range' ? requested.range : undefined;
    void reply
      .type(packageMediaType)
      .header('content-disposition', attachmentDisposition(found.fileName))
      // The digest of the whole file (RFC 9530), whichever part this answer carries.
      .header('repr-digest', sha256DigestHeader(found.sha256))
      .header('content-length', String(range === undefined ? size : range.end - range.start + 1));
    if (range !== undefined) void reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${size}`);
    if (!withBody) return reply.send();
    const opened = await blobs.open(found.sha256, range);
    if (opened === undefined) throw new ApiError('UNAVAILABLE', 'The package file is not available right now.');
    return reply.send(opened.bytes instanceof Readable ? opened.bytes : Readable.from(opened.bytes));
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
