import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FleetCounters, Limiter, VirtualFleet, type FleetStats, type PushChannelKind, type VirtualAgent } from '../src/index.js';
import { FakeWard } from './support/fake-ward.js';

let ward: FakeWard;
let fleet: VirtualFleet | undefined;

beforeEach(async () => {
  ward = await FakeWard.start();
});

afterEach(async () => {
  await fleet?.stop();
  fleet = undefined;
  await ward.close();
});

/** One virtual agent against the fake server, started. */
function startAgent(pushChannel: PushChannelKind = 'noise', counters = new FleetCounters()): VirtualAgent {
  fleet = new VirtualFleet([ward.identity()], {
    server: new URL(ward.url),
    caPem: ward.caPem,
    checkIns: new Limiter(2),
    connects: new Limiter(2),
    counters,
    pace: { steadyUntil: 0, steadyCheckIns: 0 },
    // Short backoffs; the schedule (an hour) never comes during a test.
    random: () => 0.01,
    requestTimeoutMs: 5_000,
    checkInOverPush: true,
    pushChannel,
  });
  fleet.start();
  const [agent] = fleet.agents;
  if (agent === undefined) throw new Error('no agent');
  return agent;
}

async function until(predicate: (stats: FleetStats) => boolean, what: string): Promise<FleetStats> {
  if (fleet === undefined) throw new Error('no fleet');
  return fleet.until(predicate, 10_000, what);
}

async function settled(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not reached: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Each check-in's transport and what it asked for the offer. */
function checkInsSeen(): [string, unknown][] {
  return ward.checkIns.map((checkIn) => [checkIn.transport, checkIn.request.noisePush]);
}

describe('a virtual agent on the Noise push channel', () => {
  it('asks for the offer on its first check-in over HTTPS and opens the Noise channel directly, never a TLS push socket', async () => {
    const counters = new FleetCounters();
    // The Noise gauge each time the agent stops being busy: the handshake must be part of the busy spell.
    const noiseOpenWhenIdle: number[] = [];
    let busy = 0;
    Object.defineProperty(counters, 'busy', {
      get: () => busy,
      set: (value: number) => {
        busy = value;
        if (value === 0) noiseOpenWhenIdle.push(counters.pushNoiseOpen);
      },
    });
    const agent = startAgent('noise', counters);
    const stats = await until((s) => s.pushNoiseOpen === 1 && s.busy === 0, 'the Noise channel open');
    expect(noiseOpenWhenIdle).toEqual([1]);
    expect(ward.checkIns).toEqual([expect.objectContaining({ transport: 'https', request: expect.objectContaining({ noisePush: 'wanted' }) })]);
    expect(ward.tlsPushConnections).toBe(0);
    expect(ward.noise.firstFrameSizes).toEqual([48]);
    expect(ward.noise.open).toHaveLength(1);
    expect(agent.pushChannel).toBe('noise');
    expect(agent.connected).toBe(true);
    expect(stats).toMatchObject({ pushOpen: 1, pushNoiseOpen: 1, pushOpened: 1, pushNoiseOpened: 1, noiseOffers: 1, pushFailures: 0, pushNoiseFailures: 0, checkIns: 1, checkInsOverPush: 0, checkInsOverNoise: 0 });
  });

  it('checks in over the Noise channel on a wake-up, without asking for an offer there', async () => {
    startAgent();
    await until((s) => s.pushNoiseOpen === 1 && s.busy === 0, 'the Noise channel open');
    ward.wakeOverNoise();
    const stats = await until((s) => s.checkInsOverNoise === 1 && s.busy === 0, 'the woken check-in');
    expect(stats).toMatchObject({ wakes: 1, checkIns: 2, checkInsOverPush: 1, checkInsOverNoise: 1, checkInFailures: 0 });
    const last = ward.checkIns.at(-1);
    expect(last?.transport).toBe('noise');
    expect(last?.request).not.toHaveProperty('noisePush');
  });

  it('reassembles an answer of several fragments and delivers the result over the channel', async () => {
    startAgent();
    await until((s) => s.pushNoiseOpen === 1 && s.busy === 0, 'the Noise channel open');
    ward.commands.push(ward.signedScript('command-big', 'echo x # '.padEnd(200_000, 'y')));
    ward.wakeOverNoise();
    const stats = await until((s) => (s.acknowledged.runScript?.succeeded ?? 0) === 1 && s.busy === 0, 'the result acknowledged');
    expect(stats).toMatchObject({ commandsReceived: 1, commandsRefused: 0, checkInFailures: 0, pushNoiseFailures: 0 });
    const overNoise = ward.checkIns.filter((checkIn) => checkIn.transport === 'noise');
    expect(overNoise[0]?.answerFrames).toBeGreaterThanOrEqual(4);
    expect(overNoise[1]?.request.results).toEqual([expect.objectContaining({ commandId: 'command-big', status: 'succeeded' })]);
    expect(stats.checkInsOverNoise).toBe(overNoise.length);
  });

  it('opens the TLS push socket when the server offers no Noise channel, asks again there, and moves once offered', async () => {
    ward.offerNoise = false;
    const agent = startAgent();
    await until((s) => s.pushOpen === 1 && s.checkIns === 1 && s.busy === 0, 'connected and checked in');
    expect(ward.tlsPushConnections).toBe(1);
    ward.wakeOverTls();
    const stats = await until((s) => s.checkIns === 2 && s.busy === 0, 'the woken check-in');
    expect(stats).toMatchObject({ pushOpen: 1, pushNoiseOpen: 0, noiseOffers: 0, checkInsOverPush: 1, checkInsOverNoise: 0, pushNoiseFailures: 0 });
    expect(agent.pushChannel).toBe('tls');
    expect(ward.tlsPushSockets.size).toBe(1);
    // It keeps asking, in case the server turns the channel on.
    expect(checkInsSeen()).toEqual([['https', 'wanted'], ['tls-push', 'wanted']]);

    ward.offerNoise = true;
    ward.wakeOverTls();
    await until((s) => s.pushNoiseOpen === 1 && s.busy === 0, 'the Noise channel open');
    await settled(() => ward.tlsPushSockets.size === 0, 'the TLS push socket closed');
    expect(agent.pushChannel).toBe('noise');
    expect(ward.tlsPushConnections).toBe(1);
    expect(fleet?.stats()).toMatchObject({ pushOpen: 1, pushOpened: 2, pushNoiseOpened: 1 });
  });

  it("never asks with pushChannel 'tls', and checks in over the TLS push socket from the first", async () => {
    startAgent('tls');
    await until((s) => s.pushOpen === 1 && s.checkIns === 1 && s.busy === 0, 'connected and checked in');
    ward.wakeOverTls();
    const stats = await until((s) => s.checkIns === 2 && s.busy === 0, 'the woken check-in');
    expect(stats).toMatchObject({ pushNoiseOpen: 0, noiseOffers: 0, pushNoiseOpened: 0, checkInsOverPush: 2 });
    expect(checkInsSeen()).toEqual([['tls-push', undefined], ['tls-push', undefined]]);
  });

  it('opens the TLS push socket when the first upgrade is refused (401), reports it, and asks again at its next check-in', async () => {
    ward.noise.refusal = { status: 401, body: JSON.stringify({ error: { code: 'NOISE_TICKET_INVALID', message: 'unknown ticket' } }) };
    const agent = startAgent();
    const stats = await until((s) => s.pushNoiseFailures === 1 && s.pushOpen === 1 && s.busy === 0, 'the refusal counted and the TLS socket open');
    expect(stats).toMatchObject({ pushNoiseOpen: 0, pushFailures: 1, noiseOffers: 1, checkInFailures: 0 });
    expect(stats.lastError).toContain('401 NOISE_TICKET_INVALID');
    expect(ward.noise.connections).toHaveLength(0);
    expect(agent.pushChannel).toBe('tls');
    expect(ward.tlsPushSockets.size).toBe(1);

    // The refused offer was dropped: the next check-in (over the TLS socket) asks again, and the
    // agent moves once the server takes the ticket.
    ward.noise.refusal = undefined;
    ward.wakeOverTls();
    await until((s) => s.pushNoiseOpen === 1 && s.busy === 0, 'the Noise channel open');
    expect(checkInsSeen()).toEqual([['https', 'wanted'], ['tls-push', 'wanted']]);
    await settled(() => ward.tlsPushSockets.size === 0, 'the TLS push socket closed');
  });

  it('reopens a Noise channel the server dropped, and counts one broken by a protocol error', async () => {
    startAgent();
    await until((s) => s.pushNoiseOpen === 1 && s.busy === 0, 'the Noise channel open');
    ward.noise.open[0]?.socket.close(1001);
    await until((s) => s.pushNoiseOpened === 2 && s.pushNoiseOpen === 1, 'reopened after a plain close');
    ward.noise.open[0]?.socket.send('{"type":"wake"}');
    const stats = await until((s) => s.pushNoiseOpened === 3 && s.pushNoiseOpen === 1, 'reopened after a text frame');
    expect(stats).toMatchObject({ pushNoiseFailures: 1, pushOpen: 1, wakes: 0, noiseOffers: 1 });
    expect(stats.lastError).toContain('text frame');
    // The ticket and key never reach the report.
    for (const connection of ward.noise.connections) expect(stats.lastError).not.toContain(connection.ticket);
    expect(ward.tlsPushConnections).toBe(0);
  });

  it('asks for a new offer over HTTPS when its ticket is refused on a reconnect, and reopens Noise without a TLS push socket', async () => {
    const agent = startAgent();
    await until((s) => s.pushNoiseOpen === 1 && s.busy === 0, 'the Noise channel open');
    ward.noise.forgetTickets();
    ward.noise.open[0]?.socket.close(1001);
    const stats = await until((s) => s.pushNoiseOpened === 2 && s.pushNoiseOpen === 1 && s.busy === 0, 'the Noise channel open again');
    expect(stats).toMatchObject({ noiseOffers: 2, pushNoiseFailures: 1, pushOpen: 1, checkInFailures: 0 });
    expect(stats.lastError).toContain('401 NOISE_TICKET_INVALID');
    expect(checkInsSeen()).toEqual([['https', 'wanted'], ['https', 'wanted']]);
    expect(ward.tlsPushConnections).toBe(0);
    expect(agent.pushChannel).toBe('noise');
  });

  it('goes to the TLS push socket when the new offer it asked for over HTTPS is refused too, and asks again there', async () => {
    const agent = startAgent();
    await until((s) => s.pushNoiseOpen === 1 && s.busy === 0, 'the Noise channel open');
    ward.noise.refusal = { status: 401, body: JSON.stringify({ error: { code: 'DEVICE_CERTIFICATE_REVOKED', message: 'revoked' } }) };
    ward.noise.open[0]?.socket.close(1001);
    // Refused on the reconnect, then again with the offer the HTTPS check-in brought.
    const stats = await until((s) => s.pushNoiseFailures === 2 && s.pushOpen === 1 && s.pushNoiseOpen === 0 && s.busy === 0, 'back on TLS');
    expect(stats).toMatchObject({ noiseOffers: 2, checkInFailures: 0 });
    expect(stats.lastError).toContain('DEVICE_CERTIFICATE_REVOKED');
    expect(checkInsSeen()).toEqual([['https', 'wanted'], ['https', 'wanted']]);
    expect(agent.pushChannel).toBe('tls');
    await settled(() => ward.tlsPushSockets.size === 1, 'the TLS push socket open');

    ward.noise.refusal = undefined;
    ward.wakeOverTls();
    await until((s) => s.noiseOffers === 3 && s.pushNoiseOpen === 1 && s.busy === 0, 'moved again');
    expect(ward.checkIns.at(-1)).toMatchObject({ transport: 'tls-push', request: expect.objectContaining({ noisePush: 'wanted' }) });
    expect(agent.pushChannel).toBe('noise');
    expect(ward.tlsPushConnections).toBe(1);
  });

  it('asks over HTTPS after three failed reconnects in a row, and takes the TLS push socket when Noise still fails', async () => {
    const agent = startAgent();
    await until((s) => s.pushNoiseOpen === 1 && s.busy === 0, 'the Noise channel open');
    // Every later handshake is answered with a text frame: a protocol failure, not a refusal.
    ward.noise.handshakeAnswer = () => 'not a handshake';
    ward.noise.open[0]?.socket.close(1001);
    const stats = await until((s) => s.pushNoiseFailures === 4 && s.pushOpen === 1 && s.busy === 0, 'back on TLS');
    expect(stats).toMatchObject({ pushNoiseOpen: 0, noiseOffers: 2, pushNoiseOpened: 1, checkInFailures: 0 });
    expect(checkInsSeen()).toEqual([['https', 'wanted'], ['https', 'wanted']]);
    expect(agent.pushChannel).toBe('tls');
    expect(ward.tlsPushConnections).toBe(1);
  });

  it('asks again over HTTPS after a restart, the offer being kept in memory only', async () => {
    const agent = startAgent();
    await until((s) => s.pushNoiseOpen === 1 && s.busy === 0, 'the Noise channel open');
    await agent.stop();
    await until((s) => s.pushOpen === 0 && s.pushNoiseOpen === 0, 'every channel closed');
    agent.start();
    await until((s) => s.pushNoiseOpened === 2 && s.pushNoiseOpen === 1 && s.busy === 0, 'the Noise channel open again');
    expect(checkInsSeen()).toEqual([['https', 'wanted'], ['https', 'wanted']]);
    expect(ward.tlsPushConnections).toBe(0);
  });
});
