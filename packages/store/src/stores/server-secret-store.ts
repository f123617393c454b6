import type { Clock } from '@ward/core';
import { columnCodec } from '../database/column-codec.js';
import type { WardDatabase } from '../database/open-database.js';

/**
 * Server-wide secrets in the database, shared by every node of a cluster: the CA bundle (already
 * encrypted under the master key) and the command-signing key. The store keeps what it is given;
 * it encrypts nothing.
 */
export interface ServerSecretStore {
  /** The secret of this name, if one was stored. */
  getServerSecret(name: string): Promise<string | undefined>;
  /**
   * Stores the secret unless one of this name exists; true if this call stored it. Of several
   * processes creating the same secret at first start, exactly one wins; the others read its value.
   */
  putServerSecretIfAbsent(name: string, value: string): Promise<boolean>;
  /** Creates or replaces the secret (key rotation). */
  putServerSecret(name: string, value: string): Promise<void>;
}

/** The `tenant_id` of server-wide rows: they belong to no tenant. */
const serverWide = '*';

const systemClock: Clock = { now: () => new Date() };

/** {@link ServerSecretStore} over `server_secrets`; `clock` stamps created_at and updated_at. */
export function createServerSecretStore(database: WardDatabase, options: { readonly clock?: Clock } = {}): ServerSecretStore {
  const { db } = database;
  const codec = columnCodec(database.dialect);
  const clock = options.clock ?? systemClock;
  return {
    async getServerSecret(name) {
      const row = await db.selectFrom('server_secrets').select('value').where('tenant_id', '=', serverWide).where('name', '=', name).executeTakeFirst();
      return row?.value;
    },

    async putServerSecretIfAbsent(name, value) {
      const now = codec.time(clock.now());
      const result = await db
        .insertInto('server_secrets')
        .values({ tenant_id: serverWide, name, value, created_at: now, updated_at: now })
        .onConflict((oc) => oc.columns(['tenant_id', 'name']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    async putServerSecret(name, value) {
      const now = codec.time(clock.now());
      await db
        .insertInto('server_secrets')
        .values({ tenant_id: serverWide, name, value, created_at: now, updated_at: now })
        .onConflict((oc) => oc.columns(['tenant_id', 'name']).doUpdateSet({ value, updated_at: now }))
        .execute();
    },
  };
}
