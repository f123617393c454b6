import { randomBytes } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../test-support/memory-logger.js';
import { NoisePushServer, waitUntil, type NoisePeer } from '../test-support/noise-push-server.js';
import { createTestIdentity, type TestIdentity } from '../test-support/test-identity.js';
import { AgentRequestError } from './agent-request-error.js';
import { NoisePushConnection, type NoisePushConnectionOptions } from './noise-push-connection.js';

const Answer = Type.Object({ blob: Type.String() });

describe('NoisePushConnection', () => {
  let server: NoisePushServer | undefined;
  let connection: NoisePushConnection | undefined;
  let t: TestIdentity;
  beforeAll(async () => {
    t = await createTestIdentity();
  });
  afterEach(async () => {
    connection?.stop();
    connection = undefined;
    await server?.close();
    server = undefined;
  });

  /** A connection to `s` with its events recorded; `overrides` replace the defaults. */
  function connect(s: NoisePushServer, overrides: Partial<NoisePushConnectionOptions> = {}) {
    const events = { wakes: [] as (string | undefined)[], refused: [] as number[], unreachable: 0 };
    const log = memoryLogger();
    connection = new NoisePushConnection({
      offer: { url: s.url, ticket: s.ticket, psk: s.pskText },
      trust: { ca: t.identity.rootCertificatePem },
      onWake: (reason) => events.wakes.push(reason),
      onRefused: (status) => events.refused.push(status),
      onUnreachable: () => {
        events.unreachable++;
      },
      log,
      random: () => 0,
      ...overrides,
    });
    connection.start();
    return { events, log, connection };
  }

  async function openPeer(s: NoisePushServer): Promise<NoisePeer> {
    await waitUntil('the handshake', () => s.open.length > 0 && connection?.isOpen === true);
    const peer = s.open[0];
    if (peer === undefined) throw new Error('no peer');
    return peer;
  }

  it('completes the NNpsk0 handshake with the ticket header and passes wake-ups on', async () => {
    server = await NoisePushServer.start();
    const { events, log } = connect(server);
    const peer = await openPeer(server);
    peer.send(JSON.stringify({ type: 'wake', reason: 'command queued' }));
    await waitUntil('the wake-up', () => events.wakes.length === 1);
    expect(events.wakes).toEqual(['command queued']);
    // Every frame the agent sent was binary (the server closes 1008 on text) and the link is up.
    expect(peer.closeCode).toBeUndefined();
    // Neither secret is ever logged.
    const logged = log.lines.join('\n');
    expect(logged).not.toContain(server.ticket);
    expect(logged).not.toContain(server.pskText);
  });

  it('checks in over the channel, fragments both ways, and matches the answer to its request', async () => {
    server = await NoisePushServer.start();
    const blob = randomBytes(150_000).toString('base64');
    server.onCheckIn = (message) => ({ type: 'checkInResult', id: message.id, response: { blob: `${JSON.stringify(message.request).length}:${blob}` } });
    connect(server);
    const peer = await openPeer(server);
    // A request larger than one fragment too.
    const request = { protocolVersion: 1, agentVersion: '1', results: [], padding: 'p'.repeat(100_000) };
    const answer = await connection?.checkIn(request, Answer);
    expect(answer?.blob).toBe(`${JSON.stringify(request).length}:${blob}`);
    expect(JSON.parse(peer.messages[0] ?? '')).toEqual({ type: 'checkIn', id: 1, request });

    // A refusal comes back as over HTTPS; an answer that does not match the schema is a protocol error.
    server.onCheckIn = (message) => ({ type: 'error', id: message.id, error: { code: 'VALIDATION_FAILED', message: 'no' } });
    await expect(connection?.checkIn(request, Answer)).rejects.toMatchObject({ failure: 'http', code: 'VALIDATION_FAILED' });
    server.onCheckIn = (message) => ({ type: 'checkInResult', id: message.id, response: { blob: 7 } });
    await expect(connection?.checkIn(request, Answer)).rejects.toBeInstanceOf(AgentRequestError);
    // An answer to another id is ignored; the check-in ends when the link goes.
    server.onCheckIn = () => ({ type: 'checkInResult', id: 999, response: { blob: 'x' } });
    const stale = connection?.checkIn(request, Answer);
    await waitUntil('the check-in', () => peer.messages.length === 4);
    peer.ws.terminate();
    expect(await stale).toBeUndefined();
  });

  it('does not check in before the handshake completed', async () => {
    server = await NoisePushServer.start();
    server.silentHandshake = true;
    connect(server);
    await waitUntil('the upgrade', () => server?.peers.length === 1);
    expect(connection?.isOpen).toBe(false);
    expect(await connection?.checkIn({}, Answer)).toBeUndefined();
  });

  it('reconnects with backoff after a wrong psk, and gives up after 3 attempts in a row without a handshake', async () => {
    server = await NoisePushServer.start();
    const { events } = connect(server, { offer: { url: server.url, ticket: server.ticket, psk: randomBytes(32).toString('base64url') }, random: () => 0.1 });
    await waitUntil('the unreachable report', () => events.unreachable === 1);
    // 100 ms then 200 ms: 10% of the 1 s and 2 s caps.
    const [a = 0, b = 0, c = 0] = server.upgrades;
    expect(server.upgrades).toHaveLength(3);
    expect(b - a).toBeGreaterThanOrEqual(95);
    expect(c - b).toBeGreaterThanOrEqual(195);
    // The server refused each handshake; the connection stopped trying.
    expect(server.peers.every((p) => p.session === undefined)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.upgrades).toHaveLength(3);
    expect(events.refused).toEqual([]);
  });

  it('reconnects when the server closes after the handshake, without counting it as a failure', async () => {
    server = await NoisePushServer.start();
    server.closeAfterHandshake = true;
    const { events } = connect(server, { random: () => 0.01 });
    await waitUntil('five connections', () => (server?.peers.filter((p) => p.session !== undefined).length ?? 0) >= 5);
    expect(events.unreachable).toBe(0);
    // The backoff still grows (each connection was short-lived): 10, 20, 40, 80 ms.
    const gaps = server.upgrades.slice(1, 5).map((at, i) => at - (server?.upgrades[i] ?? 0));
    expect(gaps[3]).toBeGreaterThanOrEqual(75);
  });

  it('counts a handshake the server never answers as a failed attempt', async () => {
    server = await NoisePushServer.start();
    server.silentHandshake = true;
    const { events } = connect(server, { handshakeTimeoutMs: 50 });
    await waitUntil('the unreachable report', () => events.unreachable === 1);
    expect(server.upgrades).toHaveLength(3);
  });

  it.each([401, 403])('stops and reports a ticket refused with %i at the upgrade', async (status) => {
    server = await NoisePushServer.start();
    server.refuseWith = status;
    const { events } = connect(server);
    await waitUntil('the refusal', () => events.refused.length === 1);
    expect(events.refused).toEqual([status]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.upgrades).toHaveLength(1);
    expect(events.unreachable).toBe(0);
  });

  it('counts other refusals (404, 502) as failed attempts', async () => {
    server = await NoisePushServer.start();
    server.refuseWith = 502;
    const { events } = connect(server);
    await waitUntil('the unreachable report', () => events.unreachable === 1);
    expect(events.refused).toEqual([]);
  });

  it('closes on a tampered frame (1008) and reconnects', async () => {
    server = await NoisePushServer.start();
    const { events } = connect(server);
    const peer = await openPeer(server);
    const session = peer.session;
    if (session === undefined) throw new Error('no session');
    const frame = session.encrypt(Buffer.from('\x00{"type":"wake"}'));
    frame[5] = (frame[5] ?? 0) ^ 0x01;
    peer.ws.send(frame, { binary: true });
    await waitUntil('the close', () => peer.closeCode !== undefined);
    expect(peer.closeCode).toBe(1008);
    expect(events.wakes).toEqual([]);
    await waitUntil('the reconnection', () => server?.open.length === 1);
  });

  it.each([
    ['a text frame', (peer: NoisePeer) => { peer.ws.send('{"type":"wake"}'); }, 1008],
    ['a bad fragment flag', (peer: NoisePeer) => { peer.ws.send(peer.session?.encrypt(Buffer.from('\x02{}')) ?? Buffer.alloc(0), { binary: true }); }, 1008],
    ['an empty frame', (peer: NoisePeer) => { peer.ws.send(Buffer.alloc(0), { binary: true }); }, 1008],
    ['a frame over 65535 bytes', (peer: NoisePeer) => { peer.ws.send(Buffer.alloc(70_000), { binary: true }); }, 1009],
  ])('closes on %s', async (_what, misbehave, code) => {
    server = await NoisePushServer.start();
    // Reconnecting after 500 ms leaves time to see the channel closed.
    const { events } = connect(server, { random: () => 0.5 });
    const peer = await openPeer(server);
    misbehave(peer);
    await waitUntil('the close', () => peer.closeCode !== undefined);
    expect(peer.closeCode).toBe(code);
    expect(events.wakes).toEqual([]);
    expect(connection?.isOpen).toBe(false);
  });

  it('closes on a handshake answer of the wrong length or with a bad tag', async () => {
    server = await NoisePushServer.start();
    server.silentHandshake = true;
    const { events } = connect(server, { handshakeTimeoutMs: 100 });
    await waitUntil('the upgrade', () => server?.peers.length === 1);
    const first = server.peers[0];
    first?.ws.send(Buffer.alloc(47), { binary: true });
    await waitUntil('the close', () => first?.closeCode !== undefined);
    expect(first?.closeCode).toBe(1008);
    await waitUntil('the second attempt', () => server?.peers.length === 2);
    const second = server.peers[1];
    second?.ws.send(randomBytes(48), { binary: true });
    await waitUntil('the close', () => second?.closeCode !== undefined);
    expect(second?.closeCode).toBe(1008);
    expect(connection?.isOpen).toBe(false);
    await waitUntil('the unreachable report', () => events.unreachable === 1);
  });

  it('verifies a wss:// server against the trusted root, without a client certificate', async () => {
    const tls = await t.ca.issueServerCertificate({ hostnames: ['localhost'], ipAddresses: ['127.0.0.1'], validityDays: 30, now: new Date() });
    server = await NoisePushServer.start({ tls: { key: tls.privateKeyPem, cert: tls.certificatePem + tls.chainPem } });
    const { events } = connect(server);
    const peer = await openPeer(server);
    peer.send(JSON.stringify({ type: 'wake' }));
    await waitUntil('the wake-up', () => events.wakes.length === 1);
    connection?.stop();

    // Another root: the server is not trusted, no upgrade reaches it.
    const other = await createTestIdentity('device-2');
    const before = server.peers.length;
    const untrusted = connect(server, { trust: { ca: other.identity.rootCertificatePem } });
    await waitUntil('the unreachable report', () => untrusted.events.unreachable === 1);
    expect(server.peers.length).toBe(before);
  });
});
