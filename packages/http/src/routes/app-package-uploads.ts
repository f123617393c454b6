import { Readable } from 'node:stream';
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { uploadAppPackage, type AddedAppVersion, type AppPackageFiles, type ErrorCode, type Result } from '@ward/core';
import { ApiError, failureError } from '../api-error.js';
import { principalOf } from '../authenticate.js';
import { parseContentDigest } from '../content-digest.js';
import { requires } from '../route-access.js';
import type { RouteDeps } from '../route-deps.js';
import { PackageFileBody, packageMediaType, UploadedAppVersion, UploadQuery } from '../schemas/apps.js';
import { IdParams } from '../schemas/common.js';

/** Options of the upload route. */
export interface AppPackageUploadRoutesOptions extends RouteDeps {
  readonly appPackages: AppPackageFiles;
}

/**
 * How long an upload may go without a byte arriving before its connection is dropped. Node's
 * whole-request timeout is off on a server that takes uploads (a 4 GiB package takes as long as the
 * link needs), so a stalled upload is ended by this instead.
 */
export const uploadIdleTimeoutMs = 60_000;

/** Node's errors for a request whose client went away before its body was complete. */
const clientGoneCodes = new Set(['ECONNRESET', 'ERR_STREAM_PREMATURE_CLOSE', 'ECONNABORTED', 'EPIPE']);

function clientWentAway(request: FastifyRequest, error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return request.raw.destroyed || (typeof code === 'string' && clientGoneCodes.has(code));
}

/**
 * Answers that refuse an upload before its body was read to the end close the connection:
 * otherwise Node would read (and throw away) the rest of a body of gigabytes to keep the
 * connection alive for a next request.
 */
function closeUnreadUploads(request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void): void {
  if (!request.raw.complete) void reply.header('connection', 'close');
  done(null, payload);
}

/**
 * `POST /api/v1/apps/{id}/versions`: a package file as the body, streamed to the blob store as it
 * arrives (never buffered), then read, checked and published by the core's `uploadAppPackage`.
 * Registered in its own scope, whose only body parser hands the request stream over untouched.
 */
export const appPackageUploadRoutes: FastifyPluginCallbackTypebox<AppPackageUploadRoutesOptions> = (app, { deps, appPackages }, done) => {
  const uploading = { ...deps, appPackages };
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(packageMediaType, (_request, payload, parsed) => {
    parsed(null, payload);
  });

  app.post('/apps/:id/versions', {
    schema: {
      tags: ['apps'],
      operationId: 'uploadAppVersion',
      summary:
        'Upload a package file (the raw bytes, `application/octet-stream`) as the next version of a line-of-business app. Ward reads name, identifier, version, ' +
        'minimum OS and icon from the package itself, stores the file under its SHA-256, supersedes the previous version and updates the devices that have the app. ' +
        'Send `Content-Digest: sha-256=:<base64>:` (RFC 9530) to have the bytes checked against what you sent. A file that is not the format it claims, ' +
        'truncated, too large or of another app is refused and nothing is kept.',
      params: IdParams,
      querystring: UploadQuery,
      consumes: [packageMediaType],
      body: PackageFileBody,
      response: { 201: UploadedAppVersion },
    },
    config: requires('policy.write', [
      'APP_NOT_FOUND',
      'APP_NOT_LINE_OF_BUSINESS',
      'APP_INVALID',
      'APP_VERSION_EXISTS',
      'APP_VERSION_CONFLICT',
      'APP_PACKAGE_DIGEST_MISMATCH',
      'APP_PACKAGE_IDENTIFIER_MISMATCH',
      'APP_PACKAGE_PLATFORM_MISMATCH',
      'APP_PACKAGE_UNRECOGNIZED',
      'APP_PACKAGE_FORMAT_MISMATCH',
      'APP_PACKAGE_TRUNCATED',
      'APP_PACKAGE_MALFORMED',
      'APP_PACKAGE_METADATA_MISSING',
      'APP_PACKAGE_LIMIT_EXCEEDED',
      'APP_PACKAGE_UNSUPPORTED',
    ]),
    onSend: closeUnreadUploads,
  }, async (request, reply) => {
    const body = request.body;
    // Without a Content-Type no parser ran and the body is not ours to read.
    if (!(body instanceof Readable)) throw new ApiError('UNSUPPORTED_MEDIA_TYPE', `Send the package file itself as ${packageMediaType}.`, { in: 'headers', header: 'content-type' });
    const encoding = request.headers['content-encoding'];
    if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
      // The bytes are stored and hashed as they arrive; a compressed body would be stored compressed.
      throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Send the package file without Content-Encoding.', { in: 'headers', header: 'content-encoding' });
    }
    const digestHeader = request.headers['content-digest'];
    const digest = parseContentDigest(Array.isArray(digestHeader) ? digestHeader.join(', ') : digestHeader);
    if (digest.kind === 'invalid') throw new ApiError('VALIDATION_FAILED', `Content-Digest cannot be used: ${digest.reason}.`, { in: 'headers', header: 'content-digest' });
    const length = Number(request.headers['content-length'] ?? Number.NaN);
    if (Number.isFinite(length) && length > appPackages.maxBytes) {
      throw new ApiError('PAYLOAD_TOO_LARGE', `The package is larger than the limit of ${appPackages.maxBytes} bytes.`, { maxBytes: appPackages.maxBytes });
    }
    request.raw.socket.setTimeout(uploadIdleTimeoutMs);
    let result: Result<AddedAppVersion, ErrorCode>;
    try {
      result = await uploadAppPackage(uploading, principalOf(request), {
        appId: request.params.id,
        fileName: request.query.fileName,
        ...(request.query.format === undefined ? {} : { declaredFormat: request.query.format }),
        ...(digest.kind === 'sha256' ? { expectedSha256: digest.hex } : {}),
        // Not destroyed when the store stops reading at the limit: the 413 must still be answered.
        bytes: body.iterator({ destroyOnReturn: false }) as AsyncIterable<Uint8Array>,
      });
    } catch (error) {
      if (clientWentAway(request, error)) throw new ApiError('VALIDATION_FAILED', 'The upload ended before the whole body arrived.', { in: 'body', reason: 'truncatedBody' }, { cause: error });
      throw error;
    } finally {
      request.raw.socket.setTimeout(0);
    }
    if (!result.ok) throw failureError(result);
    return reply.code(201).send(result.value);
  });
  done();
};
