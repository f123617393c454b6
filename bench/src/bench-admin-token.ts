// The global admin and API token a benchmark calls the admin API with, made through the core's own
// use cases (as `ward admin create` and `ward token create` would) before the server under test runs.
import { join } from 'node:path';
import { createAdmin, createApiToken, ensureTenant, systemPrincipal, type TenantId } from '@ward/core';
import { createStores, migrateToLatest, openDatabase, type WardDatabase } from '@ward/store';
import { benchClock, benchDigests, benchIds, benchPasswords, benchSecrets } from './bench-deps.js';

/** A token made by {@link createBenchAdminToken}, and the stores it was made through, for seeding more. */
export interface BenchAdminToken {
  readonly bearer: string;
  readonly tenantId: TenantId;
  readonly stores: ReturnType<typeof createStores>;
}

/**
 * Migrates `database`, ensures the default tenant and creates a global admin `email` with a
 * one-day global-admin API token `tokenName`. Throws when core refuses (the email taken).
 */
export async function createBenchAdminToken(database: WardDatabase, email: string, tokenName: string): Promise<BenchAdminToken> {
  await migrateToLatest(database);
  const stores = createStores(database, { digests: benchDigests, ids: benchIds, clock: benchClock });
  const deps = { clock: benchClock, ids: benchIds, digests: benchDigests, stores: stores.stores, tx: stores.tx, passwords: benchPasswords, secrets: benchSecrets };
  const tenant = await ensureTenant(deps);
  const system = systemPrincipal(tenant.id, 'cli');
  const admin = await createAdmin(deps, system, { email, role: 'globalAdmin' });
  if (!admin.ok) throw new Error(admin.message);
  const created = await createApiToken(deps, system, { name: tokenName, role: 'globalAdmin', expiresInDays: 1, ownerUserId: admin.value.user.id });
  if (!created.ok) throw new Error(created.message);
  return { bearer: created.value.bearer, tenantId: tenant.id, stores };
}

/** {@link createBenchAdminToken} in the SQLite database of `dataDir`, before the server opens it; the bearer token. */
export async function seedBenchAdminToken(dataDir: string, email: string, tokenName: string): Promise<string> {
  const database = openDatabase({ sqlitePath: join(dataDir, 'ward.db') });
  try {
    return (await createBenchAdminToken(database, email, tokenName)).bearer;
  } finally {
    await database.close();
  }
}
