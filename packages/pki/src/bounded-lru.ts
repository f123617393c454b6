/**
 * A least-recently-used map holding at most `capacity` entries: the oldest unread entry goes when a
 * new one would exceed it. Bounds what a stream of distinct keys (one per device, or a hostile
 * client's inventions) can make a long-running server remember.
 */
export class BoundedLru<K, V> {
  readonly #entries = new Map<K, V>();
  readonly capacity: number;

  /** @param capacity at least 1. */
  constructor(capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError('BoundedLru: capacity must be a positive integer');
    this.capacity = capacity;
  }

  /** How many entries are held, never more than {@link capacity}. */
  get size(): number {
    return this.#entries.size;
  }

  /** The value for `key`, which becomes the most recently used; undefined when absent. */
  get(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (value === undefined) return undefined;
    // A Map iterates in insertion order: re-inserting moves the key to the young end.
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  /** Stores `value` as the most recently used entry, evicting the least recently used beyond capacity. */
  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
  }

  /** Forgets `key`. */
  delete(key: K): void {
    this.#entries.delete(key);
  }
}
