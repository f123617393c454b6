import { randomUUID } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { constants, createSecureServer, type Http2SecureServer, type Http2Session, type IncomingHttpHeaders, type ServerHttp2Stream } from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate } from '@peculiar/asn1-x509';

const uidOid = '0.9.2342.19200300.100.1.1';
const maxPayloadBytes = 4096;
const tokenPath = /^\/3\/device\/([^/?#]*)$/;
const mdmToken = /^[0-9a-fA-F]{64}$/;

/** A push the mock accepted, as a device would receive it. */
export interface ReceivedPush {
  /** Lower-case hex. */
  readonly deviceToken: string;
  readonly topic: string;
  readonly pushMagic: string;
  readonly priority: string | null;
  readonly expiration: string | null;
  readonly apnsId: string;
}

/** Construction options of {@link MockApns}. */
export interface MockApnsOptions {
  /** The server's TLS identity (PEM). */
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  /** Client certificates must chain to this CA (PEM), as push certificates chain to Apple's. */
  readonly clientCaPem: string;
  /** SETTINGS_MAX_CONCURRENT_STREAMS advertised to clients (default 1000, as APNs does once warmed up). */
  readonly maxConcurrentStreams?: number;
}

/** A request's headers, checked. */
type CheckedHeaders =
  | { readonly ok: true; readonly token: string; readonly topic: string; readonly priority: string | null; readonly expiration: string | null }
  | { readonly ok: false; readonly status: number; readonly reason: string };

/** An error answer the mock was told to give for the next requests. */
type ScriptedFailure = { readonly status: 429 | 500 | 503; remaining: number };

const failureReason: Readonly<Record<ScriptedFailure['status'], string>> = { 429: 'TooManyRequests', 500: 'InternalServerError', 503: 'ServiceUnavailable' };

/**
 * A faithful stand-in for Apple's push service (APNs provider API, certificate-based trust), for
 * tests and the simulator, since the real service cannot be reached from CI and would not deliver
 * to virtual devices. Like APNs it speaks HTTP/2 over TLS only, refuses the TLS handshake without a
 * client certificate from the configured CA, and checks each request as APNs does for an MDM push:
 * `POST /3/device/<64 hex>`, `apns-topic` equal to the UID (topic) of the client certificate,
 * `apns-push-type: mdm`, `apns-priority` 5 or 10, a numeric `apns-expiration`, and a JSON body
 * `{"mdm": "<PushMagic>"}` of at most 4 KB; errors answer `{"reason": …}` with APNs' status and
 * reason names. Accepted pushes are recorded and emitted per token so virtual devices can wake.
 *
 * Scripting: {@link unregister} (410 Unregistered), {@link markBadDeviceToken} (400
 * BadDeviceToken), {@link failNext} (429/500/503 for the next N requests), {@link goAway} (GOAWAY
 * on every open connection, as APNs does when it recycles connections).
 */
export class MockApns {
  readonly #server: Http2SecureServer;
  readonly #sessions = new Set<Http2Session>();
  readonly #topics = new WeakMap<Http2Session, string | null>();
  readonly #events = new EventEmitter();
  readonly #unregistered = new Map<string, number>();
  readonly #badTokens = new Set<string>();
  readonly #failures: ScriptedFailure[] = [];
  readonly #received: ReceivedPush[] = [];
  #requests = 0;
  #connections = 0;
  #port = 0;

  constructor(options: MockApnsOptions) {
    this.#server = createSecureServer({
      cert: options.certificatePem,
      key: options.privateKeyPem,
      ca: options.clientCaPem,
      requestCert: true,
      rejectUnauthorized: true,
      allowHTTP1: false,
      settings: { maxConcurrentStreams: options.maxConcurrentStreams ?? 1000 },
    });
    this.#events.setMaxListeners(0);
    this.#server.on('session', (session) => {
      this.#connections++;
      this.#sessions.add(session);
      session.on('close', () => this.#sessions.delete(session));
      session.on('error', () => this.#sessions.delete(session));
    });
    this.#server.on('stream', (stream, headers) => {
      this.#handle(stream, headers);
    });
  }

  /** Listens on 127.0.0.1 (`port` 0: any free port). */
  async listen(port = 0): Promise<void> {
    this.#server.listen(port, '127.0.0.1');
    await once(this.#server, 'listening');
    this.#port = (this.#server.address() as AddressInfo).port;
  }

  /** `https://127.0.0.1:<port>`: the client's origin. */
  get origin(): string {
    return `https://127.0.0.1:${this.#port}`;
  }

  /** Every push accepted so far, in order. */
  get received(): readonly ReceivedPush[] {
    return this.#received;
  }

  /** Requests seen (accepted or not). */
  get requestCount(): number {
    return this.#requests;
  }

  /** TLS connections accepted since start. */
  get connectionCount(): number {
    return this.#connections;
  }

  /** Answers 410 Unregistered for `deviceToken` from now on (`since`: the timestamp APNs reports). */
  unregister(deviceToken: string, since = Date.now()): void {
    this.#unregistered.set(deviceToken.toLowerCase(), since);
  }

  /** Answers 400 BadDeviceToken for `deviceToken` from now on. */
  markBadDeviceToken(deviceToken: string): void {
    this.#badTokens.add(deviceToken.toLowerCase());
  }

  /** Answers the next `count` requests with `status` (429 TooManyRequests, 500, 503) before any other check. */
  failNext(count: number, status: 429 | 500 | 503): void {
    this.#failures.push({ status, remaining: count });
  }

  /** Sends GOAWAY on every open connection and closes them once their streams end. */
  goAway(): void {
    for (const session of this.#sessions) {
      if (!session.closed && !session.destroyed) {
        session.goaway(constants.NGHTTP2_NO_ERROR);
        session.close();
      }
    }
  }

  /** Calls `listener` for every accepted push; returns the function that unsubscribes. */
  onPush(listener: (push: ReceivedPush) => void): () => void {
    this.#events.on('push', listener);
    return () => {
      this.#events.off('push', listener);
    };
  }

  /** The next push accepted for `deviceToken` (already-recorded pushes do not count). */
  nextPush(deviceToken: string, signal?: AbortSignal): Promise<ReceivedPush> {
    const wanted = deviceToken.toLowerCase();
    return new Promise<ReceivedPush>((resolve, reject) => {
      const off = this.onPush((push) => {
        if (push.deviceToken !== wanted) return;
        off();
        resolve(push);
      });
      signal?.addEventListener('abort', () => {
        off();
        reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      }, { once: true });
    });
  }

  /** Stops listening and closes every connection. */
  async close(): Promise<void> {
    for (const session of this.#sessions) session.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => { resolve(); }));
  }

  #topicOf(session: Http2Session): string | null {
    const cached = this.#topics.get(session);
    if (cached !== undefined) return cached;
    let topic: string | null = null;
    try {
      const peer = (session.socket as TLSSocket).getPeerCertificate(false);
      const certificate = AsnConvert.parse(peer.raw, Certificate);
      for (const rdn of certificate.tbsCertificate.subject) for (const attribute of rdn) if (attribute.type === uidOid && topic === null) topic = attribute.value.toString();
    } catch {
      topic = null;
    }
    this.#topics.set(session, topic);
    return topic;
  }

  #handle(stream: ServerHttp2Stream, headers: IncomingHttpHeaders): void {
    this.#requests++;
    const reply = (status: number, reason: string, body: Record<string, unknown> = {}): void => {
      if (stream.destroyed || stream.closed) return;
      stream.respond({ ':status': status, 'apns-id': randomUUID(), 'content-type': 'application/json' });
      stream.end(JSON.stringify({ reason, ...body }));
    };
    const scripted = this.#failures[0];
    if (scripted !== undefined) {
      scripted.remaining--;
      if (scripted.remaining <= 0) this.#failures.shift();
      stream.resume();
      reply(scripted.status, failureReason[scripted.status]);
      return;
    }
    const checked = this.#checkHeaders(stream.session as Http2Session, headers);
    if (!checked.ok) {
      stream.resume();
      reply(checked.status, checked.reason);
      return;
    }
    const { token, topic, priority, expiration } = checked;

    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxPayloadBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    stream.on('error', () => undefined);
    stream.on('end', () => {
      const refusal = tooLarge ? ([413, 'PayloadTooLarge'] as const) : size === 0 ? ([400, 'PayloadEmpty'] as const) : undefined;
      const pushMagic = refusal === undefined ? mdmPayload(Buffer.concat(chunks)) : undefined;
      const since = this.#unregistered.get(token);
      if (refusal !== undefined) reply(refusal[0], refusal[1]);
      else if (pushMagic === undefined) reply(400, 'BadPayload');
      else if (this.#badTokens.has(token)) reply(400, 'BadDeviceToken');
      else if (since !== undefined) reply(410, 'Unregistered', { timestamp: since });
      else this.#accept(stream, { token, topic, pushMagic, priority, expiration });
    });
  }

  #accept(stream: ServerHttp2Stream, request: { readonly token: string; readonly topic: string; readonly pushMagic: string; readonly priority: string | null; readonly expiration: string | null }): void {
    const { token, topic, pushMagic, priority, expiration } = request;
    const apnsId = randomUUID();
    const push: ReceivedPush = { deviceToken: token, topic, pushMagic, priority, expiration, apnsId };
    this.#received.push(push);
    stream.respond({ ':status': 200, 'apns-id': apnsId });
    stream.end();
    this.#events.emit('push', push);
  }

  /** The request's MDM push fields, or the APNs error a header earns (in the order APNs checks them). */
  #checkHeaders(session: Http2Session, headers: IncomingHttpHeaders): CheckedHeaders {
    const refuse = (status: number, reason: string): CheckedHeaders => ({ ok: false, status, reason });
    if (headers[':method'] !== 'POST') return refuse(405, 'MethodNotAllowed');
    const match = tokenPath.exec(headers[':path'] ?? '');
    if (match === null) return refuse(404, 'BadPath');
    const token = (match[1] ?? '').toLowerCase();
    if (!mdmToken.test(token)) return refuse(400, 'BadDeviceToken');
    const topic = header(headers['apns-topic']);
    if (topic === null) return refuse(400, 'MissingTopic');
    const certificateTopic = this.#topicOf(session);
    if (certificateTopic === null || topic !== certificateTopic) return refuse(400, 'TopicDisallowed');
    if (header(headers['apns-push-type']) !== 'mdm') return refuse(400, 'InvalidPushType');
    const priority = header(headers['apns-priority']);
    if (priority !== null && priority !== '5' && priority !== '10') return refuse(400, 'BadPriority');
    const expiration = header(headers['apns-expiration']);
    if (expiration !== null && !/^\d{1,12}$/.test(expiration)) return refuse(400, 'BadExpirationDate');
    return { ok: true, token, topic, priority, expiration };
  }
}

function header(value: string | string[] | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

/** The PushMagic of an MDM payload: exactly `{"mdm": "<non-empty string>"}`, else undefined. */
export function mdmPayload(body: Buffer): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const keys = Object.keys(parsed);
  if (keys.length !== 1 || !('mdm' in parsed) || typeof parsed.mdm !== 'string' || parsed.mdm.length === 0) return undefined;
  return parsed.mdm;
}
