import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NoisePushOffer } from '@ward/agent-protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NoisePushChannel, noisePushOfferProblem, type NoisePushFailure } from '../src/index.js';
import { NoiseResponder } from './support/noise-responder.js';

interface Outcome {
  readonly opened: boolean;
  readonly failure: NoisePushFailure | undefined;
}

/** A channel and what it reported: opened, messages, and the one close. */
function connect(offer: NoisePushOffer, options: { timeoutMs?: number; maxMessageBytes?: number } = {}) {
  const messages: string[] = [];
  let opened!: () => void;
  let closed!: (outcome: Outcome) => void;
  const open = new Promise<void>((resolve) => { opened = resolve; });
  const done = new Promise<Outcome>((resolve) => { closed = resolve; });
  let closes = 0;
  const channel = new NoisePushChannel(offer, { timeoutMs: options.timeoutMs ?? 5_000, maxMessageBytes: options.maxMessageBytes ?? 1024 * 1024 }, {
    opened: () => { opened(); },
    message: (text) => { messages.push(text); },
    closed: (wasOpen, failure) => {
      closes++;
      closed({ opened: wasOpen, failure });
    },
  });
  return { channel, messages, open, done, closes: () => closes };
}

async function until(predicate: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`not reached: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let responder: NoiseResponder;

beforeEach(async () => {
  responder = await NoiseResponder.start();
});

afterEach(async () => {
  await responder.close();
});

describe('the Noise push channel (initiator) against a responder built from the spec', () => {
  it('completes NNpsk0 with a 48-byte first frame and the ticket header, then carries fragmented messages both ways', async () => {
    const offer = responder.offer();
    const { channel, messages, open, done } = connect(offer);
    await open;
    expect(channel.open).toBe(true);
    expect(responder.firstFrameSizes).toEqual([48]);
    const [server] = responder.connections;
    if (server === undefined) throw new Error('no connection');
    expect(server.ticket).toBe(offer.ticket);

    // Larger than one fragment (65518 data bytes) each way, with multi-byte UTF-8 across the cuts.
    const big = JSON.stringify({ type: 'checkInResult', id: 1, padding: 'é€'.repeat(60_000) });
    expect(server.send(big)).toBeGreaterThan(3);
    server.send('{"type":"wake"}');
    await until(() => messages.length === 2, 'two messages');
    expect(messages).toEqual([big, '{"type":"wake"}']);

    const sent = await new Promise<Error | undefined>((resolve) => { channel.send(big, resolve); });
    expect(sent).toBeUndefined();
    await until(() => server.received.length === 1, 'the message at the responder');
    expect(server.received[0]).toBe(big);

    channel.close();
    expect(await done).toEqual({ opened: true, failure: undefined });
    expect(channel.open).toBe(false);
  });

  it('refuses to send before the handshake and after close', async () => {
    const { channel, open } = connect(responder.offer());
    const early = await new Promise<Error | undefined>((resolve) => { channel.send('{}', resolve); });
    expect(early?.message).toMatch(/not open/);
    await open;
    channel.close();
    const late = await new Promise<Error | undefined>((resolve) => { channel.send('{}', resolve); });
    expect(late?.message).toMatch(/not open/);
  });

  it('reports a refused upgrade with its status and the server error code, never the ticket', async () => {
    const offer = { ...responder.offer(), ticket: randomBytes(24).toString('base64url') };
    const { done, closes } = connect(offer);
    const outcome = await done;
    expect(outcome.opened).toBe(false);
    expect(outcome.failure).toMatchObject({ code: 'NOISE_PUSH_REFUSED', status: 401, serverCode: 'NOISE_TICKET_INVALID' });
    expect(outcome.failure?.message).not.toContain(offer.ticket);
    expect(outcome.failure?.message).not.toContain(offer.psk);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closes()).toBe(1);
  });

  it('reads no more than a bounded part of a hostile refusal body, and ignores one that is not an error body', async () => {
    responder.refusal = { status: 403, body: `{"error":{"code":"${'A'.repeat(1_000_000)}"}}` };
    const huge = await connect(responder.offer()).done;
    expect(huge.failure).toMatchObject({ code: 'NOISE_PUSH_REFUSED', status: 403 });
    expect(huge.failure?.serverCode).toBeUndefined();

    responder.refusal = { status: 401, body: '{"error":{"code":"lower case; DROP TABLE"}}' };
    const odd = await connect(responder.offer()).done;
    expect(odd.failure).toMatchObject({ code: 'NOISE_PUSH_REFUSED', status: 401 });
    expect(odd.failure?.serverCode).toBeUndefined();

    responder.refusal = { status: 500, body: 'not json' };
    const plain = await connect(responder.offer()).done;
    expect(plain.failure).toMatchObject({ code: 'NOISE_PUSH_REFUSED', status: 500 });
  });

  it('fails a handshake answer of the wrong size, a forged one, or one sent as text', async () => {
    responder.handshakeAnswer = (proper) => Buffer.concat([proper, Buffer.alloc(1)]);
    const long = await connect(responder.offer()).done;
    expect(long).toMatchObject({ opened: false, failure: { code: 'NOISE_PUSH_PROTOCOL' } });

    responder.handshakeAnswer = () => randomBytes(48);
    const forged = await connect(responder.offer()).done;
    expect(forged).toMatchObject({ opened: false, failure: { code: 'NOISE_HANDSHAKE_FAILED' } });

    responder.handshakeAnswer = () => 'x'.repeat(48);
    const text = await connect(responder.offer()).done;
    expect(text).toMatchObject({ opened: false, failure: { code: 'NOISE_PUSH_PROTOCOL' } });
  });

  it('fails when the key does not match (the server cannot answer the handshake)', async () => {
    const offer = { ...responder.offer(), psk: randomBytes(32).toString('base64url') };
    const outcome = await connect(offer).done;
    expect(outcome.opened).toBe(false);
    expect(outcome.failure?.code).toBe('NOISE_PUSH_SOCKET');
  });

  it('fails an empty handshake answer, and times out a server that upgrades but never answers', async () => {
    responder.handshakeAnswer = () => Buffer.alloc(0);
    const empty = await connect(responder.offer()).done;
    expect(empty.failure?.code).toBe('NOISE_PUSH_PROTOCOL');

    const silent = await startSilentServer();
    try {
      const started = Date.now();
      const outcome = await connect({ ...responder.offer(), url: silent.url }, { timeoutMs: 300 }).done;
      expect(outcome.failure?.code).toBe('NOISE_PUSH_TIMEOUT');
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await silent.close();
    }
  });

  it('closes with 1008 on a text frame, a tampered frame, an oversized message or frame after the handshake', async () => {
    const cases: [string, (send: (data: Buffer | string) => void, seal: (text: string) => number) => void, string, number][] = [
      ['text frame', (send) => { send('{"type":"wake"}'); }, 'NOISE_PUSH_PROTOCOL', 1_000_000],
      ['tampered frame', (send) => { send(randomBytes(40)); }, 'NOISE_DECRYPT_FAILED', 1_000_000],
      ['message over the cap', (_send, seal) => { seal('x'.repeat(2_000)); }, 'NOISE_MESSAGE_TOO_LARGE', 1_000],
      ['frame over 65535 bytes', (send) => { send(Buffer.alloc(65_536)); }, 'NOISE_PUSH_PROTOCOL', 1_000_000],
    ];
    for (const [name, act, code, maxMessageBytes] of cases) {
      const { open, done } = connect(responder.offer(), { maxMessageBytes });
      await open;
      const server = responder.connections.at(-1);
      if (server === undefined) throw new Error('no connection');
      const closedWith = new Promise<number>((resolve) => { server.socket.once('close', resolve); });
      act((data) => { server.socket.send(data, { binary: typeof data !== 'string' }); }, (text) => server.send(text));
      const outcome = await done;
      expect({ name, ...outcome }).toMatchObject({ name, opened: true, failure: { code } });
      expect([1008, 1009]).toContain(await closedWith);
    }
  });

  it('reports a plain server close of an open channel without a failure, and a close with 1008 as one', async () => {
    const first = connect(responder.offer());
    await first.open;
    responder.connections.at(-1)?.socket.close(1001);
    expect(await first.done).toEqual({ opened: true, failure: undefined });

    const second = connect(responder.offer());
    await second.open;
    responder.connections.at(-1)?.socket.close(1008);
    expect(await second.done).toMatchObject({ opened: true, failure: { code: 'NOISE_PUSH_PROTOCOL' } });
  });
});

describe('noisePushOfferProblem', () => {
  const good: NoisePushOffer = { url: 'ws://127.0.0.1:1/agent/v1/noise-push', ticket: 'abc', psk: Buffer.alloc(32, 7).toString('base64url'), expiresAt: '2030-01-01T00:00:00Z' };

  it('accepts a ws or wss url with a 32-byte key', () => {
    expect(noisePushOfferProblem(good)).toBeUndefined();
    expect(noisePushOfferProblem({ ...good, url: 'wss://ward.example/agent/v1/noise-push' })).toBeUndefined();
  });

  it.each([
    ['not a URL', { url: 'no url' }],
    ['http', { url: 'http://127.0.0.1/agent/v1/noise-push' }],
    ['a fragment', { url: 'ws://127.0.0.1/agent/v1/noise-push#x' }],
    ['a short key', { psk: Buffer.alloc(16).toString('base64url') }],
    ['a long ticket', { ticket: 'a'.repeat(513) }],
  ])('refuses %s, naming neither ticket nor key', (_name, change) => {
    const offer = { ...good, ...change };
    const problem = noisePushOfferProblem(offer);
    expect(problem).toBeTypeOf('string');
    expect(problem).not.toContain(offer.psk);
  });
});

/** A server that upgrades any request and then says nothing. */
async function startSilentServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const { WebSocketServer } = await import('ws');
  const server: Server = createServer();
  const wss = new WebSocketServer({ server });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/agent/v1/noise-push`,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => { resolve(); }));
    },
  };
}
