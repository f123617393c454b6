/**
 * A counting semaphore with a FIFO queue. The virtual agents of one process share one per kind of
 * traffic, which bounds that process's sockets to the server (each device's TLS identity is its
 * own, so connections cannot be shared between devices; their number can be bounded) and keeps a
 * fleet woken all at once from opening ten thousand connections in the same millisecond.
 */
export class Limiter {
  readonly #max: number;
  #active = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(max: number) {
    if (!Number.isInteger(max) || max < 1) throw new Error(`a limiter needs at least one slot, got ${max}`);
    this.#max = max;
  }

  /** Slots in use. */
  get active(): number {
    return this.#active;
  }

  /** Callers waiting for a slot. */
  get queued(): number {
    return this.#waiting.length;
  }

  /** Runs `task` in a slot, waiting in line for one first. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#active >= this.#max) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#active++;
    try {
      return await task();
    } finally {
      // The slot passes straight to the next in line, so `active` never dips and lets a newcomer jump the queue.
      const next = this.#waiting.shift();
      if (next === undefined) this.#active--;
      else next();
    }
  }
}
