import { fork, type ChildProcess } from 'node:child_process';

/** A message over a worker's IPC channel: every protocol tells its messages apart by `type`. */
export interface WorkerMessage {
  readonly type: string;
}

/**
 * The events every worker protocol has besides its own: its stats (sent while they change), a
 * failure (the worker stops after it) and its end.
 */
export type WorkerLifecycleEvent<Stats> =
  | { readonly type: 'stats'; readonly stats: Stats }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'stopped' };

/** Options of the worker process itself. */
export interface ForkWorkerOptions {
  /** Node flags of the worker, e.g. `--max-old-space-size`. */
  readonly execArgv?: readonly string[];
  /** The worker module, when not the protocol's own (tests that run from sources pass the compiled one). */
  readonly modulePath?: string;
}

type EventOf<Event extends WorkerMessage, T extends Event['type']> = Extract<Event, { readonly type: T }>;

interface Waiter<Event> {
  readonly type: string;
  readonly resolve: (event: Event) => void;
  readonly reject: (error: Error) => void;
}

/**
 * A forked worker seen from the parent, whatever it runs: typed commands out, events and the latest
 * stats in. Every wait has a timeout, and a worker that dies or reports a failure rejects whatever
 * waits. A protocol subclasses it with one method per command (see `FleetWorker`, `AppleFleetWorker`).
 */
export class WorkerProcess<Command extends WorkerMessage, Event extends WorkerMessage, Stats> {
  readonly child: ChildProcess;
  readonly #label: string;
  #stats: Stats | undefined;
  #failure: Error | undefined;
  readonly #waiters = new Set<Waiter<Event>>();
  readonly #exited: Promise<void>;

  /**
   * Forks `modulePath` with an IPC channel (stdout and stderr shared with this process).
   * @param label names the worker in errors, e.g. `fleet worker`.
   */
  constructor(label: string, modulePath: string, options: ForkWorkerOptions) {
    this.#label = label;
    this.child = fork(modulePath, [], { execArgv: [...(options.execArgv ?? [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (message: Event | WorkerLifecycleEvent<Stats>) => {
      if (isStats<Stats>(message)) this.#stats = message.stats;
      if (isFailure(message)) this.#fail(new Error(`${label} ${this.#pid} failed: ${message.message}`));
      for (const waiter of this.#waiters) {
        if (waiter.type !== message.type) continue;
        this.#waiters.delete(waiter);
        waiter.resolve(message as Event);
      }
    });
    this.#exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.#fail(new Error(`${label} ${this.#pid} exited (${signal ?? code ?? '?'})`));
        resolve();
      });
    });
  }

  /** The latest stats the worker reported; undefined before its first report. */
  get stats(): Stats | undefined {
    return this.#stats;
  }

  /** Stops the worker and waits for the process to end; kills it if it has not within `timeoutMs`. */
  async stop(timeoutMs = 15_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    // Even a worker that reported a failure is asked first: it closes its sockets on the way out.
    if (this.child.connected) this.child.send({ type: 'stop' } satisfies WorkerMessage, () => undefined);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await this.#exited;
    clearTimeout(timer);
  }

  /** Sends a command; throws the worker's failure once it has failed or exited. */
  protected send(command: Command): void {
    if (this.#failure !== undefined) throw this.#failure;
    this.child.send(command);
  }

  /**
   * The next event of `type`; rejects after `timeoutMs`, or when the worker fails or exits first.
   * Ask before sending the command it answers, so the answer cannot come first.
   */
  protected next<T extends Event['type']>(type: T, timeoutMs: number): Promise<EventOf<Event, T>> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    return new Promise<EventOf<Event, T>>((resolve, reject) => {
      const waiter: Waiter<Event> = {
        type,
        resolve: (event) => {
          clearTimeout(timer);
          resolve(event as EventOf<Event, T>);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new Error(`${this.#label} ${this.#pid}: no '${type}' within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }

  get #pid(): string {
    return String(this.child.pid ?? '?');
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const waiter of this.#waiters) waiter.reject(error);
    this.#waiters.clear();
  }
}

function isStats<Stats>(message: WorkerMessage | WorkerLifecycleEvent<Stats>): message is Extract<WorkerLifecycleEvent<Stats>, { readonly type: 'stats' }> {
  return message.type === 'stats';
}

function isFailure(message: WorkerMessage): message is { readonly type: 'failed'; readonly message: string } {
  return message.type === 'failed';
}
