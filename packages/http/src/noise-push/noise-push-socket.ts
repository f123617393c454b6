import { EventEmitter } from 'node:events';
import { NoiseError, NoisePushAssembler, sealNoisePushMessage, type NoiseSession } from '@ward/agent-protocol';
import type { WebSocket } from 'ws';
import type { PushSocket } from '../agent-push-hub.js';
import type { PushMessageSocket } from '../agent-push-messages.js';

/** Close code of a Noise push socket that broke the protocol (WebSocket "policy violation"). */
export const noiseProtocolErrorCloseCode = 1008;

/**
 * A Noise push channel after its handshake, seen by the hub and the push messages as the TLS push
 * socket is: `send` takes a message's text and sends it sealed, and `message` is emitted with each
 * opened and reassembled message. Anything that does not open (a tampered, replayed, reordered or
 * oversized frame, a text frame) closes the connection, since the session's nonces cannot resync.
 *
 * What an idle connection holds beyond `ws`: this object, the session's two keys and counters, and
 * the assembler (empty between messages).
 */
export class NoisePushSocket extends EventEmitter implements PushSocket, PushMessageSocket {
  readonly #ws: WebSocket;
  readonly #session: NoiseSession;
  readonly #assembler: NoisePushAssembler;
  // Until the agent's key confirmation arrives: what to do with the channel then.
  #onConfirmed: ((socket: NoisePushSocket) => void) | undefined;

  /**
   * `onConfirmed` runs once the agent's first message, which must be empty, opened: only then has
   * the agent shown that it holds the session's keys. A replayed handshake message gets a reply
   * and a session, but nobody who can seal that message, so it never reaches `onConfirmed`.
   */
  constructor(ws: WebSocket, session: NoiseSession, maxMessageBytes: number, onConfirmed: (socket: NoisePushSocket) => void) {
    super();
    this.#ws = ws;
    this.#session = session;
    this.#assembler = new NoisePushAssembler(maxMessageBytes);
    this.#onConfirmed = onConfirmed;
  }

  /** Whether the agent confirmed the keys (and the channel was handed on). */
  get confirmed(): boolean {
    return this.#onConfirmed === undefined;
  }

  get readyState(): number {
    return this.#ws.readyState;
  }

  /** Seals `data` (a message's UTF-8 text) into one or more frames. */
  send(data: Buffer | string): void {
    const text = typeof data === 'string' ? data : data.toString('utf8');
    for (const frame of sealNoisePushMessage(this.#session, text)) this.#ws.send(frame, { binary: true });
  }

  ping(): void {
    this.#ws.ping();
  }

  close(code: number, reason: string): void {
    this.#ws.close(code, reason);
  }

  terminate(): void {
    this.#ws.terminate();
  }

  /** A frame from the agent: opened, and once a message is whole, emitted as `message`. */
  receive(frame: Buffer, isBinary: boolean): void {
    if (!isBinary) {
      this.#ws.close(noiseProtocolErrorCloseCode, 'binary frames only');
      return;
    }
    let text: string | undefined;
    try {
      text = this.#assembler.accept(this.#session, frame);
    } catch (error) {
      if (!(error instanceof NoiseError)) throw error;
      this.#ws.close(noiseProtocolErrorCloseCode, error.code);
      return;
    }
    if (text === undefined) return;
    const onConfirmed = this.#onConfirmed;
    if (onConfirmed !== undefined) {
      if (text !== '') {
        this.#ws.close(noiseProtocolErrorCloseCode, 'key confirmation expected');
        return;
      }
      this.#onConfirmed = undefined;
      onConfirmed(this);
      return;
    }
    this.emit('message', text, false);
  }
}
