import { connect, constants, type ClientHttp2Session, type ClientHttp2Stream, type IncomingHttpHeaders } from 'node:http2';
import { apnsBackoffDelay } from './apns-backoff.js';
import { isApnsDeviceToken } from './apns-device-token.js';

/** Apple's production push service; MDM pushes always go there, never to the sandbox. */
export const apnsProductionOrigin = 'https://api.push.apple.com';

/** One device to wake: the token and PushMagic from its TokenUpdate. */
export interface ApnsNotification {
  /** Hex of the TokenUpdate `Token` data. */
  readonly deviceToken: string;
  /** The TokenUpdate `PushMagic`, sent back as `{"mdm": PushMagic}`. */
  readonly pushMagic: string;
}

/**
 * What became of one token. `unregistered`: APNs answered 410, or 400 BadDeviceToken: the token is
 * no longer valid for this topic and the caller forgets it. `failed`: anything else once retries
 * are spent or the error is not one a retry can fix (`reason` is APNs' reason or a transport error).
 */
export type ApnsPushOutcome =
  | { readonly deviceToken: string; readonly status: 'sent'; readonly apnsId: string | null; readonly attempts: number }
  | { readonly deviceToken: string; readonly status: 'unregistered'; readonly reason: string; readonly attempts: number }
  | { readonly deviceToken: string; readonly status: 'failed'; readonly reason: string; readonly httpStatus: number | null; readonly attempts: number };

/** Construction options of {@link ApnsClient}. Defaults suit Apple's service. */
export interface ApnsClientOptions {
  /** The push certificate and its key (PEM), presented as the TLS client certificate. */
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  /** `https://host:port`; {@link apnsProductionOrigin} by default. Tests point it at the mock. */
  readonly origin?: string;
  /** Trust anchors (PEM) replacing the system's: for a test service only. */
  readonly ca?: string;
  /** HTTP/2 connections kept at most (default 2). Each carries up to its `maxConcurrentStreams`. */
  readonly maxSessions?: number;
  /** Requests in flight at most across the pool for one `push` call (default 200). */
  readonly maxConcurrency?: number;
  /** Tries per token, the first included (default 5). */
  readonly maxAttempts?: number;
  /** First retry waits about this long, doubling each time (default 200 ms). */
  readonly baseDelayMs?: number;
  /** Longest wait between tries (default 10 s). */
  readonly maxDelayMs?: number;
  /** A request with no answer by then is cancelled and retried (default 15 s). */
  readonly requestTimeoutMs?: number;
  /** `apns-expiration` is this many seconds after sending (default 1 day): a device offline longer is woken by its next check-in anyway. */
  readonly expirationSeconds?: number;
  /** Waits between retries; injected by tests. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1); injected by tests. */
  readonly random?: () => number;
  /** The current time, for `apns-expiration`. */
  readonly now?: () => Date;
}

/** An answer of one try. */
type Attempt =
  | { readonly kind: 'response'; readonly status: number; readonly apnsId: string | null; readonly reason: string | null; readonly retryAfterMs: number }
  | { readonly kind: 'transport'; readonly reason: string };

/** One pooled connection and its in-flight count. */
interface PooledSession {
  readonly session: ClientHttp2Session;
  inFlight: number;
  /** Until the server's SETTINGS arrive, one stream at a time: APNs starts low and raises the limit. */
  settled: boolean;
  /** GOAWAY received or closed: takes no new streams. */
  draining: boolean;
}

const maxResponseBytes = 4096;
const defaultStreamLimitBeforeSettings = 1;
const retryableStatus = (status: number): boolean => status === 429 || status >= 500;

/**
 * A client of Apple's push service (APNs provider API over HTTP/2, certificate-based trust) for
 * MDM wake-ups: `POST /3/device/<token>` with `apns-push-type: mdm`, `apns-topic` the push
 * certificate's topic and body `{"mdm": PushMagic}` (Apple, "Sending notification requests to
 * APNs"; Device Management, "Waking a device with a push notification").
 *
 * Connections: a small pool of HTTP/2 sessions, each carrying at most the concurrent streams the
 * server allows (`remoteSettings.maxConcurrentStreams`). A session that receives GOAWAY or closes
 * leaves the pool and the next request opens a new one, so Apple's routine connection recycling is
 * invisible to callers. 429 and 5xx answers and transport failures are retried with capped
 * exponential backoff and jitter, up to `maxAttempts` tries per token.
 */
export class ApnsClient {
  readonly #options: Required<Omit<ApnsClientOptions, 'ca'>> & { readonly ca: string | undefined };
  readonly #sessions: PooledSession[] = [];
  readonly #waiters: (() => void)[] = [];
  #closed = false;

  constructor(options: ApnsClientOptions) {
    this.#options = {
      certificatePem: options.certificatePem,
      privateKeyPem: options.privateKeyPem,
      origin: options.origin ?? apnsProductionOrigin,
      ca: options.ca,
      maxSessions: positive(options.maxSessions ?? 2, 'maxSessions'),
      maxConcurrency: positive(options.maxConcurrency ?? 200, 'maxConcurrency'),
      maxAttempts: positive(options.maxAttempts ?? 5, 'maxAttempts'),
      baseDelayMs: options.baseDelayMs ?? 200,
      maxDelayMs: options.maxDelayMs ?? 10_000,
      requestTimeoutMs: positive(options.requestTimeoutMs ?? 15_000, 'requestTimeoutMs'),
      expirationSeconds: options.expirationSeconds ?? 86_400,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      random: options.random ?? Math.random,
      now: options.now ?? (() => new Date()),
    };
  }

  /**
   * Sends one MDM wake-up to each token under `topic` and reports what became of each, in input
   * order (a token listed twice is sent once and reported once). At most `maxConcurrency`
   * requests are in flight, so one call may carry thousands of tokens. Never throws for a refused
   * push; throws only if the client was closed.
   */
  async push(notifications: readonly ApnsNotification[], topic: string): Promise<ApnsPushOutcome[]> {
    if (this.#closed) throw new Error('ApnsClient: push after close');
    const unique = new Map<string, ApnsNotification>();
    for (const n of notifications) if (!unique.has(n.deviceToken)) unique.set(n.deviceToken, n);
    const work = [...unique.values()];
    const outcomes: ApnsPushOutcome[] = new Array<ApnsPushOutcome>(work.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < work.length) {
        const index = next++;
        const notification = work[index];
        if (notification !== undefined) outcomes[index] = await this.#pushOne(notification, topic);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#options.maxConcurrency, work.length) }, worker));
    return outcomes;
  }

  /** Closes every connection, letting in-flight requests finish. */
  async close(): Promise<void> {
    this.#closed = true;
    const sessions = this.#sessions.splice(0);
    await Promise.all(
      sessions.map(
        (pooled) =>
          new Promise<void>((resolve) => {
            if (pooled.session.closed || pooled.session.destroyed) resolve();
            else pooled.session.close(resolve);
          }),
      ),
    );
    for (const wake of this.#waiters.splice(0)) wake();
  }

  /** The number of pooled connections now (for tests and metrics). */
  get sessionCount(): number {
    return this.#sessions.length;
  }

  async #pushOne(notification: ApnsNotification, topic: string): Promise<ApnsPushOutcome> {
    const { deviceToken } = notification;
    if (!isApnsDeviceToken(deviceToken)) return { deviceToken, status: 'failed', reason: 'InvalidDeviceTokenFormat', httpStatus: null, attempts: 0 };
    const body = Buffer.from(JSON.stringify({ mdm: notification.pushMagic }), 'utf8');
    let last: Attempt = { kind: 'transport', reason: 'not sent' };
    for (let attempt = 1; attempt <= this.#options.maxAttempts; attempt++) {
      if (attempt > 1) {
        const retryAfterMs = last.kind === 'response' ? last.retryAfterMs : 0;
        await this.#options.sleep(apnsBackoffDelay(attempt - 1, this.#options, this.#options.random, retryAfterMs));
      }
      if (this.#closed) return { deviceToken, status: 'failed', reason: 'ClientClosed', httpStatus: null, attempts: attempt - 1 };
      last = await this.#send(deviceToken.toLowerCase(), topic, body);
      if (last.kind === 'transport') continue;
      if (last.status === 200) return { deviceToken, status: 'sent', apnsId: last.apnsId, attempts: attempt };
      if (last.status === 410 || (last.status === 400 && last.reason === 'BadDeviceToken')) {
        return { deviceToken, status: 'unregistered', reason: last.reason ?? 'Unregistered', attempts: attempt };
      }
      if (!retryableStatus(last.status)) return { deviceToken, status: 'failed', reason: last.reason ?? `HTTP ${last.status}`, httpStatus: last.status, attempts: attempt };
    }
    return last.kind === 'transport'
      ? { deviceToken, status: 'failed', reason: last.reason, httpStatus: null, attempts: this.#options.maxAttempts }
      : { deviceToken, status: 'failed', reason: last.reason ?? `HTTP ${last.status}`, httpStatus: last.status, attempts: this.#options.maxAttempts };
  }

  async #send(token: string, topic: string, body: Buffer): Promise<Attempt> {
    let pooled: PooledSession;
    try {
      pooled = await this.#acquire();
    } catch (error) {
      return { kind: 'transport', reason: describe(error) };
    }
    try {
      return await this.#request(pooled, token, topic, body);
    } finally {
      pooled.inFlight--;
      this.#wakeWaiter();
    }
  }

  #request(pooled: PooledSession, token: string, topic: string, body: Buffer): Promise<Attempt> {
    return new Promise<Attempt>((resolve) => {
      let stream: ClientHttp2Stream;
      try {
        stream = pooled.session.request({
          ':method': 'POST',
          ':path': `/3/device/${token}`,
          'apns-topic': topic,
          'apns-push-type': 'mdm',
          'apns-priority': '10',
          'apns-expiration': String(Math.floor(this.#options.now().getTime() / 1000) + this.#options.expirationSeconds),
          'content-type': 'application/json',
          'content-length': String(body.length),
        });
      } catch (error) {
        // The session went away between acquiring it and opening the stream.
        pooled.draining = true;
        resolve({ kind: 'transport', reason: describe(error) });
        return;
      }
      let headers: IncomingHttpHeaders | undefined;
      const chunks: Buffer[] = [];
      let size = 0;
      let settled = false;
      const finish = (attempt: Attempt): void => {
        if (settled) return;
        settled = true;
        resolve(attempt);
      };
      stream.setTimeout(this.#options.requestTimeoutMs, () => {
        stream.close(constants.NGHTTP2_CANCEL);
        finish({ kind: 'transport', reason: 'Timeout' });
      });
      stream.on('response', (h) => {
        headers = h;
      });
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxResponseBytes) chunks.push(chunk);
      });
      stream.on('error', (error) => {
        finish({ kind: 'transport', reason: describe(error) });
      });
      stream.on('close', () => {
        if (headers === undefined) {
          finish({ kind: 'transport', reason: `stream closed (code ${stream.rstCode})` });
          return;
        }
        const status = Number(headers[':status']);
        const apnsId = headerText(headers['apns-id']);
        finish({ kind: 'response', status, apnsId, reason: reasonOf(Buffer.concat(chunks)), retryAfterMs: retryAfterMs(headers['retry-after']) });
      });
      stream.end(body);
    });
  }

  /** A session with a free stream: a pooled one, a new one while the pool has room, or the next freed. */
  async #acquire(): Promise<PooledSession> {
    for (;;) {
      if (this.#closed) throw new Error('ApnsClient closed');
      const live = this.#sessions.filter((p) => !p.draining && !p.session.closed && !p.session.destroyed);
      const free = live.find((p) => p.inFlight < streamLimit(p));
      if (free !== undefined) {
        free.inFlight++;
        return free;
      }
      if (live.length < this.#options.maxSessions) {
        const created = this.#open();
        created.inFlight++;
        return created;
      }
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  #open(): PooledSession {
    const session = connect(this.#options.origin, {
      cert: this.#options.certificatePem,
      key: this.#options.privateKeyPem,
      ...(this.#options.ca === undefined ? {} : { ca: this.#options.ca }),
    });
    const pooled: PooledSession = { session, inFlight: 0, settled: false, draining: false };
    const leave = (): void => {
      pooled.draining = true;
      const index = this.#sessions.indexOf(pooled);
      if (index >= 0) this.#sessions.splice(index, 1);
      // Waiters blocked on a full pool may now open a replacement.
      for (const wake of this.#waiters.splice(0)) wake();
    };
    session.on('remoteSettings', () => {
      pooled.settled = true;
      this.#wakeAll();
    });
    session.on('goaway', leave);
    session.on('close', leave);
    // Errors surface on the streams as well; without a listener the process would crash.
    session.on('error', leave);
    this.#sessions.push(pooled);
    return pooled;
  }

  #wakeWaiter(): void {
    this.#waiters.shift()?.();
  }

  #wakeAll(): void {
    for (const wake of this.#waiters.splice(0)) wake();
  }
}

function streamLimit(pooled: PooledSession): number {
  if (!pooled.settled) return defaultStreamLimitBeforeSettings;
  return Math.max(1, pooled.session.remoteSettings.maxConcurrentStreams ?? defaultStreamLimitBeforeSettings);
}

function positive(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`ApnsClient: ${name} must be a positive integer, got ${value}`);
  return value;
}

function headerText(value: string | string[] | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

/** APNs' `{"reason": "…"}` of an error answer, or null. */
function reasonOf(body: Buffer): string | null {
  if (body.length === 0 || body.length > maxResponseBytes) return null;
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'reason' in parsed && typeof parsed.reason === 'string') return parsed.reason.slice(0, 100);
  } catch {
    // Not JSON: no reason.
  }
  return null;
}

function retryAfterMs(value: string | string[] | undefined): number {
  const seconds = typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}

function describe(error: unknown): string {
  if (error instanceof Error) return 'code' in error && typeof error.code === 'string' ? error.code : error.message;
  return String(error);
}
