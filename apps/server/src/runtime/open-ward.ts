import { appleIdentifierPrefix } from '../apple/apple-identifier-prefix.js';
import type { Logger } from 'pino';
import { ensureTenant, type AuthDeps, type Tenant, type WardStores } from '@ward/core';
import { createEventBus, createStores, migrateToLatest, openDatabase, type MigrationProgress, type WardDatabase, type WardStoreSet } from '@ward/store';
import { createAesGcmSecretBox } from '../adapters/aes-gcm-secret-box.js';
import { createArgon2PasswordHasher } from '../adapters/argon2-password-hasher.js';
import { nodeDigests } from '../adapters/node-digests.js';
import { systemClock } from '../adapters/system-clock.js';
import { createUuidV7Ids } from '../adapters/uuid-v7-ids.js';
import type { WardConfig } from '../config/config-schema.js';
import { databaseTargetOf, type DatabaseTarget } from './database-target.js';
import { ensureDataDir } from './ensure-data-dir.js';
import { loadMasterKey, type MasterKey } from './load-master-key.js';

/** An open Ward: database, stores, core dependencies and the default tenant. */
export interface WardRuntime {
  readonly config: WardConfig;
  /** Absolute path of the data directory. */
  readonly dataDir: string;
  readonly target: DatabaseTarget;
  readonly database: WardDatabase;
  readonly storeSet: WardStoreSet;
  /** Every port the API and the CLI use: the directory's and the devices', enrollment's and commands'. */
  readonly deps: AuthDeps<WardStores>;
  readonly masterKey: MasterKey;
  readonly tenant: Tenant;
  /** Closes the database (and its event listener). */
  close(): Promise<void>;
}

/** How to open. */
export interface OpenWardOptions {
  readonly logger: Logger;
  /** Called per migration applied, for progress output. */
  readonly onMigration?: (progress: MigrationProgress) => void;
}

/**
 * Opens Ward the same way for the server and every CLI command: data directory, master key,
 * database (migrated to the latest schema), stores, core dependencies and the default tenant.
 */
export async function openWard(config: WardConfig, options: OpenWardOptions): Promise<WardRuntime> {
  const { logger } = options;
  const dataDir = ensureDataDir(config.dataDir);
  const target = databaseTargetOf(config.databaseUrl, dataDir);
  const database = openDatabase(target.open);
  // The bus is one per database: made here first, createStores gets this one, with our error sink.
  createEventBus(database, { onError: (error) => { logger.error({ err: error }, 'event delivery failed'); } });
  try {
    const report = await migrateToLatest(database, options.onMigration);
    if (report.applied.length > 0) logger.info({ applied: report.applied }, 'database migrated');
    // After the database answered: a command that cannot reach it leaves no new key file behind.
    const masterKey = loadMasterKey(config.masterKey, dataDir);
    if (masterKey.source === 'generated') {
      logger.warn({ path: masterKey.path }, 'generated a new master key; back it up apart from the database, or set WARD_MASTER_KEY: without it encrypted secrets cannot be read');
    }
    if (target.dialect === 'postgres' && masterKey.source !== 'config') {
      logger.warn('on PostgreSQL every server process must use the same master key: set WARD_MASTER_KEY instead of relying on the key file in the data directory');
    }
    const ids = createUuidV7Ids();
    const secrets = createAesGcmSecretBox(masterKey.key);
    const storeSet = createStores(database, { digests: nodeDigests, ids, clock: systemClock, secrets });
    const deps: AuthDeps<WardStores> = {
      clock: systemClock,
      ids,
      digests: nodeDigests,
      stores: storeSet.stores,
      tx: storeSet.tx,
      passwords: createArgon2PasswordHasher(),
      secrets,
      appleProfiles: { identifierPrefix: appleIdentifierPrefix(config) },
    };
    const tenant = await ensureTenant(deps);
    return { config, dataDir, target, database, storeSet, deps, masterKey, tenant, close: () => database.close() };
  } catch (error) {
    await database.close();
    throw error;
  }
}
