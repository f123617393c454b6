import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { NnPsk0Handshake, NoisePushAssembler, noisePushPath, noisePushPrologue, noisePushTicketHeader, protocolLimits, sealNoisePushMessage, type NoiseSession } from '@ward/agent-protocol';
import { WebSocketServer, type WebSocket } from 'ws';

/** One agent connection the server accepted. */
export interface NoisePeer {
  readonly ws: WebSocket;
  /** Set once the handshake completed. */
  session: NoiseSession | undefined;
  /** Whole messages the agent sent, in order. */
  readonly messages: string[];
  /** The close code the connection ended with, once it did. */
  closeCode: number | undefined;
  /** Sends one message, fragmented and encrypted as the spec says. */
  send(text: string): void;
}

/** How the server answers a `checkIn` message; the default answers `{ type: 'checkInResult', id, response: {} }`. */
export type CheckInHandler = (message: { id: unknown; request: unknown }, peer: NoisePeer) => unknown;

/**
 * TEST DOUBLE of the server's Noise push endpoint (spec: "The Noise push channel"), built on the
 * Noise library: checks the ticket header at the upgrade, answers handshake message 1 as responder,
 * then reassembles and seals messages. Knobs let tests refuse, close or misbehave.
 */
export class NoisePushServer {
  readonly ticket: string;
  psk: Buffer;
  /** Answer upgrades with this status instead of accepting them. */
  refuseWith: number | undefined;
  /** Close each connection right after the handshake. */
  closeAfterHandshake = false;
  /** Never answer handshake message 1. */
  silentHandshake = false;
  onCheckIn: CheckInHandler = (message) => ({ type: 'checkInResult', id: message.id, response: {} });
  /** When each upgrade request arrived (ms since the epoch), refused ones included. */
  readonly upgrades: number[] = [];
  /** Connections that completed the upgrade, in order. */
  readonly peers: NoisePeer[] = [];
  readonly #server: Server;
  readonly #wss = new WebSocketServer({ noServer: true, maxPayload: 65535 });
  #url = '';

  private constructor(server: Server, ticket: string, psk: Buffer) {
    this.#server = server;
    this.ticket = ticket;
    this.psk = psk;
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      this.#upgrade(req, socket, head);
    });
  }

  /** Listens on a free loopback port; with `tls`, as `wss://`. */
  static async start(options: { ticket?: string; psk?: Buffer; tls?: { key: string; cert: string } } = {}): Promise<NoisePushServer> {
    const server = options.tls === undefined ? createHttpServer() : createHttpsServer({ key: options.tls.key, cert: options.tls.cert });
    const noise = new NoisePushServer(server, options.ticket ?? randomBytes(24).toString('base64url'), options.psk ?? randomBytes(32));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    noise.#url = `${options.tls === undefined ? 'ws' : 'wss'}://127.0.0.1:${(server.address() as AddressInfo).port}${noisePushPath}`;
    return noise;
  }

  get url(): string {
    return this.#url;
  }

  /** The psk as an offer carries it. */
  get pskText(): string {
    return this.psk.toString('base64url');
  }

  /** The connections whose handshake completed and that are still open. */
  get open(): NoisePeer[] {
    return this.peers.filter((p) => p.session !== undefined && p.closeCode === undefined);
  }

  async close(): Promise<void> {
    for (const client of this.#wss.clients) client.terminate();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => { resolve(); }));
  }

  #upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.upgrades.push(Date.now());
    const header = req.headers[noisePushTicketHeader];
    const ticket = typeof header === 'string' ? header : undefined;
    const status = this.refuseWith ?? (req.url === noisePushPath && ticket === this.ticket ? undefined : 401);
    if (status !== undefined) {
      const body = JSON.stringify({ error: { code: 'NOISE_TICKET_INVALID', message: 'unknown ticket' } });
      socket.end(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
      return;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      this.#serve(ws, ticket ?? '');
    });
  }

  #serve(ws: WebSocket, ticket: string): void {
    const handshake = NnPsk0Handshake.responder({ psk: this.psk, prologue: noisePushPrologue(ticket) });
    const assembler = new NoisePushAssembler(protocolLimits.pushMessageBytes);
    const peer: NoisePeer = {
      ws,
      session: undefined,
      messages: [],
      closeCode: undefined,
      send: (text) => {
        if (peer.session === undefined) throw new Error('no session yet');
        for (const frame of sealNoisePushMessage(peer.session, text)) ws.send(frame, { binary: true });
      },
    };
    this.peers.push(peer);
    ws.on('close', (code) => {
      peer.closeCode = code;
    });
    ws.on('message', (data: Buffer, isBinary) => {
      if (!isBinary) {
        ws.close(1008);
        return;
      }
      try {
        if (peer.session === undefined) {
          if (this.silentHandshake) return;
          handshake.readMessage(data);
          ws.send(handshake.writeMessage(), { binary: true });
          peer.session = handshake.split();
          if (this.closeAfterHandshake) ws.close(1000);
          return;
        }
        const text = assembler.accept(peer.session, data);
        // The empty message is the agent's key confirmation, as the server takes it.
        if (text === undefined || text === '') return;
        peer.messages.push(text);
        const message = JSON.parse(text) as { type?: unknown; id?: unknown; request?: unknown };
        if (message.type === 'checkIn') peer.send(JSON.stringify(this.onCheckIn({ id: message.id, request: message.request }, peer)));
      } catch {
        ws.close(1008);
      }
    });
  }
}

/** Polls `check` until it holds, or fails after `timeoutMs`. */
export async function waitUntil(what: string, check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
