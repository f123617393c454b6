import type { IncomingMessage } from 'node:http';
import {
  NoiseError,
  NoisePushAssembler,
  noisePushLimits,
  noisePushTicketHeader,
  openNoisePush,
  sealNoisePushMessage,
  type NoiseErrorCode,
  type NoisePushOffer,
  type NoisePushOpening,
  type NoiseSession,
} from '@ward/agent-protocol';
import WebSocket from 'ws';

/**
 * Why a Noise push channel failed. Stable codes: the library's for what its Noise operations find,
 * and these for what happens around them.
 * - `NOISE_PUSH_OFFER_INVALID`: the offer's url or psk cannot be used (no connection was tried).
 * - `NOISE_PUSH_REFUSED`: the server answered the upgrade with an HTTP status (401: ticket unknown
 *   or device no longer authenticates).
 * - `NOISE_PUSH_TIMEOUT`: no handshake answer in time.
 * - `NOISE_PUSH_PROTOCOL`: a text frame, a frame over 65535 bytes, a handshake answer of the wrong
 *   size or with a payload, or the server closing with 1008.
 * - `NOISE_PUSH_SOCKET`: the connection failed or closed before the handshake completed.
 */
export type NoisePushFailureCode = NoiseErrorCode | 'NOISE_PUSH_OFFER_INVALID' | 'NOISE_PUSH_REFUSED' | 'NOISE_PUSH_TIMEOUT' | 'NOISE_PUSH_PROTOCOL' | 'NOISE_PUSH_SOCKET';

/** A failed or broken Noise push channel. Its message never carries the ticket or the key. */
export interface NoisePushFailure {
  readonly code: NoisePushFailureCode;
  readonly message: string;
  /** The HTTP status of a refused upgrade. */
  readonly status?: number;
  /** The server's stable error code from a refusal's JSON body, when it sent one. */
  readonly serverCode?: string;
}

/** What the channel tells its owner. Each channel calls `closed` exactly once, and nothing after it. */
export interface NoisePushEvents {
  /** The handshake completed: `send` works from now on. */
  opened(): void;
  /** One whole message from the server, reassembled and decrypted (UTF-8 JSON text, not parsed). */
  message(text: string): void;
  /**
   * The channel is gone. `failure` is set when it never opened, or when either side found a
   * protocol error; a plain disconnect of an open channel has none.
   */
  closed(opened: boolean, failure: NoisePushFailure | undefined): void;
}

export interface NoisePushChannelOptions {
  /** Bounds the HTTP upgrade and, separately, the Noise handshake after it. */
  readonly timeoutMs: number;
  /** The largest reassembled message accepted from the server. */
  readonly maxMessageBytes: number;
}

// Bytes of a refusal's body read for its error code; the rest is not read.
const refusalBodyBytes = 4096;

/**
 * The offer's problem, or undefined when it can be used: a ws:/wss: url and a 32-byte key (the
 * protocol schema checks the rest). The message names neither the ticket nor the key.
 */
export function noisePushOfferProblem(offer: NoisePushOffer): string | undefined {
  let url: URL;
  try {
    url = new URL(offer.url);
  } catch {
    return 'the Noise push url is not a URL';
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return `the Noise push url must be ws: or wss:, got ${url.protocol}`;
  // ws refuses a URL with a fragment.
  if (url.hash !== '') return 'the Noise push url has a fragment';
  if (Buffer.from(offer.psk, 'base64url').length !== 32) return 'the Noise push key is not 32 bytes';
  if (offer.ticket.length > noisePushLimits.maxTicketChars) return 'the Noise push ticket is too long';
  return undefined;
}

/**
 * One agent's Noise push channel (docs: "The Noise push channel"): a WebSocket over plain TCP,
 * opened with the offer's ticket header, secured by `Noise_NNpsk0_25519_ChaChaPoly_SHA256` with the
 * agent as initiator, every frame after the upgrade binary. It holds the handshake only until it
 * completes, then the session (two keys, two counters) and the reassembly state; ciphers are made
 * per message by the library. Keepalive is the owner's: ping and pong go on `socket` unencrypted.
 */
export class NoisePushChannel {
  /** The WebSocket, for ping, pong and `readyState`; messages go through `send`. */
  readonly socket: WebSocket;
  readonly #offer: NoisePushOffer;
  readonly #options: NoisePushChannelOptions;
  readonly #events: NoisePushEvents;
  #handshake: NoisePushOpening | undefined;
  #session: NoiseSession | undefined;
  #assembler: NoisePushAssembler | undefined;
  #timer: NodeJS.Timeout | undefined;
  // Set on an HTTP answer instead of the upgrade: the failure reported whatever closes the socket.
  #refusal: NoisePushFailure | undefined;
  #socketError: string | undefined;
  #frameError: string | undefined;
  #done = false;

  /** Starts connecting; `events` hear the outcome. The offer must have passed {@link noisePushOfferProblem}. */
  constructor(offer: NoisePushOffer, options: NoisePushChannelOptions, events: NoisePushEvents) {
    this.#offer = offer;
    this.#options = options;
    this.#events = events;
    this.socket = new WebSocket(offer.url, {
      headers: { [noisePushTicketHeader]: offer.ticket },
      perMessageDeflate: false,
      // A bigger frame is never one Noise message: ws closes the socket (1009) without buffering it.
      maxPayload: noisePushLimits.maxTransportMessageBytes,
      handshakeTimeout: options.timeoutMs,
      followRedirects: false,
    });
    this.socket.on('open', () => {
      this.#sendHandshake();
    });
    this.socket.on('message', (data, isBinary) => {
      this.#receive(data, isBinary);
    });
    this.socket.on('unexpected-response', (_request, response) => {
      this.#refused(response);
    });
    this.socket.on('error', (error) => {
      this.#socketError = error.message;
      // ws's own refusals of what the peer sent (a frame over maxPayload, a bad opcode...).
      if ('code' in error && typeof error.code === 'string' && error.code.startsWith('WS_ERR_')) this.#frameError = error.message;
    });
    this.socket.on('close', (code) => {
      this.#closed(code);
    });
  }

  /** Whether the handshake completed and the channel is still up. */
  get open(): boolean {
    return this.#session !== undefined && !this.#done && this.socket.readyState === WebSocket.OPEN;
  }

  /**
   * Sends one message, in as many frames as it takes; `done` hears the outcome of the last frame
   * (an error when the channel is not open or the socket failed).
   */
  send(text: string, done: (error?: Error) => void): void {
    const session = this.#session;
    if (session === undefined || !this.open) {
      done(new Error('the Noise push channel is not open'));
      return;
    }
    const frames = sealNoisePushMessage(session, text);
    const last = frames.length - 1;
    frames.forEach((frame, index) => {
      // ws queues frames in order, so the receiver sees them in the nonce order they were sealed in.
      if (index === last) this.socket.send(frame, { binary: true }, (error) => {
        // ws passes null on success, whatever the types say.
        done(error instanceof Error ? error : undefined);
      });
      else this.socket.send(frame, { binary: true });
    });
  }

  /** Closes the channel (no failure reported). */
  close(): void {
    this.#finish(undefined);
    this.socket.terminate();
  }

  #sendHandshake(): void {
    if (this.#done) return;
    let handshake: NoisePushOpening;
    try {
      handshake = openNoisePush(this.#offer);
    } catch (error) {
      if (!(error instanceof NoiseError)) throw error;
      this.#fail({ code: error.code, message: `Noise: ${error.message}` });
      return;
    }
    this.#handshake = handshake;
    this.socket.send(handshake.firstMessage, { binary: true });
    const timeoutMs = this.#options.timeoutMs;
    this.#timer = setTimeout(() => {
      this.#fail({ code: 'NOISE_PUSH_TIMEOUT', message: `no Noise handshake answer within ${timeoutMs} ms` });
    }, timeoutMs);
  }

  #receive(data: WebSocket.RawData, isBinary: boolean): void {
    if (this.#done) return;
    if (!isBinary) {
      this.#fail({ code: 'NOISE_PUSH_PROTOCOL', message: 'a text frame on the Noise push channel' });
      return;
    }
    const frame = rawBytes(data);
    try {
      const session = this.#session;
      if (session !== undefined) {
        const text = this.#assembler?.accept(session, frame);
        if (text !== undefined) this.#events.message(text);
        return;
      }
      const handshake = this.#handshake;
      if (handshake === undefined) return;
      if (frame.length !== noisePushLimits.handshakeMessageBytes) {
        this.#fail({ code: 'NOISE_PUSH_PROTOCOL', message: `a Noise handshake answer of ${frame.length} bytes (${noisePushLimits.handshakeMessageBytes} expected)` });
        return;
      }
      const opened = handshake.finish(frame);
      clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#session = opened.session;
      this.#handshake = undefined;
      // Key confirmation (docs/protocols/agent-v1.md): the empty message the server waits for.
      for (const sealed of opened.confirmation) this.socket.send(sealed, { binary: true });
      this.#assembler = new NoisePushAssembler(this.#options.maxMessageBytes);
      this.#events.opened();
    } catch (error) {
      if (!(error instanceof NoiseError)) throw error;
      this.#fail({ code: error.code, message: `Noise: ${error.message}` });
    }
  }

  #refused(response: IncomingMessage): void {
    const status = response.statusCode ?? 0;
    this.#refusal = { code: 'NOISE_PUSH_REFUSED', status, message: `the Noise push upgrade was answered ${status}` };
    const chunks: Buffer[] = [];
    let size = 0;
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      const serverCode = errorCode(Buffer.concat(chunks).subarray(0, refusalBodyBytes));
      if (serverCode !== undefined) this.#refusal = { code: 'NOISE_PUSH_REFUSED', status, serverCode, message: `the Noise push upgrade was answered ${status} ${serverCode}` };
      // ws leaves an unexpected response to whoever listens for it: the handshake is aborted here.
      this.socket.terminate();
    };
    response.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= refusalBodyBytes) end();
    });
    response.on('end', end);
    response.on('error', end);
    response.on('close', end);
  }

  #closed(code: number): void {
    if (this.#session !== undefined) {
      if (this.#frameError !== undefined) this.#finish({ code: 'NOISE_PUSH_PROTOCOL', message: `the Noise push channel broke: ${this.#frameError}` });
      else this.#finish(code === 1008 ? { code: 'NOISE_PUSH_PROTOCOL', message: 'the server closed the Noise push channel (1008)' } : undefined);
      return;
    }
    this.#finish(this.#refusal ?? { code: 'NOISE_PUSH_SOCKET', message: `the Noise push channel closed before its handshake completed (${this.#socketError ?? `close ${code}`})` });
  }

  /** Ends the channel on a protocol error: closes the socket with 1008 and reports `failure`. */
  #fail(failure: NoisePushFailure): void {
    if (this.#done) return;
    this.#finish(failure);
    if (this.socket.readyState === WebSocket.OPEN) {
      this.socket.close(1008);
      // A peer that does not answer the close within a second loses the connection anyway.
      setTimeout(() => {
        this.socket.terminate();
      }, 1_000).unref();
    } else {
      this.socket.terminate();
    }
  }

  #finish(failure: NoisePushFailure | undefined): void {
    if (this.#done) return;
    this.#done = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const opened = this.#session !== undefined;
    this.#handshake = undefined;
    this.#session = undefined;
    this.#assembler = undefined;
    this.#events.closed(opened, failure);
  }
}

/** The `error.code` of an agent error body, when it is one and the code looks like a stable code. */
function errorCode(body: Buffer): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || !('error' in parsed)) return undefined;
  const error: unknown = parsed.error;
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code: unknown = error.code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : undefined;
}

function rawBytes(data: WebSocket.RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
