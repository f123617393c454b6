import { performance } from 'node:perf_hooks';
import { createAdmin, ensureTenant, systemPrincipal, type Device, type DeviceId, type Platform, type TenantId, type UserId, type WardStores } from '@ward/core';
import { createStores, migrateToLatest, openDatabase } from '@ward/store';
import { benchClock, benchDigests, benchIds, benchPasswords, benchSecrets } from './bench-deps.js';
import { seedBenchUsers } from './seed-bench-users.js';

const platforms: readonly Platform[] = ['linux', 'macos', 'windows', 'ios', 'android'];
const versions: Readonly<Record<Platform, readonly string[]>> = {
  linux: ['22.04', '24.04', '24.10', '12', '40'],
  macos: ['14.6.1', '15.0', '15.1'],
  windows: ['10.0.19045', '10.0.22631'],
  ios: ['17.6', '18.0', '18.1'],
  ipados: ['18.1'],
  android: ['14', '15'],
};

function pick<T>(list: readonly T[], i: number): T {
  const v = list[i % list.length];
  if (v === undefined) throw new Error('empty list');
  return v;
}

/** The seeded device's name: platform and a zero-padded index, so names sort and search predictably. */
export function seededDeviceName(i: number): string {
  return `${pick(platforms, i)}-${String(i).padStart(6, '0')}`;
}

/** What {@link seedConsoleFleet} made: the admin to sign in as and one corporate device to open. */
export interface SeededConsoleFleet {
  readonly admin: { readonly email: string; readonly password: string };
  readonly detailDevice: { readonly id: string; readonly name: string };
}

/**
 * Migrates a fresh SQLite database in `sqlitePath` and seeds a global admin with a known password,
 * `userCount` users and `deviceCount` devices straight through the store ports (seeding is not
 * what the console benchmark measures). Devices spread over platforms, OS versions, compliance
 * states and ownership, enrolled one a minute back from now, so the dashboard's charts and the
 * table's filters all have data. The database is closed before the server opens it.
 */
export async function seedConsoleFleet(sqlitePath: string, deviceCount: number, userCount: number): Promise<SeededConsoleFleet> {
  const database = openDatabase({ sqlitePath });
  try {
    await migrateToLatest(database);
    const set = createStores(database, { digests: benchDigests, ids: benchIds, clock: benchClock });
    const deps = { clock: benchClock, ids: benchIds, digests: benchDigests, stores: set.stores, tx: set.tx, passwords: benchPasswords, secrets: benchSecrets };
    const tenant = await ensureTenant(deps);
    const admin = { email: 'bench-console@example.com', password: 'Bench-console-password-2024!' };
    const created = await createAdmin(deps, systemPrincipal(tenant.id, 'cli'), { ...admin, displayName: 'Bench Admin', role: 'globalAdmin' });
    if (!created.ok) throw new Error(`create the bench admin: ${created.message}`);
    const t0 = performance.now();
    const userIds = await seedBenchUsers(set.tx, tenant.id, userCount);
    // A corporate device (personal ones keep no raw inventory) from the middle of the fleet.
    const detailIndex = Math.floor(deviceCount / 2) - (Math.floor(deviceCount / 2) % 4) + 1;
    const detail = await seedDevices(set.tx, tenant.id, deviceCount, userIds, Math.min(detailIndex, deviceCount - 1));
    console.log(`  seeded ${userCount} users and ${deviceCount} devices in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return { admin, detailDevice: detail };
  } finally {
    await database.close();
  }
}

type Transactions = { transaction<T>(work: (s: WardStores) => Promise<T>): Promise<T> };

async function seedDevices(tx: Transactions, tenantId: TenantId, count: number, userIds: readonly UserId[], detailIndex: number): Promise<{ id: string; name: string }> {
  const now = Date.now();
  let detail: { id: string; name: string } | undefined;
  for (let start = 0; start < count; start += 5000) {
    await tx.transaction(async (s) => {
      const batch: Device[] = [];
      for (let i = start; i < Math.min(count, start + 5000); i++) {
        const platform = pick(platforms, i);
        const osVersion = pick(versions[platform], Math.floor(i / platforms.length));
        const at = new Date(now - (count - i) * 60_000);
        const device: Device = {
          id: benchIds.newId() as DeviceId,
          tenantId,
          name: seededDeviceName(i),
          platform,
          ownership: i % 4 === 0 ? 'personal' : 'corporate',
          managementState: 'enrolled',
          complianceState: pick(['compliant', 'compliant', 'noncompliant', 'unknown'], i),
          serialNumber: `SN${(i * 7919).toString(36).toUpperCase().padStart(8, '0')}`,
          model: pick(['ThinkPad X1', 'MacBook Pro', 'Surface Laptop', 'iPhone 15', 'Pixel 8'], i),
          manufacturer: pick(['Lenovo', 'Apple', 'Microsoft', 'Apple', 'Google'], i),
          osVersion,
          primaryUserId: userIds.length === 0 ? null : pick(userIds, i),
          facts: { osVersion, encrypted: i % 3 !== 0, firewallOn: i % 5 !== 0, screenLockSeconds: 300, memoryBytes: 16 * 2 ** 30 },
          inventory: { seeded: true, hardware: { model: pick(['ThinkPad X1', 'MacBook Pro'], i), cpuCores: 8 } },
          enrolledAt: at,
          lastSeenAt: new Date(now - (i % 1440) * 60_000),
          createdAt: at,
          updatedAt: at,
        };
        batch.push(device);
        if (i === detailIndex) detail = { id: device.id, name: device.name };
      }
      // One multi-row statement per few hundred devices: a row at a time took ~15 minutes.
      await s.insertDevices(batch);
    });
  }
  if (detail === undefined) throw new Error('no device to open: seed at least two devices');
  return detail;
}
