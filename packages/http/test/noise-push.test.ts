import { randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { NnPsk0Handshake, NoisePushAssembler, noisePushPath, noisePushPrologue, protocolLimits, sealNoisePushMessage, type CheckInResponse, type NoisePushOffer, type NoiseSession } from '@ward/agent-protocol';
import { connectedAgents, NoisePushTickets } from '../src/index.js';
import { createEnrollmentToken } from './support/enrollment-tokens.js';
import { agentRequest, checkInBody, enroll, openPush, startAgentApi, type AgentTestApi, type EnrolledDevice } from './support/test-agent.js';
import { call, expectOk } from './support/test-api.js';

// The Noise push channel over real sockets: offers only over mTLS, the upgrade refused without a
// ticket that still authenticates, the handshake refused without the ticket's key, and every frame
// that does not open (tampered, replayed, text, oversized) closing the connection.

let api: AgentTestApi;
let noiseServer: Server;
let noiseUrl: string;
let device: EnrolledDevice;

beforeAll(async () => {
  noiseServer = createServer();
  await new Promise<void>((resolve) => noiseServer.listen(0, '127.0.0.1', resolve));
  noiseUrl = `ws://127.0.0.1:${(noiseServer.address() as AddressInfo).port}${noisePushPath}`;
  const tickets = new NoisePushTickets(randomBytes(32));
  api = await startAgentApi({}, () => ({ noisePush: { tickets, url: () => noiseUrl, server: noiseServer } }));
  const token = await createEnrollmentToken(api, { maxUses: 10 });
  device = await enroll(api, token.text, 'noise-machine-01');
});
afterAll(async () => {
  await api.close();
  noiseServer.closeAllConnections();
  await new Promise((resolve) => noiseServer.close(resolve));
});

/** Checks in over HTTPS with the device's certificate, asking for the Noise channel. */
async function offerOf(enrolled: EnrolledDevice): Promise<NoisePushOffer> {
  const response = await agentRequest(api, 'POST', '/agent/v1/check-in', { credentials: enrolled.credentials, body: checkInBody([], { noisePush: 'wanted' }) });
  expect(response.status).toBe(200);
  const offer = response.json<CheckInResponse>().noisePush;
  if (offer === undefined) throw new Error('no Noise push offer');
  return offer;
}

/** A Noise channel as the agent opens it, with the messages it received. */
interface NoiseClient {
  readonly ws: WebSocket;
  readonly session: NoiseSession;
  send(message: unknown): void;
  next(timeoutMs?: number): Promise<Record<string, unknown>>;
  closed(): Promise<number>;
}

function openWebSocket(ticket: string | undefined): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(noiseUrl, { headers: ticket === undefined ? {} : { 'Ward-Push-Ticket': ticket } });
    ws.once('unexpected-response', (_request, response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        reject(Object.assign(new Error(`upgrade refused with ${response.statusCode ?? 0}`), { status: response.statusCode, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown }));
      });
    });
    ws.once('error', reject);
    ws.once('open', () => { resolve(ws); });
  });
}

function firstFrame(ws: WebSocket): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    ws.once('message', (data: Buffer) => { resolve(data); });
    ws.once('close', (code) => { reject(new Error(`closed with ${code} before the handshake answer`)); });
  });
}

async function openNoise(offer: NoisePushOffer, psk = Buffer.from(offer.psk, 'base64url'), options: { confirm?: boolean; onFirstMessage?: (message: Buffer) => void } = {}): Promise<NoiseClient> {
  const ws = await openWebSocket(offer.ticket);
  const closing = new Promise<number>((resolve) => ws.once('close', (code) => { resolve(code); }));
  const handshake = NnPsk0Handshake.initiator({ psk, prologue: noisePushPrologue(offer.ticket) });
  const answer = firstFrame(ws);
  const first = handshake.writeMessage();
  options.onFirstMessage?.(first);
  ws.send(first, { binary: true });
  handshake.readMessage(await answer);
  const session = handshake.split();
  // Key confirmation: the empty message the server waits for before it counts the channel.
  if (options.confirm !== false) for (const frame of sealNoisePushMessage(session, '')) ws.send(frame, { binary: true });
  const assembler = new NoisePushAssembler(protocolLimits.pushAnswerBytes);
  const received: Record<string, unknown>[] = [];
  const waiters: ((message: Record<string, unknown>) => void)[] = [];
  ws.on('message', (data: Buffer) => {
    const text = assembler.accept(session, data);
    if (text === undefined) return;
    const message = JSON.parse(text) as Record<string, unknown>;
    const waiter = waiters.shift();
    if (waiter === undefined) received.push(message);
    else waiter(message);
  });
  return {
    ws,
    session,
    send: (message) => {
      for (const frame of sealNoisePushMessage(session, JSON.stringify(message))) ws.send(frame, { binary: true });
    },
    next: (timeoutMs = 5000) => {
      const ready = received.shift();
      if (ready !== undefined) return Promise.resolve(ready);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => { reject(new Error('no message in time')); }, timeoutMs);
        waiters.push((message) => {
          clearTimeout(timer);
          resolve(message);
        });
      });
    },
    closed: () => closing,
  };
}

describe('the offer', () => {
  it('comes with a check-in over HTTPS or the TLS push socket that asks, and only then', async () => {
    const offer = await offerOf(device);
    expect(offer.url).toBe(noiseUrl);
    expect(offer.ticket).toMatch(/^[A-Za-z0-9_-]{40,512}$/);
    expect(Buffer.from(offer.psk, 'base64url')).toHaveLength(32);
    expect(Date.parse(offer.expiresAt)).toBeGreaterThan(api.clock.now().getTime());
    // A fresh ticket each time: a passive observer cannot link two of them.
    expect((await offerOf(device)).ticket).not.toBe(offer.ticket);

    const plain = await agentRequest(api, 'POST', '/agent/v1/check-in', { credentials: device.credentials, body: checkInBody() });
    expect(plain.json<CheckInResponse>().noisePush).toBeUndefined();
    const invalid = await agentRequest(api, 'POST', '/agent/v1/check-in', { credentials: device.credentials, body: checkInBody([], { noisePush: 'yes' }) });
    expect(invalid.status).toBe(400);

    const push = await openPush(api, device.credentials);
    push.socket.send(JSON.stringify({ type: 'checkIn', id: 1, request: checkInBody([], { noisePush: 'wanted' }) }));
    const answer = JSON.parse(await push.next()) as { response: CheckInResponse };
    expect(answer.response.noisePush?.url).toBe(noiseUrl);
    push.socket.close();
    await push.closed();
  });
});

describe('the channel', () => {
  it('wakes the device and carries its check-ins, but never hands out another offer', async () => {
    const noise = await openNoise(await offerOf(device));
    await expect.poll(() => connectedAgents(api.app)).toBe(1);
    api.deps.stores.publish({ type: 'device.wake', tenantId: api.tenant.id, subject: device.deviceId });
    expect(await noise.next()).toEqual({ type: 'wake' });

    noise.send({ type: 'checkIn', id: 'n-1', request: checkInBody([], { noisePush: 'wanted' }) });
    const answer = await noise.next();
    expect(answer).toMatchObject({ type: 'checkInResult', id: 'n-1' });
    expect((answer.response as CheckInResponse).noisePush).toBeUndefined();

    // A check-in larger than one Noise message arrives in fragments and is answered.
    noise.send({ type: 'checkIn', id: 'n-2', request: checkInBody([], { inventory: { blob: 'x'.repeat(200_000) } }) });
    expect(await noise.next()).toMatchObject({ type: 'checkInResult', id: 'n-2' });
    // Invalid requests get the same codes as over HTTPS.
    noise.send({ type: 'checkIn', id: 'n-3', request: { protocolVersion: 1 } });
    expect(await noise.next()).toMatchObject({ type: 'error', id: 'n-3', error: { code: 'VALIDATION_FAILED' } });
    noise.ws.close();
    await noise.closed();
    await expect.poll(() => connectedAgents(api.app)).toBe(0);
  });

  it('closes on a replayed, tampered or text frame', async () => {
    const offer = await offerOf(device);
    const replaying = await openNoise(offer);
    const [frame] = sealNoisePushMessage(replaying.session, JSON.stringify({ type: 'checkIn', id: 1, request: checkInBody() }));
    if (frame === undefined) throw new Error('no frame');
    replaying.ws.send(frame, { binary: true });
    expect(await replaying.next()).toMatchObject({ type: 'checkInResult', id: 1 });
    replaying.ws.send(frame, { binary: true });
    expect(await replaying.closed()).toBe(1008);

    const tampering = await openNoise(offer);
    const [sealed] = sealNoisePushMessage(tampering.session, JSON.stringify({ type: 'checkIn', id: 2, request: checkInBody() }));
    if (sealed === undefined) throw new Error('no frame');
    sealed[sealed.length - 1] = (sealed[sealed.length - 1] ?? 0) ^ 1;
    tampering.ws.send(sealed, { binary: true });
    expect(await tampering.closed()).toBe(1008);

    const texting = await openNoise(offer);
    texting.ws.send(JSON.stringify({ type: 'checkIn', id: 3, request: checkInBody() }));
    expect(await texting.closed()).toBe(1008);

    const oversized = await openNoise(offer);
    oversized.ws.send(Buffer.alloc(70_000), { binary: true });
    expect(await oversized.closed()).toBe(1009);
  });

  it('refuses the handshake without the ticket\'s key, or with anything but the handshake message', async () => {
    const offer = await offerOf(device);
    await expect(openNoise(offer, randomBytes(32))).rejects.toThrow(/closed with 1008/);

    for (const first of [Buffer.alloc(48), Buffer.alloc(47), Buffer.alloc(49), Buffer.from('hello')]) {
      const ws = await openWebSocket(offer.ticket);
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => { resolve(code); }));
      ws.send(first, { binary: true });
      expect(await closed).toBe(1008);
    }
    // The prologue binds the ticket: a handshake for another ticket under this one's key fails.
    const other = await offerOf(device);
    const ws = await openWebSocket(other.ticket);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => { resolve(code); }));
    ws.send(NnPsk0Handshake.initiator({ psk: Buffer.from(other.psk, 'base64url'), prologue: noisePushPrologue(offer.ticket) }).writeMessage(), { binary: true });
    expect(await closed).toBe(1008);
  });

  it('counts a channel only after the agent confirmed the keys, so a replayed handshake displaces nobody', async () => {
    const offer = await offerOf(device);
    let captured: Buffer | undefined;
    const agent = await openNoise(offer, undefined, { onFirstMessage: (message) => { captured = message; } });
    await expect.poll(() => connectedAgents(api.app)).toBe(1);

    // Someone who saw the agent's first message sends it again: the server answers it (it cannot
    // tell yet), but nobody can seal the confirmation, so the agent's channel stays the device's.
    const replayer = await openWebSocket(offer.ticket);
    const replayerClosed = new Promise<number>((resolve) => replayer.once('close', (code) => { resolve(code); }));
    const answer = firstFrame(replayer);
    replayer.send(captured ?? Buffer.alloc(0), { binary: true });
    expect(await answer).toHaveLength(48);
    api.deps.stores.publish({ type: 'device.wake', tenantId: api.tenant.id, subject: device.deviceId });
    expect(await agent.next()).toEqual({ type: 'wake' });
    expect(connectedAgents(api.app)).toBe(1);
    replayer.send(randomBytes(40), { binary: true });
    expect(await replayerClosed).toBe(1008);
    agent.send({ type: 'checkIn', id: 'after-replay', request: checkInBody() });
    expect(await agent.next()).toMatchObject({ type: 'checkInResult', id: 'after-replay' });

    // A first message that is not the (empty) confirmation closes the channel uncounted.
    const unconfirmed = await openNoise(offer, undefined, { confirm: false });
    unconfirmed.send({ type: 'checkIn', id: 'too-soon', request: checkInBody() });
    expect(await unconfirmed.closed()).toBe(1008);
    expect(connectedAgents(api.app)).toBe(1);
    agent.ws.close();
    await agent.closed();
    await expect.poll(() => connectedAgents(api.app)).toBe(0);
  });

  it('refuses the upgrade without a ticket this server issued, and answers nothing else', async () => {
    const offer = await offerOf(device);
    const refusals: [string | undefined, string][] = [
      [undefined, 'NOISE_TICKET_INVALID'],
      ['', 'NOISE_TICKET_INVALID'],
      ['not a ticket!', 'NOISE_TICKET_INVALID'],
      ['A'.repeat(600), 'NOISE_TICKET_INVALID'],
      [`${offer.ticket.slice(0, -2)}${offer.ticket.endsWith('AA') ? 'AB' : 'AA'}`, 'NOISE_TICKET_INVALID'],
      [new NoisePushTickets(randomBytes(32)).issue({ serialNumber: '01ab', fingerprint: Array.from({ length: 32 }, () => 'AB').join(':') }).ticket, 'NOISE_TICKET_INVALID'],
    ];
    for (const [ticket, code] of refusals) {
      await expect(openWebSocket(ticket)).rejects.toMatchObject({ status: 401, body: { error: { code } } });
    }
    const port = (noiseServer.address() as AddressInfo).port;
    const plain = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      httpRequest({ host: '127.0.0.1', port, path: '/api/v1/devices' }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => { resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }); });
      }).on('error', reject).end();
    });
    expect(plain.status).toBe(404);
    expect(JSON.parse(plain.body)).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});

describe('a device that stops authenticating', () => {
  it('is refused at the upgrade and on its open channel once revoked', async () => {
    const token = await createEnrollmentToken(api, { maxUses: 2 });
    const first = await enroll(api, token.text, 'noise-machine-02');
    const offer = await offerOf(first);
    const noise = await openNoise(offer);
    noise.send({ type: 'checkIn', id: 1, request: checkInBody() });
    expect(await noise.next()).toMatchObject({ type: 'checkInResult', id: 1 });

    // Enrolling the machine again revokes the certificate the ticket names.
    await enroll(api, token.text, 'noise-machine-02');
    noise.send({ type: 'checkIn', id: 2, request: checkInBody() });
    expect(await noise.next()).toMatchObject({ type: 'error', id: 2, error: { code: 'DEVICE_CERTIFICATE_REVOKED' } });
    expect(await noise.closed()).toBe(1008);
    await expect(openWebSocket(offer.ticket)).rejects.toMatchObject({ status: 401, body: { error: { code: 'DEVICE_CERTIFICATE_REVOKED' } } });
  });

  it('is refused once retired', async () => {
    const token = await createEnrollmentToken(api, { maxUses: 1 });
    const retiring = await enroll(api, token.text, 'noise-machine-03');
    const offer = await offerOf(retiring);
    const noise = await openNoise(offer);
    const requested = await call(api, 'POST', `/api/v1/devices/${retiring.deviceId}/actions`, { as: 'globalAdmin', body: { type: 'retire' } });
    const { commandId } = expectOk<{ commandId: string }>(requested, 202);
    expect(await noise.next()).toEqual({ type: 'wake' });
    noise.send({ type: 'checkIn', id: 'r-1', request: checkInBody() });
    expect(((await noise.next()).response as CheckInResponse).commands.map((c) => c.id)).toEqual([commandId]);
    noise.send({ type: 'checkIn', id: 'r-2', request: checkInBody([{ commandId, status: 'succeeded', finishedAt: api.clock.now().toISOString() }]) });
    expect(((await noise.next()).response as CheckInResponse).acknowledgedResults).toEqual([commandId]);
    noise.send({ type: 'checkIn', id: 'r-3', request: checkInBody() });
    expect(await noise.next()).toMatchObject({ type: 'error', id: 'r-3', error: { code: 'DEVICE_CERTIFICATE_REVOKED' } });
    expect(await noise.closed()).toBe(1008);
    await expect(openWebSocket(offer.ticket)).rejects.toMatchObject({ status: 401 });
  });
});
