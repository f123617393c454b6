import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent } from 'undici';
import { certificateFingerprint, enrollVirtualDevice } from './enroll.js';
import { FleetCounters, type FleetStats } from './fleet-stats.js';
import { readIdentityCache, writeIdentityCache } from './identity-cache.js';
import { Limiter } from './limiter.js';
import { backoffDelay } from './timing.js';
import { VirtualAgent, type FleetPace, type PushChannelKind, type VirtualAgentContext, type VirtualIdentity } from './virtual-agent.js';

/** What a fleet of virtual agents in this process is and how hard it may push. */
export interface VirtualFleetOptions {
  /** The server's base URL, `https://host:port`. */
  readonly server: string;
  /** A multi-use enrollment token's text. */
  readonly enrollmentToken: string;
  readonly count: number;
  /** The server's root CA, PEM: pinned before enrolling, as `ward-agent enroll --ca-fingerprint` pins it. */
  readonly caPem: string;
  /** The index of this process's first device in the whole fleet (devices are numbered across processes). */
  readonly firstIndex?: number;
  /** Hardware ids are `<prefix>-<index>`; one prefix per fleet, so two runs never replace each other's devices. */
  readonly hardwareIdPrefix?: string;
  /** Start the agents (push socket and first check-in) once enrolled; true by default. */
  readonly start?: boolean;
  /** Check-in connections this process holds at most; 32 by default. */
  readonly maxConcurrentCheckIns?: number;
  /** Push handshakes in progress at most; 64 by default. */
  readonly maxConcurrentConnects?: number;
  /** Enrollments in flight at most (one pooled connection each); 16 by default. */
  readonly maxConcurrentEnrollments?: number;
  /** Timeout of every request and handshake; 30 s by default. */
  readonly requestTimeoutMs?: number;
  /** Check in over the push socket while it is open, as the real agent does; true by default. False: always over HTTPS. */
  readonly checkInOverPush?: boolean;
  /**
   * The push channel the agents keep: 'noise' (the default) asks for the Noise push offer over HTTPS
   * first and opens that channel when the server makes one, the TLS socket otherwise; 'tls' never asks.
   */
  readonly pushChannel?: PushChannelKind;
  /** Keep identities here and reuse them when the same server (root) runs again. */
  readonly identityCacheFile?: string;
  readonly random?: () => number;
  /** Called as enrollments complete, with the number enrolled so far. */
  readonly onEnrolled?: (enrolled: number) => void;
}

/** What a steady-state run measured. */
export interface SteadyReport {
  /** Check-ins answered inside the measured window. */
  readonly checkIns: number;
  readonly failures: number;
  /** The measured window (after the warm-up), in seconds. */
  readonly seconds: number;
  /** Agents still checking in when the drain wait gave up (0 normally). */
  readonly undrained: number;
}

// An enrollment is retried this many times (with backoff) before the fleet gives up.
const enrollAttempts = 3;
// The keepalive round of every push channel, as the real agent pings its socket every minute.
const pingEveryMs = 60_000;

/**
 * The virtual agents of one process. They share what a real fleet would not, only where it makes
 * no difference to the server: a connection limit per kind of traffic, the parsed signing key, the
 * compiled protocol schemas, the keepalive timer.
 */
export class VirtualFleet {
  readonly agents: readonly VirtualAgent[];
  readonly #counters: FleetCounters;
  readonly #pace: FleetPace;
  #pingTimer: NodeJS.Timeout | undefined;

  constructor(identities: readonly VirtualIdentity[], context: VirtualAgentContext) {
    this.#counters = context.counters;
    this.#pace = context.pace;
    this.agents = identities.map((identity) => new VirtualAgent(identity, context));
    this.#counters.agents = this.agents.length;
  }

  /** The device ids, in fleet order. */
  get deviceIds(): string[] {
    return this.agents.map((agent) => agent.identity.deviceId);
  }

  /** What the fleet did so far. */
  stats(): FleetStats {
    return this.#counters.snapshot();
  }

  /** Starts every agent: push socket, then a first check-in with the full report. */
  start(): void {
    if (this.#pingTimer === undefined) {
      this.#pingTimer = setInterval(() => {
        for (const agent of this.agents) agent.ping();
      }, pingEveryMs);
      this.#pingTimer.unref();
    }
    for (const agent of this.agents) agent.start();
  }

  /** Waits, polling every 20 ms, until `predicate` holds; rejects after `timeoutMs` naming `what`. */
  async until(predicate: (stats: FleetStats) => boolean, timeoutMs: number, what: string): Promise<FleetStats> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const stats = this.stats();
      if (predicate(stats)) return stats;
      if (Date.now() > deadline) throw new Error(`virtual fleet: ${what} not reached within ${timeoutMs} ms (${JSON.stringify({ ...stats, acknowledged: undefined })})`);
      await sleep(20);
    }
  }

  /**
   * Every agent checks in back to back, as fast as the connection limit allows, for `warmupMs`
   * unmeasured and then `durationMs` measured; then they return to their schedule and the run
   * waits (at most `drainMs`) for the check-ins in flight; those still waiting for a slot skip.
   */
  async steady(durationMs: number, warmupMs = 2_000, drainMs = 60_000): Promise<SteadyReport> {
    const failuresBefore = this.#counters.checkInFailures;
    this.#pace.steadyUntil = Date.now() + warmupMs + durationMs;
    for (const agent of this.agents) agent.triggerSteady();
    await sleep(warmupMs);
    const from = this.#pace.steadyCheckIns;
    const started = Date.now();
    await sleep(Math.max(0, this.#pace.steadyUntil - started));
    const seconds = (Date.now() - started) / 1000;
    const checkIns = this.#pace.steadyCheckIns - from;
    const drained = await this.until((stats) => stats.busy === 0, drainMs, 'the end of the steady-state run').then(
      () => 0,
      () => this.#counters.busy,
    );
    return { checkIns, failures: this.#counters.checkInFailures - failuresBefore, seconds, undrained: drained };
  }

  /** Stops every agent and closes every connection. */
  async stop(): Promise<void> {
    clearInterval(this.#pingTimer);
    this.#pace.steadyUntil = 0;
    await Promise.all(this.agents.map((agent) => agent.stop()));
  }
}

/**
 * Enrolls `count` virtual devices with the token (or takes them from the identity cache), then
 * starts them unless told not to: N virtual agents in this process against one server.
 *
 * @throws Error when a device cannot be enrolled after retries.
 */
export async function runVirtualAgents(options: VirtualFleetOptions): Promise<VirtualFleet> {
  const server = new URL(options.server);
  if (server.protocol !== 'https:') throw new Error(`the server URL must be https, got ${options.server}`);
  if (!Number.isInteger(options.count) || options.count < 0) throw new Error(`count must be a whole number, got ${options.count}`);
  const random = options.random ?? Math.random;
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const firstIndex = options.firstIndex ?? 0;
  const prefix = options.hardwareIdPrefix ?? `sim-${randomBytes(4).toString('hex')}`;
  // The protocol's hardware id: 8 to 128 of these characters; `<prefix>-0` must be one.
  if (!/^[A-Za-z0-9._:-]{6,100}$/.test(prefix)) throw new Error(`hardwareIdPrefix must be 6 to 100 letters, digits or . _ : -, got ${JSON.stringify(prefix)}`);
  const rootFingerprint = certificateFingerprint(options.caPem);
  const counters = new FleetCounters();
  const cached = options.identityCacheFile === undefined ? new Map<number, VirtualIdentity>() : readIdentityCache(options.identityCacheFile, rootFingerprint);

  const maxEnrollments = options.maxConcurrentEnrollments ?? 16;
  const dispatcher = new Agent({ connect: { ca: options.caPem, timeout: requestTimeoutMs }, connections: maxEnrollments, pipelining: 1 });
  const enrollments = new Limiter(maxEnrollments);
  const identities: VirtualIdentity[] = [];
  try {
    await Promise.all(
      Array.from({ length: options.count }, (_, offset) => firstIndex + offset).map((index) =>
        enrollments.run(async () => {
          const known = cached.get(index);
          if (known !== undefined && known.hardwareId === `${prefix}-${index}`) {
            // Its run before sent the full report (the cache is only written after enrolling, so
            // this trusts that run got that far; a missed report only leaves facts unset).
            identities.push({ ...known, reported: true });
            counters.reused++;
          } else {
            identities.push(await enrollWithRetries(index));
          }
          counters.enrolled++;
          options.onEnrolled?.(counters.enrolled);
        }),
      ),
    );
  } finally {
    await dispatcher.close();
  }
  identities.sort((a, b) => a.index - b.index);
  if (options.identityCacheFile !== undefined) writeIdentityCache(options.identityCacheFile, rootFingerprint, identities);

  const context: VirtualAgentContext = {
    server,
    caPem: options.caPem,
    checkIns: new Limiter(options.maxConcurrentCheckIns ?? 32),
    connects: new Limiter(options.maxConcurrentConnects ?? 64),
    counters,
    pace: { steadyUntil: 0, steadyCheckIns: 0 },
    random,
    requestTimeoutMs,
    checkInOverPush: options.checkInOverPush ?? true,
    pushChannel: options.pushChannel ?? 'noise',
  };
  const fleet = new VirtualFleet(identities, context);
  if (options.start !== false) fleet.start();
  return fleet;

  async function enrollWithRetries(index: number): Promise<VirtualIdentity> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await enrollVirtualDevice({ server, dispatcher, enrollmentToken: options.enrollmentToken, index, hardwareId: `${prefix}-${index}`, pinnedRootFingerprint: rootFingerprint, timeoutMs: requestTimeoutMs });
      } catch (error) {
        counters.enrollFailures++;
        counters.fail(`enroll ${index}: ${(error as Error).message}`);
        if (attempt + 1 >= enrollAttempts) throw error;
        await sleep(backoffDelay(attempt, random));
      }
    }
  }
}
