/**
 * TEST DOUBLE of the server side of the agent protocol (/agent/v1 enroll, check-in, renew, push).
 *
 * It exists only until the real endpoints are written (HTTP adapter + apps/server wiring); then the
 * agent's integration tests should run against `ward serve` instead and this file should go. It
 * follows packages/agent-protocol's schemas and the behaviour the agent's brief describes: HTTPS
 * with a certificate from a real Ward CA (@ward/pki), mTLS on everything but enroll (client
 * certificates must come from that CA's issuing CA), commands redelivered on every check-in until
 * their result arrives, results acknowledged only when the test allows it, `{"type":"wake"}` on
 * the push WebSocket, which also carries check-ins (`checkIn` → `checkInResult` or `error`).
 */
import { createHash, generateKeyPairSync, randomUUID, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TLSSocket } from 'node:tls';
import { createCertificateAuthority, loadCertificateAuthority, type CertificateAuthority } from '@ward/pki';
import { commandSigningInput, CheckInRequest, EnrollRequest, PushCheckIn, RenewRequest, type AgentCommand, type AppPlan, type AppReport, type CheckInResponse, type CommandResult } from '@ward/agent-protocol';
import { WebSocketServer, type WebSocket } from 'ws';
import { matchesSchema } from '../../src/protocol/matches-schema.js';

/** One check-in the peer received, with the device it came from. */
export interface ReceivedCheckIn {
  readonly deviceId: string;
  /** Serial number of the client certificate the check-in came with. */
  readonly certificateSerial: string;
  readonly request: CheckInRequest;
  readonly at: number;
  /** The transport it came over: a `checkIn` message on the push socket, or `POST /agent/v1/check-in`. */
  readonly via: 'push' | 'https';
}

/** A command queued for a device, signed by the peer's command signing key. */
export interface QueuedCommand {
  readonly command: AgentCommand;
  readonly deviceId: string;
}

/** The test double. Start it with {@link ProtocolPeer.start}. */
export class ProtocolPeer {
  readonly enrollmentToken = 'test-enrollment-token';
  readonly checkIns: ReceivedCheckIn[] = [];
  readonly enrollments: EnrollRequest[] = [];
  readonly renewals: string[] = [];
  /** Results received, every delivery (duplicates included). */
  readonly results: CommandResult[] = [];
  /** Open push connections, with the serial number of the client certificate each came with. */
  readonly pushSockets = new Map<WebSocket, string>();
  /** Whether check-in answers acknowledge the results they carried. */
  acknowledgeResults = true;
  /** Answer the next check-in with `renewCertificate: true`. */
  renewNext = false;
  /** Close a push socket that sends a check-in instead of answering it, as a connection lost mid-check-in. */
  dropPushCheckIns = false;
  /** App reports received, every delivery. */
  readonly appReports: AppReport[] = [];
  readonly #appPlans = new Map<string, AppPlan>();
  readonly #packages = new Map<string, Buffer>();
  readonly #server: Server;
  readonly #ca: CertificateAuthority;
  readonly #signingKey: KeyObject;
  readonly #commandSigningKeyPem: string;
  readonly #pending = new Map<string, QueuedCommand>();
  readonly #wss = new WebSocketServer({ noServer: true });
  #url = '';
  #serverFingerprint = '';

  private constructor(ca: CertificateAuthority, server: Server) {
    this.#ca = ca;
    this.#server = server;
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    this.#signingKey = privateKey;
    this.#commandSigningKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  /** Creates a CA and a server certificate for 127.0.0.1, and listens on a free loopback port. */
  static async start(): Promise<ProtocolPeer> {
    const now = new Date();
    const masterKey = new Uint8Array(32).fill(9);
    const ca = await loadCertificateAuthority(await createCertificateAuthority({ keyAlgorithm: 'ecdsa-p256', organization: 'Ward Test', masterKey, now }), masterKey);
    const tls = await ca.issueServerCertificate({ hostnames: ['localhost'], ipAddresses: ['127.0.0.1'], validityDays: 30, now });
    const server = createServer({
      key: tls.privateKeyPem,
      cert: tls.certificatePem + tls.chainPem,
      ca: ca.rootCertificatePem,
      // Enroll has no client certificate yet; the other endpoints check it themselves.
      requestCert: true,
      rejectUnauthorized: false,
    });
    const peer = new ProtocolPeer(ca, server);
    peer.#serverFingerprint = tls.fingerprintSha256;
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void peer.#handle(req, res));
    server.on('upgrade', (req: IncomingMessage, socket: TLSSocket, head: Buffer) => void peer.#upgrade(req, socket, head));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    peer.#url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return peer;
  }

  /** The server URL. */
  get url(): string {
    return this.#url;
  }

  /** SHA-256 of the Ward root certificate, as the real server prints it. */
  get rootFingerprint(): string {
    return new X509Certificate(this.#ca.rootCertificatePem).fingerprint256;
  }

  /** SHA-256 of the server's own TLS certificate. */
  get serverFingerprint(): string {
    return this.#serverFingerprint;
  }

  /** Ward's root certificate, PEM. */
  get rootCertificatePem(): string {
    return this.#ca.rootCertificatePem;
  }

  /** Signs and queues a command for `deviceId`; it is handed out on every check-in until its result arrives. */
  queue(deviceId: string, type: AgentCommand['type'], payload: Record<string, unknown> = {}, options: { expiresAt?: Date; tamper?: (c: AgentCommand) => AgentCommand } = {}): AgentCommand {
    const id = randomUUID();
    const expiresAt = (options.expiresAt ?? new Date(Date.now() + 3_600_000)).toISOString();
    const signature = sign('sha256', commandSigningInput({ id, deviceId, type, payload, expiresAt }), this.#signingKey).toString('base64');
    const signed: AgentCommand = { id, type, payload, expiresAt, signature };
    const command = options.tamper?.(signed) ?? signed;
    this.#pending.set(id, { command, deviceId });
    return command;
  }

  /**
   * Offers `plan` to `deviceId`: each entry goes out with every check-in answer until a report with
   * its id and hash arrives, as the server sends what the device has not confirmed.
   */
  offerApps(deviceId: string, plan: AppPlan): void {
    this.#appPlans.set(deviceId, plan);
  }

  /** Serves `bytes` at `GET path` to enrolled devices, with a strong ETag (the SHA-256) and `Range`. */
  servePackage(path: string, bytes: Buffer): void {
    this.#packages.set(path, bytes);
  }

  /** Sends a wake-up on every open push connection. */
  wake(): void {
    for (const socket of this.pushSockets.keys()) socket.send(JSON.stringify({ type: 'wake', reason: 'test' }));
  }

  /** Polls `predicate` every 25 ms until it holds; fails after `timeoutMs` with `what`. */
  async waitFor<T>(what: string, predicate: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Stops listening and closes every connection. */
  async close(): Promise<void> {
    for (const socket of this.pushSockets.keys()) socket.terminate();
    this.#wss.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => {
      this.#server.close(() => {
        resolve();
      });
    });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'GET' && req.url?.startsWith('/agent/v1/app-packages/') === true) {
      await this.#servePackage(req, res);
      return;
    }
    let reply: Reply;
    try {
      reply = await this.#route(req, await readBody(req));
    } catch (error) {
      reply = failure(500, 'INTERNAL', (error as Error).message);
    }
    const text = JSON.stringify(reply.body);
    res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  async #route(req: IncomingMessage, body: unknown): Promise<Reply> {
    if (req.method === 'POST' && req.url === '/agent/v1/enroll') return this.#enroll(body);
    const device = req.socket instanceof TLSSocket ? await this.#authenticate(req.socket) : undefined;
    if (device === undefined) return failure(401, 'DEVICE_CERTIFICATE_REQUIRED', 'a valid device certificate is required');
    if (req.method === 'POST' && req.url === '/agent/v1/check-in') return this.#checkIn(device, body, 'https');
    if (req.method === 'POST' && req.url === '/agent/v1/renew') return this.#renew(device.deviceId, body);
    return failure(404, 'NOT_FOUND', 'no such endpoint');
  }

  async #enroll(body: unknown): Promise<Reply> {
    if (!matchesSchema(EnrollRequest, body)) return failure(400, 'VALIDATION_FAILED', 'not an EnrollRequest');
    if (body.enrollmentToken !== this.enrollmentToken) return failure(401, 'ENROLLMENT_TOKEN_INVALID', 'unknown enrollment token');
    this.enrollments.push(body);
    const deviceId = `dev-${randomUUID()}`;
    const issued = await this.#ca.issueFromCsr({ csrPem: body.csrPem, subject: { commonName: deviceId }, validityDays: 30, now: new Date(), extendedKeyUsage: 'clientAuth' });
    if (!issued.ok) return failure(400, issued.code, issued.message);
    return {
      status: 201,
      body: {
        deviceId,
        certificatePem: issued.certificatePem,
        chainPem: this.#ca.chainPem,
        rootCertificatePem: this.#ca.rootCertificatePem,
        commandSigningKeyPem: this.#commandSigningKeyPem,
        checkInIntervalSeconds: 3600,
        serverTime: new Date().toISOString(),
      },
    };
  }

  #checkIn({ deviceId, serialNumber }: { deviceId: string; serialNumber: string }, body: unknown, via: 'push' | 'https'): Reply {
    if (!matchesSchema(CheckInRequest, body)) return failure(400, 'VALIDATION_FAILED', 'not a CheckInRequest');
    this.checkIns.push({ deviceId, certificateSerial: serialNumber, request: body, at: Date.now(), via });
    this.results.push(...body.results);
    const acknowledged = this.acknowledgeResults ? body.results.map((r) => r.commandId) : [];
    for (const id of acknowledged) this.#pending.delete(id);
    const commands = [...this.#pending.values()].filter((q) => q.deviceId === deviceId).map((q) => q.command);
    this.appReports.push(...(body.apps?.reports ?? []));
    const confirmed = (entry: { id: string; hash: string }): boolean => this.appReports.some((r) => r.id === entry.id && r.hash === entry.hash);
    const offered = this.#appPlans.get(deviceId);
    const apps = offered === undefined ? undefined : { install: offered.install.filter((e) => !confirmed(e)), remove: offered.remove.filter((e) => !confirmed(e)) };
    const answer: CheckInResponse = {
      commands,
      checkInIntervalSeconds: 3600,
      renewCertificate: this.renewNext,
      acknowledgedResults: acknowledged,
      ...(apps === undefined || apps.install.length + apps.remove.length === 0 ? {} : { apps }),
    };
    this.renewNext = false;
    return { status: 200, body: answer };
  }

  async #renew(deviceId: string, body: unknown): Promise<Reply> {
    if (!matchesSchema(RenewRequest, body)) return failure(400, 'VALIDATION_FAILED', 'not a RenewRequest');
    const issued = await this.#ca.issueFromCsr({ csrPem: body.csrPem, subject: { commonName: deviceId }, validityDays: 30, now: new Date(), extendedKeyUsage: 'clientAuth' });
    if (!issued.ok) return failure(400, issued.code, issued.message);
    this.renewals.push(issued.serialNumber);
    return { status: 200, body: { certificatePem: issued.certificatePem, chainPem: this.#ca.chainPem } };
  }

  async #upgrade(req: IncomingMessage, socket: TLSSocket, head: Buffer): Promise<void> {
    const device = req.url === '/agent/v1/push' ? await this.#authenticate(socket) : undefined;
    if (device === undefined) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      this.pushSockets.set(ws, device.serialNumber);
      ws.on('close', () => {
        this.pushSockets.delete(ws);
      });
      // Check-ins over the socket, answered as over HTTPS.
      ws.on('message', (data: Buffer) => {
        if (this.dropPushCheckIns) {
          ws.terminate();
          return;
        }
        let message: unknown;
        try {
          message = JSON.parse(data.toString('utf8'));
        } catch {
          message = undefined;
        }
        if (!matchesSchema(PushCheckIn, message)) {
          ws.send(JSON.stringify({ type: 'error', id: null, error: { code: 'VALIDATION_FAILED', message: 'not a checkIn message' } }));
          return;
        }
        const reply = this.#checkIn(device, message.request, 'push');
        ws.send(JSON.stringify(reply.status === 200 ? { type: 'checkInResult', id: message.id, response: reply.body } : { type: 'error', id: message.id, error: (reply.body as { error: unknown }).error }));
      });
    });
  }

  async #servePackage(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const device = req.socket instanceof TLSSocket ? await this.#authenticate(req.socket) : undefined;
    const bytes = this.#packages.get(req.url ?? '');
    if (device === undefined || bytes === undefined) {
      res.writeHead(device === undefined ? 401 : 404).end();
      return;
    }
    const etag = `"${createHash('sha256').update(bytes).digest('hex')}"`;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const start = range !== null && (req.headers['if-range'] === undefined || req.headers['if-range'] === etag) ? Number(range[1]) : 0;
    const body = bytes.subarray(start);
    res.writeHead(start > 0 ? 206 : 200, { etag, 'content-length': body.length, ...(start > 0 ? { 'content-range': `bytes ${start}-${bytes.length - 1}/${bytes.length}` } : {}) });
    res.end(body);
  }

  // The device id from a client certificate issued by this CA's issuing CA, as the real server will do.
  async #authenticate(socket: TLSSocket): Promise<{ deviceId: string; serialNumber: string } | undefined> {
    if (!socket.authorized) return undefined;
    const cert = socket.getPeerCertificate();
    if (Object.keys(cert).length === 0) return undefined;
    const verified = await this.#ca.verifyClientCertificate(new Uint8Array(cert.raw), new Date());
    if (!verified.ok || verified.subjectCommonName === null) return undefined;
    return { deviceId: verified.subjectCommonName, serialNumber: verified.serialNumber };
  }
}

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', reject);
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text === '' ? undefined : JSON.parse(text));
      } catch {
        resolve(undefined);
      }
    });
  });
}

/** An HTTP answer of the peer. */
interface Reply {
  readonly status: number;
  readonly body: unknown;
}

function failure(status: number, code: string, message: string): Reply {
  return { status, body: { error: { code, message } } };
}
