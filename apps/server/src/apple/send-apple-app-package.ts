import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppPackageBlobs } from '@ward/core';
import { MdmRouteError, type AppleAppPackageSender } from '@ward/apple';
import { attachmentDisposition, ifNoneMatchMatches, ifRangeAllows, parseRange, sha256DigestHeader } from '@ward/http';

/** A header that may arrive on several lines, as one comma-joined value (RFC 9110 §5.3). */
function headerText(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' || value === undefined ? value : value.join(', ');
}

/**
 * Apple MDM's package download (`/mdm/apps/<versionId>/package`) over the blob store, with the
 * agent download's range rules from `@ward/http` (`parseRange`, `ifRangeAllows`,
 * `ifNoneMatchMatches`): streamed, a single `Range` resumes, `If-Range` with the strong ETag (the
 * file's SHA-256) makes sure the rest is of the same file, 416 past the end, 304 for a matching
 * `If-None-Match`, `Repr-Digest` the whole file's. A file the catalog names but the store does not
 * hold whole is 503 UNAVAILABLE (the device retries).
 */
export function createAppleAppPackageSender(blobs: AppPackageBlobs): AppleAppPackageSender {
  return async (request: FastifyRequest, reply: FastifyReply, file, withBody): Promise<FastifyReply> => {
    const blob = await blobs.stat(file.sha256);
    if (blob?.size !== file.sizeBytes) {
      request.log.error({ sha256: file.sha256, expectedSize: file.sizeBytes, storedSize: blob?.size ?? null }, 'app package file missing from the package directory');
      throw new MdmRouteError('UNAVAILABLE', 'The package file is not available right now.');
    }
    const size = blob.size;
    const etag = `"${file.sha256}"`;
    void reply.header('etag', etag).header('accept-ranges', 'bytes');
    if (ifNoneMatchMatches(headerText(request.headers['if-none-match']), etag)) return reply.code(304).send();
    const requested = ifRangeAllows(headerText(request.headers['if-range']), etag) ? parseRange(request.headers.range, size) : ({ kind: 'none' } as const);
    if (requested.kind === 'unsatisfiable') {
      void reply.header('content-range', `bytes */${size}`);
      throw new MdmRouteError('RANGE_NOT_SATISFIABLE', `The range asked for lies outside the file of ${size} bytes.`, { size });
    }
    const range = requested.kind === 'range' ? requested.range : undefined;
    void reply
      .type('application/octet-stream')
      .header('content-disposition', attachmentDisposition(file.fileName))
      .header('repr-digest', sha256DigestHeader(file.sha256))
      .header('content-length', String(range === undefined ? size : range.end - range.start + 1));
    if (range !== undefined) void reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${size}`);
    if (!withBody) return reply.send();
    const opened = await blobs.open(file.sha256, range);
    if (opened === undefined) throw new MdmRouteError('UNAVAILABLE', 'The package file is not available right now.');
    return reply.send(opened.bytes instanceof Readable ? opened.bytes : Readable.from(opened.bytes));
  };
}
