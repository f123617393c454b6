import type { Device, TenantId } from '@ward/core';
import type { WardStoreSet } from '../../src/index.js';
import { makeDevice, t0 } from './fixtures.js';

/**
 * Inserts a tenant (its slug its id) and `count` devices, `deviceId(0)` to `deviceId(count - 1)`,
 * in one transaction: the fleet a bulk-state test writes rows for.
 */
export async function seedTenantDevices(set: WardStoreSet, tenant: TenantId, name: string, count: number, deviceId: (i: number) => string, over: Partial<Device> = {}): Promise<void> {
  await set.stores.insertTenant({ id: tenant, slug: tenant, name, createdAt: t0 });
  await set.tx.transaction(async (st) => {
    for (let i = 0; i < count; i++) await st.insertDevice(makeDevice(tenant, deviceId(i), over));
  });
}
