import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { acceptNoisePush, NoiseError, noisePushLimits, noisePushPath, noisePushTicketHeader, protocolLimits, type NoiseSession } from '@ward/agent-protocol';
import { authenticateDevice, errorStatus, type Deps, type DeviceIdentityStore, type DeviceStore, type ErrorCode, type PresentedCertificate } from '@ward/core';
import type { FastifyBaseLogger } from 'fastify';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { AgentPushHub } from '../agent-push-hub.js';
import type { AgentPushMessages } from '../agent-push-messages.js';
import type { NoisePushTickets } from './noise-push-tickets.js';
import { noiseProtocolErrorCloseCode, NoisePushSocket } from './noise-push-socket.js';

/** What a {@link NoisePushGateway} needs. */
export interface NoisePushGatewayOptions {
  readonly tickets: NoisePushTickets;
  readonly deps: Deps<Pick<DeviceIdentityStore, 'getDeviceIdentity'> & Pick<DeviceStore, 'getDevice'>>;
  readonly hub: AgentPushHub;
  /** Check-ins over the channel; an instance that offers no Noise tickets (those go out over TLS only). */
  readonly messages: AgentPushMessages;
  readonly log: FastifyBaseLogger;
}

/** A connection between its upgrade and the end of its handshake. */
interface Handshaking {
  readonly certificate: PresentedCertificate;
  readonly deviceId: string;
  readonly psk: Buffer;
  readonly ticket: string;
  readonly ip: string;
  readonly userAgent: string | undefined;
  readonly timer: NodeJS.Timeout;
}

// The largest message either side sends on the channel, as on the TLS push socket.
const maxMessageBytes = protocolLimits.pushMessageBytes;

function refuse(socket: Duplex, status: number, code: ErrorCode | 'NOT_FOUND', message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  const reason = status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : status === 404 ? 'Not Found' : 'Bad Request';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/**
 * The server end of the Noise push channel (docs/protocols/agent-v1.md, "The Noise push channel"):
 * a WebSocket over plain TCP on a port of its own, secured by `Noise_NNpsk0_25519_ChaChaPoly_SHA256`
 * under the pre-shared key of the ticket the agent got over mTLS. An idle agent then costs the
 * server a TCP socket and `ws`'s state, where a TLS connection costs OpenSSL's and Node's buffers
 * several times over (docs/adr/0004-noise-push-channel.md).
 *
 * The upgrade is answered only for a ticket this server issued whose certificate still
 * authenticates (core's authenticateDevice, as for mTLS); the handshake proves that both ends hold
 * its key; every check-in on the channel authenticates the certificate again.
 */
export class NoisePushGateway {
  readonly #options: NoisePushGatewayOptions;
  readonly #wss: WebSocketServer;
  readonly #handshaking = new WeakMap<WebSocket, Handshaking>();
  readonly #sockets = new WeakMap<WebSocket, NoisePushSocket>();
  // Listeners shared by every connection (`this` is the ws socket), so a connection costs no closures.
  readonly #onFrame: (this: WebSocket, data: RawData, isBinary: boolean) => void;
  readonly #onPong: (this: WebSocket) => void;
  readonly #onClose: (this: WebSocket) => void;

  constructor(options: NoisePushGatewayOptions) {
    this.#options = options;
    // No client tracking (the hub is the registry), no compression state, frames no larger than
    // one Noise transport message.
    this.#wss = new WebSocketServer({ noServer: true, clientTracking: false, perMessageDeflate: false, maxPayload: noisePushLimits.maxTransportMessageBytes });
    const frame = (ws: WebSocket, data: RawData, isBinary: boolean): void => {
      this.#frame(ws, data, isBinary);
    };
    const sockets = this.#sockets;
    const handshaking = this.#handshaking;
    this.#onFrame = function onFrame(data, isBinary) {
      frame(this, data, isBinary);
    };
    this.#onPong = function onPong() {
      sockets.get(this)?.emit('pong');
    };
    this.#onClose = function onClose() {
      const pending = handshaking.get(this);
      if (pending !== undefined) clearTimeout(pending.timer);
      handshaking.delete(this);
      sockets.get(this)?.emit('close');
      sockets.delete(this);
    };
  }

  /** Serves the channel on `server` (a plain HTTP server of its own): upgrades, and a 404 for anything else. */
  attach(server: Server): void {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      void this.#upgrade(request, socket, head).catch((error: unknown) => {
        this.#options.log.error({ err: error }, 'noise push upgrade failed');
        if (!socket.destroyed) socket.destroy();
      });
    });
    server.on('request', (_request: IncomingMessage, response: ServerResponse) => {
      const body = JSON.stringify({ error: { code: 'NOT_FOUND', message: `This port carries only the agents' Noise push channel: a WebSocket upgrade at ${noisePushPath}.` } });
      response.writeHead(404, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close' }).end(body);
    });
  }

  async #upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    if (request.method !== 'GET' || request.url !== noisePushPath) {
      refuse(socket, 404, 'NOT_FOUND', `The Noise push channel is a WebSocket upgrade at ${noisePushPath}.`);
      return;
    }
    const header = request.headers[noisePushTicketHeader];
    const opened = typeof header === 'string' ? this.#options.tickets.open(header) : undefined;
    if (opened === undefined || typeof header !== 'string') {
      refuse(socket, 401, 'NOISE_TICKET_INVALID', 'The Ward-Push-Ticket header is missing or is not a ticket this server issued; ask for one in a check-in over HTTPS.');
      return;
    }
    const ip = request.socket.remoteAddress ?? '';
    const userAgent = request.headers['user-agent']?.slice(0, 256);
    const session = await authenticateDevice(this.#options.deps, opened.certificate, { via: 'agent', ip, requestId: randomUUID(), ...(userAgent === undefined ? {} : { userAgent }) });
    if (!session.ok) {
      refuse(socket, errorStatus[session.code], session.code, session.message);
      return;
    }
    if (socket.destroyed) return;
    const deviceId = session.value.device.id;
    this.#wss.handleUpgrade(request, socket, head, (ws) => {
      const timer = setTimeout(() => { ws.close(noiseProtocolErrorCloseCode, 'handshake timeout'); }, noisePushLimits.handshakeTimeoutMs);
      this.#handshaking.set(ws, { certificate: opened.certificate, deviceId, psk: opened.psk, ticket: header, ip, userAgent, timer });
      ws.on('message', this.#onFrame);
      ws.on('pong', this.#onPong);
      ws.once('close', this.#onClose);
      // A peer that vanishes mid-frame is not the server's fault; it reconnects on its own.
      ws.on('error', function onError(this: WebSocket) {
        this.terminate();
      });
    });
  }

  #frame(ws: WebSocket, data: RawData, isBinary: boolean): void {
    const frame = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    const established = this.#sockets.get(ws);
    if (established !== undefined) {
      established.receive(frame, isBinary);
      return;
    }
    const pending = this.#handshaking.get(ws);
    if (pending === undefined) return;
    this.#handshaking.delete(ws);
    let session: NoiseSession;
    let reply: Buffer;
    try {
      if (!isBinary) throw new NoiseError('NOISE_HANDSHAKE_FAILED', 'The first frame is text, not the handshake message.');
      ({ reply, session } = acceptNoisePush(pending.psk, pending.ticket, frame));
    } catch (error) {
      if (!(error instanceof NoiseError)) throw error;
      clearTimeout(pending.timer);
      this.#options.log.info({ deviceId: pending.deviceId, code: error.code }, 'noise push handshake refused');
      ws.close(noiseProtocolErrorCloseCode, error.code);
      return;
    }
    ws.send(reply, { binary: true });
    // The handshake's timer runs on until the agent's key confirmation: a peer that replayed an
    // agent's first message cannot send it, and is closed without ever displacing the agent's channel.
    const socket = new NoisePushSocket(ws, session, maxMessageBytes, (confirmed) => {
      clearTimeout(pending.timer);
      this.#options.messages.attach(confirmed, { certificate: pending.certificate, ip: pending.ip, userAgent: pending.userAgent });
      this.#options.hub.add(pending.deviceId, confirmed);
    });
    this.#sockets.set(ws, socket);
  }
}
