import { Agent } from 'node:https';
import type { Static, TSchema } from '@sinclair/typebox';
import { protocolLimits } from '@ward/agent-protocol';
import WebSocket from 'ws';
import type { Logger } from '../logging/logger.js';
import { serverIdentityCheck, type ServerTrust } from '../trust/server-trust.js';
import type { ClientCredentials } from './agent-http-client.js';
import { keepAlive } from './keep-alive.js';
import { PushCheckInExchange, type PushLink } from './push-check-in-exchange.js';
import { rawText } from './raw-text.js';
import { ReconnectBackoff } from './reconnect-backoff.js';

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

/**
 * The one WebSocket the agent keeps to the server. The server sends wake-ups on it; the agent sends
 * its check-ins on it while it is open (one at a time), saving a TLS handshake and an HTTP request
 * each. A lost connection costs latency, not correctness: check-ins go over HTTPS meanwhile, and the
 * scheduled ones go on. It reconnects forever with exponential backoff and full jitter.
 */
export class PushConnection {
  readonly #options: PushConnectionOptions;
  #credentials: ClientCredentials;
  readonly #exchange: PushCheckInExchange;
  readonly #backoff: ReconnectBackoff;
  #socket: WebSocket | undefined;
  #link: PushLink | undefined;
  #retryTimer: NodeJS.Timeout | undefined;
  #stopPing: (() => void) | undefined;
  #stopped = true;

  constructor(options: PushConnectionOptions) {
    this.#options = options;
    this.#credentials = options.credentials;
    this.#exchange = new PushCheckInExchange({ name: 'push connection', onWake: options.onWake, log: options.log });
    this.#backoff = new ReconnectBackoff(options.random);
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
    this.#stopPing?.();
    this.#socket?.terminate();
    this.#socket = undefined;
    this.#link = undefined;
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
    const link = this.#link;
    if (this.#socket?.readyState !== WebSocket.OPEN || link === undefined) return undefined;
    return this.#exchange.checkIn(link, request, schema, signal);
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
    const link: PushLink = {
      send: (text, sent) => {
        socket.send(text, (error) => {
          // Node passes null on success, whatever the types say.
          sent(error instanceof Error ? error : undefined);
        });
      },
      drop: () => {
        socket.terminate();
      },
    };
    this.#link = link;
    let openedAt: number | undefined;
    socket.on('open', () => {
      openedAt = Date.now();
      log.info('push connection open');
      this.#stopPing?.();
      this.#stopPing = keepAlive(socket, () => {
        log.warn('push connection silent; reconnecting');
        socket.terminate();
      });
    });
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      this.#exchange.receive(link, rawText(data));
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
      this.#exchange.lost(link);
      if (code === 1008) log.warn(`push connection closed by the server: ${reason.toString('utf8') || 'policy violation'}`);
      if (this.#socket !== socket) return;
      this.#stopPing?.();
      this.#socket = undefined;
      this.#link = undefined;
      if (this.#stopped) return;
      const delay = this.#backoff.next(openedAt === undefined ? undefined : Date.now() - openedAt);
      log.info(`push connection closed; reconnecting in ${(delay / 1000).toFixed(1)} s`);
      this.#retryTimer = setTimeout(() => {
        this.#connect();
      }, delay);
    });
  }
}
