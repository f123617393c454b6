import { mkdir, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { CheckInRequest, NoisePushOffer } from '@ward/agent-protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { noisePushOfferFile, NoisePushOfferStore } from '../identity/noise-push-offer-store.js';
import { memoryLogger } from '../test-support/memory-logger.js';
import { NoisePushServer, waitUntil } from '../test-support/noise-push-server.js';
import { createTempRoot, type TempRoot } from '../test-support/temp-root.js';
import { NoisePushConnection } from '../transport/noise-push-connection.js';
import { PushChannelSwitch, type NoisePushEvents, type PushChannel } from './push-channel-switch.js';

const Answer = Type.Object({ ok: Type.Boolean() });
const request: CheckInRequest = { protocolVersion: 1, agentVersion: '1', results: [], noisePush: 'wanted' };
const day = 24 * 60 * 60 * 1000;

/** A push connection that records what it is asked, and how many of its kind run at once. */
class FakeChannel implements PushChannel {
  running = false;
  starts = 0;
  readonly requests: unknown[] = [];
  constructor(readonly live: { count: number; max: number }) {}
  start(): void {
    if (this.running) return;
    this.running = true;
    this.starts++;
    this.live.count++;
    this.live.max = Math.max(this.live.max, this.live.count);
  }
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.live.count--;
  }
  checkIn<S extends TSchema>(body: unknown): Promise<Static<S> | undefined> {
    if (!this.running) return Promise.resolve(undefined);
    this.requests.push(body);
    return Promise.resolve({ ok: true } as Static<S>);
  }
}

describe('PushChannelSwitch', () => {
  let temp: TempRoot;
  let store: NoisePushOfferStore;
  let file: string;
  let server: NoisePushServer | undefined;
  let push: PushChannelSwitch | undefined;
  beforeEach(async () => {
    temp = await createTempRoot();
    await mkdir(temp.paths.stateDir, { recursive: true, mode: 0o700 });
    file = noisePushOfferFile(temp.paths.stateDir);
    store = new NoisePushOfferStore(file);
  });
  afterEach(async () => {
    push?.stop();
    push = undefined;
    await server?.close();
    server = undefined;
    await temp.remove();
  });

  /** A switch over a fake TLS channel and fake Noise channels (or real ones when `real` is given). */
  function setUp(options: { serial?: () => string; now?: () => Date; real?: NoisePushServer; fallbackMs?: number } = {}) {
    const live = { count: 0, max: 0 };
    const tls = new FakeChannel(live);
    const noise: { channel: PushChannel; offer: NoisePushOffer; events: NoisePushEvents }[] = [];
    const log = memoryLogger();
    push = new PushChannelSwitch({
      tls,
      openNoise: (offer, events) => {
        const real = options.real;
        const channel = real === undefined ? new FakeChannel(live) : new NoisePushConnection({ offer, trust: { ca: '' }, onWake: () => undefined, ...events, log, random: () => 0.01 });
        noise.push({ channel, offer, events });
        return channel;
      },
      offers: store,
      certificateSerial: options.serial ?? (() => 'AA'),
      clock: options.now ?? (() => new Date()),
      log,
      ...(options.fallbackMs === undefined ? {} : { unreachableFallbackMs: options.fallbackMs }),
    });
    return { push, tls, noise, live, log };
  }

  const offerFor = (s?: NoisePushServer): NoisePushOffer => ({
    url: s?.url ?? 'ws://127.0.0.1:9/agent/v1/noise-push',
    ticket: s?.ticket ?? 'dGlja2V0',
    psk: s?.pskText ?? randomBytes(32).toString('base64url'),
    expiresAt: new Date(Date.now() + 30 * day).toISOString(),
  });

  it('uses TLS and asks for an offer until one arrives, then runs the Noise channel alone and asks no more', async () => {
    const { push, tls, noise, live } = setUp();
    expect(push.wantsOffer()).toBe(false);
    await push.start();
    expect(tls.running).toBe(true);
    expect(push.wantsOffer()).toBe(true);
    // Over TLS the request asks, as built.
    expect(await push.checkIn(request, Answer)).toEqual({ answer: { ok: true }, via: 'push' });
    expect(tls.requests).toEqual([request]);

    await push.acceptOffer(offerFor(), 'AA');
    expect(tls.running).toBe(false);
    expect(noise).toHaveLength(1);
    expect((noise[0]?.channel as FakeChannel).running).toBe(true);
    expect(push.wantsOffer()).toBe(false);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await store.load())?.certificateSerial).toBe('AA');
    // Over Noise the request never asks, whatever it says.
    expect(await push.checkIn(request, Answer)).toEqual({ answer: { ok: true }, via: 'Noise push' });
    const { noisePush: _asked, ...withoutAsking } = request;
    expect((noise[0]?.channel as FakeChannel).requests).toEqual([withoutAsking]);
    expect(live.max).toBe(1);

    push.stop();
    expect(live.count).toBe(0);
    expect(await push.checkIn(request, Answer)).toBeUndefined();
  });

  it('starts with a usable stored offer, and goes back to TLS (asking) once the certificate changed', async () => {
    await store.save({ offer: offerFor(), certificateSerial: 'AA' });
    let serial = 'AA';
    const { push, tls, noise } = setUp({ serial: () => serial });
    await push.start();
    expect(tls.starts).toBe(0);
    expect(noise).toHaveLength(1);
    expect(push.wantsOffer()).toBe(false);
    serial = 'BB';
    push.refresh();
    expect(tls.running).toBe(true);
    expect((noise[0]?.channel as FakeChannel).running).toBe(false);
    expect(push.wantsOffer()).toBe(true);
  });

  it('ignores an offer stored under another certificate', async () => {
    await store.save({ offer: offerFor(), certificateSerial: 'OLD' });
    const { push, tls, noise } = setUp();
    await push.start();
    expect(tls.running).toBe(true);
    expect(noise).toHaveLength(0);
    expect(push.wantsOffer()).toBe(true);
  });

  it('asks again, over TLS, once the offer expires within a day', async () => {
    const expiresAt = Date.now() + 2 * day;
    let now = Date.now();
    await store.save({ offer: { ...offerFor(), expiresAt: new Date(expiresAt).toISOString() }, certificateSerial: 'AA' });
    const { push, tls, noise } = setUp({ now: () => new Date(now) });
    await push.start();
    expect(push.wantsOffer()).toBe(false);
    now = expiresAt - day + 1;
    // The check-in about to ask must not go over Noise.
    expect(push.wantsOffer()).toBe(true);
    expect((noise[0]?.channel as FakeChannel).running).toBe(false);
    expect(tls.running).toBe(true);
    expect((await push.checkIn(request, Answer))?.via).toBe('push');
  });

  it('does not reconnect for the same offer, and does for a new one', async () => {
    const { push, noise, live } = setUp();
    await push.start();
    const offer = offerFor();
    await push.acceptOffer(offer, 'AA');
    await push.acceptOffer({ ...offer, expiresAt: new Date(Date.now() + 40 * day).toISOString() }, 'AA');
    expect(noise).toHaveLength(1);
    await push.acceptOffer(offerFor(), 'AA');
    expect(noise).toHaveLength(2);
    expect((noise[0]?.channel as FakeChannel).running).toBe(false);
    expect(live.max).toBe(1);
  });

  it('drops the offer and falls back to TLS when the server refuses the ticket at the upgrade', async () => {
    server = await NoisePushServer.start();
    server.refuseWith = 401;
    const { push, tls, noise } = setUp({ real: server });
    await store.save({ offer: offerFor(server), certificateSerial: 'AA' });
    await push.start();
    expect(noise).toHaveLength(1);
    await waitUntil('the TLS fallback', () => tls.running);
    expect(server.upgrades).toHaveLength(1);
    await waitUntil('the offer removed', () => push.wantsOffer());
    expect(await store.load()).toBeUndefined();
    // A new offer (the next TLS check-in's answer) is used again.
    server.refuseWith = undefined;
    await push.acceptOffer(offerFor(server), 'AA');
    expect(tls.running).toBe(false);
    await waitUntil('the Noise channel', () => server?.open.length === 1);
  });

  it('uses TLS for the fallback window after 3 failed attempts, then tries Noise again', async () => {
    server = await NoisePushServer.start();
    const { push, tls, noise, log } = setUp({ real: server, fallbackMs: 400 });
    // A psk the server does not know: every handshake fails.
    await store.save({ offer: { ...offerFor(server), psk: randomBytes(32).toString('base64url') }, certificateSerial: 'AA' });
    await push.start();
    await waitUntil('the TLS fallback', () => tls.running);
    expect(server.upgrades).toHaveLength(3);
    // The offer stays: during the window nothing is asked, and the TLS connection alone runs.
    expect(push.wantsOffer()).toBe(false);
    expect(await store.load()).toBeDefined();
    expect(noise[0]?.channel).toBeInstanceOf(NoisePushConnection);
    expect((noise[0]?.channel as NoisePushConnection).isOpen).toBe(false);
    expect(log.lines.some((l) => l.includes('unreachable'))).toBe(true);
    // The network lets it through now.
    server.psk = Buffer.from(noise[0]?.offer.psk ?? '', 'base64url');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(noise).toHaveLength(1);
    await waitUntil('the next Noise attempt', () => noise.length === 2);
    expect(tls.running).toBe(false);
    await waitUntil('the Noise channel', () => server?.open.length === 1);
    expect(tls.running).toBe(false);
  });

  it('keeps TLS when the stored offer cannot be read', async () => {
    const { push, tls } = setUp();
    await mkdir(file);
    await push.start();
    expect(tls.running).toBe(true);
  });
});
