import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash, verify } from '@node-rs/argon2';
import { createStores, migrateToLatest, openDatabase, type WardDatabase } from '@ward/store';
import {
  ensureTenant,
  systemPrincipal,
  type AuthDeps,
  type PasswordHasher,
  type Principal,
  type SecretBox,
  type Tenant,
  type WardStores,
} from '../../src/index.js';
import { clockOrderedIds, ManualClock, testDigests } from './deterministic-ports.js';

export { ManualClock } from './deterministic-ports.js';

// Low-cost argon2id parameters: the real algorithm, at a price a test suite can pay many times.
const passwords: PasswordHasher = {
  hash: (p) => hash(p, { memoryCost: 1024, timeCost: 1, parallelism: 1 }),
  verify: async (h, p) => {
    try {
      return await verify(h, p);
    } catch {
      return false;
    }
  },
};

const masterKey = randomBytes(32);
// AES-256-GCM with the label as associated data, as the server's adapter does.
const secrets: SecretBox = {
  seal: (plaintext, label) => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', masterKey, iv).setAAD(Buffer.from(label));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  },
  open: (sealed, label) => {
    try {
      const raw = Buffer.from(sealed, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', masterKey, raw.subarray(0, 12)).setAAD(Buffer.from(label));
      decipher.setAuthTag(raw.subarray(12, 28));
      return new Uint8Array(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]));
    } catch {
      return undefined;
    }
  },
};

/** Use-case dependencies over a real, migrated SQLite database in a temporary folder. */
export interface CoreTestEnv {
  readonly deps: AuthDeps<WardStores>;
  readonly clock: ManualClock;
  readonly database: WardDatabase;
  readonly tenant: Tenant;
  /** A global admin acting from the CLI. */
  readonly system: Principal;
  dispose(): Promise<void>;
}

/** Opens a fresh environment; call `dispose` after the test file. */
export async function openCoreTestEnv(): Promise<CoreTestEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'ward-core-'));
  const database = openDatabase({ sqlitePath: join(dir, 'ward.db') });
  await migrateToLatest(database);
  const clock = new ManualClock(new Date('2026-11-29T09:00:00Z'));
  const ids = clockOrderedIds(clock);
  const set = createStores(database, { digests: testDigests, ids, clock });
  const deps: AuthDeps<WardStores> = { clock, ids, digests: testDigests, stores: set.stores, tx: set.tx, passwords, secrets };
  const tenant = await ensureTenant(deps);
  return {
    deps,
    clock,
    database,
    tenant,
    system: systemPrincipal(tenant.id, 'cli'),
    dispose: async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Unwraps an ok Result or fails the test with the failure's code and message. */
export function expectOk<T>(result: { ok: true; value: T } | { ok: false; code: string; message: string }): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}: ${result.message}`);
  return result.value;
}
