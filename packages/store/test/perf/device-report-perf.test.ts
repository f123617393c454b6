import { CompiledQuery, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { deviceOverview, systemPrincipal, type Clock, type Device, type DeviceCountScope, type GroupId, type Platform, type TenantId, type UserId } from '@ward/core';
import { createStores, type Dialect, type WardStoreSet } from '../../src/index.js';
import { makeCommand, makeDevice, makeGroup, makeTenant, makeUser } from '../support/fixtures.js';
import { nodeDigests, openTestDatabase, randomIds, type TestDatabase } from '../support/test-database.js';

/**
 * The fleet overview (`GET /api/v1/reports/devices`, issue 8) and bulk seeding at fleet scale.
 * Opt-in (WARD_STORE_PERF=1; optionally WARD_STORE_PERF_DEVICES, WARD_STORE_PERF_DIALECTS).
 * Prints: seeding time with `insertDevices` beside `insertDevice` per row; the overview's
 * median time and each store query's, with the report indexes of migration 0011 and again with
 * them dropped (before/after); and each query's plan. Fails only on a plan: on SQLite each
 * unscoped count must read a covering index, never the device rows.
 */
const enabled = process.env['WARD_STORE_PERF'] === '1';
const fleetSize = Number(process.env['WARD_STORE_PERF_DEVICES'] ?? 100_000);
const dialects = (process.env['WARD_STORE_PERF_DIALECTS'] ?? 'sqlite,postgres').split(',') as Dialect[];
const reportIndexes = ['devices_state_count_idx', 'devices_os_version_count_idx', 'device_commands_pending_idx'];

const platforms: Platform[] = ['windows', 'windows', 'windows', 'macos', 'macos', 'ios', 'android', 'linux', 'ipados'];
const versions = ['10.0.19045', '10.0.22631', '10.0.26100', '14.4.1', '14.5', '13.6', '17.4', '17.3.1', '14', '13', '6.5.0', '22.04', null];
const now = new Date(Date.UTC(2024, 4, 1, 12));
const clock: Clock = { now: () => now };
const tenant = 'tenant-report' as TenantId;

function fleetDevice(i: number): Device {
  return makeDevice(tenant, `0190${String(i).padStart(8, '0')}-0000-7000-8000-000000000000`, {
    name: `DEVICE-${i.toString(36).toUpperCase()}`,
    platform: platforms[i % platforms.length]!,
    complianceState: (['compliant', 'compliant', 'compliant', 'noncompliant', 'unknown', 'inGracePeriod'] as const)[i % 6]!,
    ownership: i % 5 === 0 ? 'personal' : 'corporate',
    managementState: i % 97 === 0 ? 'retired' : 'enrolled',
    serialNumber: `SN${(i * 7919).toString(36).toUpperCase()}`,
    model: `Model ${i % 13}`,
    osVersion: versions[(i * 7) % versions.length]!,
    primaryUserId: `user-${String(i % 2000).padStart(5, '0')}` as UserId,
    // One a minute back from now: the last 30 days hold about 43,000 enrollments.
    enrolledAt: new Date(now.getTime() - (fleetSize - i) * 60_000),
    lastSeenAt: new Date(now.getTime() - (i % 1440) * 60_000),
    facts: { encrypted: i % 2 === 0, firewallOn: i % 3 !== 0, screenLockSeconds: 300 },
    inventory: { hardware: { cpu: 'x', memory: 16_000_000_000 }, apps: Array.from({ length: 10 }, (_, k) => ({ id: `com.example.app${k}`, version: '1.2.3' })) },
  });
}

async function seed(t: TestDatabase, set: WardStoreSet, dialect: Dialect): Promise<void> {
  await set.stores.insertTenant(makeTenant(tenant));
  await set.tx.transaction(async (s) => {
    for (let i = 0; i < 2000; i++) await s.insertUser(makeUser(tenant, `user-${String(i).padStart(5, '0')}`));
    await s.insertGroup(makeGroup(tenant, 'scope-devices', { memberType: 'device' }));
    await s.insertGroup(makeGroup(tenant, 'scope-users', { memberType: 'user' }));
  });
  const started = performance.now();
  for (let start = 0; start < fleetSize; start += 5000) {
    const batch = Array.from({ length: Math.min(5000, fleetSize - start) }, (_, k) => fleetDevice(start + k));
    await set.tx.transaction((s) => s.insertDevices(batch));
  }
  const bulkMs = performance.now() - started;
  // The same devices a row at a time, on a sample (the whole fleet took ~15 minutes on SQLite).
  const sample = 2000;
  const singleStarted = performance.now();
  await set.tx.transaction(async (s) => {
    for (let i = 0; i < sample; i++) await s.insertDevice(fleetDevice(fleetSize + i));
  });
  const singleMs = performance.now() - singleStarted;
  console.log(`${dialect}: seeded ${fleetSize} devices with insertDevices in ${(bulkMs / 1000).toFixed(1)} s (${((bulkMs / fleetSize) * 1000).toFixed(0)} µs a device); insertDevice: ${((singleMs / sample) * 1000).toFixed(0)} µs a device`);
  await set.tx.transaction(async (s) => {
    for (let i = 0; i < 5000; i++) {
      await s.enqueueCommand(makeCommand(tenant, `cmd-${i}`, fleetDevice((i * 13) % fleetSize).id, { type: i % 3 === 0 ? 'lock' : 'sync', createdAt: now, expiresAt: new Date(now.getTime() + (i % 10 === 0 ? -1 : 1) * 3_600_000) }));
    }
    const members = Array.from({ length: Math.floor(fleetSize / 100) }, (_, k) => ({ memberType: 'device' as const, memberId: fleetDevice(k * 100).id }));
    await s.addMembers(tenant, 'scope-devices' as GroupId, members, now);
    await s.addMembers(tenant, 'scope-users' as GroupId, [{ memberType: 'user', memberId: 'user-00007' }], now);
  });
  // PostgreSQL chooses index-only scans once the visibility map is set, as autovacuum does.
  if (dialect === 'postgres') {
    await sql`vacuum analyze devices`.execute(t.database.db);
    await sql`vacuum analyze device_commands`.execute(t.database.db);
  }
}

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

describe.runIf(enabled).each(dialects)('device overview at %s scale', (dialect) => {
  it(`reports on ${fleetSize} devices`, { timeout: 1_800_000 }, async () => {
    const queries: CompiledQuery[] = [];
    const t = await openTestDatabase(dialect, { onQuery: (event) => queries.push(event.query) });
    try {
      const set = createStores(t.database, { digests: nodeDigests, ids: randomIds, clock });
      await seed(t, set, dialect);
      const deps = { clock, ids: randomIds, digests: nodeDigests, stores: set.stores, tx: set.tx };
      const principal = systemPrincipal(tenant, 'cli');
      const since = new Date(Date.UTC(2024, 4, 1) - 29 * 86_400_000);
      const parts: [string, (scope: DeviceCountScope) => Promise<unknown>][] = [
        ['countDevicesByState', (scope) => set.stores.countDevicesByState(tenant, scope)],
        ['countDevicesByOsVersion', (scope) => set.stores.countDevicesByOsVersion(tenant, scope, 5)],
        ['countEnrollmentsByDay', (scope) => set.stores.countEnrollmentsByDay(tenant, scope, since)],
        ['countPendingActionsByType', (scope) => set.stores.countPendingActionsByType(tenant, scope, now)],
      ];
      const scoped: DeviceCountScope = { withinGroups: ['scope-devices' as GroupId, 'scope-users' as GroupId] };

      const measure = async (label: string): Promise<string[]> => {
        const lines: string[] = [];
        const overview: number[] = [];
        for (let run = 0; run < 15; run++) {
          const started = performance.now();
          const result = await deviceOverview(deps, principal, {});
          overview.push(performance.now() - started);
          expect(result.ok).toBe(true);
        }
        lines.push(`${label}: whole overview p50 ${median(overview).toFixed(1)} ms`);
        for (const [name, run] of parts) {
          for (const [scopeName, scope] of [['fleet', {}], ['scoped', scoped]] as const) {
            const times: number[] = [];
            for (let i = 0; i < 9; i++) {
              const started = performance.now();
              await run(scope);
              times.push(performance.now() - started);
            }
            lines.push(`  ${`${name} (${scopeName})`.padEnd(44)} p50 ${median(times).toFixed(1).padStart(7)} ms`);
          }
        }
        return lines;
      };

      const explain = async (): Promise<Map<string, string>> => {
        const plans = new Map<string, string>();
        for (const [name, run] of parts) {
          for (const [scopeName, scope] of [['fleet', {}], ['scoped', scoped]] as const) {
            queries.length = 0;
            await run(scope);
            const query = queries.at(-1)!;
            const explained = await t.database.db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(`${dialect === 'sqlite' ? 'explain query plan' : 'explain'} ${query.sql}`, [...query.parameters]));
            plans.set(`${name} (${scopeName})`, explained.rows.map((r) => String(r['detail'] ?? r['QUERY PLAN'])).join('\n      '));
          }
        }
        return plans;
      };

      const after = await measure('with the report indexes');
      const plans = await explain();
      for (const index of reportIndexes) await sql`drop index ${sql.id(index)}`.execute(t.database.db);
      if (dialect === 'postgres') await sql`analyze devices`.execute(t.database.db);
      const before = await measure('without them (before migration 0011)');
      const plansBefore = await explain();
      console.log(`${dialect}, ${fleetSize} devices:\n${after.join('\n')}\n${before.join('\n')}`);
      console.log(`${dialect} plans with the indexes:\n${[...plans].map(([k, v]) => `  ${k}:\n      ${v}`).join('\n')}`);
      console.log(`${dialect} plans without:\n${[...plansBefore].map(([k, v]) => `  ${k}:\n      ${v}`).join('\n')}`);
      if (dialect === 'sqlite') {
        for (const [name, plan] of plans) {
          // Never a walk over every device row, nor over the devices for the users' ones in scope.
          expect(plan, name).not.toMatch(/\bSCAN (d|c|du)\b(?! USING)/);
          expect(plan, name).not.toMatch(/SEARCH du USING INDEX \w+ \(tenant_id=\?\)/);
          if (name.endsWith('(fleet)')) expect(plan, name).toMatch(/USING COVERING INDEX/);
        }
      }
    } finally {
      await t.dispose();
    }
  });
});
