// `npm run bench -- api`: seeds 100,000 devices and 10,000 users, starts `ward serve` on SQLite and
// on PostgreSQL, and measures the device list (first page, a filtered page, a deep cursor page) and
// a user search, beside a bare Fastify handler on the same TLS and client, in the same run.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import { Agent, request } from 'undici';
import { seedBenchUsers } from './seed-bench-users.js';
import type { Device, DeviceId, Platform, WardStores } from '@ward/core';
import { openDatabase } from '@ward/store';
import { createBenchAdminToken } from './bench-admin-token.js';
import { benchIds } from './bench-deps.js';
import { measure, printTable, type LatencySummary } from './latency.js';
import { repoRoot, startWardServer } from './ward-server.js';

const deviceCount = Number(process.env.WARD_BENCH_DEVICES ?? 100_000);
const userCount = Number(process.env.WARD_BENCH_USERS ?? 10_000);
const samples = Number(process.env.WARD_BENCH_SAMPLES ?? 300);
const pgUrl = process.env.WARD_BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';

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

/** Seeds the directory and the fleet straight through the store ports (seeding is not measured). */
async function seed(tx: { transaction<T>(w: (s: WardStores) => Promise<T>): Promise<T> }, tenantId: Device['tenantId']): Promise<void> {
  const now = Date.now();
  const t0 = performance.now();
  const userIds = await seedBenchUsers(tx, tenantId, userCount);
  for (let start = 0; start < deviceCount; start += 5000) {
    await tx.transaction(async (s) => {
      const batch: Device[] = [];
      for (let i = start; i < Math.min(deviceCount, start + 5000); i++) {
        const platform = pick(platforms, i);
        const osVersion = pick(versions[platform], Math.floor(i / platforms.length));
        const at = new Date(now - (deviceCount - i) * 60_000);
        const device: Device = {
          id: benchIds.newId() as DeviceId,
          tenantId,
          name: `${platform}-${String(i).padStart(6, '0')}`,
          platform,
          ownership: i % 4 === 0 ? 'personal' : 'corporate',
          managementState: 'enrolled',
          complianceState: pick(['compliant', 'compliant', 'noncompliant', 'unknown'], i),
          serialNumber: `SN${(i * 7919).toString(36).toUpperCase().padStart(8, '0')}`,
          model: pick(['ThinkPad X1', 'MacBook Pro', 'Surface Laptop', 'iPhone 15', 'Pixel 8'], i),
          manufacturer: pick(['Lenovo', 'Apple', 'Microsoft', 'Apple', 'Google'], i),
          osVersion,
          primaryUserId: pick(userIds, i),
          facts: { osVersion, encrypted: i % 3 !== 0, firewallOn: i % 5 !== 0 },
          inventory: { seeded: true },
          enrolledAt: at,
          lastSeenAt: new Date(now - (i % 1440) * 60_000),
          createdAt: at,
          updatedAt: at,
        };
        batch.push(device);
      }
      // One multi-row statement per few hundred devices: a row at a time took ~15 minutes.
      await s.insertDevices(batch);
    });
  }
  console.log(`  seeded ${userCount} users and ${deviceCount} devices in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

async function getJson(agent: Agent, url: string, token: string | undefined): Promise<{ items?: unknown[]; nextCursor?: string | null }> {
  const res = await request(url, { dispatcher: agent, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
  const body = (await res.body.json()) as { items?: unknown[]; nextCursor?: string | null };
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${JSON.stringify(body)}`);
  return body;
}

async function runDialect(dialect: 'sqlite' | 'postgres'): Promise<LatencySummary[]> {
  console.log(`\n== ${dialect}`);
  const dataDir = mkdtempSync(join(tmpdir(), `ward-bench-api-${dialect}-`));
  let schema: string | undefined;
  let databaseUrl: string | undefined;
  if (dialect === 'postgres') {
    schema = `bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const u = new URL(pgUrl);
    u.searchParams.set('options', `-c search_path=${schema}`);
    databaseUrl = u.toString();
  }
  const database = openDatabase(databaseUrl === undefined ? { sqlitePath: join(dataDir, 'ward.db') } : { url: databaseUrl });
  let token: string;
  try {
    const created = await createBenchAdminToken(database, 'bench@example.com', 'bench');
    token = created.bearer;
    await seed(created.stores.tx, created.tenantId);
    if (dialect === 'postgres') await sql`analyze`.execute(database.db);
  } finally {
    await database.close();
  }

  const server = await startWardServer(dataDir, databaseUrl === undefined ? {} : { WARD_DATABASE_URL: databaseUrl });
  const agent = new Agent({ connect: { ca: server.caPem }, connections: 4 });
  const base = `${server.url}/api/v1`;
  const rows: LatencySummary[] = [];
  try {
    rows.push(await measure('devices: first page (limit 50)', samples, 30, async () => {
      await getJson(agent, `${base}/devices?limit=50`, token);
    }));
    rows.push(
      await measure('devices: filtered (linux, corporate, >= 24.04)', samples, 30, async () => {
        await getJson(agent, `${base}/devices?limit=50&platform=linux&ownership=corporate&osVersionMin=24.04&sort=lastSeenAt&order=desc`, token);
      }),
    );
    rows.push(await measure('devices: search q=SN00', samples, 30, async () => {
      await getJson(agent, `${base}/devices?limit=50&q=SN00`, token);
    }));
    // Walk to the middle of the fleet once, then measure pages from there.
    let cursor: string | null | undefined;
    for (let i = 0; i < Math.floor(deviceCount / 2 / 500); i++) cursor = (await getJson(agent, `${base}/devices?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token)).nextCursor;
    const deep = cursor ?? '';
    rows.push(await measure(`devices: deep cursor page (row ${Math.floor(deviceCount / 2)})`, samples, 30, async () => {
      await getJson(agent, `${base}/devices?limit=50&cursor=${encodeURIComponent(deep)}`, token);
    }));
    rows.push(await measure('users: search q=user12', samples, 30, async () => {
      await getJson(agent, `${base}/users?limit=50&q=user12`, token);
    }));
    console.log(`  server RSS after the run: ${(server.rssBytes() / 1024 / 1024).toFixed(0)} MiB`);
  } finally {
    await agent.close();
    await server.stop();
  }

  // The bare handler, on the same certificate, client and machine.
  const bare = spawn(process.execPath, [join(repoRoot, 'bench/dist/bare-fastify.js'), join(dataDir, 'tls/server.crt'), join(dataDir, 'tls/server.key')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    bare.stdout.setEncoding('utf8').on('data', (t: string) => {
      const m = /listening (\d+)/.exec(t);
      if (m?.[1] !== undefined) resolve(Number(m[1]));
    });
    bare.once('exit', () => {
      reject(new Error('bare server exited'));
    });
  });
  const bareAgent = new Agent({ connect: { ca: server.caPem, servername: 'localhost' }, connections: 4 });
  try {
    rows.push(await measure('bare Fastify handler (same TLS, 50 items)', samples, 30, async () => {
      await getJson(bareAgent, `https://localhost:${port}/bare`, undefined);
    }));
  } finally {
    await bareAgent.close();
    bare.kill('SIGTERM');
  }
  if (schema !== undefined) {
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
  rmSync(dataDir, { recursive: true, force: true });
  return rows;
}

/** Runs the API benchmark on both dialects and prints the tables. */
export async function benchApi(): Promise<void> {
  console.log(`API benchmark: ${deviceCount} devices, ${userCount} users, ${samples} sequential requests per shape`);
  const sqlite = await runDialect('sqlite');
  const postgres = await runDialect('postgres');
  printTable('SQLite', sqlite);
  printTable('PostgreSQL', postgres);
  const worst = Math.max(...sqlite.filter((r) => !r.name.startsWith('bare')).map((r) => r.p95));
  console.log(`\nTarget: p95 under 50 ms for every list on SQLite with ${deviceCount} devices: worst p95 ${worst.toFixed(2)} ms → ${worst < 50 ? 'met' : 'NOT met'}`);
}
