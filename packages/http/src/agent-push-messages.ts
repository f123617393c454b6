import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { agentApiPrefix, PushCheckIn, type CheckInRequest, type NoisePushOffer, type PushCheckInResult, type PushError, type PushRequestId } from '@ward/agent-protocol';
import { authenticateDevice, errorStatus, type CheckInServices, type CheckInStores, type Deps, type DeviceIdentityStore, type DeviceSession, type DeviceStore, type Origin, type PresentedCertificate } from '@ward/core';
import type { FastifyBaseLogger } from 'fastify';
import { agentCheckIn } from './agent-check-in.js';
import { ApiError, failureError } from './api-error.js';
import type { RequestSample } from './api-options.js';
import { problemOf, type Problem } from './error-handler.js';
import { createValidatorCompiler } from './schema-validators.js';
import { validationIssue } from './validation-error.js';

/** A frame's data as `ws` delivers it, or a message's text as the Noise channel opened it. */
type RawData = Buffer | ArrayBuffer | Buffer[] | string;

/**
 * The part of a `ws` WebSocket the messages use (declared rather than imported, as the hub does).
 * Listeners are called with the socket as `this`.
 */
export interface PushMessageSocket {
  readonly readyState: number;
  on(event: 'message', listener: (this: PushMessageSocket, data: RawData, isBinary: boolean) => void): unknown;
  send(data: string): void;
  close(code: number, reason: string): void;
}

/** What a push socket keeps from its upgrade request to handle the messages that follow. */
export interface PushPeer {
  /**
   * The certificate the device presented (its chain verified at the upgrade). A connection keeps
   * its certificate for life, so each message is authenticated by asking core about this one again.
   */
  readonly certificate: PresentedCertificate;
  readonly ip: string;
  readonly userAgent: string | undefined;
}

/** What {@link AgentPushMessages} needs. */
export interface AgentPushMessagesOptions {
  readonly deps: Deps<CheckInStores & Pick<DeviceIdentityStore, 'getDeviceIdentity'> & Pick<DeviceStore, 'getDevice'>> & CheckInServices;
  readonly checkInIntervalSeconds: number;
  readonly log: FastifyBaseLogger;
  /** The per-request metrics observer of the API, fed as the HTTPS routes feed it. */
  readonly observe: ((sample: RequestSample) => void) | undefined;
  /** Answers `noisePush: 'wanted'`: given only to the TLS push socket's messages, never the Noise channel's. */
  readonly offerNoisePush?: ((session: DeviceSession) => NoisePushOffer | undefined) | undefined;
}

/** Close code of a push socket whose device no longer authenticates (WebSocket "policy violation"). */
export const unauthenticatedCloseCode = 1008;

// The route label of push messages in metrics and logs: a bounded set, never the client's text.
const checkInRoute = `${agentApiPrefix}/push#checkIn`;
const invalidRoute = `${agentApiPrefix}/push#invalid`;
// ws's readyState of an open socket.
const open = 1;

// Compiled once by the same strict Ajv that validates the HTTPS check-in body; `request` inside the
// envelope is the very CheckInRequest schema of that route.
const isPushCheckIn = createValidatorCompiler()({ schema: PushCheckIn, method: 'GET', url: `${agentApiPrefix}/push`, httpPart: 'body' });

/** A message as read from the wire: a check-in to run, or why it cannot be and the id to answer with. */
type ReadMessage =
  | { readonly route: string; readonly id: PushRequestId; readonly checkIn: CheckInRequest; readonly problem?: undefined }
  | { readonly route: string; readonly id: PushRequestId | null; readonly checkIn?: undefined; readonly problem: ApiError };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRequestId(value: unknown): value is PushRequestId {
  if (typeof value === 'string') return value.length >= 1 && value.length <= 64;
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function frameText(data: RawData): string {
  if (typeof data === 'string') return data;
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/** Decodes and validates one frame. Nothing here touches storage. */
function readMessage(data: RawData, isBinary: boolean): ReadMessage {
  if (isBinary) return { id: null, route: invalidRoute, problem: new ApiError('VALIDATION_FAILED', 'Push messages are JSON text frames.', { in: 'message', reason: 'binaryFrame' }) };
  let message: unknown;
  try {
    message = JSON.parse(frameText(data));
  } catch {
    return { id: null, route: invalidRoute, problem: new ApiError('VALIDATION_FAILED', 'The message is not well-formed JSON.', { in: 'message', reason: 'malformedJson' }) };
  }
  const id = isRecord(message) && isRequestId(message.id) ? message.id : null;
  if (isRecord(message) && typeof message.type === 'string' && message.type !== 'checkIn') {
    return { id, route: invalidRoute, problem: new ApiError('VALIDATION_FAILED', 'This server accepts only checkIn messages on the push socket.', { in: 'message', path: '/type', reason: 'unknownType' }) };
  }
  if (isPushCheckIn(message) !== true) {
    const issues = (isPushCheckIn.errors ?? []).map(validationIssue);
    const first = issues[0];
    const text = first === undefined ? 'The message is invalid.' : `message${first.path === '/' ? '' : first.path} ${first.message}.`;
    return { id, route: checkInRoute, problem: new ApiError('VALIDATION_FAILED', text, { in: 'message', path: first?.path ?? '/', issues }) };
  }
  // The validator just proved the shape, which Ajv's boolean cannot tell the type checker.
  const valid = message as PushCheckIn;
  return { id: valid.id, route: checkInRoute, checkIn: valid.request };
}

/** The mutable part of a peer: whether one of its check-ins is running. */
interface PeerState extends PushPeer {
  checkingIn: boolean;
}

/**
 * Check-ins over the push socket: the agent sends `{"type":"checkIn","id",request}` where it would
 * POST the same body to `/agent/v1/check-in`, and is answered `checkInResult` or `error` with the
 * same codes, without a TLS handshake or an HTTP request per check-in.
 *
 * Each message is treated as the HTTPS route treats a request, without Fastify's per-request work:
 * the device is authenticated again (a revoked or retired device is refused and its socket closed),
 * the body is validated by the route's schema and size limit (the socket's `maxPayload`), it is
 * logged, counted in the request metrics, and audited as coming `via: 'agent'`. One check-in runs
 * per socket at a time; another sent meanwhile is refused with RATE_LIMITED.
 *
 * State per socket is one small record in a WeakMap, and the message listener is one function
 * shared by every socket (`this` is the socket), so an idle connection costs no closures.
 */
export class AgentPushMessages {
  readonly #options: AgentPushMessagesOptions;
  readonly #peers = new WeakMap<PushMessageSocket, PeerState>();
  readonly #onMessage: (this: PushMessageSocket, data: RawData, isBinary: boolean) => void;

  constructor(options: AgentPushMessagesOptions) {
    this.#options = options;
    const handle = (socket: PushMessageSocket, data: RawData, isBinary: boolean): void => {
      void this.#handle(socket, data, isBinary);
    };
    this.#onMessage = function onMessage(data, isBinary) {
      handle(this, data, isBinary);
    };
  }

  /** Starts answering the messages of a socket just upgraded for an authenticated device. */
  attach(socket: PushMessageSocket, peer: PushPeer): void {
    this.#peers.set(socket, { ...peer, checkingIn: false });
    socket.on('message', this.#onMessage);
  }

  async #handle(socket: PushMessageSocket, data: RawData, isBinary: boolean): Promise<void> {
    const peer = this.#peers.get(socket);
    if (peer === undefined) return;
    const started = performance.now();
    const requestId = randomUUID();
    const read = readMessage(data, isBinary);
    // Claimed before the first await, so two check-ins sent back to back cannot both run.
    const claimed = read.checkIn !== undefined && !peer.checkingIn;
    if (claimed) peer.checkingIn = true;
    let deviceId: string | undefined;
    let statusCode = 200;
    try {
      const { deps, checkInIntervalSeconds } = this.#options;
      const origin: Origin = { via: 'agent', ip: peer.ip, requestId, ...(peer.userAgent === undefined ? {} : { userAgent: peer.userAgent }) };
      const session = await authenticateDevice(deps, peer.certificate, origin);
      if (!session.ok) {
        statusCode = this.#refuse(socket, read.id, requestId, problemOf(failureError(session)));
        socket.close(unauthenticatedCloseCode, session.code);
        return;
      }
      deviceId = session.value.device.id;
      if (read.problem !== undefined) {
        statusCode = this.#refuse(socket, read.id, requestId, problemOf(read.problem));
        return;
      }
      if (!claimed) {
        statusCode = this.#refuse(socket, read.id, requestId, {
          code: 'RATE_LIMITED',
          message: 'A check-in of this connection is still running; wait for its answer.',
          details: { reason: 'checkInInProgress' },
          serverFault: false,
        });
        return;
      }
      const answer = await agentCheckIn(deps, session.value, read.checkIn, checkInIntervalSeconds, this.#options.offerNoisePush);
      if (!answer.ok) {
        statusCode = this.#refuse(socket, read.id, requestId, problemOf(failureError(answer)));
        return;
      }
      send(socket, { type: 'checkInResult', id: read.id, response: answer.value } satisfies PushCheckInResult);
    } catch (error) {
      const problem = problemOf(error);
      this.#options.log.error({ err: error, requestId, code: problem.code }, 'push message failed');
      statusCode = this.#refuse(socket, read.id, requestId, problem, false);
    } finally {
      if (claimed) peer.checkingIn = false;
      const elapsedMs = performance.now() - started;
      this.#options.observe?.({ method: 'WS', route: read.route, statusCode, durationSeconds: elapsedMs / 1000 });
      this.#options.log.info({ requestId, route: read.route, deviceId, statusCode, responseTime: elapsedMs }, 'push message answered');
    }
  }

  /** Answers `error`; returns the HTTP status the same refusal has on the HTTPS route. */
  #refuse(socket: PushMessageSocket, id: PushRequestId | null, requestId: string, problem: Problem, log = true): number {
    const status = errorStatus[problem.code];
    if (log) {
      if (problem.serverFault) this.#options.log.error({ requestId, code: problem.code }, 'push message failed');
      else this.#options.log.info({ requestId, code: problem.code, status }, 'push message refused');
    }
    const error: PushError['error'] = problem.details === undefined
      ? { code: problem.code, message: problem.message, requestId }
      : { code: problem.code, message: problem.message, details: { ...problem.details }, requestId };
    send(socket, { type: 'error', id, error } satisfies PushError);
    return status;
  }
}

function send(socket: PushMessageSocket, message: PushCheckInResult | PushError): void {
  // A socket that closed while its check-in ran is answered by nobody; the agent checks in again.
  if (socket.readyState === open) socket.send(JSON.stringify(message));
}
