import type { Kysely } from 'kysely';
import type { Clock, Digests, DomainEvent, Ids, TransactionRunner, WardStores } from '@ward/core';
import { columnCodec } from '../database/column-codec.js';
import type { WardDatabase } from '../database/open-database.js';
import type { Schema } from '../database/schema.js';
import { createEventBus, type EventBus } from '../events/event-bus.js';
import { createAccessTokenStore } from './access-token-store.js';
import { createAuditTrail } from './audit-trail.js';
import { createCommandHistory, createCommandQueue } from './command-stores.js';
import { createCredentialStore } from './credential-store.js';
import { createDeviceSoftwareStore } from './device-software-store.js';
import { createDeviceStore } from './device-store.js';
import { createDeviceIdentityStore, createDeviceRegistry, createEnrollmentRestrictionsStore, createEnrollmentTokenStore } from './enrollment-stores.js';
import { createGroupStore } from './group-store.js';
import { createJobEnqueuer } from './job-enqueuer.js';
import { createRoleAssignmentStore } from './role-assignment-store.js';
import type { PendingEffects, StoreContext } from './store-context.js';
import { createTenantStore } from './tenant-store.js';
import { createUserStore } from './user-store.js';

/** The services the stores call. */
export interface CreateStoresOptions {
  /** Hashes the audit chain. */
  readonly digests: Digests;
  /** Ids of audit events and jobs. */
  readonly ids: Ids;
  /** The time jobs are enqueued at (and a deleted device's certificates revoked at); the system clock when absent. */
  readonly clock?: Clock;
}

/** Every storage port, and a transaction runner over the same ports. */
export interface WardStoreSet {
  /** For reads and single writes: each call is its own transaction. */
  readonly stores: WardStores;
  readonly tx: TransactionRunner<WardStores>;
  /** The event bus the stores publish to (the same as `createEventBus(database)`). */
  readonly events: EventBus;
}

const systemClock: Clock = { now: () => new Date() };

/** Thrown inside Kysely's transaction callback to roll back a failed Result; never escapes. */
class RollbackSignal extends Error {}

function isFailedResult(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'ok' in value && value.ok === false;
}

/**
 * The stores of Ward on an open, migrated database.
 *
 * Transactions (`tx.transaction`): the work's writes commit when it resolves to anything but a
 * failed Result (`{ ok: false }`), and roll back when it throws or returns one. Events published
 * inside are delivered only after the commit, to this process and (PostgreSQL) to every other;
 * jobs enqueued inside become visible at commit. Outside a transaction `publish` delivers at
 * once and `enqueue` inserts at once.
 *
 * Inside a transaction use only the stores handed to the work: on SQLite the transaction holds
 * the one connection, so a call on the outer `stores` would wait for it forever.
 */
export function createStores(database: WardDatabase, options: CreateStoresOptions): WardStoreSet {
  const bus = createEventBus(database);
  const clock = options.clock ?? systemClock;
  const base = { dialect: database.dialect, codec: columnCodec(database.dialect), ids: options.ids, digests: options.digests, clock, bus };

  const runTransaction = async <T>(work: (ctx: StoreContext) => Promise<T>): Promise<T> => {
    const pending: PendingEffects = { events: [] };
    let outcome: { readonly value: T } | undefined;
    try {
      await database.db.transaction().execute(async (trx) => {
        const value = await work(context(trx, pending));
        outcome = { value };
        if (isFailedResult(value)) throw new RollbackSignal('failed Result');
        // NOTIFY inside the transaction: PostgreSQL sends it on commit, never on rollback.
        await bus.notifyOthers(trx, pending.events);
      });
    } catch (error) {
      if (error instanceof RollbackSignal && outcome !== undefined) return outcome.value;
      throw error;
    }
    if (outcome === undefined) throw new Error('unreachable: a committed transaction has an outcome');
    bus.deliverLocal(pending.events);
    return outcome.value;
  };

  const context = (db: Kysely<Schema>, pending: PendingEffects | undefined): StoreContext => ({
    ...base,
    db,
    pending,
    atomically: (work) => (pending === undefined ? runTransaction(work) : work(context(db, pending))),
  });

  const compose = (ctx: StoreContext): WardStores => {
    const publish = (event: DomainEvent): void => {
      // Refuse an event that cannot travel now, where the caller is, not later at commit.
      bus.check(event);
      if (ctx.pending === undefined) bus.publishNow(event);
      else ctx.pending.events.push(event);
    };
    return {
      ...createTenantStore(ctx),
      ...createUserStore(ctx),
      ...createGroupStore(ctx),
      ...createRoleAssignmentStore(ctx),
      ...createCredentialStore(ctx),
      ...createAccessTokenStore(ctx),
      ...createDeviceStore(ctx),
      ...createDeviceSoftwareStore(ctx),
      ...createDeviceRegistry(ctx),
      ...createEnrollmentTokenStore(ctx),
      ...createEnrollmentRestrictionsStore(ctx),
      ...createDeviceIdentityStore(ctx),
      ...createCommandQueue(ctx),
      ...createCommandHistory(ctx),
      ...createAuditTrail(ctx),
      ...createJobEnqueuer(ctx, clock, publish),
      publish,
    };
  };

  return {
    stores: compose(context(database.db, undefined)),
    tx: { transaction: (work) => runTransaction((ctx) => work(compose(ctx))) },
    events: bus,
  };
}
