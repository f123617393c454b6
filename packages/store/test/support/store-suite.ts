import { afterAll, beforeAll } from 'vitest';
import type { Clock, Ids, TenantId } from '@ward/core';
import { createStores, type Dialect, type WardStoreSet } from '../../src/index.js';
import { makeTenant } from './fixtures.js';
import { nodeDigests, openTestDatabase, sequentialIds, type TestDatabase } from './test-database.js';

/** What a conformance test gets: a fresh database with two tenants and the stores over it. */
export interface StoreSuite {
  t: TestDatabase;
  set: WardStoreSet;
  ids: Ids;
  tenant: TenantId;
  other: TenantId;
}

/**
 * Opens a fresh database of `dialect` before the file's tests and disposes of it after. Two
 * tenants exist from the start, so every test can check that tenants stay apart.
 */
export function useStoreSuite(dialect: Dialect, options: { clock?: Clock } = {}): StoreSuite {
  const suite = {} as StoreSuite;
  beforeAll(async () => {
    suite.t = await openTestDatabase(dialect);
    suite.ids = sequentialIds();
    suite.set = createStores(suite.t.database, { digests: nodeDigests, ids: suite.ids, ...(options.clock ? { clock: options.clock } : {}) });
    suite.tenant = makeTenant('tenant-a').id;
    suite.other = makeTenant('tenant-b').id;
    await suite.set.stores.insertTenant(makeTenant('tenant-a'));
    await suite.set.stores.insertTenant(makeTenant('tenant-b'));
  });
  afterAll(async () => {
    await suite.t.dispose();
  });
  return suite;
}
