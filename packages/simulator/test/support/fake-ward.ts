import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { agentApiPrefix, commandSigningInput, type AgentCommand } from '@ward/agent-protocol';
import { WebSocketServer, type WebSocket } from 'ws';
import { OpensslPki } from '../../src/apple/test-support/openssl-pki.js';
import type { VirtualIdentity } from '../../src/index.js';
import { NoiseResponder, type ResponderConnection } from './noise-responder.js';

/** How a check-in reached the fake server. */
export type CheckInTransport = 'https' | 'tls-push' | 'noise';

/** A check-in the fake server answered. */
export interface RecordedCheckIn {
  readonly transport: CheckInTransport;
  readonly request: { readonly noisePush?: unknown; readonly results: readonly { readonly commandId: string; readonly status: string }[] };
  /** Noise frames its answer took (0 on the other transports). */
  readonly answerFrames: number;
}

/**
 * A stand-in for Ward's agent endpoints, enough for one virtual agent: mTLS check-ins over HTTPS
 * (client certificate required), the TLS push socket, and the Noise push channel through a
 * {@link NoiseResponder}. It offers the Noise channel to a check-in that asks over a TLS transport,
 * acknowledges every result, and hands out the commands queued in `commands`.
 */
export class FakeWard {
  readonly pki: OpensslPki;
  readonly caPem: string;
  readonly url: string;
  readonly noise: NoiseResponder;
  readonly checkIns: RecordedCheckIn[] = [];
  readonly tlsPushSockets = new Set<WebSocket>();
  /** TLS push sockets accepted since the start, closed ones included. */
  tlsPushConnections = 0;
  /** Whether check-ins that ask get a Noise offer. */
  offerNoise = true;
  /** Commands the next answer carries. */
  commands: AgentCommand[] = [];
  readonly #server: Server;
  readonly #pushServer = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  readonly #deviceKeyPem: string;
  readonly #deviceCertificatePem: string;
  readonly #signing: { readonly privateKey: KeyObject; readonly publicKeyPem: string };

  private constructor(pki: OpensslPki, server: Server, noise: NoiseResponder, device: { keyPem: string; certificatePem: string }) {
    this.pki = pki;
    this.caPem = readFileSync(pki.root.certificatePath, 'utf8');
    this.#server = server;
    this.noise = noise;
    this.#deviceKeyPem = device.keyPem;
    this.#deviceCertificatePem = device.certificatePem;
    const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    this.#signing = { privateKey: pair.privateKey, publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString() };
    const { port } = server.address() as AddressInfo;
    this.url = `https://127.0.0.1:${port}`;
    server.on('request', (request, response) => {
      if (request.method !== 'POST' || request.url !== `${agentApiPrefix}/check-in`) {
        response.writeHead(404).end();
        return;
      }
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const answer = this.#answer('https', JSON.parse(Buffer.concat(chunks).toString('utf8')) as RecordedCheckIn['request']);
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      });
    });
    server.on('upgrade', (request, socket, head) => {
      if (request.url !== `${agentApiPrefix}/push`) {
        socket.destroy();
        return;
      }
      this.#pushServer.handleUpgrade(request, socket, head, (ws) => {
        this.tlsPushConnections++;
        this.tlsPushSockets.add(ws);
        ws.on('close', () => this.tlsPushSockets.delete(ws));
        ws.on('message', (data) => {
          const message = JSON.parse((data as Buffer).toString('utf8')) as { type: string; id: number; request: RecordedCheckIn['request'] };
          if (message.type !== 'checkIn') return;
          ws.send(JSON.stringify({ type: 'checkInResult', id: message.id, response: this.#answer('tls-push', message.request) }));
        });
      });
    });
    noise.onMessage = (connection, text) => {
      const message = JSON.parse(text) as { type: string; id: number; request: RecordedCheckIn['request'] };
      if (message.type !== 'checkIn') return;
      this.#answer('noise', message.request, connection, message.id);
    };
  }

  static async start(): Promise<FakeWard> {
    const pki = new OpensslPki();
    const leaf = 'basicConstraints=critical,CA:false\nkeyUsage=critical,digitalSignature,keyEncipherment';
    const server = pki.make('server', '/CN=127.0.0.1', pki.root, `${leaf}\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1`);
    const device = pki.make('device', '/CN=virtual-device', pki.root, `${leaf}\nextendedKeyUsage=clientAuth`);
    const https = createServer({
      key: readFileSync(server.keyPath),
      cert: readFileSync(server.certificatePath),
      ca: readFileSync(pki.root.certificatePath),
      requestCert: true,
      rejectUnauthorized: true,
    });
    await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
    const noise = await NoiseResponder.start();
    return new FakeWard(pki, https, noise, { keyPem: readFileSync(device.keyPath, 'utf8'), certificatePem: readFileSync(device.certificatePath, 'utf8') });
  }

  /** The device's identity, as enrollment would have left it. */
  identity(): VirtualIdentity {
    return {
      index: 0,
      hardwareId: 'sim-noise-0',
      deviceId: 'device-0',
      privateKeyPem: this.#deviceKeyPem,
      certificateChainPem: this.#deviceCertificatePem,
      commandSigningKeyPem: this.#signing.publicKeyPem,
      checkInIntervalSeconds: 3600,
      reported: true,
    };
  }

  /** A runScript command for `device-0` signed with the pinned key. */
  signedScript(id: string, script: string): AgentCommand {
    const payload = { interpreter: 'sh', script, timeoutSeconds: 10 };
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const signature = sign('sha256', commandSigningInput({ id, deviceId: 'device-0', type: 'runScript', payload, expiresAt }), this.#signing.privateKey).toString('base64');
    return { id, type: 'runScript', payload, expiresAt, signature };
  }

  /** Sends a wake-up on every open TLS push socket. */
  wakeOverTls(): void {
    for (const socket of this.tlsPushSockets) socket.send('{"type":"wake"}');
  }

  /** Sends a wake-up on every open Noise channel. */
  wakeOverNoise(): void {
    for (const connection of this.noise.open) connection.send('{"type":"wake"}');
  }

  async close(): Promise<void> {
    for (const socket of this.#pushServer.clients) socket.terminate();
    this.#pushServer.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => { resolve(); }));
    await this.noise.close();
    this.pki.remove();
  }

  #answer(transport: CheckInTransport, request: RecordedCheckIn['request'], connection?: ResponderConnection, id?: number): unknown {
    const offer = this.offerNoise && transport !== 'noise' && request.noisePush === 'wanted' ? { noisePush: this.noise.offer() } : {};
    const response = {
      commands: this.commands.splice(0),
      checkInIntervalSeconds: 3600,
      renewCertificate: false,
      acknowledgedResults: request.results.map((result) => result.commandId),
      ...offer,
    };
    const answerFrames = connection?.send(JSON.stringify({ type: 'checkInResult', id, response })) ?? 0;
    this.checkIns.push({ transport, request, answerFrames });
    return response;
  }
}
