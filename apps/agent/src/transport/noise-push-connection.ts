import { Agent } from 'node:https';
import type { Static, TSchema } from '@sinclair/typebox';
import {
  NoiseError,
  NoisePushAssembler,
  noisePushLimits,
  noisePushTicketHeader,
  openNoisePush,
  protocolLimits,
  sealNoisePushMessage,
  type NoisePushOffer,
  type NoisePushOpening,
  type NoiseSession,
} from '@ward/agent-protocol';
import WebSocket from 'ws';
import type { Logger } from '../logging/logger.js';
import { serverIdentityCheck, type ServerTrust } from '../trust/server-trust.js';
import { keepAlive } from './keep-alive.js';
import { PushCheckInExchange, type PushLink } from './push-check-in-exchange.js';
import { rawBytes } from './raw-text.js';
import { ReconnectBackoff } from './reconnect-backoff.js';

/** What a {@link NoisePushConnection} needs. */
export interface NoisePushConnectionOptions {
  /** Where and with which ticket and key; the ticket and key are secrets and never logged. */
  readonly offer: Pick<NoisePushOffer, 'url' | 'ticket' | 'psk'>;
  /** How a `wss://` URL's server is authenticated (as the TLS push connection does); unused for `ws://`. */
  readonly trust: ServerTrust;
  /** Called on every wake-up; the agent checks in. */
  readonly onWake: (reason: string | undefined) => void;
  /**
   * The server refused the ticket at the upgrade (`status` 401 or 403), or the URL is unusable
   * (`status` 0): the offer is no good. The connection has stopped.
   */
  readonly onRefused: (status: number) => void;
  /** {@link maxFailedAttempts} attempts in a row ended before a completed handshake. The connection has stopped. */
  readonly onUnreachable: () => void;
  readonly log: Logger;
  readonly random: () => number;
  /** Attempts in a row that may fail before the handshake completes; 3 by default. */
  readonly maxFailedAttempts?: number;
  /** How long the server may take to answer the handshake; the spec's 10 s by default. */
  readonly handshakeTimeoutMs?: number;
}

const NAME = 'Noise push connection';

/**
 * The push WebSocket over plain TCP, secured end to end by Noise NNpsk0 with the key the server
 * handed out over mTLS (docs/protocols/agent-v1.md, "The Noise push channel"): it costs the server a
 * fraction of a TLS socket's memory. Once the handshake completed it carries what the TLS push
 * connection carries, through the same {@link PushCheckInExchange}: wake-ups in, check-ins out one
 * at a time. Any protocol error closes it (1008); it then reconnects with backoff and full jitter,
 * unless the server refused the ticket ({@link NoisePushConnectionOptions.onRefused}) or
 * {@link NoisePushConnectionOptions.maxFailedAttempts} attempts in a row never got through the
 * handshake ({@link NoisePushConnectionOptions.onUnreachable}): the caller then uses the TLS push
 * connection instead.
 */
export class NoisePushConnection {
  readonly #options: NoisePushConnectionOptions;
  readonly #exchange: PushCheckInExchange;
  readonly #backoff: ReconnectBackoff;
  #socket: WebSocket | undefined;
  // Set once the handshake completed on #socket: check-ins may go.
  #link: PushLink | undefined;
  #retryTimer: NodeJS.Timeout | undefined;
  #failedAttempts = 0;
  #stopped = true;

  constructor(options: NoisePushConnectionOptions) {
    this.#options = options;
    this.#exchange = new PushCheckInExchange({ name: NAME, onWake: options.onWake, log: options.log });
    this.#backoff = new ReconnectBackoff(options.random);
  }

  /** Opens the connection (and keeps it open until {@link stop}, a refused ticket or too many failed attempts). */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#failedAttempts = 0;
    this.#connect();
  }

  /** Closes the connection and stops reconnecting. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    this.#socket?.terminate();
    this.#socket = undefined;
    this.#link = undefined;
  }

  /** Whether the handshake completed and the socket is open (a check-in may go over it). */
  get isOpen(): boolean {
    return this.#link !== undefined && this.#socket?.readyState === WebSocket.OPEN;
  }

  /**
   * Sends a check-in on the channel and returns the answer if it matches `schema`; undefined when
   * no check-in can go this way (not open, lost, no answer in time). As
   * {@link PushCheckInExchange.checkIn}, which it is.
   *
   * @throws AgentRequestError `http` when the server refused it, `protocol` when the answer does not match.
   */
  async checkIn<S extends TSchema>(request: unknown, schema: S, signal?: AbortSignal): Promise<Static<S> | undefined> {
    const link = this.#link;
    if (link === undefined || this.#socket?.readyState !== WebSocket.OPEN) return undefined;
    return this.#exchange.checkIn(link, request, schema, signal);
  }

  #connect(): void {
    if (this.#stopped) return;
    const { offer, trust, log } = this.#options;
    const secure = offer.url.startsWith('wss:');
    // No client certificate: the pre-shared key authenticates the device. A wss:// server (an
    // operator's TLS in front of the channel) is checked as the TLS push connection checks it.
    const agent = secure ? new Agent({ ca: trust.ca, checkServerIdentity: serverIdentityCheck(trust), rejectUnauthorized: true, keepAlive: false }) : undefined;
    let socket: WebSocket;
    try {
      socket = new WebSocket(offer.url, {
        ...(agent === undefined ? {} : { agent }),
        headers: { [noisePushTicketHeader]: offer.ticket },
        handshakeTimeout: 30_000,
        // Every frame is one Noise message; ws refuses (and closes on) anything larger.
        maxPayload: noisePushLimits.maxTransportMessageBytes,
        perMessageDeflate: false,
        followRedirects: false,
      });
    } catch (error) {
      // An unusable URL: the offer is no good, as if the server had refused it. Reported from a
      // timer, as every other end is, so start() never calls back into its caller.
      agent?.destroy();
      log.warn(`${NAME}: unusable URL ${offer.url}: ${(error as Error).message}`);
      this.#stopped = true;
      this.#retryTimer = setTimeout(() => {
        this.#options.onRefused(0);
      }, 0);
      return;
    }
    this.#socket = socket;
    let handshake: NoisePushOpening | undefined;
    let session: NoiseSession | undefined;
    let assembler: NoisePushAssembler | undefined;
    let link: PushLink | undefined;
    let handshakeTimer: NodeJS.Timeout | undefined;
    let stopPing: (() => void) | undefined;
    let establishedAt: number | undefined;
    let refusedStatus: number | undefined;

    const protocolError = (what: string): void => {
      log.warn(`${NAME}: ${what}; reconnecting`);
      // No check-in may go, nor wait for an answer, on a channel being closed.
      if (this.#link === link) this.#link = undefined;
      if (link !== undefined) this.#exchange.lost(link);
      session = undefined;
      socket.close(1008);
    };

    socket.on('open', () => {
      stopPing = keepAlive(socket, () => {
        log.warn(`${NAME} silent; reconnecting`);
        socket.terminate();
      });
      try {
        handshake = openNoisePush(offer);
      } catch (error) {
        protocolError(`cannot start the handshake (${error instanceof NoiseError ? error.code : (error as Error).message})`);
        return;
      }
      socket.send(handshake.firstMessage, { binary: true });
      const timeoutMs = this.#options.handshakeTimeoutMs ?? noisePushLimits.handshakeTimeoutMs;
      handshakeTimer = setTimeout(() => {
        log.warn(`${NAME}: no handshake answer within ${timeoutMs / 1000} s; reconnecting`);
        socket.terminate();
      }, timeoutMs);
    });

    socket.on('message', (data, isBinary) => {
      if (!isBinary) {
        protocolError('the server sent a text frame');
        return;
      }
      if (handshake !== undefined) {
        let confirmation: Buffer[];
        try {
          ({ session, confirmation } = handshake.finish(rawBytes(data)));
        } catch (error) {
          protocolError(`handshake failed (${error instanceof NoiseError ? error.code : (error as Error).message})`);
          return;
        } finally {
          handshake = undefined;
          clearTimeout(handshakeTimer);
        }
        // Key confirmation: an empty message, the first the server accepts, proves that this end
        // holds the keys (a replayed handshake message cannot), before the server counts the channel.
        for (const frame of confirmation) socket.send(frame, { binary: true });
        // The server answered: the failures so far no longer count.
        this.#failedAttempts = 0;
        establishedAt = Date.now();
        assembler = new NoisePushAssembler(protocolLimits.pushAnswerBytes);
        const current = session;
        link = {
          send: (text, sent) => {
            let frames: Buffer[];
            try {
              frames = sealNoisePushMessage(current, text);
            } catch (error) {
              // The session may have used nonces for part of the message: it cannot go on.
              sent(error as Error);
              protocolError(`cannot seal a message (${error instanceof NoiseError ? error.code : (error as Error).message})`);
              return;
            }
            const last = frames.length - 1;
            frames.forEach((frame, i) => {
              socket.send(frame, { binary: true }, i < last ? undefined : (error) => {
                // Node passes null on success, whatever the types say.
                sent(error instanceof Error ? error : undefined);
              });
            });
          },
          drop: () => {
            socket.terminate();
          },
        };
        this.#link = link;
        log.info(`${NAME} open`);
        return;
      }
      if (session === undefined || assembler === undefined || link === undefined) return;
      let text: string | undefined;
      try {
        text = assembler.accept(session, rawBytes(data));
      } catch (error) {
        protocolError(`unreadable frame (${error instanceof NoiseError ? error.code : (error as Error).message})`);
        return;
      }
      if (text !== undefined) this.#exchange.receive(link, text);
    });

    socket.on('unexpected-response', (_request, response) => {
      const status = response.statusCode ?? 0;
      if (status === 401 || status === 403) refusedStatus = status;
      log.warn(`${NAME} refused: ${offer.url} answered ${status}`);
      socket.terminate();
    });
    socket.on('error', (error) => {
      log.debug(`${NAME} error: ${error.message}`);
    });
    socket.on('close', (code, reason) => {
      agent?.destroy();
      clearTimeout(handshakeTimer);
      stopPing?.();
      if (link !== undefined) this.#exchange.lost(link);
      if (code === 1008) log.warn(`${NAME} closed: ${reason.toString('utf8') || 'policy violation'}`);
      if (this.#socket !== socket) return;
      this.#socket = undefined;
      this.#link = undefined;
      if (this.#stopped) return;
      if (refusedStatus !== undefined) {
        this.stop();
        this.#options.onRefused(refusedStatus);
        return;
      }
      if (establishedAt === undefined && ++this.#failedAttempts >= (this.#options.maxFailedAttempts ?? 3)) {
        log.warn(`${NAME} failed ${this.#failedAttempts} times in a row before its handshake completed`);
        this.stop();
        this.#options.onUnreachable();
        return;
      }
      const delay = this.#backoff.next(establishedAt === undefined ? undefined : Date.now() - establishedAt);
      log.info(`${NAME} closed; reconnecting in ${(delay / 1000).toFixed(1)} s`);
      this.#retryTimer = setTimeout(() => {
        this.#connect();
      }, delay);
    });
  }
}
