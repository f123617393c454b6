import type { WorkerLifecycleEvent, WorkerMessage } from './worker-process.js';

/** What a worker module runs: its share of a fleet, seen through what every worker does with it. */
export interface WorkerChildOptions<Stats> {
  /** Names the module and its parent in the refusal to run without an IPC channel. */
  readonly name: string;
  readonly parent: string;
  /** The share's stats now; undefined while there is no share yet. */
  readonly stats: () => Stats | undefined;
  /** Stops the share (closes its sockets); bounded by the worker, so a silent server cannot hold it. */
  readonly close: () => Promise<void> | undefined;
  /** Runs first when the worker stops, e.g. to end a progress timer. */
  readonly onStopping?: () => void;
}

/**
 * The child side of a forked worker (see `WorkerProcess`): refuses to run without an IPC channel,
 * sends events (never crashing on a parent that went away), reports stats only when they changed,
 * runs each command through `listen`'s handler, reports a handler's failure and stops, and stops
 * on the `stop` command or when the parent disconnects.
 */
export class WorkerChild<Command extends WorkerMessage, Event extends WorkerMessage, Stats> {
  readonly #options: WorkerChildOptions<Stats>;
  #lastSent = '';
  #stopping = false;

  constructor(options: WorkerChildOptions<Stats>) {
    if (process.send === undefined) {
      console.error(`${options.name} runs as a child process with an IPC channel (see ${options.parent})`);
      process.exit(2);
    }
    this.#options = options;
  }

  /** Sends an event to the parent, if it is still there. */
  send(event: Event | WorkerLifecycleEvent<Stats>): void {
    // A parent that went away hears nothing (the disconnect handler ends this process); with a
    // callback, a failed send is reported there instead of as an 'error' event that would crash us.
    if (process.connected) process.send?.(event, undefined, {}, () => undefined);
  }

  /** Sends the stats if they changed since the last report (or always, when `force`). */
  sendStats(force = false): void {
    const stats = this.#options.stats();
    if (stats === undefined) return;
    const text = JSON.stringify(stats);
    if (!force && text === this.#lastSent) return;
    this.#lastSent = text;
    this.send({ type: 'stats', stats });
  }

  /** Runs every command but `stop` through `handle`; a command it throws on fails the worker. */
  listen(handle: (command: Exclude<Command, { readonly type: 'stop' }>) => Promise<void>): void {
    process.on('message', (message: Command) => {
      (message.type === 'stop' ? this.stop(0) : handle(message as Exclude<Command, { readonly type: 'stop' }>)).catch((error: unknown) => {
        this.send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
        void this.stop(1);
      });
    });
    // The parent is gone (crashed or killed): nobody will stop this fleet, so it stops itself.
    process.on('disconnect', () => {
      void this.stop(0);
    });
  }

  /** Stops the share once, reports the last stats and `stopped`, and ends the process with `code`. */
  async stop(code: number): Promise<never> {
    if (!this.#stopping) {
      this.#stopping = true;
      this.#options.onStopping?.();
      // Bounded: a server that stopped answering must not keep the worker alive.
      await Promise.race([this.#options.close(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
      this.sendStats(true);
      this.send({ type: 'stopped' });
    }
    // Let the last IPC messages flush before the process ends.
    setTimeout(() => process.exit(code), 50).unref();
    return new Promise<never>(() => undefined);
  }
}
