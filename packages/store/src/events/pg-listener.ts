import pg from 'pg';

/** Options of a {@link PgListener}. */
export interface PgListenerOptions {
  readonly config: pg.ClientConfig;
  /** The channel, or how to find it on each new connection (it may depend on the session, e.g. the schema). */
  readonly channel: string | ((client: pg.Client) => Promise<string>);
  readonly onPayload: (payload: string) => void;
  readonly onError: (error: unknown) => void;
  /** First reconnection delay; doubles per failed attempt up to `maxBackoffMs`. */
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
}

/**
 * One dedicated PostgreSQL connection that LISTENs on a channel. Pooled connections cannot listen
 * (a pool hands a connection back after each query), so the listener keeps its own and opens it
 * again, with exponential backoff, whenever it drops. Notifications sent while it is down are
 * lost; Ward's events are wake-up hints, so that costs latency, not correctness.
 */
export class PgListener {
  readonly #options: PgListenerOptions;
  #client: pg.Client | undefined;
  #attempt = 0;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  #connected = false;
  #waiters: (() => void)[] = [];
  readonly #gone = new WeakSet<pg.Client>();

  constructor(options: PgListenerOptions) {
    this.#options = options;
  }

  /** Starts listening; returns at once, connecting in the background. */
  start(): void {
    void this.#connect();
  }

  /** Resolves once the listener is connected and listening (at once if it is). */
  ready(): Promise<void> {
    if (this.#connected) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Stops listening and closes the connection. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    const client = this.#client;
    this.#client = undefined;
    this.#connected = false;
    for (const wake of this.#waiters.splice(0)) wake();
    if (client !== undefined) await client.end().catch(() => undefined);
  }

  /** Whether close() was called. */
  isClosed(): boolean {
    return this.#closed;
  }

  /** Drops the current connection as if the network had failed (for tests of reconnection). */
  simulateDrop(): void {
    const client = this.#client;
    if (client !== undefined) this.#dropped(client, new Error('simulated connection drop'));
  }

  async #connect(): Promise<void> {
    if (this.#closed) return;
    const client = new pg.Client(this.#options.config);
    client.on('error', (error) => {
      this.#dropped(client, error);
    });
    client.on('end', () => {
      this.#dropped(client, undefined);
    });
    let channel: string | undefined;
    client.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) this.#options.onPayload(message.payload);
    });
    try {
      await client.connect();
      const named = this.#options.channel;
      channel = typeof named === 'string' ? named : await named(client);
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      this.#dropped(client, error);
      return;
    }
    // close() may have run while connecting.
    if (this.isClosed()) {
      await client.end().catch(() => undefined);
      return;
    }
    this.#client = client;
    this.#connected = true;
    this.#attempt = 0;
    for (const wake of this.#waiters.splice(0)) wake();
  }

  #dropped(client: pg.Client, error: unknown): void {
    // 'error' and 'end' may both fire for one connection, and ending it ourselves fires 'end'.
    if (this.#closed || this.#gone.has(client)) return;
    this.#gone.add(client);
    if (this.#client === client) {
      this.#client = undefined;
      this.#connected = false;
    }
    client.removeAllListeners('notification');
    client.end().catch(() => undefined);
    if (error !== undefined) this.#options.onError(error);
    const min = this.#options.minBackoffMs ?? 100;
    const max = this.#options.maxBackoffMs ?? 10_000;
    // Jitter, so that every server process does not reconnect in the same instant after an outage.
    const delay = Math.min(max, min * 2 ** this.#attempt) * (0.5 + Math.random() / 2);
    this.#attempt += 1;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#connect(), delay);
    this.#timer.unref();
  }
}
