import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TLSSocket } from 'node:tls';
import { HttpsPackageFetcher } from '../apps/https-package-fetcher.js';
import { createTestIdentity, type TestIdentity } from './test-identity.js';

/** How the server answers for one package path. */
export interface ServedPackage {
  readonly bytes: Buffer;
  /** Cut the connection after this many body bytes, on the first answer only (a lost network). */
  readonly cutAfter?: number;
  /** Answer every request with this status and no body. */
  readonly status?: number;
  /** Ignore `Range` (a server whose file changed, or one without range support): always 200. */
  readonly ignoreRange?: boolean;
  /** Send no Content-Length (chunked), so only the body's end tells its size. */
  readonly chunked?: boolean;
}

/** One request the server received. */
export interface PackageRequest {
  readonly path: string;
  readonly range?: string;
  readonly ifRange?: string;
  /** Whether the client presented a certificate the server's CA vouches for. */
  readonly authorized: boolean;
}

/**
 * A real HTTPS server (TEST SUPPORT) for package downloads as the Ward server's
 * `GET /agent/v1/app-packages/{versionId}` serves them: mutual TLS with a certificate from a real
 * Ward test CA, a strong ETag that is the SHA-256, `Range` with `If-Range`, and switches to cut
 * the connection, ignore ranges or refuse. `fetcher` downloads from it as the device.
 */
export class PackageServer {
  readonly requests: PackageRequest[] = [];
  readonly #server: Server;
  readonly #packages = new Map<string, ServedPackage & { cut: boolean }>();
  readonly identity: TestIdentity;
  #url = '';

  private constructor(identity: TestIdentity, server: Server) {
    this.identity = identity;
    this.#server = server;
  }

  static async start(): Promise<PackageServer> {
    const identity = await createTestIdentity();
    const tls = await identity.ca.issueServerCertificate({ hostnames: ['localhost'], ipAddresses: ['127.0.0.1'], validityDays: 30, now: new Date() });
    const server = createServer({ key: tls.privateKeyPem, cert: tls.certificatePem + tls.chainPem, ca: identity.ca.rootCertificatePem, requestCert: true, rejectUnauthorized: false });
    const peer = new PackageServer(identity, server);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      peer.#handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    peer.#url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return peer;
  }

  get url(): string {
    return this.#url;
  }

  /** Downloads as the test device, trusting the test CA. */
  get fetcher(): HttpsPackageFetcher {
    const { identity } = this.identity;
    return new HttpsPackageFetcher(() => Promise.resolve({ serverUrl: this.#url, trust: { ca: identity.rootCertificatePem }, credentials: { key: identity.privateKeyPem, cert: identity.certificateChainPem } }));
  }

  /** Serves `pkg` at `path` (replacing what was there). */
  serve(path: string, pkg: ServedPackage): void {
    this.#packages.set(path, { ...pkg, cut: pkg.cutAfter !== undefined });
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => {
      this.#server.close(() => {
        resolve();
      });
    });
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const authorized = req.socket instanceof TLSSocket && req.socket.authorized;
    const path = req.url ?? '';
    const header = (name: string): string | undefined => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const range = header('range');
    const ifRange = header('if-range');
    this.requests.push({ path, ...(range === undefined ? {} : { range }), ...(ifRange === undefined ? {} : { ifRange }), authorized });
    const pkg = this.#packages.get(path);
    if (!authorized) {
      res.writeHead(401).end();
      return;
    }
    if (req.method !== 'GET' || pkg === undefined) {
      res.writeHead(404).end();
      return;
    }
    if (pkg.status !== undefined) {
      res.writeHead(pkg.status).end();
      return;
    }
    const etag = `"${createHash('sha256').update(pkg.bytes).digest('hex')}"`;
    const total = pkg.bytes.length;
    let start = 0;
    let status = 200;
    const ranged = /^bytes=(\d+)-$/.exec(range ?? '');
    if (ranged !== null && !pkg.ignoreRange && (ifRange === undefined || ifRange === etag)) {
      start = Number(ranged[1]);
      if (start >= total) {
        res.writeHead(416, { 'content-range': `bytes */${total}` }).end();
        return;
      }
      status = 206;
    }
    const body = pkg.bytes.subarray(start);
    res.writeHead(status, {
      etag,
      'accept-ranges': 'bytes',
      'content-type': 'application/octet-stream',
      ...(pkg.chunked === true ? {} : { 'content-length': body.length }),
      ...(status === 206 ? { 'content-range': `bytes ${start}-${total - 1}/${total}` } : {}),
    });
    if (pkg.cut && pkg.cutAfter !== undefined) {
      this.#packages.set(path, { ...pkg, cut: false });
      res.write(body.subarray(0, pkg.cutAfter), () => {
        // Give the bytes time to leave, then drop the connection as a lost network would.
        setTimeout(() => req.socket.destroy(), 50);
      });
      return;
    }
    res.end(body);
  }
}
