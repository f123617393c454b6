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

/** The TLS side of the test server as tests see it. */
interface TlsServer {
  readonly server: Server;
  readonly url: string;
  readonly pushSockets: Set<WebSocket>;
  /** Upgrades on the TLS push route (`/agent/v1/push`), in order. */
  readonly pushUpgrades: number[];
  /** How many check-ins `received` held when each TLS push upgrade arrived. */
  readonly checkInsBeforeUpgrade: number[];
}

/**
 * The TLS side of the server: HTTPS check-ins and the mTLS push socket, answering `noisePush:
 * 'wanted'` with `offer()` as the spec says.
 */
async function startTlsServer(t: TestIdentity, received: Received[], offer: () => NoisePushOffer | undefined, httpsStatus: () => number = () => 200): Promise<TlsServer> {
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
      const status = httpsStatus();
      if (status !== 200) {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'unavailable' } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply(request)));
    });
  });
  const wss = new WebSocketServer({ noServer: true });
  const pushSockets = new Set<WebSocket>();
  const pushUpgrades: number[] = [];
  const checkInsBeforeUpgrade: number[] = [];
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (req.url !== '/agent/v1/push') {
      socket.destroy();
      return;
    }
    pushUpgrades.push(Date.now());
    checkInsBeforeUpgrade.push(received.length);
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
  return { server, url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, pushSockets, pushUpgrades, checkInsBeforeUpgrade };
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

  const offerOf = (server: NoisePushServer, url = server.url): NoisePushOffer => ({ url, ticket: server.ticket, psk: server.pskText, expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() });
  const serial = (): string => new X509Certificate(t.identity.certificateChainPem).serialNumber;
  const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

  /** Records the check-ins the Noise server gets, and answers them. */
  function recordNoiseCheckIns(received: Received[]): void {
    noise.onCheckIn = (message) => {
      received.push({ request: message.request as CheckInRequest, via: 'noise' });
      return { type: 'checkInResult', id: message.id, response: answer };
    };
  }

  it('against a server offering Noise: asks over HTTPS, then uses the Noise channel alone, and never opens the TLS push connection', async () => {
    const received: Received[] = [];
    const tls = await startTlsServer(t, received, () => offerOf(noise));
    tlsServer = tls.server;
    recordNoiseCheckIns(received);
    await new IdentityStore(temp.paths).save({ ...t.identity, serverUrl: tls.url });

    runService(tls.url);
    await waitUntil('the Noise channel', () => noise.open.length === 1);
    expect(received[0]).toMatchObject({ via: 'https', request: { noisePush: 'wanted' } });
    const file = noisePushOfferFile(temp.paths.stateDir);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await new NoisePushOfferStore(file).load()).toEqual({ offer: expect.objectContaining({ ticket: noise.ticket }) as unknown, certificateSerial: serial() });

    // Woken over Noise, it checks in over Noise, without asking.
    noise.open[0]?.send(JSON.stringify({ type: 'wake' }));
    await waitUntil('the check-in over Noise', () => received.some((r) => r.via === 'noise'));
    expect(received.filter((r) => r.via === 'noise').every((r) => r.request.noisePush === undefined)).toBe(true);
    await pause(300);
    expect(tls.pushUpgrades).toHaveLength(0);
  });

  it('against a server without Noise: opens the TLS push connection after the first check-in, keeps asking over it, and moves to Noise once offered', async () => {
    const received: Received[] = [];
    let offering = false;
    const tls = await startTlsServer(t, received, () => (offering ? offerOf(noise) : undefined));
    tlsServer = tls.server;
    recordNoiseCheckIns(received);
    await new IdentityStore(temp.paths).save({ ...t.identity, serverUrl: tls.url });

    runService(tls.url);
    await waitUntil('the TLS push connection', () => tls.pushSockets.size === 1);
    expect(tls.checkInsBeforeUpgrade).toEqual([1]);
    expect(received[0]).toMatchObject({ via: 'https', request: { noisePush: 'wanted' } });
    for (const socket of tls.pushSockets) socket.send(JSON.stringify({ type: 'wake' }));
    await waitUntil('the check-in over the TLS push connection', () => received.some((r) => r.via === 'push'));
    expect(received.every((r) => r.request.noisePush === 'wanted')).toBe(true);

    // Now it offers: the Noise channel replaces the TLS one.
    offering = true;
    const asked = received.length;
    for (const socket of tls.pushSockets) socket.send(JSON.stringify({ type: 'wake' }));
    await waitUntil('the Noise channel', () => noise.open.length === 1);
    await waitUntil('the TLS push connection closed', () => tls.pushSockets.size === 0);
    expect(received[asked]).toMatchObject({ via: 'push', request: { noisePush: 'wanted' } });
    expect(tls.pushUpgrades).toHaveLength(1);
  });

  it('opens the TLS push connection when the check-in that asked failed, and asks over it', async () => {
    const received: Received[] = [];
    const tls = await startTlsServer(t, received, () => undefined, () => 503);
    tlsServer = tls.server;
    await new IdentityStore(temp.paths).save({ ...t.identity, serverUrl: tls.url });

    runService(tls.url);
    await waitUntil('the TLS push connection', () => tls.pushSockets.size === 1);
    expect(tls.checkInsBeforeUpgrade).toEqual([1]);
    expect(received[0]).toMatchObject({ via: 'https', request: { noisePush: 'wanted' } });
    for (const socket of tls.pushSockets) socket.send(JSON.stringify({ type: 'wake' }));
    await waitUntil('the check-in over the TLS push connection', () => received.some((r) => r.via === 'push'));
    // Retries over HTTPS (the backoff) may come first; every check-in asks.
    expect(received.every((r) => r.request.noisePush === 'wanted')).toBe(true);
    expect(tls.pushUpgrades).toHaveLength(1);
  });

  it('when the Noise server refuses the stored offer: asks over HTTPS within seconds and goes back to Noise with the new offer, without TLS', async () => {
    const received: Received[] = [];
    const tls = await startTlsServer(t, received, () => offerOf(noise));
    tlsServer = tls.server;
    await new IdentityStore(temp.paths).save({ ...t.identity, serverUrl: tls.url });
    const store = new NoisePushOfferStore(noisePushOfferFile(temp.paths.stateDir));
    await store.save({ offer: offerOf(noise), certificateSerial: serial() });
    noise.refuseWith = 401;

    runService(tls.url);
    await waitUntil('the refused upgrade', () => noise.upgrades.length === 1);
    const refusedAt = Date.now();
    noise.refuseWith = undefined;
    await waitUntil('the Noise channel', () => noise.open.length === 1, 10_000);
    const asking = received.filter((r) => r.request.noisePush === 'wanted');
    expect(asking).toHaveLength(1);
    expect(asking[0]?.via).toBe('https');
    // Not the hour-long poll interval: within the few seconds asked for.
    expect(Date.now() - refusedAt).toBeLessThan(8_000);
    expect(tls.pushUpgrades).toHaveLength(0);
  });

  it('when the Noise server refuses the stored offer and the server offers no other: opens the TLS push connection after the asking check-in', async () => {
    const received: Received[] = [];
    const tls = await startTlsServer(t, received, () => undefined);
    tlsServer = tls.server;
    await new IdentityStore(temp.paths).save({ ...t.identity, serverUrl: tls.url });
    const store = new NoisePushOfferStore(noisePushOfferFile(temp.paths.stateDir));
    await store.save({ offer: offerOf(noise), certificateSerial: serial() });
    noise.refuseWith = 401;

    runService(tls.url);
    await waitUntil('the refused upgrade', () => noise.upgrades.length === 1);
    await waitUntil('the TLS push connection', () => tls.pushSockets.size === 1, 10_000);
    expect(await store.load()).toBeUndefined();
    // The upgrade followed the check-in that asked and got no offer.
    const asked = received.findIndex((r) => r.request.noisePush === 'wanted');
    expect(received[asked]?.via).toBe('https');
    expect(tls.checkInsBeforeUpgrade[0]).toBe(asked + 1);
    const before = received.length;
    for (const socket of tls.pushSockets) socket.send(JSON.stringify({ type: 'wake' }));
    await waitUntil('the check-in over the TLS push connection', () => received.length > before);
    expect(received[before]).toMatchObject({ via: 'push', request: { noisePush: 'wanted' } });
    expect(noise.upgrades).toHaveLength(1);
  });

  it('when the stored offer proves unreachable: asks over HTTPS and uses the offer the server gives, without TLS', async () => {
    const received: Received[] = [];
    const tls = await startTlsServer(t, received, () => offerOf(noise));
    tlsServer = tls.server;
    await new IdentityStore(temp.paths).save({ ...t.identity, serverUrl: tls.url });
    // A port nothing listens on: where the server's channel was before it restarted elsewhere.
    const closed = await NoisePushServer.start();
    const gone = closed.url;
    await closed.close();
    const store = new NoisePushOfferStore(noisePushOfferFile(temp.paths.stateDir));
    await store.save({ offer: offerOf(noise, gone), certificateSerial: serial() });

    runService(tls.url);
    await waitUntil('the Noise channel', () => noise.open.length === 1, 15_000);
    const asking = received.filter((r) => r.request.noisePush === 'wanted');
    expect(asking.map((r) => r.via)).toEqual(['https']);
    expect(tls.pushUpgrades).toHaveLength(0);
    expect((await store.load())?.offer.url).toBe(noise.url);
  });
});
