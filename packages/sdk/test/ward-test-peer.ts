import { createHash, createPublicKey, randomBytes, verify, type JsonWebKey } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProtectionPolicy } from '../src/index.js';

// A small HTTP peer that speaks the server side of docs/protocols/sdk-v1.md as the contract says:
// bearer tokens on registration, ES256 over the exact body bytes on check-in, the sequence rule,
// the 5-minute sentAt window, wipes and their confirmation. The real Ward server is exercised end
// to end elsewhere; this peer lets the SDK's tests run over real sockets and real signatures.

export const basePolicy: ProtectionPolicy = {
  pin: { required: true, type: 'numeric', minLength: 4, biometricAllowed: false, recheckAfterMinutes: 30, maxRetries: 3 },
  encryptData: true,
  clipboard: 'managedApps',
  saveAsBlocked: true,
  shareToUnmanagedBlocked: true,
  printBlocked: true,
  screenCaptureBlocked: true,
  offline: { accessCheckAfterMinutes: 720, wipeAfterDays: 30 },
  conditionalLaunch: { minAppVersion: null, minSdkVersion: null, jailbroken: 'block', maxPinRetries: 'block' },
  managedApps: ['com.ward.notes-demo', 'com.ward.mail'],
};

export interface PeerRegistration {
  readonly id: string;
  readonly userId: string;
  readonly appId: string;
  readonly deviceTag: string;
  jwk: JsonWebKey;
  keyShare: string;
  highest: number;
  state: 'active' | 'wipePending' | 'wiped';
  wipe: { wipeId: string; scope: 'registration' | 'user' } | null;
  confirmations: number;
}

/** One answer the test forces instead of the contract's. */
export interface ForcedAnswer {
  readonly status: number;
  readonly body: string | Buffer;
  readonly headers?: Record<string, string>;
}

export interface ReceivedCheckIn {
  readonly raw: Buffer;
  readonly body: Record<string, unknown>;
  readonly status: number;
}

function b64u(bytes: Buffer): string {
  return bytes.toString('base64url');
}

export class WardTestPeer {
  readonly tokens = new Map<string, string>([['token-alice', 'alice'], ['token-bob', 'bob']]);
  readonly apps = new Set(['com.ward.notes-demo']);
  readonly registrations = new Map<string, PeerRegistration>();
  readonly checkIns: ReceivedCheckIn[] = [];
  readonly registerCalls: { status: number; body: Record<string, unknown> }[] = [];
  policy: ProtectionPolicy = basePolicy;
  configuration: Record<string, string> = { theme: 'corporate', 'user.email': 'alice@example.com' };
  interval = 900;
  /** The server's clock. */
  clock: () => number = Date.now;
  /** Answers queued for the next requests, before the contract's logic runs. */
  readonly forced: ForcedAnswer[] = [];
  /** When false, key shares are withheld without a wipe (a hostile or broken server). */
  releaseKeyShare = true;
  /** Whether a replay refusal names the highest accepted sequence, as Ward does. */
  replayDetails = true;
  private server: Server | null = null;
  private nextId = 1;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => { void this.handle(req, res); });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server !== null) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => { resolve(); }));
    }
  }

  policyVersion(): string {
    return createHash('sha256').update(JSON.stringify(this.policy)).digest('base64url');
  }

  configurationVersion(): string {
    return createHash('sha256').update(JSON.stringify(this.configuration)).digest('base64url');
  }

  /** The only registration (most tests have one). */
  only(): PeerRegistration {
    const all = [...this.registrations.values()].filter((r) => r.state !== 'wiped');
    if (all.length !== 1) throw new Error(`expected one live registration, found ${all.length}`);
    return all[0]!;
  }

  wipe(id: string, scope: 'registration' | 'user' = 'registration'): string {
    const r = this.registrations.get(id)!;
    const wipeId = `wipe${this.nextId++}`;
    r.state = 'wipePending';
    r.wipe = { wipeId, scope };
    return wipeId;
  }

  private send(res: ServerResponse, status: number, body: unknown): number {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
    return status;
  }

  private error(res: ServerResponse, status: number, code: string, details?: Record<string, unknown>): number {
    return this.send(res, status, { error: { code, message: code, requestId: 'r1', ...(details === undefined ? {} : { details }) } });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size > 16 * 1024) {
        this.error(res, 413, 'PAYLOAD_TOO_LARGE');
        return;
      }
      chunks.push(c as Buffer);
    }
    const raw = Buffer.concat(chunks);
    const forced = this.forced.shift();
    if (forced !== undefined) {
      res.writeHead(forced.status, { 'content-type': 'application/json', ...forced.headers });
      res.end(forced.body);
      if (req.url === '/sdk/v1/check-in') this.checkIns.push({ raw, body: JSON.parse(raw.toString('utf8')) as Record<string, unknown>, status: forced.status });
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    } catch {
      this.error(res, 400, 'VALIDATION_FAILED');
      return;
    }
    if (req.method === 'POST' && req.url === '/sdk/v1/registrations') {
      const status = this.register(req, res, body);
      this.registerCalls.push({ status, body });
      return;
    }
    if (req.method === 'POST' && req.url === '/sdk/v1/check-in') {
      const status = this.checkIn(req, res, raw, body);
      this.checkIns.push({ raw, body, status });
      return;
    }
    this.error(res, 404, 'NOT_FOUND');
  }

  private answerBase() {
    return { checkInIntervalSeconds: this.interval, serverTime: new Date(this.clock()).toISOString() };
  }

  private register(req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>): number {
    const auth = req.headers.authorization ?? '';
    const user = auth.startsWith('Bearer ') ? this.tokens.get(auth.slice(7)) : undefined;
    if (user === undefined) return this.error(res, 401, 'UNAUTHENTICATED');
    if (typeof body.appId !== 'string' || !this.apps.has(body.appId)) return this.error(res, 404, 'APP_NOT_FOUND');
    const jwk = body.publicKey as JsonWebKey;
    try {
      createPublicKey({ key: jwk, format: 'jwk' });
    } catch {
      return this.error(res, 400, 'VALIDATION_FAILED');
    }
    if (typeof body.deviceTag !== 'string' || !/^[A-Za-z0-9_-]{22,64}$/.test(body.deviceTag)) return this.error(res, 400, 'VALIDATION_FAILED');
    let reg = [...this.registrations.values()].find((r) => r.userId === user && r.appId === body.appId && r.deviceTag === body.deviceTag && r.state !== 'wiped');
    const created = reg === undefined;
    if (reg === undefined) {
      reg = { id: `reg${this.nextId++}`, userId: user, appId: body.appId, deviceTag: body.deviceTag, jwk, keyShare: b64u(randomBytes(32)), highest: 0, state: 'active', wipe: null, confirmations: 0 };
      this.registrations.set(reg.id, reg);
    } else {
      reg.jwk = jwk;
    }
    return this.send(res, created ? 201 : 200, {
      registrationId: reg.id,
      policy: this.policy,
      policyVersion: this.policyVersion(),
      configuration: this.configuration,
      configurationVersion: this.configurationVersion(),
      keyShare: reg.keyShare,
      ...this.answerBase(),
    });
  }

  private checkIn(req: IncomingMessage, res: ServerResponse, raw: Buffer, body: Record<string, unknown>): number {
    const id = req.headers['ward-registration'];
    const signature = req.headers['ward-signature'];
    if (typeof id !== 'string' || typeof signature !== 'string' || body.registrationId !== id) return this.error(res, 400, 'VALIDATION_FAILED');
    const reg = this.registrations.get(id);
    if (reg === undefined) return this.error(res, 404, 'SDK_REGISTRATION_NOT_FOUND');
    const valid = verify('sha256', raw, { key: createPublicKey({ key: reg.jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
    if (!valid) return this.error(res, 401, 'SDK_SIGNATURE_INVALID');
    if (reg.state === 'wiped') return this.error(res, 410, 'SDK_REGISTRATION_WIPED');
    const sentAt = Date.parse(String(body.sentAt));
    if (!Number.isFinite(sentAt) || Math.abs(sentAt - this.clock()) > 5 * 60_000) return this.error(res, 400, 'SDK_CHECK_IN_STALE', { serverTime: new Date(this.clock()).toISOString() });
    if (typeof body.sequence !== 'number' || body.sequence <= reg.highest) return this.error(res, 409, 'SDK_CHECK_IN_REPLAYED', this.replayDetails ? { sequence: reg.highest } : undefined);
    reg.highest = body.sequence;
    const confirmation = body.wipeConfirmation as { wipeId?: string } | undefined;
    // (A registration already wiped was answered 410 above: a confirmation counts once.)
    if (confirmation !== undefined && reg.wipe !== null && confirmation.wipeId === reg.wipe.wipeId) {
      reg.confirmations += 1;
      reg.state = 'wiped';
    }
    const pending = reg.state === 'wipePending' ? reg.wipe : null;
    return this.send(res, 200, {
      policy: body.policyVersion === this.policyVersion() ? null : this.policy,
      policyVersion: this.policyVersion(),
      configuration: body.configurationVersion === this.configurationVersion() ? null : this.configuration,
      configurationVersion: this.configurationVersion(),
      keyShare: pending === null && reg.state === 'active' && this.releaseKeyShare ? reg.keyShare : null,
      wipe: pending,
      ...this.answerBase(),
    });
  }
}
