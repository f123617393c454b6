import { Transaction, type DatabaseConnection, type Driver, type Kysely } from 'kysely';
import { WardError } from '@ward/core';
import { databaseInternals, type WardDatabase } from './open-database.js';
import type { Schema } from './schema.js';

/**
 * The driver of a transaction-bound instance. Such an instance only runs queries on a
 * transaction another one opened; anything that would take a connection of its own (a nested
 * `startTransaction`) is a bug, refused loudly.
 */
class NoConnectionsDriver implements Driver {
  #refuse(): never {
    throw new WardError('INTERNAL', 'A transaction-bound database opens no connections or transactions of its own.');
  }
  init(): Promise<void> {
    return Promise.resolve();
  }
  acquireConnection(): Promise<DatabaseConnection> {
    this.#refuse();
  }
  beginTransaction(): Promise<void> {
    this.#refuse();
  }
  commitTransaction(): Promise<void> {
    this.#refuse();
  }
  rollbackTransaction(): Promise<void> {
    this.#refuse();
  }
  releaseConnection(): Promise<void> {
    this.#refuse();
  }
  destroy(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * One Kysely instance whose queries run in whichever transaction `current` names when each query
 * starts. Stores built over it once can then serve transaction after transaction, instead of being
 * built anew for each (see `createStores`). `current` throws when no transaction is bound.
 *
 * Each query goes through the bound transaction's own executor, so Kysely still serialises the
 * queries of one transaction and refuses any issued after it committed or rolled back.
 */
export function transactionBoundDatabase(database: WardDatabase, current: () => Kysely<Schema>): Kysely<Schema> {
  const config = databaseInternals(database).kyselyConfig;
  const executor = database.db.getExecutor().withConnectionProvider({
    provideConnection: (consumer) => current().getExecutor().provideConnection(consumer),
  });
  return new Transaction<Schema>({ config, dialect: config.dialect, driver: new NoConnectionsDriver(), executor });
}
