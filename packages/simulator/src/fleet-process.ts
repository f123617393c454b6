import { fileURLToPath } from 'node:url';
import type { FleetWorkerCommand, FleetWorkerEvent, FleetWorkerOptions } from './fleet-messages.js';
import type { FleetStats } from './fleet-stats.js';
import type { SteadyReport } from './virtual-fleet.js';
import { WorkerProcess, type ForkWorkerOptions } from './worker-process.js';

/** The compiled worker entry (`dist/fleet-worker.js` beside this module). */
export const fleetWorkerPath = fileURLToPath(new URL('./fleet-worker.js', import.meta.url));

/** Options of the worker process itself; the module is {@link fleetWorkerPath} unless given. */
export type ForkFleetWorkerOptions = ForkWorkerOptions;

/**
 * A fleet worker seen from the parent: typed commands out, events and the latest stats in. Every
 * wait has a timeout, and a worker that dies or reports a failure rejects whatever is waiting.
 */
export class FleetWorker extends WorkerProcess<FleetWorkerCommand, FleetWorkerEvent, FleetStats> {
  constructor(options: ForkFleetWorkerOptions = {}) {
    super('fleet worker', options.modulePath ?? fleetWorkerPath, options);
  }

  /** Enrolls the worker's share of the fleet; resolves with its device ids. */
  async enroll(options: FleetWorkerOptions, timeoutMs: number): Promise<Extract<FleetWorkerEvent, { type: 'enrolled' }>> {
    const enrolled = this.next('enrolled', timeoutMs);
    this.send({ type: 'enroll', options });
    return enrolled;
  }

  /** Starts the worker's agents (push socket, first check-in). */
  start(): void {
    this.send({ type: 'start' });
  }

  /** A steady-state run of the worker's agents. */
  async steady(durationMs: number, warmupMs: number, timeoutMs: number): Promise<SteadyReport> {
    const done = this.next('steady', timeoutMs);
    this.send({ type: 'steady', durationMs, warmupMs });
    return (await done).report;
  }
}
