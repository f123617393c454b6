import { createHash, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { WardError, type DomainEvent, type EventSubscriber } from '@ward/core';
import { databaseInternals, type WardDatabase } from '../database/open-database.js';
import type { Schema } from '../database/schema.js';
import { PgListener } from './pg-listener.js';

/**
 * The prefix of the PostgreSQL channel that carries events between server processes. NOTIFY
 * channels belong to the whole database, not to a schema, so the channel is named after the
 * schema Ward works in ({@link eventChannelOf}): two Wards in two schemas of one database do not
 * hear each other.
 */
export const eventChannel = 'ward_events';

/** PostgreSQL truncates identifiers, channel names included, to 63 bytes. */
const maxChannelBytes = 63;

/**
 * The event channel of the Ward in `schema`: `ward_events_<schema>` when the schema name is a
 * plain lower-case identifier that fits; otherwise a readable, sanitised part of it and a digest
 * of the exact name, so that distinct schemas ("Ward", "ward", "a-b", "a_b", long names sharing a
 * prefix) get distinct channels, always within 63 ASCII bytes.
 */
export function eventChannelOf(schema: string): string {
  const direct = `${eventChannel}_${schema}`;
  if (/^[a-z0-9_]+$/.test(schema) && direct.length <= maxChannelBytes) return direct;
  const digest = createHash('sha256').update(schema, 'utf8').digest('hex').slice(0, 12);
  const readable = schema
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .slice(0, maxChannelBytes - eventChannel.length - digest.length - 2);
  return `${eventChannel}_${readable}_${digest}`;
}

async function currentSchemaOf(query: () => Promise<string | null | undefined>): Promise<string> {
  const schema = await query();
  if (schema === null || schema === undefined) throw new WardError('INTERNAL', 'The database connection has no current schema: set search_path to the schema Ward should use.');
  return schema;
}

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; events are ids, far below that. */
const maxPayloadBytes = 7900;

/** What travels over the channel: the event and the bus that sent it. */
interface Envelope {
  /** The sending bus, so it does not deliver its own events twice. */
  readonly o: string;
  readonly e: DomainEvent;
}

/** Options of the event bus of a database. */
export interface EventBusOptions {
  /** Called with a subscriber's exception or a lost listener connection; a process warning when absent. */
  readonly onError?: (error: unknown) => void;
}

/**
 * Delivers domain events to subscribers in this process and, on PostgreSQL, in every other
 * process on the same database and schema (NOTIFY on the schema's channel, {@link eventChannelOf},
 * one LISTEN connection per bus).
 * Stores publish through it; see `createStores` for when delivery happens.
 */
export class EventBus implements EventSubscriber {
  readonly #database: WardDatabase;
  readonly #origin = randomUUID();
  readonly #handlers = new Map<string, Set<(event: DomainEvent) => void>>();
  readonly #onError: (error: unknown) => void;
  #listener: PgListener | undefined;
  /** The schema's channel, once a connection has told the schema (it is the same on every one). */
  #channel: string | undefined;

  constructor(database: WardDatabase, options: EventBusOptions = {}) {
    this.#database = database;
    this.#onError = options.onError ?? warn;
  }

  /** Calls `handler` for each event of `type` (`*` for all); returns the unsubscribe function. */
  subscribe(type: string, handler: (event: DomainEvent) => void): () => void {
    let set = this.#handlers.get(type);
    if (set === undefined) this.#handlers.set(type, (set = new Set()));
    set.add(handler);
    // Listening costs a connection per process; open it when someone first wants remote events.
    this.#listen();
    return () => {
      set.delete(handler);
    };
  }

  /**
   * Resolves when events from other processes are being received: at once on SQLite, after the
   * LISTEN connection is up on PostgreSQL. Starts the listener if nobody subscribed yet.
   */
  ready(): Promise<void> {
    this.#listen();
    return this.#listener?.ready() ?? Promise.resolve();
  }

  /** Throws if the event cannot travel (too large for NOTIFY); publish calls it before queuing. */
  check(event: DomainEvent): void {
    const bytes = Buffer.byteLength(this.#envelope(event));
    if (bytes > maxPayloadBytes) throw new WardError('INTERNAL', `Event ${event.type} is ${bytes} bytes; events carry ids, not state, and must stay under ${maxPayloadBytes}.`);
  }

  /** Delivers events to this process's subscribers, isolating each subscriber's failures. */
  deliverLocal(events: readonly DomainEvent[]): void {
    for (const event of events) {
      for (const type of [event.type, '*']) {
        for (const handler of this.#handlers.get(type) ?? []) {
          try {
            handler(event);
          } catch (error) {
            this.#onError(error);
          }
        }
      }
    }
  }

  /**
   * Tells other processes, on `db`. Inside a transaction PostgreSQL holds NOTIFY back until
   * commit and drops it on rollback, which is exactly the delivery rule; on SQLite there are no
   * other processes to tell.
   */
  async notifyOthers(db: Kysely<Schema>, events: readonly DomainEvent[]): Promise<void> {
    if (this.#database.dialect !== 'postgres' || events.length === 0) return;
    // One round trip however many events; unnest keeps their order, and so does NOTIFY.
    const payloads = events.map((event) => this.#envelope(event));
    const channel = await this.#channelOn(db);
    await sql`select pg_notify(${channel}, payload) from unnest(${payloads}::text[]) with ordinality as p(payload, n) order by n`.execute(db);
  }

  /** The PostgreSQL channel this bus sends and listens on (undefined on SQLite, which has none). */
  async channel(): Promise<string | undefined> {
    return this.#database.dialect === 'postgres' ? this.#channelOn(this.#database.db) : undefined;
  }

  /**
   * Asks `db` (the connection at hand: inside a transaction, the transaction's, so a small pool
   * held by it cannot deadlock) for the schema, the first time only.
   */
  async #channelOn(db: Kysely<Schema>): Promise<string> {
    this.#channel ??= eventChannelOf(await currentSchemaOf(async () => (await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db)).rows[0]?.schema));
    return this.#channel;
  }

  /** Publishes outside any transaction: local subscribers at once, other processes as soon as sent. */
  publishNow(event: DomainEvent): void {
    this.check(event);
    this.deliverLocal([event]);
    this.notifyOthers(this.#database.db, [event]).catch(this.#onError);
  }

  /** Stops listening (the database's close() does this too). */
  async close(): Promise<void> {
    const listener = this.#listener;
    this.#listener = undefined;
    await listener?.close();
  }

  /** For tests of reconnection: drops the LISTEN connection as a network failure would. */
  simulateListenerDrop(): void {
    this.#listener?.simulateDrop();
  }

  #envelope(event: DomainEvent): string {
    const envelope: Envelope = { o: this.#origin, e: event };
    return JSON.stringify(envelope);
  }

  #listen(): void {
    if (this.#listener !== undefined || this.#database.dialect !== 'postgres') return;
    const config = databaseInternals(this.#database).pgConfig;
    if (config === undefined) return;
    this.#listener = new PgListener({
      config,
      channel: async (client) => {
        this.#channel ??= eventChannelOf(await currentSchemaOf(async () => (await client.query<{ schema: string | null }>('select current_schema() as schema')).rows[0]?.schema));
        return this.#channel;
      },
      onError: this.#onError,
      onPayload: (payload) => {
        const envelope = parseEnvelope(payload);
        if (envelope === undefined) {
          this.#onError(new WardError('INTERNAL', `Ignored a malformed message on ${this.#channel ?? eventChannel}.`));
          return;
        }
        if (envelope.o !== this.#origin) this.deliverLocal([envelope.e]);
      },
    });
    this.#listener.start();
  }
}

function parseEnvelope(payload: string): Envelope | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { o, e } = parsed as { o?: unknown; e?: unknown };
  if (typeof o !== 'string' || typeof e !== 'object' || e === null) return undefined;
  const event = e as Partial<DomainEvent>;
  if (typeof event.type !== 'string' || typeof event.tenantId !== 'string' || typeof event.subject !== 'string') return undefined;
  return { o, e: e as DomainEvent };
}

/** The default error report: a process warning, which Node prints and a server may route. */
export function warn(error: unknown): void {
  process.emitWarning(error instanceof Error ? error : new Error(String(error)));
}

const buses = new WeakMap<WardDatabase, EventBus>();

/**
 * The event bus of a database: one per opened database (calling this again returns the same bus,
 * and `options` count only on the first call), closed with the database. On SQLite it is an in-process dispatcher; on PostgreSQL it also
 * carries events between processes.
 */
export function createEventBus(database: WardDatabase, options: EventBusOptions = {}): EventBus {
  let bus = buses.get(database);
  if (bus === undefined) {
    const created = new EventBus(database, options);
    buses.set(database, created);
    databaseInternals(database).closeHooks.push(() => created.close());
    bus = created;
  }
  return bus;
}
