import type { Static, TSchema } from '@sinclair/typebox';
import { PushError, PushMessage } from '@ward/agent-protocol';
import type { Logger } from '../logging/logger.js';
import { matchesSchema } from '../protocol/matches-schema.js';
import { isRecord } from '../storage/is-record.js';
import { AgentRequestError } from './agent-request-error.js';

/** One open push socket as the exchange sees it: whatever secures it (TLS, Noise) is the connection's business. */
export interface PushLink {
  /** Sends one message (UTF-8 JSON text); `sent` gets an Error when it could not go. */
  send(text: string, sent: (error: Error | undefined) => void): void;
  /** Drops the socket at once: it is dead (no answer came in time). */
  drop(): void;
}

/** What a {@link PushCheckInExchange} needs. */
export interface PushCheckInExchangeOptions {
  /** How log lines and errors name the connection, e.g. `push connection`. */
  readonly name: string;
  /** Called on every wake-up; the agent checks in. */
  readonly onWake: (reason: string | undefined) => void;
  readonly log: Logger;
  /** How long an answer may take; as over HTTPS by default. */
  readonly answerTimeoutMs?: number;
}

// As long as over HTTPS: the server's answer to a check-in.
const CHECK_IN_TIMEOUT_MS = 60_000;

/** A check-in sent on a link, waiting for the answer with its id. */
interface PendingCheckIn {
  readonly id: number;
  readonly link: PushLink;
  readonly settle: (answer: unknown) => void;
}

// What a pending check-in settles with when no answer can come on its link.
const linkLost = Symbol('link lost');

/**
 * The messages of the push socket, the same whichever way the socket is secured: wake-ups in, and
 * check-ins out one at a time, each answer matched to its request by id (docs/protocols/agent-v1.md,
 * "Push"). The TLS and the Noise push connections both speak through one of these.
 */
export class PushCheckInExchange {
  readonly #options: PushCheckInExchangeOptions;
  #pending: PendingCheckIn | undefined;
  #lastRequestId = 0;

  constructor(options: PushCheckInExchangeOptions) {
    this.#options = options;
  }

  /**
   * Sends a check-in (the body of `POST /agent/v1/check-in`) on `link` and returns the answer if it
   * matches `schema`. Undefined when no check-in can go this way: another one is in flight, `link`
   * was lost before the answer came, or no answer came in time (the link is then dropped as dead);
   * the caller checks in over HTTPS instead. The server may have applied a check-in whose answer was
   * lost: results are acknowledged again next time, and commands it handed out are redelivered.
   *
   * @throws AgentRequestError `http` when the server refused it (its code, as over HTTPS), `protocol`
   *   when the answer does not match the protocol.
   */
  async checkIn<S extends TSchema>(link: PushLink, request: unknown, schema: S, signal?: AbortSignal): Promise<Static<S> | undefined> {
    if (this.#pending !== undefined || signal?.aborted === true) return undefined;
    const { name, log } = this.#options;
    const timeoutMs = this.#options.answerTimeoutMs ?? CHECK_IN_TIMEOUT_MS;
    const id = ++this.#lastRequestId;
    const answer = await new Promise<unknown>((resolve) => {
      const onAbort = (): void => {
        pending.settle(linkLost);
      };
      const timer = setTimeout(() => {
        log.warn(`no check-in answer on the ${name} within ${timeoutMs / 1000} s; reconnecting`);
        pending.settle(linkLost);
        link.drop();
      }, timeoutMs);
      const pending: PendingCheckIn = {
        id,
        link,
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
      link.send(JSON.stringify({ type: 'checkIn', id, request }), (error) => {
        if (error !== undefined) pending.settle(linkLost);
      });
    });
    if (answer === linkLost) return undefined;
    if (isRecord(answer) && answer.type === 'checkInResult') {
      if (matchesSchema(schema, answer.response)) return answer.response;
      throw new AgentRequestError('protocol', `the check-in answer on the ${name} does not match the protocol`);
    }
    if (matchesSchema(PushError, answer)) {
      const { code, message, details } = answer.error;
      throw new AgentRequestError('http', `check-in over the ${name} refused: ${code}: ${message}`, { code, ...(details === undefined ? {} : { details }) });
    }
    throw new AgentRequestError('protocol', `the check-in answer on the ${name} does not match the protocol`);
  }

  /** A whole message that arrived on `link`: a wake-up, or the answer to the check-in in flight there. */
  receive(link: PushLink, text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      message = undefined;
    }
    if (matchesSchema(PushMessage, message)) {
      this.#options.onWake(message.reason);
      return;
    }
    const pending = this.#pending;
    if (pending?.link === link && isRecord(message) && message.id === pending.id) pending.settle(message);
    else this.#options.log.debug(`${this.#options.name}: ignored a message that is neither a wake-up nor the answer to a check-in in flight`);
  }

  /** `link` closed: the check-in in flight on it gets no answer. */
  lost(link: PushLink): void {
    const pending = this.#pending;
    if (pending?.link === link) pending.settle(linkLost);
  }
}
