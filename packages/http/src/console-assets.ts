import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { publicRoute } from './route-access.js';

/** One file of the built console, held in memory with its compressed form and validator. */
interface AssetFile {
  readonly body: Buffer;
  /** The gzip form, when the type compresses and it came out smaller. */
  readonly gzip: Buffer | undefined;
  readonly contentType: string;
  readonly etag: string;
}

/** The built console (Vite's `dist/`): every file by its URL path, `/index.html` and `/portal/index.html` among them. */
export interface ConsoleAssets {
  readonly files: ReadonlyMap<string, AssetFile>;
}

/**
 * Paths the server itself answers. The console's client-side routes never shadow them: an unknown
 * path under one of these gets the API's JSON 404, not the console's index.html.
 */
export const reservedPrefixes = ['/api', '/agent', '/pki', '/healthz', '/readyz', '/metrics'] as const;

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};
const compressible = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.txt', '.webmanifest']);

// Hashed file names (Vite's `name-HASH.ext` under assets/) never change content: cached for good.
const immutable = 'public, max-age=31536000, immutable';
// The two index.html files name the current hashes, so browsers revalidate them on every load.
const revalidate = 'no-cache';
// Other top-level files (the icon) are not hashed: cached briefly.
const brief = 'public, max-age=3600';

// The pages load only their own scripts and styles and talk only to this origin. Mantine writes
// its CSS variables into <style> elements and style attributes, hence 'unsafe-inline' for styles
// (never for scripts). QR codes and the icon are data: or same-origin images.
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function walk(directory: string, root: string, into: Map<string, AssetFile>): void {
  for (const name of readdirSync(directory)) {
    if (name.startsWith('.')) continue;
    const path = join(directory, name);
    if (statSync(path).isDirectory()) {
      walk(path, root, into);
      continue;
    }
    const body = readFileSync(path);
    const extension = extname(name).toLowerCase();
    const gzip = compressible.has(extension) ? gzipSync(body, { level: 9 }) : undefined;
    into.set(`/${relative(root, path).split(sep).join('/')}`, {
      body,
      gzip: gzip !== undefined && gzip.length < body.length ? gzip : undefined,
      contentType: contentTypes[extension] ?? 'application/octet-stream',
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
    });
  }
}

/**
 * Reads the built console into memory (it is a few hundred kilobytes), compressing what
 * compresses once rather than per request. Undefined when `directory` holds no built console.
 */
export function loadConsoleAssets(directory: string): ConsoleAssets | undefined {
  if (!existsSync(join(directory, 'index.html'))) return undefined;
  const files = new Map<string, AssetFile>();
  walk(directory, directory, files);
  return { files };
}

/** Whether the client takes gzip (RFC 9110 §12.5.3: a q of 0 refuses it). */
function acceptsGzip(header: string | string[] | undefined): boolean {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  for (const part of text.split(',')) {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    if (coding.trim() !== 'gzip' && coding.trim() !== '*') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}

/**
 * Whether a path names a file rather than a client-side route: an extension, or a dot segment
 * (`.env`, `..`), which is never a route and never served.
 */
function namesFile(path: string): boolean {
  return extname(path) !== '' || path.split('/').some((segment) => segment.startsWith('.'));
}

function isReserved(path: string): boolean {
  return reservedPrefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/** The path of a request URL without its query, or undefined when it does not decode. */
function pathOf(request: FastifyRequest): string | undefined {
  const raw = request.url.split('?')[0] ?? '/';
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

function send(request: FastifyRequest, reply: FastifyReply, file: AssetFile, cacheControl: string): FastifyReply {
  reply.header('cache-control', cacheControl).header('etag', file.etag).header('vary', 'accept-encoding').type(file.contentType);
  if (file.contentType.startsWith('text/html')) {
    reply.header('content-security-policy', contentSecurityPolicy).header('x-frame-options', 'DENY').header('referrer-policy', 'no-referrer');
  }
  if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
  if (file.gzip !== undefined && acceptsGzip(request.headers['accept-encoding'])) return reply.header('content-encoding', 'gzip').send(file.gzip);
  return reply.send(file.body);
}

const hidden = { hide: true } as const;

/** Hands the request to the API's not-found handler, so it gets the one JSON error shape. */
function notFound(reply: FastifyReply): FastifyReply {
  reply.callNotFound();
  return reply;
}

/**
 * Serves the built console at `/` and the self-service portal at `/portal` from memory: hashed
 * files under `/assets/` with a year's immutable caching, the two index.html files revalidated
 * with an ETag, gzip when the client takes it, and the console's index.html for any other path
 * without a file extension (the console routes on the client, so `/devices/42` must load it).
 * Unknown files and everything under the server's own prefixes ({@link reservedPrefixes}) get the
 * API's JSON 404. Without a built console, `/` and `/portal` say how to build it.
 */
export function registerConsoleAssets(app: FastifyInstance, directory: string): void {
  const assets = loadConsoleAssets(directory);
  const config = publicRoute();
  if (assets === undefined) {
    app.log.warn({ directory }, 'the console is not built: / and /portal answer 503 until `npm run build` has built apps/console');
    const missing = async (_request: FastifyRequest, reply: FastifyReply) =>
      reply.code(503).type('text/plain; charset=utf-8').send('The Ward console is not built. Run `npm run build` (or `npm start`) in the Ward repository, then restart the server.\n');
    app.get('/', { schema: hidden, config }, missing);
    app.get('/portal', { schema: hidden, config }, missing);
    return;
  }
  const consoleIndex = assets.files.get('/index.html');
  const portalIndex = assets.files.get('/portal/index.html');
  const page = (file: AssetFile | undefined) => async (request: FastifyRequest, reply: FastifyReply) => (file === undefined ? notFound(reply) : send(request, reply, file, revalidate));

  app.get('/', { schema: hidden, config }, page(consoleIndex));
  app.get('/portal', { schema: hidden, config }, page(portalIndex));
  app.get('/portal/*', { schema: hidden, config }, async (request, reply) => {
    const path = pathOf(request);
    // The portal's own routes are extension-less; a file name under it is a missing file.
    if (path === undefined || namesFile(path)) return notFound(reply);
    return page(portalIndex)(request, reply);
  });
  app.get('/assets/*', { schema: hidden, config }, async (request, reply) => {
    const path = pathOf(request);
    const file = path === undefined ? undefined : assets.files.get(path);
    return file === undefined ? notFound(reply) : send(request, reply, file, immutable);
  });
  app.get('/*', { schema: hidden, config }, async (request, reply) => {
    const path = pathOf(request);
    if (path === undefined || isReserved(path)) return notFound(reply);
    if (path === '/index.html') return page(consoleIndex)(request, reply);
    const file = assets.files.get(path);
    if (file !== undefined) return send(request, reply, file, brief);
    if (namesFile(path)) return notFound(reply);
    return page(consoleIndex)(request, reply);
  });
}
