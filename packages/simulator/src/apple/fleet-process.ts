import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AppleFleetEnrollment, AppleFleetOptions, AppleIdleReport } from './fleet-devices.js';
import type { AppleFleetWorkerCommand, AppleFleetWorkerEvent } from './fleet-messages.js';
import type { AppleFleetStats } from './fleet-stats.js';

/** The compiled Apple fleet worker (`dist/apple/fleet-worker.js` beside this module). */
export const appleFleetWorkerPath = fileURLToPath(new URL('./fleet-worker.js', import.meta.url));

/** Options of the worker process itself. */
export interface ForkAppleFleetWorkerOptions {
  /** Node flags of the worker, e.g. `--max-old-space-size`. */
  readonly execArgv?: readonly string[];
  /** The worker module; {@link appleFleetWorkerPath} unless given (tests that run from sources pass the compiled one). */
  readonly modulePath?: string;
}

type EventOf<T extends AppleFleetWorkerEvent['type']> = Extract<AppleFleetWorkerEvent, { type: T }>;

/**
 * An Apple fleet worker seen from the parent: typed commands out, events and the latest stats in.
 * Every wait has a timeout, and a worker that dies or reports a failure rejects whatever waits.
 */
export class AppleFleetWorker {
  readonly child: ChildProcess;
  #stats: AppleFleetStats | undefined;
  #failure: Error | undefined;
  readonly #waiters = new Set<{ readonly type: AppleFleetWorkerEvent['type']; readonly resolve: (event: AppleFleetWorkerEvent) => void; readonly reject: (error: Error) => void }>();
  readonly #exited: Promise<void>;
  readonly #ready: Promise<unknown>;

  constructor(options: ForkAppleFleetWorkerOptions = {}) {
    this.child = fork(options.modulePath ?? appleFleetWorkerPath, [], { execArgv: [...(options.execArgv ?? [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    // Listened for before any message can arrive; a worker that dies first rejects it (see #fail).
    this.#ready = this.#next('ready', 120_000);
    this.#ready.catch(() => undefined);
    this.child.on('message', (message: AppleFleetWorkerEvent) => {
      if (message.type === 'stats') this.#stats = message.stats;
      if (message.type === 'failed') this.#fail(new Error(`Apple fleet worker ${this.child.pid ?? '?'} failed: ${message.message}`));
      for (const waiter of this.#waiters) {
        if (waiter.type !== message.type) continue;
        this.#waiters.delete(waiter);
        waiter.resolve(message);
      }
    });
    this.#exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.#fail(new Error(`Apple fleet worker ${this.child.pid ?? '?'} exited (${signal ?? code ?? '?'})`));
        resolve();
      });
    });
  }

  /** The latest stats the worker reported; undefined before its first report. */
  get stats(): AppleFleetStats | undefined {
    return this.#stats;
  }

  /** Resolves once the worker has loaded (forking and loading its modules is not the fleet's work, so a benchmark waits for it before timing). */
  async ready(): Promise<void> {
    await this.#ready;
  }

  /** Makes the worker's share of the fleet and enrolls it. */
  async enroll(options: AppleFleetOptions, timeoutMs: number): Promise<AppleFleetEnrollment> {
    const enrolled = this.#next('enrolled', timeoutMs);
    this.#send({ type: 'enroll', options });
    const { pushTokens, failures, seconds } = await enrolled;
    return { pushTokens, failures, seconds };
  }

  /** Hands the worker pushes for its devices (hex device tokens). */
  wake(tokens: readonly string[]): void {
    this.#send({ type: 'wake', tokens });
  }

  /** A window of back-to-back Idle sessions on every device of the worker. */
  async idle(durationMs: number, timeoutMs: number): Promise<AppleIdleReport> {
    const done = this.#next('idled', timeoutMs);
    this.#send({ type: 'idle', durationMs });
    return (await done).report;
  }

  /** Stops the devices and waits for the process to end; kills it if it has not within `timeoutMs`. */
  async stop(timeoutMs = 15_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    // Even a worker that reported a failure is asked first: it closes its sockets on the way out.
    if (this.child.connected) this.child.send({ type: 'stop' } satisfies AppleFleetWorkerCommand, () => undefined);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await this.#exited;
    clearTimeout(timer);
  }

  #send(command: AppleFleetWorkerCommand): void {
    if (this.#failure !== undefined) throw this.#failure;
    this.child.send(command);
  }

  #next<T extends AppleFleetWorkerEvent['type']>(type: T, timeoutMs: number): Promise<EventOf<T>> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    return new Promise<EventOf<T>>((resolve, reject) => {
      const waiter = {
        type,
        resolve: (event: AppleFleetWorkerEvent) => {
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
        reject(new Error(`Apple fleet worker ${this.child.pid ?? '?'}: no '${type}' within ${timeoutMs} ms`));
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
