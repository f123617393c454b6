import type { Kysely } from 'kysely';
import { WardError, type Clock, type Digests, type DomainEvent, type Ids, type SecretBox, type TransactionRunner, type WardStores } from '@ward/core';
import { columnCodec } from '../database/column-codec.js';
import type { WardDatabase } from '../database/open-database.js';
import type { Schema } from '../database/schema.js';
import { transactionBoundDatabase } from '../database/transaction-bound-database.js';
import { transactionUnits } from '../database/transaction-units.js';
import { createEventBus, type EventBus } from '../events/event-bus.js';
import { createAccessPolicyStore } from './access-policy-store.js';
import { createAppDeviceStateStore } from './app-device-state-store.js';
import { createAppInventoryStore } from './app-inventory-store.js';
import { createAppStore } from './app-store.js';
import { createAppVersionStore } from './app-version-store.js';
import { createAppConfigurationPolicyStore, createAppProtectionPolicyStore } from './mam-policy-stores.js';
import { createAppRegistrationStore } from './mam-registration-store.js';
import { createAppUsageStore } from './mam-usage-store.js';
import { createAccessSignInLog } from './access-sign-in-log.js';
import { createAccessTokenStore } from './access-token-store.js';
import { createAssignmentFilterStore } from './assignment-filter-store.js';
import { createAssignmentStore } from './assignment-store.js';
import { createAssignmentTargetingStore } from './assignment-targeting-store.js';
import { createDeviceComplianceStore } from './device-compliance-store.js';
import { createDeviceConfigurationStore } from './device-configuration-store.js';
import { createProfileStore } from './profile-store.js';
import { createPushCertificateStore } from './push-certificate-store.js';
import { createRelyingPartyStore } from './idp-relying-party-store.js';
import { createUpstreamProviderStore } from './upstream-provider-store.js';
import { createIdentityProviderStateStore } from './idp-state-store.js';
import { createAppleActionStore } from './apple-action-store.js';
import { createAppleCommandQueue, createAppleCommandResults } from './apple-command-stores.js';
import { createAppleEnrollmentStore, createAppleIdentityStore, createAppleScepChallengeStore } from './apple-enrollment-stores.js';
import { createAuditTrail } from './audit-trail.js';
import { createCommandHistory, createCommandQueue } from './command-stores.js';
import { createCompliancePolicyStore } from './compliance-policy-store.js';
import { createComplianceHistoryStore } from './compliance-history-store.js';
import { createComplianceReportStore } from './compliance-report-store.js';
import { createCredentialStore } from './credential-store.js';
import { createPasskeyStore } from './passkey-store.js';
import { createDeviceSoftwareStore } from './device-software-store.js';
import { createDeviceStore } from './device-store.js';
import { createDeviceIdentityStore, createDeviceRegistry, createEnrollmentRestrictionsStore, createEnrollmentTokenStore } from './enrollment-stores.js';
import { createGroupStore } from './group-store.js';
import { createJobEnqueuer } from './job-enqueuer.js';
import { createRoleAssignmentStore } from './role-assignment-store.js';
import { sealCompliancePolicyStore } from './sealed-compliance-policy-store.js';
import { sealProfileStore } from './sealed-profile-store.js';
import { createSecretSealer } from './secret-sealer.js';
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
  /**
   * Seals profile secrets, compliance webhook secrets and APNs push keys at rest (the server passes its master-key
   * box). Absent (tests, benches): they are written as given, and a sealed one fails to read.
   */
  readonly secrets?: SecretBox;
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
 * once and `enqueue` inserts at once. On SQLite, transactions begun in the same turn of the event
 * loop share one COMMIT, each under a savepoint of its own (see `transactionUnits`).
 *
 * Inside a transaction use only the stores handed to the work: on SQLite the transaction holds
 * the one connection, so a call on the outer `stores` would wait for it forever. Those stores
 * serve later transactions too, so they must not be kept past the work's end; a call made on
 * them then fails (INTERNAL) instead of running outside any transaction.
 */
export function createStores(database: WardDatabase, options: CreateStoresOptions): WardStoreSet {
  const bus = createEventBus(database);
  const clock = options.clock ?? systemClock;
  const base = { dialect: database.dialect, codec: columnCodec(database.dialect), ids: options.ids, digests: options.digests, clock, bus };
  const sealer = createSecretSealer(options.secrets);

  const compose = (ctx: StoreContext): WardStores => {
    const publish = (event: DomainEvent): void => {
      // Refuse an event that cannot travel now, where the caller is, not later at commit.
      bus.check(event);
      const pending = ctx.pending;
      if (pending === undefined) bus.publishNow(event);
      else pending.events.push(event);
    };
    return {
      ...createTenantStore(ctx),
      ...createUserStore(ctx),
      ...createGroupStore(ctx),
      ...createRoleAssignmentStore(ctx),
      ...createCredentialStore(ctx),
      ...createPasskeyStore(ctx),
      ...createAccessTokenStore(ctx),
      ...createAccessPolicyStore(ctx),
      ...createAccessSignInLog(ctx),
      ...createDeviceStore(ctx),
      ...createDeviceSoftwareStore(ctx),
      ...createDeviceRegistry(ctx),
      ...createEnrollmentTokenStore(ctx),
      ...createEnrollmentRestrictionsStore(ctx),
      ...createDeviceIdentityStore(ctx),
      ...createCommandQueue(ctx),
      ...createCommandHistory(ctx),
      ...createAuditTrail(ctx),
      ...sealProfileStore(createProfileStore(ctx), sealer),
      ...createAssignmentFilterStore(ctx),
      ...createAssignmentStore(ctx),
      ...createAssignmentTargetingStore(ctx),
      ...createDeviceConfigurationStore(ctx),
      ...createAppStore(ctx),
      ...createAppVersionStore(ctx),
      ...createAppDeviceStateStore(ctx),
      ...createAppInventoryStore(ctx),
      ...createAppProtectionPolicyStore(ctx),
      ...createAppConfigurationPolicyStore(ctx),
      ...createAppRegistrationStore(ctx, sealer),
      ...createAppUsageStore(ctx),
      ...sealCompliancePolicyStore(createCompliancePolicyStore(ctx), sealer),
      ...createDeviceComplianceStore(ctx),
      ...createComplianceReportStore(ctx),
      ...createComplianceHistoryStore(ctx),
      ...createPushCertificateStore(ctx, sealer),
      ...createRelyingPartyStore(ctx, sealer),
      ...createUpstreamProviderStore(ctx, sealer),
      ...createIdentityProviderStateStore(ctx),
      ...createAppleScepChallengeStore(ctx),
      ...createAppleIdentityStore(ctx),
      ...createAppleEnrollmentStore(ctx, sealer),
      ...createAppleCommandQueue(ctx),
      ...createAppleCommandResults(ctx),
      ...createAppleActionStore(ctx),
      ...createJobEnqueuer(ctx, clock, publish),
      publish,
    };
  };

  // Slots not lent to a transaction now. On SQLite one connection means one transaction at a
  // time, so there is one slot; on PostgreSQL at most one per pooled connection.
  const idle: TransactionSlot[] = [];

  const units = transactionUnits(database);

  const runTransaction = async <T>(work: (slot: TransactionSlot) => Promise<T>): Promise<T> => {
    const pending: PendingEffects = { events: [] };
    const value = await units.run({
      work: async (trx) => {
        // Taken once the connection is held, so waiting transactions hold no slot.
        const slot = idle.pop() ?? new TransactionSlot(database, base, compose);
        slot.bind(trx, pending);
        try {
          const outcome = await work(slot);
          // NOTIFY inside the transaction: PostgreSQL sends it on commit, never on rollback.
          if (!isFailedResult(outcome)) await bus.notifyOthers(trx, pending.events);
          return outcome;
        } finally {
          slot.release();
          idle.push(slot);
        }
      },
      rollsBack: isFailedResult,
    });
    if (!isFailedResult(value)) bus.deliverLocal(pending.events);
    return value;
  };

  const outside: StoreContext = { ...base, db: database.db, pending: undefined, atomically: (work) => runTransaction((slot) => work(slot.context)) };

  return {
    stores: compose(outside),
    tx: { transaction: (work) => runTransaction((slot) => work(slot.stores)) },
    events: bus,
  };
}

type Compose = (ctx: StoreContext) => WardStores;

/** What a slot is lent to: a transaction and the effects it holds back. */
interface Binding {
  trx: Kysely<Schema> | undefined;
  pending: PendingEffects | undefined;
}

/**
 * The stores of a transaction, composed once and lent to one transaction at a time: composing
 * them (a score of store objects merged into one) costs more than a short check-in's queries.
 * Their database is transaction-bound (see `transactionBoundDatabase`): each query runs in the
 * transaction bound when it starts.
 *
 * Work must await every store call before its transaction ends (as it must anyway, or the call
 * would run after the commit): once the slot is lent to the next transaction, a straggling call
 * would run in that one.
 */
class TransactionSlot {
  readonly context: StoreContext;
  readonly stores: WardStores;
  readonly #binding: Binding = { trx: undefined, pending: undefined };

  constructor(database: WardDatabase, base: Omit<StoreContext, 'db' | 'pending' | 'atomically'>, compose: Compose) {
    const binding = this.#binding;
    const context: StoreContext = {
      ...base,
      db: transactionBoundDatabase(database, () => binding.trx ?? ended()),
      get pending(): PendingEffects {
        return binding.pending ?? ended();
      },
      // Nested: the work joins the transaction the slot is lent to.
      atomically: (work) => (binding.trx === undefined ? ended() : work(context)),
    };
    this.context = context;
    this.stores = compose(context);
  }

  bind(trx: Kysely<Schema>, pending: PendingEffects): void {
    this.#binding.trx = trx;
    this.#binding.pending = pending;
  }

  release(): void {
    this.#binding.trx = undefined;
    this.#binding.pending = undefined;
  }
}

function ended(): never {
  throw new WardError('INTERNAL', "A transaction's stores were used after the transaction ended.");
}
