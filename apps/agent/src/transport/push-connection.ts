import { Agent } from 'node:https';
import type { Static, TSchema } from '@sinclair/typebox';
import { protocolLimits, PushError, PushMessage } from '@ward/agent-protocol';
import WebSocket from 'ws';
import type { Logger } from '../logging/logger.js';
import { matchesSchema } from '../protocol/matches-schema.js';
import { backoffDelay } from '../runtime/backoff-delay.js';
import { serverIdentityCheck, type ServerTrust } from '../trust/server-trust.js';
import type { ClientCredentials } from './agent-http-client.js';
import { AgentRequestError } from './agent-request-error.js';

/** What a {@link PushConnection} needs. */
export interface PushConnectionOptions {
  /** `wss://…/agent/v1/push`. */
  readonly url: string;
  readonly trust: ServerTrust;
  readonly credentials: ClientCredentials;
  /** Called on every wake-up; the agent checks in. */
  readonly onWake: (reason: string | undefined) => void;
  readonly log: Logger;
  readonly random: () => number;
}

// A connection that lived this long was healthy: the next failure starts the backoff from scratch.
const HEALTHY_AFTER_MS = 30_000;
// Idle connections are checked with a ping this often; no pong by the next ping means a dead link
// (a NAT or proxy that dropped it silently), which would otherwise lose every wake-up unnoticed.
const PING_EVERY_MS = 60_000;
// As long as over HTTPS: the server's answer to a check-in.
const CHECK_IN_TIMEOUT_MS = 60_000;

/** A check-in sent on the socket, waiting for the answer with its id. */
interface PendingCheckIn {
  readonly id: number;
  readonly socket: WebSocket;
  readonly settle: (answer: unknown) => void;
}

// What a pending check-in settles with when no answer can come on this socket.
const socketLost = Symbol('socket lost');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * The one WebSocket the agent keeps to the server. The server sends wake-ups on it; the agent sends
 * its check-ins on it while it is open (one at a time), saving a TLS handshake and an HTTP request
 * each. A lost connection costs latency, not correctness: check-ins go over HTTPS meanwhile, and the
 * scheduled ones go on. It reconnects forever with exponential backoff and full jitter.
 */
export class PushConnection {
  readonly #options: PushConnectionOptions;
  #credentials: ClientCredentials;
  #socket: WebSocket | undefined;
  #pending: PendingCheckIn | undefined;
  #lastRequestId = 0;
  #retryTimer: NodeJS.Timeout | undefined;
  #pingTimer: NodeJS.Timeout | undefined;
  #attempt = 0;
  #stopped = true;

  constructor(options: PushConnectionOptions) {
    this.#options = options;
    this.#credentials = options.credentials;
  }

  /** Opens the connection (and keeps it open until {@link stop}). */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#connect();
  }

  /** Closes the connection and stops reconnecting. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    clearInterval(this.#pingTimer);
    this.#socket?.terminate();
    this.#socket = undefined;
  }

  /** Whether the connection is open now (a check-in may go over it). */
  get isOpen(): boolean {
    return this.#socket?.readyState === WebSocket.OPEN;
  }

  /**
   * Sends a check-in (the body of `POST /agent/v1/check-in`) on the socket and returns the answer if
   * it matches `schema`. Undefined when no check-in can go this way: the socket is not open, it
   * closed before the answer came, or no answer came in time (the socket is then dropped as dead);
   * the caller checks in over HTTPS instead. The server may have applied a check-in whose answer was
   * lost: results are acknowledged again next time, and commands it handed out are redelivered.
   *
   * @throws AgentRequestError `http` when the server refused it (its code, as over HTTPS), `protocol`
   *   when the answer does not match the protocol.
   */
  async checkIn<S extends TSchema>(request: unknown, schema: S, signal?: AbortSignal): Promise<Static<S> | undefined> {
    const socket = this.#socket;
    if (socket?.readyState !== WebSocket.OPEN || this.#pending !== undefined || signal?.aborted === true) return undefined;
    const id = ++this.#lastRequestId;
    const answer = await new Promise<unknown>((resolve) => {
      const onAbort = (): void => {
        pending.settle(socketLost);
      };
      const timer = setTimeout(() => {
        this.#options.log.warn(`no check-in answer on the push connection within ${CHECK_IN_TIMEOUT_MS / 1000} s; reconnecting`);
        pending.settle(socketLost);
        socket.terminate();
      }, CHECK_IN_TIMEOUT_MS);
      const pending: PendingCheckIn = {
        id,
        socket,
        settle: (value) => {
          if (this.#pending !== pending) return;
          this.#pending = undefined;
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve(value);
        },
      };
      this.#pending = pending;
      signal?.addEventListener('abort', onAbort);
      socket.send(JSON.stringify({ type: 'checkIn', id, request }), (error) => {
        // Node passes null on success, whatever the types say.
        if (error instanceof Error) pending.settle(socketLost);
      });
    });
    if (answer === socketLost) return undefined;
    if (isRecord(answer) && answer.type === 'checkInResult') {
      if (matchesSchema(schema, answer.response)) return answer.response;
      throw new AgentRequestError('protocol', 'the check-in answer on the push connection does not match the protocol');
    }
    if (matchesSchema(PushError, answer)) {
      const { code, message, details } = answer.error;
      throw new AgentRequestError('http', `check-in over the push connection refused: ${code}: ${message}`, { code, ...(details === undefined ? {} : { details }) });
    }
    throw new AgentRequestError('protocol', 'the check-in answer on the push connection does not match the protocol');
  }

  /** Reconnects with new credentials (after a certificate renewal). */
  useCredentials(credentials: ClientCredentials): void {
    this.#credentials = credentials;
    if (this.#stopped) return;
    this.#socket?.terminate();
  }

  #connect(): void {
    if (this.#stopped) return;
    const { url, trust, log } = this.#options;
    // TLS settings go through an https.Agent: ws hands it to https.request, whose checkServerIdentity
    // contract (return an Error) is the one serverIdentityCheck implements.
    const agent = new Agent({
      ca: trust.ca,
      checkServerIdentity: serverIdentityCheck(trust),
      rejectUnauthorized: true,
      key: this.#credentials.key,
      cert: this.#credentials.cert,
      keepAlive: false,
    });
    const socket = new WebSocket(url, {
      agent,
      handshakeTimeout: 30_000,
      // Check-in answers come this way, as large as over HTTPS. A limit, not an allocation.
      maxPayload: protocolLimits.pushAnswerBytes,
      perMessageDeflate: false,
    });
    this.#socket = socket;
    let openedAt: number | undefined;
    let alive = true;
    socket.on('open', () => {
      openedAt = Date.now();
      log.info('push connection open');
      clearInterval(this.#pingTimer);
      this.#pingTimer = setInterval(() => {
        if (!alive) {
          log.warn('push connection silent; reconnecting');
          socket.terminate();
          return;
        }
        alive = false;
        socket.ping();
      }, PING_EVERY_MS);
    });
    socket.on('pong', () => {
      alive = true;
    });
    socket.on('message', (data, isBinary) => {
      alive = true;
      if (isBinary) return;
      let message: unknown;
      try {
        message = JSON.parse(rawText(data));
      } catch {
        message = undefined;
      }
      if (matchesSchema(PushMessage, message)) {
        this.#options.onWake(message.reason);
        return;
      }
      const pending = this.#pending;
      if (pending?.socket === socket && isRecord(message) && message.id === pending.id) pending.settle(message);
      else log.debug('push: ignored a message that is neither a wake-up nor the answer to a check-in in flight');
    });
    socket.on('unexpected-response', (_request, response) => {
      log.warn(`push connection refused: ${url} answered ${response.statusCode ?? 0}`);
      socket.terminate();
    });
    socket.on('error', (error) => {
      log.debug(`push connection error: ${error.message}`);
    });
    socket.on('close', (code, reason) => {
      agent.destroy();
      const pending = this.#pending;
      if (pending?.socket === socket) pending.settle(socketLost);
      if (code === 1008) log.warn(`push connection closed by the server: ${reason.toString('utf8') || 'policy violation'}`);
      clearInterval(this.#pingTimer);
      if (this.#socket !== socket) return;
      this.#socket = undefined;
      if (this.#stopped) return;
      if (openedAt !== undefined && Date.now() - openedAt >= HEALTHY_AFTER_MS) this.#attempt = 0;
      const delay = backoffDelay(this.#attempt, this.#options.random);
      this.#attempt++;
      log.info(`push connection closed; reconnecting in ${(delay / 1000).toFixed(1)} s`);
      this.#retryTimer = setTimeout(() => {
        this.#connect();
      }, delay);
    });
  }
}

function rawText(data: WebSocket.RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
