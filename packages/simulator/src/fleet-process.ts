import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FleetWorkerCommand, FleetWorkerEvent, FleetWorkerOptions } from './fleet-messages.js';
import type { FleetStats } from './fleet-stats.js';
import type { SteadyReport } from './virtual-fleet.js';

/** The compiled worker entry (`dist/fleet-worker.js` beside this module). */
export const fleetWorkerPath = fileURLToPath(new URL('./fleet-worker.js', import.meta.url));

/** Options of the worker process itself. */
export interface ForkFleetWorkerOptions {
  /** Node flags of the worker, e.g. `--max-old-space-size`. */
  readonly execArgv?: readonly string[];
  /** The worker module; {@link fleetWorkerPath} unless given (tests that run from sources pass the compiled one). */
  readonly modulePath?: string;
}

type EventOf<T extends FleetWorkerEvent['type']> = Extract<FleetWorkerEvent, { type: T }>;

/**
 * A fleet worker seen from the parent: typed commands out, events and the latest stats in. Every
 * wait has a timeout, and a worker that dies or reports a failure rejects whatever is waiting.
 */
export class FleetWorker {
  readonly child: ChildProcess;
  #stats: FleetStats | undefined;
  #failure: Error | undefined;
  readonly #waiters = new Set<{ readonly type: FleetWorkerEvent['type']; readonly resolve: (event: FleetWorkerEvent) => void; readonly reject: (error: Error) => void }>();
  readonly #exited: Promise<void>;

  constructor(options: ForkFleetWorkerOptions = {}) {
    this.child = fork(options.modulePath ?? fleetWorkerPath, [], { execArgv: [...(options.execArgv ?? [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (message: FleetWorkerEvent) => {
      if (message.type === 'stats') this.#stats = message.stats;
      if (message.type === 'failed') this.#fail(new Error(`fleet worker ${this.child.pid ?? '?'} failed: ${message.message}`));
      for (const waiter of this.#waiters) {
        if (waiter.type !== message.type) continue;
        this.#waiters.delete(waiter);
        waiter.resolve(message);
      }
    });
    this.#exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.#fail(new Error(`fleet worker ${this.child.pid ?? '?'} exited (${signal ?? code ?? '?'})`));
        resolve();
      });
    });
  }

  /** The latest stats the worker reported (all zero before the first report). */
  get stats(): FleetStats | undefined {
    return this.#stats;
  }

  /** Enrolls the worker's share of the fleet; resolves with its device ids. */
  async enroll(options: FleetWorkerOptions, timeoutMs: number): Promise<EventOf<'enrolled'>> {
    const enrolled = this.#next('enrolled', timeoutMs);
    this.#send({ type: 'enroll', options });
    return enrolled;
  }

  /** Starts the worker's agents (push socket, first check-in). */
  start(): void {
    this.#send({ type: 'start' });
  }

  /** A steady-state run of the worker's agents. */
  async steady(durationMs: number, warmupMs: number, timeoutMs: number): Promise<SteadyReport> {
    const done = this.#next('steady', timeoutMs);
    this.#send({ type: 'steady', durationMs, warmupMs });
    return (await done).report;
  }

  /** Stops the agents and waits for the process to end; kills it if it has not within `timeoutMs`. */
  async stop(timeoutMs = 15_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    // Even a worker that reported a failure is asked first: it closes its sockets on the way out.
    if (this.child.connected) this.child.send({ type: 'stop' } satisfies FleetWorkerCommand, () => undefined);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await this.#exited;
    clearTimeout(timer);
  }

  #send(command: FleetWorkerCommand): void {
    if (this.#failure !== undefined) throw this.#failure;
    this.child.send(command);
  }

  #next<T extends FleetWorkerEvent['type']>(type: T, timeoutMs: number): Promise<EventOf<T>> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    return new Promise<EventOf<T>>((resolve, reject) => {
      const waiter = {
        type,
        resolve: (event: FleetWorkerEvent) => {
          clearTimeout(timer);
          resolve(event as EventOf<T>);
        },
        reject: (error: Error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new Error(`fleet worker ${this.child.pid ?? '?'}: no '${type}' within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const waiter of this.#waiters) waiter.reject(error);
    this.#waiters.clear();
  }
}
