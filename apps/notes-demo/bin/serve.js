#!/usr/bin/env node
// @ts-check
// Serves the built demo (`dist/`) and `/config.json`, the deployment's Ward URL and client id.
// Plain Node, no framework: the demo is static files and one JSON document.
import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/** @typedef {{ wardUrl: string, clientId: string, appId: string }} DemoConfig */

/** The longest request target served; anything longer is not a path of this app. */
export const maxUrlLength = 2048;

/** The page's own routes, all answered with index.html: letters, digits, dashes and slashes, no dot. */
const appRoute = /^(?:\/[A-Za-z0-9-]+)*\/?$/u;

/** @type {Readonly<Record<string, string>>} */
const contentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The page may talk to itself and to Ward (sign-in, SDK); no inline script, no framing; inline
 * style only for the SDK's print guard (a `<style>` it adds). The callback URL carries the
 * authorization code, so no Referer leaves the page.
 * @param {string} wardOrigin
 */
function securityHeaders(wardOrigin) {
  return {
    'content-security-policy': `default-src 'self'; connect-src 'self' ${wardOrigin}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'`,
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
  };
}

/**
 * The file under `root` a request path names, or undefined when it names none: a path that does not
 * decode, holds a NUL, a backslash or a `..` segment, or leads out of `root` (also through a link).
 * @param {string} root the real path of the directory served
 * @param {string} pathname the request's path, still percent-encoded
 * @returns {string | undefined}
 */
export function resolveStaticPath(root, pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').includes('..')) return undefined;
  const candidate = resolve(root, `.${decoded}`);
  if (candidate !== root && !candidate.startsWith(root + sep)) return undefined;
  try {
    const real = realpathSync(candidate);
    if (real !== root && !real.startsWith(root + sep)) return undefined;
    return statSync(real).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An HTTP server for the built demo: GET and HEAD only; `/config.json` from `config`; a known file
 * from `root`; a page route (`/`, `/callback`) gets `index.html`.
 * @param {{ root: string, config: DemoConfig }} options
 */
export function createNotesDemoServer(options) {
  const root = realpathSync(options.root);
  const configBody = JSON.stringify(options.config);
  const headers = securityHeaders(new URL(options.config.wardUrl).origin);
  return createServer((request, response) => {
    /**
     * @param {number} status
     * @param {string} body
     * @param {string} type
     */
    const send = (status, body, type) => {
      response.writeHead(status, { ...headers, 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    const target = request.url ?? '/';
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      send(405, 'Method not allowed\n', 'text/plain; charset=utf-8');
      return;
    }
    if (target.length > maxUrlLength) {
      send(414, 'URI too long\n', 'text/plain; charset=utf-8');
      return;
    }
    const pathname = target.split('?')[0] ?? '/';
    if (!pathname.startsWith('/')) {
      send(400, 'Bad request\n', 'text/plain; charset=utf-8');
      return;
    }
    if (pathname === '/config.json') {
      send(200, configBody, 'application/json');
      return;
    }
    // A page route (`/`, `/callback`) is the single page; anything else must be a file of the build.
    const file = appRoute.test(pathname) ? resolveStaticPath(root, '/index.html') : resolveStaticPath(root, pathname);
    if (file === undefined) {
      send(404, 'Not found\n', 'text/plain; charset=utf-8');
      return;
    }
    const size = statSync(file).size;
    // Vite names built assets by their content hash, so they never change; the page is revalidated.
    const cache = file.startsWith(join(root, 'assets') + sep) ? 'public, max-age=31536000, immutable' : 'no-cache';
    response.writeHead(200, { ...headers, 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream', 'content-length': size, 'cache-control': cache });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  });
}

const usage = 'Usage: ward-notes-demo --ward <https://ward.example.com> --client-id <id> [--app-id com.ward.notes-demo] [--host 127.0.0.1] [--port 5180] [--root dist]';

/**
 * Reads the command line; throws with the usage when it is wrong.
 * @param {readonly string[]} argv
 * @returns {{ config: DemoConfig, host: string, port: number, root: string }}
 */
export function parseServeArgs(argv) {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      ward: { type: 'string' },
      'client-id': { type: 'string' },
      'app-id': { type: 'string', default: 'com.ward.notes-demo' },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '5180' },
      root: { type: 'string', default: fileURLToPath(new URL('../dist', import.meta.url)) },
    },
  });
  const ward = values.ward;
  const clientId = values['client-id'];
  if (ward === undefined || clientId === undefined) throw new Error(usage);
  let wardUrl;
  try {
    wardUrl = new URL(ward);
  } catch {
    throw new Error(`--ward is not a URL.\n${usage}`);
  }
  if (wardUrl.protocol !== 'https:' && wardUrl.protocol !== 'http:') throw new Error(`--ward must be an https URL.\n${usage}`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number.\n${usage}`);
  return { config: { wardUrl: wardUrl.origin, clientId, appId: values['app-id'] }, host: values.host, port, root: resolve(values.root) };
}

async function main() {
  let options;
  try {
    options = parseServeArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  if (!existsSync(join(options.root, 'index.html'))) {
    process.stderr.write(`${options.root} holds no built demo: run npm run build:demo\n`);
    process.exit(2);
  }
  const server = createNotesDemoServer(options);
  server.listen(options.port, options.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : options.port;
    process.stdout.write(`Ward Notes is listening on http://${options.host}:${port} (Ward: ${options.config.wardUrl})\n`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) await main();
