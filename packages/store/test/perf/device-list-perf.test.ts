import { CompiledQuery, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Device, DeviceFilter, DeviceSort, GroupId, Platform, SortOrder, TenantId, UserId } from '@ward/core';
import { createStores, type Dialect } from '../../src/index.js';
import { makeDevice, makeGroup, makeTenant, makeUser } from '../support/fixtures.js';
import { nodeDigests, openTestDatabase, randomIds } from '../support/test-database.js';

/**
 * Device list latency and query plans at fleet scale. Opt-in (WARD_STORE_PERF=1; optionally
 * WARD_STORE_PERF_DEVICES, WARD_STORE_PERF_DIALECTS=sqlite,postgres): seeding 100,000 devices
 * takes minutes, far past the conformance suite's budget. Prints p50/p95 per list shape and the
 * plan of each; fails if a SQLite plan scans the devices table.
 */
const enabled = process.env['WARD_STORE_PERF'] === '1';
const fleetSize = Number(process.env['WARD_STORE_PERF_DEVICES'] ?? 100_000);
const dialects = (process.env['WARD_STORE_PERF_DIALECTS'] ?? 'sqlite,postgres').split(',') as Dialect[];

function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return x / 0x7fffffff;
  };
}

const platforms: Platform[] = ['windows', 'windows', 'windows', 'macos', 'macos', 'ios', 'android', 'linux', 'ipados'];
const models = ['Latitude 7440', 'ThinkPad X1 Carbon', 'MacBook Pro 14', 'MacBook Air', 'iPhone 15', 'Pixel 8', 'Galaxy S23', 'Surface Laptop 5', 'EliteBook 840', 'iPad Air'];
const versions = ['10.0.19045', '10.0.22631', '14.4.1', '13.6', '17.4', '17.3.1', '14', '13', '6.5.0', null];
const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

describe.runIf(enabled).each(dialects)('device list at %s scale', (dialect) => {
  it(`lists ${fleetSize} devices within budget`, { timeout: 600_000 }, async () => {
    let last: CompiledQuery | undefined;
    const t = await openTestDatabase(dialect, { onQuery: (event) => (last = event.query) });
    try {
      const set = createStores(t.database, { digests: nodeDigests, ids: randomIds });
      const tenant = 'tenant-perf' as TenantId;
      await set.stores.insertTenant(makeTenant(tenant));
      const random = rng(42);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
      const serial = () => Array.from({ length: 10 }, () => pick(Array.from(alphabet))).join('');
      const now = Date.UTC(2024, 4, 1);
      const seedStarted = Date.now();
      const userCount = Math.max(10, Math.floor(fleetSize / 5));
      await set.tx.transaction(async (st) => {
        for (let i = 0; i < userCount; i++) await st.insertUser(makeUser(tenant, `user-${String(i).padStart(6, '0')}`));
        await st.insertGroup(makeGroup(tenant, 'dg', { memberType: 'device' }));
        await st.insertGroup(makeGroup(tenant, 'ug', { memberType: 'user' }));
        // A branch office's scope: 1 device in 1,000 and 1 user in 400.
        await st.insertGroup(makeGroup(tenant, 'sg', { memberType: 'device' }));
        await st.insertGroup(makeGroup(tenant, 'sug', { memberType: 'user' }));
        for (let i = 0; i < fleetSize; i++) {
          const platform = pick(platforms);
          const device: Device = makeDevice(tenant, `0190${String(i).padStart(8, '0')}-0000-7000-8000-000000000000`, {
            name: `${platform === 'windows' ? 'LAPTOP' : platform === 'macos' ? 'MAC' : 'PHONE'}-${serial().slice(0, 6)}`,
            platform,
            // 'error' is rare (1 in 333): a filter the sort index cannot serve well.
            complianceState: i % 333 === 5 ? 'error' : pick(['compliant', 'compliant', 'compliant', 'noncompliant', 'unknown', 'inGracePeriod'] as const),
            ownership: random() < 0.8 ? 'corporate' : 'personal',
            serialNumber: serial(),
            model: pick(models),
            osVersion: pick(versions),
            primaryUserId: random() < 0.9 ? (`user-${String(Math.floor(random() * userCount)).padStart(6, '0')}` as UserId) : null,
            enrolledAt: new Date(now - Math.floor(random() * 365 * 86_400_000)),
            lastSeenAt: random() < 0.95 ? new Date(now - Math.floor(random() * 60 * 86_400_000)) : null,
            facts: { encrypted: random() < 0.9, firewallOn: true, screenLockSeconds: 300 },
            inventory: { hardware: { cpu: 'x', memory: 16_000_000_000, disks: [{ size: 512_000_000_000, free: 100_000_000_000 }] }, apps: Array.from({ length: 20 }, (_, k) => ({ id: `com.example.app${k}`, version: '1.2.3' })) },
          });
          await st.insertDevice(device);
          if (i % 20 === 0) await st.addMembers(tenant, 'dg' as GroupId, [{ memberType: 'device', memberId: device.id }], new Date(now));
          if (i % 1000 === 7) await st.addMembers(tenant, 'sg' as GroupId, [{ memberType: 'device', memberId: device.id }], new Date(now));
        }
        for (let i = 0; i < userCount; i += 10) await st.addMembers(tenant, 'ug' as GroupId, [{ memberType: 'user', memberId: `user-${String(i).padStart(6, '0')}` }], new Date(now));
        for (let i = 3; i < userCount; i += 400) await st.addMembers(tenant, 'sug' as GroupId, [{ memberType: 'user', memberId: `user-${String(i).padStart(6, '0')}` }], new Date(now));
      });
      await sql`analyze`.execute(t.database.db);
      console.log(`${dialect}: seeded ${fleetSize} devices in ${Date.now() - seedStarted} ms`);
      const shapes: [string, DeviceFilter, DeviceSort, SortOrder][] = [
        ['default: name asc', {}, 'name', 'asc'],
        ['lastSeenAt desc', {}, 'lastSeenAt', 'desc'],
        ['lastSeenAt asc (nulls first)', {}, 'lastSeenAt', 'asc'],
        ['osVersion desc', {}, 'osVersion', 'desc'],
        ['enrolledAt desc', {}, 'enrolledAt', 'desc'],
        ['platform asc', {}, 'platform', 'asc'],
        ['platform=windows, name', { platform: ['windows'] }, 'name', 'asc'],
        ['noncompliant, lastSeenAt desc', { complianceState: ['noncompliant'] }, 'lastSeenAt', 'desc'],
        ['q common "laptop", name', { q: 'laptop' }, 'name', 'asc'],
        ['q rare serial fragment, name', { q: 'zq7' }, 'name', 'asc'],
        ['q model "pixel", lastSeenAt desc', { q: 'pixel' }, 'lastSeenAt', 'desc'],
        ['withinGroups, name', { withinGroups: ['dg' as GroupId, 'ug' as GroupId] }, 'name', 'asc'],
        ['device group, name', { groupId: 'dg' as GroupId }, 'name', 'asc'],
        ['osVersion >= 14, name', { osVersionMin: '14' }, 'name', 'asc'],
        ['not seen for 30 days, lastSeenAt', { lastSeenBefore: new Date(now - 30 * 86_400_000) }, 'lastSeenAt', 'asc'],
        ['primary user', { primaryUserId: 'user-000042' as UserId }, 'name', 'asc'],
        ['small device group, name', { groupId: 'sg' as GroupId }, 'name', 'asc'],
        ['small scope, lastSeenAt desc', { withinGroups: ['sg' as GroupId, 'sug' as GroupId] }, 'lastSeenAt', 'desc'],
        ['rare state, name', { complianceState: ['error'] }, 'name', 'asc'],
        ['rare state and windows, lastSeenAt', { complianceState: ['error'], platform: ['windows'] }, 'lastSeenAt', 'desc'],
        ['q laptop in a small scope, name', { q: 'laptop', withinGroups: ['sg' as GroupId, 'sug' as GroupId] }, 'name', 'asc'],
      ];
      const report: string[] = [];
      const plans: string[] = [];
      for (const [label, filter, sort, order] of shapes) {
        const times: number[] = [];
        let cursor: string | undefined;
        // 30 consecutive pages (deep cursors included), then 20 first pages.
        for (let run = 0; run < 50; run++) {
          const started = performance.now();
          const page = await set.stores.listDevices(tenant, filter, { limit: 50, sort, order, ...(cursor === undefined ? {} : { cursor }) });
          times.push(performance.now() - started);
          cursor = run < 30 ? (page.nextCursor ?? undefined) : undefined;
        }
        // The plan of the page query (the last statement; a search may probe the trigram index first).
        const query = last!;
        const explained = await t.database.db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(`${dialect === 'sqlite' ? 'explain query plan' : 'explain'} ${query.sql}`, [...query.parameters]));
        const plan = explained.rows.map((r) => String(r['detail'] ?? r['QUERY PLAN'])).join('\n      ');
        plans.push(`${label}:\n      ${plan}`);
        // Never a full scan of the devices table on SQLite: every shape walks or searches an index.
        // (PostgreSQL chooses by cost, and may rightly scan for a term too short for trigrams.)
        if (dialect === 'sqlite') expect(plan, label).not.toMatch(/\bSCAN (d|du)\b(?! USING)/);
        times.sort((a, b) => a - b);
        const p50 = times[Math.floor(times.length * 0.5)]!;
        const p95 = times[Math.floor(times.length * 0.95)]!;
        report.push(`${label.padEnd(40)} p50 ${p50.toFixed(1).padStart(7)} ms  p95 ${p95.toFixed(1).padStart(7)} ms`);
      }
      console.log(`${dialect}, ${fleetSize} devices, 50 per page:\n${report.join('\n')}`);
      console.log(`${dialect} plans:\n${plans.join('\n')}`);
    } finally {
      await t.dispose();
    }
  });
});

