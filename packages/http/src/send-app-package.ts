import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppPackageBlobs } from '@ward/core';
import { ifNoneMatchMatches, ifRangeAllows, parseRange } from './byte-range.js';
import { sha256DigestHeader } from './content-digest.js';
import { packageMediaType } from './schemas/apps.js';

/** The package file to send, as the catalog names it. */
export interface AppPackageFile {
  /** Hex SHA-256 of the whole file: the blob's key and the strong ETag. */
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly fileName: string;
}

/** The failures {@link sendAppPackage} can meet, for the caller to turn into its own error type. */
export type AppPackageSendFailure = 'UNAVAILABLE' | 'RANGE_NOT_SATISFIABLE';

/** Options of {@link sendAppPackage}. */
export interface SendAppPackageOptions {
  readonly blobs: AppPackageBlobs;
  readonly file: AppPackageFile;
  /** False for HEAD: the headers alone, nothing opened. */
  readonly withBody: boolean;
  /**
   * The error to throw for a failure: the agent API and Apple MDM render errors their own way
   * (`ApiError`, `MdmRouteError`), each through its own handler.
   */
  readonly error: (code: AppPackageSendFailure, message: string, details?: Readonly<Record<string, unknown>>) => Error;
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

/**
 * Sends a package file from the blob store, shared by the agent download
 * (`/agent/v1/app-packages/{versionId}`) and Apple MDM's (`/mdm/apps/<versionId>/package`) so both
 * behave alike: streamed (a file of gigabytes is never held in memory), a single `Range` resumes
 * (206, or 416 past the end), `If-Range` with the strong ETag (the file's SHA-256) makes sure the
 * rest is of the same file, 304 for a matching `If-None-Match`, `Repr-Digest` the whole file's.
 * A file the catalog names but the store does not hold whole is UNAVAILABLE (the client retries).
 */
export async function sendAppPackage(request: FastifyRequest, reply: FastifyReply, { blobs, file, withBody, error }: SendAppPackageOptions): Promise<FastifyReply> {
  const blob = await blobs.stat(file.sha256);
  if (blob?.size !== file.sizeBytes) {
    // The catalog names a file the store does not hold whole: shared storage not mounted on this
    // node, or a file lost. The client retries later; the log says which.
    request.log.error({ sha256: file.sha256, expectedSize: file.sizeBytes, storedSize: blob?.size ?? null }, 'app package file missing from the package directory');
    throw error('UNAVAILABLE', 'The package file is not available right now.');
  }
  const size = blob.size;
  const etag = `"${file.sha256}"`;
  void reply.header('etag', etag).header('accept-ranges', 'bytes');
  if (ifNoneMatchMatches(headerText(request.headers['if-none-match']), etag)) return reply.code(304).send();

  const requested = ifRangeAllows(headerText(request.headers['if-range']), etag) ? parseRange(request.headers.range, size) : ({ kind: 'none' } as const);
  if (requested.kind === 'unsatisfiable') {
    void reply.header('content-range', `bytes */${size}`);
    throw error('RANGE_NOT_SATISFIABLE', `The range asked for lies outside the file of ${size} bytes.`, { size });
  }
  const range = requested.kind === 'range' ? requested.range : undefined;
  void reply
    .type(packageMediaType)
    .header('content-disposition', attachmentDisposition(file.fileName))
    // The digest of the whole file (RFC 9530), whichever part this answer carries.
    .header('repr-digest', sha256DigestHeader(file.sha256))
    .header('content-length', String(range === undefined ? size : range.end - range.start + 1));
  if (range !== undefined) void reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${size}`);
  if (!withBody) return reply.send();
  const opened = await blobs.open(file.sha256, range);
  if (opened === undefined) throw error('UNAVAILABLE', 'The package file is not available right now.');
  return reply.send(opened.bytes instanceof Readable ? opened.bytes : Readable.from(opened.bytes));
}
