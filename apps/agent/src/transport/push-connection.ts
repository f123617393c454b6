import { Agent } from 'node:https';
import { PushMessage } from '@ward/agent-protocol';
import WebSocket from 'ws';
import type { Logger } from '../logging/logger.js';
import { matchesSchema } from '../protocol/matches-schema.js';
import { backoffDelay } from '../runtime/backoff-delay.js';
import { serverIdentityCheck, type ServerTrust } from '../trust/server-trust.js';
import type { ClientCredentials } from './agent-http-client.js';

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
// Wake-ups are tiny; anything larger is not the protocol.
const MAX_MESSAGE_BYTES = 4096;

/**
 * The one WebSocket the agent keeps to the server. It carries only wake-ups (push is never data), so
 * a lost connection costs latency, not correctness: the scheduled check-ins go on. It reconnects
 * forever with exponential backoff and full jitter.
 */
export class PushConnection {
  readonly #options: PushConnectionOptions;
  #credentials: ClientCredentials;
  #socket: WebSocket | undefined;
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
      maxPayload: MAX_MESSAGE_BYTES,
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
      if (matchesSchema(PushMessage, message)) this.#options.onWake(message.reason);
      else log.debug('push: ignored a message that is not a wake-up');
    });
    socket.on('unexpected-response', (_request, response) => {
      log.warn(`push connection refused: ${url} answered ${response.statusCode ?? 0}`);
      socket.terminate();
    });
    socket.on('error', (error) => {
      log.debug(`push connection error: ${error.message}`);
    });
    socket.on('close', () => {
      agent.destroy();
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
