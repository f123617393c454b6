import { existsSync } from 'node:fs';
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
    const asked = { count: 0 };
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
      askSoon: () => {
        asked.count++;
      },
      clock: options.now ?? (() => new Date()),
      log,
      ...(options.fallbackMs === undefined ? {} : { unreachableFallbackMs: options.fallbackMs }),
    });
    return { push, tls, noise, live, log, asked };
  }

  const offerFor = (s?: NoisePushServer): NoisePushOffer => ({
    url: s?.url ?? 'ws://127.0.0.1:9/agent/v1/noise-push',
    ticket: s?.ticket ?? 'dGlja2V0',
    psk: s?.pskText ?? randomBytes(32).toString('base64url'),
    expiresAt: new Date(Date.now() + 30 * day).toISOString(),
  });
  const fake = (entry: { channel: PushChannel } | undefined): FakeChannel => entry?.channel as FakeChannel;

  it('opens no push connection before an offer came, then runs the Noise channel alone and asks no more', async () => {
    const { push, tls, noise, live, asked } = setUp();
    expect(push.wantsOffer()).toBe(false);
    await push.start();
    // The first check-in asks over HTTPS: no push connection can take it.
    expect(push.wantsOffer()).toBe(true);
    expect(await push.checkIn(request, Answer)).toBeUndefined();
    expect(tls.starts).toBe(0);
    // The owner checks in right after start anyway.
    expect(asked.count).toBe(0);

    await push.acceptOffer(offerFor(), 'AA');
    expect(noise).toHaveLength(1);
    expect(fake(noise[0]).running).toBe(true);
    expect(push.wantsOffer()).toBe(false);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await store.load())?.certificateSerial).toBe('AA');
    // Over Noise the request never asks, whatever it says.
    expect(await push.checkIn(request, Answer)).toEqual({ answer: { ok: true }, via: 'Noise push' });
    const { noisePush: _asked, ...withoutAsking } = request;
    expect(fake(noise[0]).requests).toEqual([withoutAsking]);
    expect(tls.starts).toBe(0);
    expect(live.max).toBe(1);

    push.stop();
    expect(live.count).toBe(0);
    expect(await push.checkIn(request, Answer)).toBeUndefined();
  });

  it.each(['not offered', 'check-in failed', 'unusable offer'] as const)('starts the TLS push connection when the asking check-in brings no offer (%s), keeps asking over it, and leaves it for Noise', async (why) => {
    const { push, tls, noise, live } = setUp();
    await push.start();
    expect(push.wantsOffer()).toBe(true);
    push.noOfferCame(why);
    expect(tls.running).toBe(true);
    expect(push.wantsOffer()).toBe(true);
    expect(await push.checkIn(request, Answer)).toEqual({ answer: { ok: true }, via: 'push' });
    expect(tls.requests).toEqual([request]);
    // Again: still the one connection.
    push.noOfferCame(why);
    expect(tls.starts).toBe(1);

    await push.acceptOffer(offerFor(), 'AA');
    expect(tls.running).toBe(false);
    expect(fake(noise[0]).running).toBe(true);
    expect(live.max).toBe(1);
  });

  it('starts the TLS push connection for an offer that is unusable as it comes (expiring within a day)', async () => {
    const { push, tls, noise } = setUp();
    await push.start();
    await push.acceptOffer({ ...offerFor(), expiresAt: new Date(Date.now() + day / 2).toISOString() }, 'AA');
    expect(noise).toHaveLength(0);
    expect(tls.running).toBe(true);
    expect(push.wantsOffer()).toBe(true);
  });

  it('starts with a usable stored offer; once the certificate changed, closes it and has a check-in ask soon, with no TLS connection', async () => {
    await store.save({ offer: offerFor(), certificateSerial: 'AA' });
    let serial = 'AA';
    const { push, tls, noise, asked } = setUp({ serial: () => serial });
    await push.start();
    expect(noise).toHaveLength(1);
    expect(push.wantsOffer()).toBe(false);
    serial = 'BB';
    push.refresh();
    expect(fake(noise[0]).running).toBe(false);
    expect(tls.starts).toBe(0);
    expect(asked.count).toBe(1);
    expect(push.wantsOffer()).toBe(true);
    expect(await push.checkIn(request, Answer)).toBeUndefined();
  });

  it('does not ask soon on a refresh that changes nothing', async () => {
    const { push, asked } = setUp();
    await push.start();
    push.noOfferCame('not offered');
    push.refresh();
    expect(asked.count).toBe(0);
  });

  it('ignores an offer stored under another certificate', async () => {
    await store.save({ offer: offerFor(), certificateSerial: 'OLD' });
    const { push, tls, noise } = setUp();
    await push.start();
    expect(tls.starts).toBe(0);
    expect(noise).toHaveLength(0);
    expect(push.wantsOffer()).toBe(true);
  });

  it('asks again, over HTTPS, once the offer expires within a day', async () => {
    const expiresAt = Date.now() + 2 * day;
    let now = Date.now();
    await store.save({ offer: { ...offerFor(), expiresAt: new Date(expiresAt).toISOString() }, certificateSerial: 'AA' });
    const { push, tls, noise } = setUp({ now: () => new Date(now) });
    await push.start();
    expect(push.wantsOffer()).toBe(false);
    now = expiresAt - day + 1;
    // The check-in about to ask must not go over Noise.
    expect(push.wantsOffer()).toBe(true);
    expect(fake(noise[0]).running).toBe(false);
    expect(tls.starts).toBe(0);
    expect(await push.checkIn(request, Answer)).toBeUndefined();
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
    expect(fake(noise[0]).running).toBe(false);
    expect(live.max).toBe(1);
  });

  it('drops the offer the server refuses at the upgrade, has a check-in ask soon, and opens TLS only if none comes', async () => {
    server = await NoisePushServer.start();
    server.refuseWith = 401;
    const { push, tls, noise, asked } = setUp({ real: server });
    await store.save({ offer: offerFor(server), certificateSerial: 'AA' });
    await push.start();
    expect(noise).toHaveLength(1);
    await waitUntil('the check-in asked for', () => asked.count === 1);
    expect(server.upgrades).toHaveLength(1);
    expect(tls.starts).toBe(0);
    expect(push.wantsOffer()).toBe(true);
    await waitUntil('the offer removed', () => !existsSync(file));
    // A new offer (the asking check-in's answer) is used.
    server.refuseWith = undefined;
    await push.acceptOffer(offerFor(server), 'AA');
    await waitUntil('the Noise channel', () => server?.open.length === 1);
    expect(tls.starts).toBe(0);

    // Refused again, and this time the server offers nothing: the TLS push connection stands in.
    server.refuseWith = 403;
    for (const peer of server.open) peer.ws.terminate();
    await waitUntil('the second check-in asked for', () => asked.count === 2);
    expect(tls.starts).toBe(0);
    push.noOfferCame('not offered');
    expect(tls.running).toBe(true);
  });

  it('after the Noise channel proved unreachable, asks before using the stored offer again, and goes to TLS for the window when unreachable again', async () => {
    server = await NoisePushServer.start();
    const now = new Date();
    const { push, tls, noise, asked, log } = setUp({ real: server, fallbackMs: 400, now: () => now });
    // A psk the server does not know: every handshake fails.
    await store.save({ offer: { ...offerFor(server), psk: randomBytes(32).toString('base64url') }, certificateSerial: 'AA' });
    await push.start();
    await waitUntil('the check-in asked for', () => asked.count === 1);
    expect(server.upgrades).toHaveLength(3);
    // Nothing runs: the check-in asks over HTTPS, and the stored offer waits for its answer.
    expect(tls.starts).toBe(0);
    expect(push.wantsOffer()).toBe(true);
    expect(await store.load()).toBeDefined();
    expect(noise).toHaveLength(1);
    // Offered again (a fresh ticket, same network): unreachable again, so TLS for the window, asking nothing.
    await push.acceptOffer({ ...offerFor(server), psk: randomBytes(32).toString('base64url') }, 'AA');
    expect(noise).toHaveLength(2);
    await waitUntil('the TLS fallback', () => tls.running);
    expect(server.upgrades).toHaveLength(6);
    expect(asked.count).toBe(1);
    expect(push.wantsOffer()).toBe(false);
    expect((noise[1]?.channel as NoisePushConnection).isOpen).toBe(false);
    expect(log.lines.some((l) => l.includes('unreachable again'))).toBe(true);
    // The network lets it through now: after the window, the Noise channel replaces TLS.
    server.psk = Buffer.from(noise[1]?.offer.psk ?? '', 'base64url');
    await waitUntil('the next Noise attempt', () => noise.length === 3);
    await waitUntil('the Noise channel', () => server?.open.length === 1);
    expect(tls.running).toBe(false);
  });

  it('after the Noise channel proved unreachable: a failed check-in starts TLS and keeps asking; an answer without an offer drops it', async () => {
    await store.save({ offer: offerFor(), certificateSerial: 'AA' });
    const { push, tls, noise, asked } = setUp();
    await push.start();
    noise[0]?.events.onUnreachable();
    expect(fake(noise[0]).running).toBe(false);
    expect(asked.count).toBe(1);
    expect(tls.starts).toBe(0);
    expect(push.wantsOffer()).toBe(true);

    push.noOfferCame('check-in failed');
    expect(tls.running).toBe(true);
    // The stored offer still waits for an answer: not used, still asked about.
    expect(push.wantsOffer()).toBe(true);
    expect(noise).toHaveLength(1);
    expect(await store.load()).toBeDefined();

    push.noOfferCame('not offered');
    expect(tls.running).toBe(true);
    expect(noise).toHaveLength(1);
    await waitUntil('the offer removed', () => !existsSync(file));
    expect(push.wantsOffer()).toBe(true);
  });

  it('asks again rather than holding off when the Noise channel proves unreachable long after the last ask', async () => {
    let now = Date.now();
    await store.save({ offer: offerFor(), certificateSerial: 'AA' });
    const { push, tls, noise, asked } = setUp({ now: () => new Date(now), fallbackMs: 60_000 });
    await push.start();
    noise[0]?.events.onUnreachable();
    await push.acceptOffer(offerFor(), 'AA');
    now += 60_000;
    noise[1]?.events.onUnreachable();
    expect(asked.count).toBe(2);
    expect(tls.starts).toBe(0);
    expect(push.wantsOffer()).toBe(true);
  });

  it('ignores events of a Noise channel it already closed', async () => {
    await store.save({ offer: offerFor(), certificateSerial: 'AA' });
    const { push, tls, noise, asked } = setUp();
    await push.start();
    await push.acceptOffer(offerFor(), 'AA');
    expect(noise).toHaveLength(2);
    noise[0]?.events.onRefused(401);
    noise[0]?.events.onUnreachable();
    expect(fake(noise[1]).running).toBe(true);
    expect(asked.count).toBe(0);
    expect(tls.starts).toBe(0);
  });

  it('opens no push connection when the stored offer cannot be read, and asks', async () => {
    const { push, tls } = setUp();
    await mkdir(file);
    await push.start();
    expect(tls.starts).toBe(0);
    expect(push.wantsOffer()).toBe(true);
  });
});
