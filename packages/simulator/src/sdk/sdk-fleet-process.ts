import { fileURLToPath } from 'node:url';
import { WorkerProcess, type ForkWorkerOptions } from '../worker-process.js';
import type { SdkFleetOptions, SdkPaceReport, SdkPickupReport, SdkSteadyReport } from './sdk-fleet-apps.js';
import type { SdkFleetWorkerCommand, SdkFleetWorkerEvent } from './sdk-fleet-messages.js';
import type { SdkFleetStats } from './sdk-fleet-stats.js';

/** The compiled SDK fleet worker (`dist/sdk/sdk-fleet-worker.js` beside this module). */
export const sdkFleetWorkerPath = fileURLToPath(new URL('./sdk-fleet-worker.js', import.meta.url));

/** Options of the worker process itself; the module is {@link sdkFleetWorkerPath} unless given. */
export type ForkSdkFleetWorkerOptions = ForkWorkerOptions;

/**
 * A process of virtual SDK apps seen from the parent: typed commands out, events and the latest
 * stats in. Every wait has a timeout, and a worker that dies or reports a failure rejects whatever
 * waits.
 */
export class SdkFleetWorker extends WorkerProcess<SdkFleetWorkerCommand, SdkFleetWorkerEvent, SdkFleetStats> {
  readonly #ready: Promise<unknown>;

  constructor(options: ForkSdkFleetWorkerOptions = {}) {
    super('SDK fleet worker', options.modulePath ?? sdkFleetWorkerPath, options);
    // Listened for before any message can arrive; a worker that dies first rejects it.
    this.#ready = this.next('ready', 120_000);
    this.#ready.catch(() => undefined);
  }

  /** Resolves once the worker has loaded its modules (not the apps' work, so a benchmark waits for it before timing). */
  async ready(): Promise<void> {
    await this.#ready;
  }

  /** Hands the worker its share of registrations; resolves with how many apps it holds. */
  async load(options: SdkFleetOptions, timeoutMs: number): Promise<number> {
    const loaded = this.next('loaded', timeoutMs);
    this.send({ type: 'load', options });
    return (await loaded).apps;
  }

  /** A window of back-to-back check-ins over the worker's apps. */
  async steady(durationMs: number, warmupMs: number, timeoutMs: number): Promise<SdkSteadyReport> {
    const done = this.next('steadied', timeoutMs);
    this.send({ type: 'steady', durationMs, warmupMs });
    return (await done).report;
  }

  /** Starts scheduled check-ins of the worker's first `apps` apps (see `SdkFleetApps.pace`). */
  async pace(apps: number, intervalMs: number, jitter: number, timeoutMs: number): Promise<void> {
    const started = this.next('pacing', timeoutMs);
    this.send({ type: 'pace', apps, intervalMs, jitter });
    await started;
  }

  /** Ends scheduled check-ins once those under way finished. */
  async halt(timeoutMs: number): Promise<SdkPaceReport> {
    const halted = this.next('halted', timeoutMs);
    this.send({ type: 'halt' });
    return (await halted).report;
  }

  /** When each of the worker's apps first applied policy `version`. */
  async pickups(version: string, timeoutMs: number): Promise<SdkPickupReport> {
    const report = this.next('pickups', timeoutMs);
    this.send({ type: 'pickups', version });
    return (await report).report;
  }
}
