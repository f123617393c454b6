import { X509Certificate } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { CheckInRequest, NoisePushOffer } from '@ward/agent-protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { defaultAgentConfig } from '../config/agent-config.js';
import { IdentityStore } from '../identity/identity-store.js';
import { noisePushOfferFile, NoisePushOfferStore } from '../identity/noise-push-offer-store.js';
import { memoryLogger } from '../test-support/memory-logger.js';
import { NoisePushServer, waitUntil } from '../test-support/noise-push-server.js';
import { createTempRoot, type TempRoot } from '../test-support/temp-root.js';
import { createTestIdentity, type TestIdentity } from '../test-support/test-identity.js';
import { AgentService } from './agent-service.js';

/** A check-in the servers received, and over which transport. */
interface Received {
  readonly request: CheckInRequest;
  readonly via: 'https' | 'push' | 'noise';
}

const answer = { commands: [], checkInIntervalSeconds: 3600, renewCertificate: false, acknowledgedResults: [] };

/**
 * The TLS side of the server: HTTPS check-ins and the mTLS push socket, answering `noisePush:
 * 'wanted'` with `offer()` as the spec says.
 */
async function startTlsServer(t: TestIdentity, received: Received[], offer: () => NoisePushOffer | undefined): Promise<{ server: Server; url: string; pushSockets: Set<WebSocket> }> {
  const tls = await t.ca.issueServerCertificate({ hostnames: ['localhost'], ipAddresses: ['127.0.0.1'], validityDays: 30, now: new Date() });
  const server = createServer({ key: tls.privateKeyPem, cert: tls.certificatePem + tls.chainPem, ca: t.identity.rootCertificatePem, requestCert: true, rejectUnauthorized: true });
  const reply = (request: CheckInRequest): unknown => {
    const offered = request.noisePush === 'wanted' ? offer() : undefined;
    return { ...answer, ...(offered === undefined ? {} : { noisePush: offered }) };
  };
  server.on('request', (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as CheckInRequest;
      received.push({ request, via: 'https' });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply(request)));
    });
  });
  const wss = new WebSocketServer({ noServer: true });
  const pushSockets = new Set<WebSocket>();
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      pushSockets.add(ws);
      ws.on('close', () => pushSockets.delete(ws));
      ws.on('message', (data: Buffer) => {
        const message = JSON.parse(data.toString('utf8')) as { id: number; request: CheckInRequest };
        received.push({ request: message.request, via: 'push' });
        ws.send(JSON.stringify({ type: 'checkInResult', id: message.id, response: reply(message.request) }));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, pushSockets };
}

describe('AgentService with the Noise push channel', () => {
  let temp: TempRoot;
  let t: TestIdentity;
  let noise: NoisePushServer;
  let tlsServer: Server | undefined;
  const services: AgentService[] = [];
  beforeEach(async () => {
    temp = await createTempRoot();
    t = await createTestIdentity();
    noise = await NoisePushServer.start();
  });
  afterEach(async () => {
    for (const service of services.splice(0)) await service.stop();
    await noise.close();
    tlsServer?.closeAllConnections();
    await new Promise((resolve) => tlsServer?.close(resolve));
    await temp.remove();
  });

  function runService(serverUrl: string): AgentService {
    const service = new AgentService({
      paths: temp.paths,
      config: defaultAgentConfig('linux'),
      platform: 'linux',
      identity: { ...t.identity, serverUrl },
      collectInventory: () => Promise.resolve({ facts: { osVersion: '1' }, inventory: {}, software: [], unavailable: [] }),
      configuration: { apply: () => Promise.resolve(), pendingReports: () => [], allReports: () => [], acknowledge: () => Promise.resolve() },
      log: memoryLogger(),
      random: () => 0,
    });
    services.push(service);
    void service.run();
    return service;
  }

  it('asks over TLS until it holds an offer, then uses the Noise channel alone and never asks over it', async () => {
    const received: Received[] = [];
    const offer = (): NoisePushOffer => ({ url: noise.url, ticket: noise.ticket, psk: noise.pskText, expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() });
    let offering = false;
    const tls = await startTlsServer(t, received, () => (offering ? offer() : undefined));
    tlsServer = tls.server;
    noise.onCheckIn = (message) => {
      received.push({ request: message.request as CheckInRequest, via: 'noise' });
      return { type: 'checkInResult', id: message.id, response: answer };
    };
    await new IdentityStore(temp.paths).save({ ...t.identity, serverUrl: tls.url });

    // A server without a Noise channel: every TLS check-in asks, and the TLS push connection stays.
    runService(tls.url);
    await waitUntil('the TLS push connection', () => tls.pushSockets.size === 1);
    await waitUntil('the first check-in', () => received.length >= 1);
    for (const socket of tls.pushSockets) socket.send(JSON.stringify({ type: 'wake' }));
    await waitUntil('the check-in over the TLS push connection', () => received.some((r) => r.via === 'push'));
    expect(received.every((r) => r.request.noisePush === 'wanted')).toBe(true);

    // Now it offers: the offer is stored under the certificate, and the Noise channel replaces the TLS one.
    offering = true;
    const asked = received.length;
    for (const socket of tls.pushSockets) socket.send(JSON.stringify({ type: 'wake' }));
    await waitUntil('the Noise channel', () => noise.open.length === 1);
    await waitUntil('the TLS push connection closed', () => tls.pushSockets.size === 0);
    expect(received[asked]?.request.noisePush).toBe('wanted');
    const file = noisePushOfferFile(temp.paths.stateDir);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await new NoisePushOfferStore(file).load()).toEqual({ offer: expect.objectContaining({ ticket: noise.ticket }) as unknown, certificateSerial: new X509Certificate(t.identity.certificateChainPem).serialNumber });

    // Woken over Noise, it checks in over Noise, without asking.
    noise.open[0]?.send(JSON.stringify({ type: 'wake' }));
    await waitUntil('the check-in over Noise', () => received.some((r) => r.via === 'noise'));
    const overNoise = received.filter((r) => r.via === 'noise');
    expect(overNoise.every((r) => r.request.noisePush === undefined)).toBe(true);
    expect(tls.pushSockets.size).toBe(0);
  });

  it('drops an offer the Noise server refuses, uses the TLS push connection and asks again there', async () => {
    const received: Received[] = [];
    const tls = await startTlsServer(t, received, () => undefined);
    tlsServer = tls.server;
    await new IdentityStore(temp.paths).save({ ...t.identity, serverUrl: tls.url });
    const store = new NoisePushOfferStore(noisePushOfferFile(temp.paths.stateDir));
    await store.save({
      offer: { url: noise.url, ticket: noise.ticket, psk: noise.pskText, expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() },
      certificateSerial: new X509Certificate(t.identity.certificateChainPem).serialNumber,
    });
    noise.refuseWith = 401;

    runService(tls.url);
    await waitUntil('the refused upgrade', () => noise.upgrades.length === 1);
    await waitUntil('the TLS push connection', () => tls.pushSockets.size === 1);
    expect(await store.load()).toBeUndefined();
    const before = received.length;
    for (const socket of tls.pushSockets) socket.send(JSON.stringify({ type: 'wake' }));
    await waitUntil('the check-in over the TLS push connection', () => received.length > before);
    expect(received[before]).toMatchObject({ via: 'push', request: { noisePush: 'wanted' } });
    expect(noise.upgrades).toHaveLength(1);
  });
});
