import { performance } from 'node:perf_hooks';
import { Agent } from 'undici';
import { Limiter } from '../limiter.js';
import type { SdkPrivateJwk } from './sdk-answers.js';
import { SdkFleetCounters, type SdkFleetStats } from './sdk-fleet-stats.js';
import { sdkKeyFromJwk, VirtualSdkApp, type SdkCheckInOutcome } from './virtual-sdk-app.js';

/** A share of virtual SDK apps: plain data, so it crosses a process boundary. */
export interface SdkFleetOptions {
  /** The server's base URL, `https://host:port`. */
  readonly server: string;
  /** Ward's root CA, PEM, trusted for TLS. */
  readonly caPem: string;
  /** The catalog identifier the registrations were made for. */
  readonly appId: string;
  /** The registration keys the apps sign with (a pool: registrations may share one). */
  readonly keys: readonly SdkPrivateJwk[];
  /** The registrations to take over: id, and the index of its key in `keys`. Their accepted sequence is 0. */
  readonly registrations: readonly (readonly [registrationId: string, key: number])[];
  /** The versions the apps apply at the start (what their registration answered). */
  readonly policyVersion: string | null;
  readonly configurationVersion: string | null;
  /**
   * Check-ins in flight at once from this share, which is also the size of its one keep-alive
   * connection pool: check-ins are signed, so apps share connections.
   */
  readonly concurrency: number;
  /** Launches each check-in reports; default 1. */
  readonly launchesPerCheckIn?: number;
  readonly timeoutMs?: number;
}

/** A window of back-to-back check-ins. */
export interface SdkSteadyReport {
  /** Check-ins answered 200 that started and ended within the window. */
  readonly checkIns: number;
  /** Failures that ended within the window. */
  readonly failures: number;
  readonly seconds: number;
  /** Latency of each counted check-in, milliseconds, as measured: the parent merges them. */
  readonly latenciesMs: readonly number[];
}

/** What paced check-ins did until they were halted. */
export interface SdkPaceReport {
  readonly checkIns: number;
  readonly failures: number;
}

/** One app's first answer that brought a policy version. */
export interface SdkPolicyPickup {
  /** Epoch milliseconds when the answer arrived. */
  readonly answeredAt: number;
  /** Epoch milliseconds when that check-in was sent. */
  readonly startedAt: number;
  /** When the app's check-in before it was sent (answered with the older version); null if none. */
  readonly previousStartedAt: number | null;
}

/** The pickups of one policy version among the apps of a share. */
export interface SdkPickupReport {
  readonly version: string;
  /** Apps that were checking in on schedule. */
  readonly paced: number;
  readonly pickups: readonly SdkPolicyPickup[];
}

/**
 * Many virtual SDK apps in one process, for load tests and `npm run bench -- mam`: they take over
 * registrations made elsewhere and sign their check-ins, sending them through one keep-alive pool
 * `concurrency` at a time, either back to back for a window ({@link steady}) or each on its own
 * schedule with jitter until halted ({@link pace}). Every answer that brings a new policy version
 * is recorded with its time, for {@link pickups}.
 */
export class SdkFleetApps {
  readonly #counters = new SdkFleetCounters();
  readonly #apps: readonly VirtualSdkApp[];
  readonly #dispatcher: Agent;
  readonly #limiter: Limiter;
  readonly #concurrency: number;
  /** Epoch ms of each app's last check-in sent (NaN: none yet). */
  readonly #lastStarted: Float64Array;
  readonly #pickups = new Map<string, SdkPolicyPickup[]>();
  readonly #busy = new Set<number>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #pacedRuns = new Set<Promise<void>>();
  #pacing: { readonly apps: number; readonly intervalMs: number; readonly jitter: number; checkIns: number; failures: number } | undefined;

  constructor(options: SdkFleetOptions) {
    this.#limiter = new Limiter(options.concurrency);
    this.#concurrency = options.concurrency;
    this.#dispatcher = new Agent({ connect: { ca: options.caPem }, connections: options.concurrency, keepAliveTimeout: 60_000 });
    const keys = options.keys.map(sdkKeyFromJwk);
    const server = new URL(options.server);
    this.#apps = options.registrations.map(([registrationId, keyIndex]) => {
      const privateKey = keys[keyIndex];
      if (privateKey === undefined) throw new Error(`registration ${registrationId} names key ${keyIndex}; the pool has ${keys.length}`);
      return new VirtualSdkApp({
        server,
        dispatcher: this.#dispatcher,
        appId: options.appId,
        privateKey,
        registration: { registrationId, sequence: 0, policyVersion: options.policyVersion, configurationVersion: options.configurationVersion },
        ...(options.launchesPerCheckIn === undefined ? {} : { launchesPerCheckIn: options.launchesPerCheckIn }),
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      });
    });
    this.#lastStarted = new Float64Array(this.#apps.length).fill(Number.NaN);
    this.#counters.apps = this.#apps.length;
    for (let i = 0; i < this.#apps.length; i++) this.#counters.movePolicyVersion(undefined, options.policyVersion);
  }

  /**
   * Check-ins back to back for `warmupMs` then `durationMs`, `concurrency` at once, the apps in
   * turn (an app never has two on the wire: its sequence is one counter). Counts and times the
   * check-ins that started after the warm-up and ended within the window.
   */
  async steady(durationMs: number, warmupMs: number): Promise<SdkSteadyReport> {
    if (this.#apps.length === 0) return { checkIns: 0, failures: 0, seconds: durationMs / 1000, latenciesMs: [] };
    const from = performance.now() + warmupMs;
    const until = from + durationMs;
    const latencies: number[] = [];
    let failures = 0;
    let next = 0;
    const loop = async (): Promise<void> => {
      while (performance.now() < until) {
        let index = next++ % this.#apps.length;
        // Fewer apps than slots: wait for one to come back rather than sign a second check-in for it.
        while (this.#busy.has(index)) {
          await new Promise((resolve) => setImmediate(resolve));
          if (performance.now() >= until) return;
          index = next++ % this.#apps.length;
        }
        const started = performance.now();
        const outcome = await this.#checkIn(index);
        const ended = performance.now();
        if (started < from || ended > until) continue;
        if (outcome?.ok === true) latencies.push(ended - started);
        else failures += 1;
      }
    };
    const slots = Math.min(this.#concurrency, this.#apps.length);
    await Promise.all(Array.from({ length: slots }, loop));
    return { checkIns: latencies.length, failures, seconds: durationMs / 1000, latenciesMs: latencies };
  }

  /**
   * The first `apps` apps of the share check in on their own schedule until {@link halt}: the
   * first at a uniformly random moment within `intervalMs` (so the share is spread over the
   * interval), each next one `intervalMs` × (1 ± `jitter`, uniformly) after the previous answer,
   * as the SDK waits its interval after each exchange; at most `concurrency` on the wire.
   */
  pace(apps: number, intervalMs: number, jitter: number): void {
    if (this.#pacing !== undefined) throw new Error('the share is paced already');
    if (!(intervalMs > 0) || !(jitter >= 0 && jitter < 1)) throw new Error('pace needs an interval above 0 and a jitter in [0, 1)');
    const count = Math.min(apps, this.#apps.length);
    this.#pacing = { apps: count, intervalMs, jitter, checkIns: 0, failures: 0 };
    for (let i = 0; i < count; i++) this.#schedule(i, Math.random() * intervalMs);
  }

  /** Ends paced check-ins: no new one starts, the ones under way finish. */
  async halt(): Promise<SdkPaceReport> {
    const pacing = this.#pacing;
    if (pacing === undefined) return { checkIns: 0, failures: 0 };
    this.#pacing = undefined;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    await Promise.allSettled([...this.#pacedRuns]);
    return { checkIns: pacing.checkIns, failures: pacing.failures };
  }

  /** The apps' first answers that brought `version`, with their times. */
  pickups(version: string): SdkPickupReport {
    return { version, paced: this.#pacing?.apps ?? 0, pickups: [...(this.#pickups.get(version) ?? [])] };
  }

  stats(): SdkFleetStats {
    return this.#counters.snapshot();
  }

  /** Halts pacing, waits for check-ins under way (bounded by the request timeout), closes the pool. */
  async close(): Promise<void> {
    await this.halt();
    await this.#dispatcher.close();
  }

  #schedule(index: number, delayMs: number): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      const run = this.#pacedCheckIn(index);
      this.#pacedRuns.add(run);
      void run.finally(() => this.#pacedRuns.delete(run));
    }, delayMs);
    this.#timers.add(timer);
  }

  async #pacedCheckIn(index: number): Promise<void> {
    const outcome = await this.#limiter.run(() => this.#checkIn(index));
    const pacing = this.#pacing;
    if (pacing === undefined) return;
    if (outcome?.ok === true) pacing.checkIns += 1;
    else pacing.failures += 1;
    const { intervalMs, jitter } = pacing;
    this.#schedule(index, intervalMs * (1 - jitter + 2 * jitter * Math.random()));
  }

  /** One check-in of app `index`, counted; undefined when it got no answer. */
  async #checkIn(index: number): Promise<SdkCheckInOutcome | undefined> {
    const app = this.#apps[index];
    if (app === undefined) throw new Error(`no app ${index}`);
    this.#busy.add(index);
    this.#counters.inFlight += 1;
    const before = app.policyVersion;
    const startedAt = Date.now();
    const previousStartedAt = this.#lastStarted[index] ?? Number.NaN;
    this.#lastStarted[index] = startedAt;
    try {
      const outcome = await app.checkIn();
      if (outcome.ok) {
        this.#counters.checkIns += 1;
        if (outcome.policyChanged && app.policyVersion !== null) {
          this.#counters.movePolicyVersion(before, app.policyVersion);
          const list = this.#pickups.get(app.policyVersion) ?? [];
          list.push({ answeredAt: Date.now(), startedAt, previousStartedAt: Number.isNaN(previousStartedAt) ? null : previousStartedAt });
          this.#pickups.set(app.policyVersion, list);
        }
      } else {
        this.#counters.countFailure(outcome.code);
        this.#counters.lastError = `${outcome.status} ${outcome.code}`;
      }
      return outcome;
    } catch (error) {
      this.#counters.countFailure('TRANSPORT');
      this.#counters.noteError(error);
      return undefined;
    } finally {
      this.#counters.inFlight -= 1;
      this.#busy.delete(index);
    }
  }
}
