// The SQLite database parts (b) and (c) of `npm run bench -- policy` run on: a file in a temporary
// directory opened as the server opens it (WAL), with a fleet seeded straight through the store
// ports (seeding is not measured).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createGroup, ensureTenant, systemPrincipal, type Deps, type Device, type DeviceId, type GroupId, type Principal, type TenantId, type User, type UserId, type WardStores } from '@ward/core';
import { createStores, migrateToLatest, openDatabase, type EventBus, type WardDatabase } from '@ward/store';
import { benchClock, benchDigests, benchIds } from './bench-deps.js';
import { seededRandom, syntheticDevice } from './policy-fleet.js';

/** An open benchmark database with its fleet. */
export interface PolicyBenchDatabase {
  readonly database: WardDatabase;
  readonly deps: Deps<WardStores>;
  readonly events: EventBus;
  readonly tenantId: TenantId;
  readonly system: Principal;
  /** The static device group every device is a member of. */
  readonly groupId: GroupId;
  readonly deviceIds: readonly DeviceId[];
  close(): Promise<void>;
}

/**
 * Opens a fresh SQLite file and seeds `userCount` users (a static user group holds them all) and
 * `deviceCount` devices of varied platforms and facts, nine in ten with a primary user, all in
 * one static device group.
 */
export async function openPolicyBenchDatabase(deviceCount: number, userCount: number): Promise<PolicyBenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'ward-bench-policy-'));
  const database = openDatabase({ sqlitePath: join(dir, 'ward.db') });
  const close = async (): Promise<void> => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await migrateToLatest(database);
    const set = createStores(database, { digests: benchDigests, ids: benchIds, clock: benchClock });
    const { stores, tx } = set;
    const deps: Deps<WardStores> = { clock: benchClock, ids: benchIds, digests: benchDigests, stores, tx };
    const tenant = await ensureTenant(deps);
    const tenantId = tenant.id;
    const system = systemPrincipal(tenantId, 'cli');

    const started = performance.now();
    const now = benchClock.now();
    const random = seededRandom(7);
    const userIds: UserId[] = [];
    for (let start = 0; start < userCount; start += 2000) {
      await tx.transaction(async (s) => {
        for (let i = start; i < Math.min(userCount, start + 2000); i++) {
          const user: User = {
            id: benchIds.newId() as UserId,
            tenantId,
            email: `user${i}@example.com`,
            displayName: `User ${i}`,
            givenName: 'User',
            surname: String(i),
            department: ['Finance', 'Sales', 'Engineering', 'Support'][i % 4] ?? null,
            jobTitle: null,
            employeeId: `E${i}`,
            attributes: {},
            disabled: false,
            createdAt: now,
            updatedAt: now,
          };
          await s.insertUser(user);
          userIds.push(user.id);
        }
      });
    }
    const deviceIds: DeviceId[] = [];
    for (let start = 0; start < deviceCount; start += 5000) {
      await tx.transaction(async (s) => {
        const batch: Device[] = [];
        for (let i = start; i < Math.min(deviceCount, start + 5000); i++) {
          const owner = userIds.length > 0 && random() < 0.9 ? (userIds[i % userIds.length] ?? null) : null;
          const device = syntheticDevice(i, tenantId, benchIds.newId() as DeviceId, owner, now, random);
          batch.push(device);
          deviceIds.push(device.id);
        }
        await s.insertDevices(batch);
      });
    }
    const desktops = await createGroup(deps, system, { name: 'Managed desktops', membershipType: 'static', memberType: 'device' });
    if (!desktops.ok) throw new Error(desktops.message);
    const staff = await createGroup(deps, system, { name: 'Staff', membershipType: 'static', memberType: 'user' });
    if (!staff.ok) throw new Error(staff.message);
    await tx.transaction(async (s) => {
      await s.addMembers(tenantId, desktops.value.id, deviceIds.map((id) => ({ memberType: 'device' as const, memberId: id })), now);
      await s.addMembers(tenantId, staff.value.id, userIds.map((id) => ({ memberType: 'user' as const, memberId: id })), now);
    });
    console.log(`  seeded ${userCount} users and ${deviceCount} devices in two static groups on SQLite in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return { database, deps, events: set.events, tenantId, system, groupId: desktops.value.id, deviceIds, close };
  } catch (error) {
    await close();
    throw error;
  }
}
