import { fileURLToPath } from 'node:url';
import { WorkerProcess, type ForkWorkerOptions } from '../worker-process.js';
import type { AppleFleetEnrollment, AppleFleetOptions, AppleIdleReport } from './fleet-devices.js';
import type { AppleFleetWorkerCommand, AppleFleetWorkerEvent } from './fleet-messages.js';
import type { AppleFleetStats } from './fleet-stats.js';

/** The compiled Apple fleet worker (`dist/apple/fleet-worker.js` beside this module). */
export const appleFleetWorkerPath = fileURLToPath(new URL('./fleet-worker.js', import.meta.url));

/** Options of the worker process itself; the module is {@link appleFleetWorkerPath} unless given. */
export type ForkAppleFleetWorkerOptions = ForkWorkerOptions;

/**
 * An Apple fleet worker seen from the parent: typed commands out, events and the latest stats in.
 * Every wait has a timeout, and a worker that dies or reports a failure rejects whatever waits.
 */
export class AppleFleetWorker extends WorkerProcess<AppleFleetWorkerCommand, AppleFleetWorkerEvent, AppleFleetStats> {
  readonly #ready: Promise<unknown>;

  constructor(options: ForkAppleFleetWorkerOptions = {}) {
    super('Apple fleet worker', options.modulePath ?? appleFleetWorkerPath, options);
    // Listened for before any message can arrive (they come on a later turn of the event loop); a
    // worker that dies first rejects it.
    this.#ready = this.next('ready', 120_000);
    this.#ready.catch(() => undefined);
  }

  /** Resolves once the worker has loaded (forking and loading its modules is not the fleet's work, so a benchmark waits for it before timing). */
  async ready(): Promise<void> {
    await this.#ready;
  }

  /** Makes the worker's share of the fleet and enrolls it. */
  async enroll(options: AppleFleetOptions, timeoutMs: number): Promise<AppleFleetEnrollment> {
    const enrolled = this.next('enrolled', timeoutMs);
    this.send({ type: 'enroll', options });
    const { pushTokens, failures, seconds } = await enrolled;
    return { pushTokens, failures, seconds };
  }

  /** Hands the worker pushes for its devices (hex device tokens). */
  wake(tokens: readonly string[]): void {
    this.send({ type: 'wake', tokens });
  }

  /** A window of back-to-back Idle sessions on every device of the worker. */
  async idle(durationMs: number, timeoutMs: number): Promise<AppleIdleReport> {
    const done = this.next('idled', timeoutMs);
    this.send({ type: 'idle', durationMs });
    return (await done).report;
  }
}
