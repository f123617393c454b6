import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { NnPsk0Handshake, NoisePushAssembler, noisePushLimits, noisePushPath, noisePushPrologue, noisePushTicketHeader, sealNoisePushMessage, type NoisePushOffer, type NoiseSession } from '@ward/agent-protocol';
import { WebSocketServer, type WebSocket } from 'ws';

/** One agent connected to the test responder. */
export interface ResponderConnection {
  readonly socket: WebSocket;
  readonly ticket: string;
  /** Set once the handshake completed. */
  session: NoiseSession | undefined;
  /** Whole messages received, in order. */
  readonly received: string[];
  /** Sends one message in Noise frames; returns how many frames it took. */
  send(text: string): number;
}

/** A refusal of the upgrade: status and raw body. */
export interface Refusal {
  readonly status: number;
  readonly body: string;
}

/**
 * The server's end of the Noise push channel for tests, written from the spec with the shared
 * library: refuses unknown tickets with 401 before upgrading, checks frame 1's size, answers as
 * responder, then reassembles the agent's messages. Hooks let a test turn it hostile.
 */
export class NoiseResponder {
  readonly url: string;
  readonly connections: ResponderConnection[] = [];
  /** Set: every upgrade is refused so. */
  refusal: Refusal | undefined;
  /** Called with every whole message an agent sends. */
  onMessage: (connection: ResponderConnection, text: string) => void = () => undefined;
  /** Replaces the proper handshake answer, for hostile tests (a string goes as a text frame). */
  handshakeAnswer: ((proper: Buffer) => Buffer | string) | undefined;
  /** Frame 1 sizes received, to check the agent sends exactly 48 bytes. */
  readonly firstFrameSizes: number[] = [];
  readonly #server: Server;
  readonly #wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: noisePushLimits.maxTransportMessageBytes });
  readonly #keys = new Map<string, Buffer>();

  private constructor(server: Server) {
    this.#server = server;
    const { port } = server.address() as AddressInfo;
    this.url = `ws://127.0.0.1:${port}${noisePushPath}`;
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      this.#upgrade(request, socket, head);
    });
  }

  static async start(): Promise<NoiseResponder> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new NoiseResponder(server);
  }

  /** A fresh ticket and key, as the server would offer over mTLS. */
  offer(expiresAt = new Date(Date.now() + 30 * 86_400_000)): NoisePushOffer {
    const ticket = randomBytes(24).toString('base64url');
    const psk = randomBytes(32);
    this.#keys.set(ticket, psk);
    return { url: this.url, ticket, psk: psk.toString('base64url'), expiresAt: expiresAt.toISOString() };
  }

  /** Forgets every ticket offered so far: their upgrades are refused 401 NOISE_TICKET_INVALID, as after a server restart. */
  forgetTickets(): void {
    this.#keys.clear();
  }

  /** Connections whose handshake completed and whose socket is still open. */
  get open(): ResponderConnection[] {
    return this.connections.filter((connection) => connection.session !== undefined && connection.socket.readyState === connection.socket.OPEN);
  }

  async close(): Promise<void> {
    for (const client of this.#wss.clients) client.terminate();
    this.#wss.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => { resolve(); }));
  }

  #upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const ticket = request.headers[noisePushTicketHeader];
    const psk = typeof ticket === 'string' ? this.#keys.get(ticket) : undefined;
    const refusal = this.refusal ?? (psk === undefined ? { status: 401, body: JSON.stringify({ error: { code: 'NOISE_TICKET_INVALID', message: 'unknown ticket' } }) } : undefined);
    if (refusal !== undefined || psk === undefined || typeof ticket !== 'string' || request.url !== noisePushPath) {
      // The agent drops the connection once it has read enough of the refusal.
      socket.on('error', () => undefined);
      const body = refusal?.body ?? '';
      socket.end(`HTTP/1.1 ${refusal?.status ?? 404} Refused\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
      return;
    }
    this.#wss.handleUpgrade(request, socket, head, (ws) => {
      this.#accept(ws, ticket, psk);
    });
  }

  #accept(socket: WebSocket, ticket: string, psk: Buffer): void {
    const assembler = new NoisePushAssembler(4 * 1024 * 1024);
    const connection: ResponderConnection = {
      socket,
      ticket,
      session: undefined,
      received: [],
      send(text) {
        const session = connection.session;
        if (session === undefined) throw new Error('no session yet');
        const frames = sealNoisePushMessage(session, text);
        for (const frame of frames) socket.send(frame, { binary: true });
        return frames.length;
      },
    };
    this.connections.push(connection);
    socket.on('message', (data, isBinary) => {
      const frame = data as Buffer;
      if (!isBinary) {
        socket.close(1008);
        return;
      }
      try {
        const session = connection.session;
        if (session === undefined) {
          this.firstFrameSizes.push(frame.length);
          if (frame.length !== noisePushLimits.handshakeMessageBytes) throw new Error('frame 1 is 48 bytes');
          const handshake = NnPsk0Handshake.responder({ psk, prologue: noisePushPrologue(ticket) });
          handshake.readMessage(frame);
          const answer = handshake.writeMessage();
          connection.session = handshake.split();
          const sent = this.handshakeAnswer?.(answer) ?? answer;
          socket.send(sent, { binary: typeof sent !== 'string' });
          return;
        }
        const text = assembler.accept(session, frame);
        // The empty message is the agent's key confirmation, as the server takes it.
        if (text === undefined || text === '') return;
        connection.received.push(text);
        this.onMessage(connection, text);
      } catch {
        socket.close(1008);
      }
    });
  }
}
