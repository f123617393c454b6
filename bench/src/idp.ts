// `npm run bench -- idp` (issue 6): Ward's identity provider under load, on SQLite and on
// PostgreSQL, with 50 conditional access policies and 100,000 devices seeded. `ward serve` runs in
// its own process; this process is the load: browsers that hold a Ward device certificate (mTLS)
// and a session, and a relying party's back channel. It measures
//   - authorization decisions per second: the full authorization request with an existing
//     session → the sign-in interaction, which proves the device and decides conditional access
//     → the code (what a returning user costs; the password is typed once per browser, before);
//   - refresh grants per second at the token endpoint (grants prepared first; every refresh
//     rotates the token and decides access again), beside a bare Fastify handler in the same run;
//   - the time from a device's check-in reporting the firewall off to its refresh token being
//     refused and introspection calling its access token inactive (target under 2 s).
// Sizes: WARD_BENCH_DEVICES (100,000), WARD_BENCH_USERS (10,000), WARD_BENCH_IDP_CLIENTS (8 in
// flight), WARD_BENCH_IDP_DECISIONS (2,000), WARD_BENCH_IDP_GRANTS (400), WARD_BENCH_IDP_REFRESHES
// (4,000), WARD_BENCH_IDP_TRIALS (20); PostgreSQL at WARD_BENCH_DATABASE_URL, in a fresh schema;
// WARD_BENCH_IDP_ONLY=sqlite|postgres runs one dialect.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import { Agent, request } from 'undici';
import type { AuthDeps, WardStores } from '@ward/core';
import { certificateFingerprint, enrollVirtualDevice } from '@ward/simulator';
import { createStores, migrateToLatest, openDatabase } from '@ward/store';
import { benchClock, benchDigests, benchIds, benchPasswords, benchSecrets } from './bench-deps.js';
import { authorize, BenchBrowser, BenchRelyingParty, discoverEndpoints } from './idp-browser.js';
import { medianAndMax, printThroughput, throughput, type Throughput } from './idp-load.js';
import { benchCallback, registerIdpApps, seedIdp, signerPassword } from './idp-seed.js';
import { repoRoot, startWardServer } from './ward-server.js';

const size = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};
const deviceCount = size('WARD_BENCH_DEVICES', 100_000);
const userCount = size('WARD_BENCH_USERS', 10_000);
const clients = size('WARD_BENCH_IDP_CLIENTS', 8);
const decisions = size('WARD_BENCH_IDP_DECISIONS', 2000);
// A multiple of the clients, so each prepared grant belongs to one client and rotates in order.
const grants = Math.ceil(size('WARD_BENCH_IDP_GRANTS', 400) / clients) * clients;
const refreshes = size('WARD_BENCH_IDP_REFRESHES', 4000);
const trials = size('WARD_BENCH_IDP_TRIALS', 20);
const pgUrl = process.env.WARD_BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';

const agentVersion = '0.1.0-bench';
const facts = (firewallOn: boolean) => ({ osVersion: '24.04', osBuild: '6.8.0-bench', encrypted: true, passcodeSet: true, firewallOn, screenLockSeconds: 300, secureBoot: true, agentVersion });

/** What one dialect's run measured. */
interface DialectFigures {
  readonly rows: Throughput[];
  readonly refusedMs: number[];
  readonly inactiveMs: number[];
}

/**
 * A device's check-in over mTLS reporting its facts, as the agent sends it. A 5xx is retried (the
 * agent retries too) and reported: on PostgreSQL, the compliance evaluation of the enrollment's
 * group membership job can race the first check-in's own evaluation of the same device.
 */
async function checkIn(url: string, dispatcher: Agent, firewallOn: boolean): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const res = await request(`${url}/agent/v1/check-in`, {
      dispatcher,
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ protocolVersion: 1, agentVersion, facts: facts(firewallOn), results: [] }),
    });
    const text = await res.body.text();
    if (res.statusCode === 200) return;
    if (res.statusCode < 500 || attempt === 5) throw new Error(`check-in: ${res.statusCode} ${text}`);
    console.log(`  check-in answered ${res.statusCode}; retrying (attempt ${attempt + 1})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function runDialect(dialect: 'sqlite' | 'postgres'): Promise<DialectFigures> {
  console.log(`\n== ${dialect}`);
  const dataDir = mkdtempSync(join(tmpdir(), `ward-bench-idp-${dialect}-`));
  let schema: string | undefined;
  let databaseUrl: string | undefined;
  try {
    if (dialect === 'postgres') {
      schema = `bench_idp_${Date.now()}`;
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      await admin.end();
      const u = new URL(pgUrl);
      u.searchParams.set('options', `-c search_path=${schema}`);
      databaseUrl = u.toString();
    }
    return await measureDialect(dataDir, databaseUrl);
  } finally {
    // Also after a failure, so no run leaves a schema or a data directory behind.
    if (schema !== undefined) {
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measureDialect(dataDir: string, databaseUrl: string | undefined): Promise<DialectFigures> {
  const dialect = databaseUrl === undefined ? 'sqlite' : 'postgres';
  const signerCount = clients + trials;
  const database = openDatabase(databaseUrl === undefined ? { sqlitePath: join(dataDir, 'ward.db') } : { url: databaseUrl });
  let seed: Awaited<ReturnType<typeof seedIdp>>;
  try {
    await migrateToLatest(database);
    const set = createStores(database, { digests: benchDigests, ids: benchIds, clock: benchClock });
    const deps: AuthDeps<WardStores> = { clock: benchClock, ids: benchIds, digests: benchDigests, stores: set.stores, tx: set.tx, passwords: benchPasswords, secrets: benchSecrets };
    seed = await seedIdp(deps, { devices: deviceCount, users: userCount, signers: signerCount });
    if (dialect === 'postgres') await sql`analyze`.execute(database.db);
  } finally {
    await database.close();
  }

  const server = await startWardServer(dataDir, databaseUrl === undefined ? {} : { WARD_DATABASE_URL: databaseUrl });
  const plain = new Agent({ connect: { ca: server.caPem }, connections: clients });
  // The server's own error lines, shown if the run fails (the log is JSON at level warn).
  const serverErrors: string[] = [];
  const keepErrors = (t: Buffer | string): void => {
    for (const line of String(t).split('\n')) if (/"level":(50|60|"error"|"fatal")/u.test(line)) serverErrors.push(line.slice(0, 3000));
  };
  server.child.stdout?.on('data', keepErrors);
  server.child.stderr?.on('data', keepErrors);
  const opened: (Agent | BenchBrowser)[] = [];
  const figures: DialectFigures = { rows: [], refusedMs: [], inactiveMs: [] };
  try {
    const adminPost = async (path: string, body: unknown): Promise<unknown> => {
      const res = await request(`${server.url}/api/v1${path}`, { dispatcher: plain, method: 'POST', headers: { authorization: `Bearer ${seed.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const answer: unknown = await res.body.json();
      if (res.statusCode !== 201 && res.statusCode !== 200) throw new Error(`POST ${path}: ${res.statusCode} ${JSON.stringify(answer)}`);
      return answer;
    };
    const apps = await registerIdpApps(adminPost, seed.groupIds);
    const endpoints = await discoverEndpoints(`${server.url}/oidc`, plain);
    const origin = new URL(endpoints.authorization).origin;
    const rp = new BenchRelyingParty(endpoints, plain, apps.clientId, apps.clientSecret, benchCallback);

    // Every signer's device enrolls over the agent protocol and reports a compliant state.
    const t0 = performance.now();
    const pinned = certificateFingerprint(server.caPem);
    const devices = [];
    for (const [index, signer] of seed.signers.entries()) {
      const identity = await enrollVirtualDevice({ server: new URL(server.url), dispatcher: plain, enrollmentToken: signer.enrollmentToken, index, hardwareId: `bench-idp-${index}`, pinnedRootFingerprint: pinned, timeoutMs: 60_000 });
      const tls = new Agent({ connect: { ca: server.caPem, cert: identity.certificateChainPem, key: identity.privateKeyPem }, connections: 1 });
      opened.push(tls);
      await checkIn(server.url, tls, true);
      devices.push({ signer, identity, tls });
    }
    for (const d of devices) {
      const res = await request(`${server.url}/api/v1/devices/${d.identity.deviceId}`, { dispatcher: plain, headers: { authorization: `Bearer ${seed.adminToken}` } });
      const device = (await res.body.json()) as { complianceState?: string };
      if (device.complianceState !== 'compliant') throw new Error(`device ${d.identity.deviceId} is ${String(device.complianceState)} after its check-in`);
    }
    console.log(`  ${apps.policies} access policies; ${devices.length} devices enrolled over mTLS and compliant in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // The load's browsers: each with its device's certificate, signed in once with the password.
    const browsers: BenchBrowser[] = [];
    for (const d of devices.slice(0, clients)) {
      const browser = new BenchBrowser(origin, server.caPem, d.identity);
      opened.push(browser);
      const first = await authorize(browser, endpoints, apps.clientId, benchCallback, { email: d.signer.email, password: signerPassword });
      await rp.redeem(first.code, first.verifier);
      browsers.push(browser);
    }
    const browserOf = (worker: number): BenchBrowser => {
      const b = browsers[worker];
      if (b === undefined) throw new Error('no browser');
      return b;
    };

    figures.rows.push(
      await throughput('authorization with a session → decision → code', decisions, clients, async (_i, worker) => {
        await authorize(browserOf(worker), endpoints, apps.clientId, benchCallback);
      }),
    );
    const tokens: string[] = new Array<string>(grants).fill('');
    figures.rows.push(
      await throughput('authorization → code grant (preparing refresh tokens)', grants, clients, async (i, worker) => {
        const { code, verifier } = await authorize(browserOf(worker), endpoints, apps.clientId, benchCallback);
        tokens[i] = (await rp.redeem(code, verifier)).refreshToken;
      }),
    );
    figures.rows.push(
      await throughput(`refresh grant (rotating, ${grants} grants, access re-decided)`, refreshes, clients, async (i) => {
        const index = i % grants;
        const answer = await rp.refresh(tokens[index] ?? '');
        if (!answer.ok) throw new Error(`refresh refused: ${answer.status} ${answer.error}`);
        tokens[index] = answer.refreshToken;
      }),
    );

    // A device turns noncompliant: its check-in reports the firewall off. Its tokens are polled until refused.
    for (const d of devices.slice(clients)) {
      const browser = new BenchBrowser(origin, server.caPem, d.identity);
      opened.push(browser);
      const { code, verifier } = await authorize(browser, endpoints, apps.clientId, benchCallback, { email: d.signer.email, password: signerPassword });
      const held = await rp.redeem(code, verifier);
      let refreshToken = held.refreshToken;
      if (!(await rp.active(held.accessToken))) throw new Error('a fresh access token is inactive');
      const started = performance.now();
      await checkIn(server.url, d.tls, false);
      let refused: number | undefined;
      let inactive: number | undefined;
      while (refused === undefined || inactive === undefined) {
        if (performance.now() - started > 30_000) throw new Error(`device ${d.identity.deviceId}: tokens still accepted 30 s after it turned noncompliant`);
        if (inactive === undefined && !(await rp.active(held.accessToken))) inactive = performance.now() - started;
        if (refused === undefined) {
          const answer = await rp.refresh(refreshToken);
          if (answer.ok) refreshToken = answer.refreshToken;
          else refused = performance.now() - started;
        }
        if (refused === undefined || inactive === undefined) await new Promise((r) => setTimeout(r, 10));
      }
      figures.refusedMs.push(refused);
      figures.inactiveMs.push(inactive);
    }
    console.log(`  server RSS after the run: ${(server.rssBytes() / 1024 / 1024).toFixed(0)} MiB`);
  } catch (error) {
    for (const line of serverErrors.slice(-5)) console.error(`  server: ${line}`);
    throw error;
  } finally {
    for (const o of opened) await o.close();
    await plain.close();
    await server.stop();
  }

  // The bare handler, on the same certificate, client and concurrency (a body about a token answer's size).
  const bare = spawn(process.execPath, [join(repoRoot, 'bench/dist/bare-fastify.js'), join(dataDir, 'tls/server.crt'), join(dataDir, 'tls/server.key'), '8'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    bare.stdout.setEncoding('utf8').on('data', (t: string) => {
      const m = /listening (\d+)/.exec(t);
      if (m?.[1] !== undefined) resolve(Number(m[1]));
    });
    bare.once('exit', () => {
      reject(new Error('bare server exited'));
    });
  });
  const bareAgent = new Agent({ connect: { ca: server.caPem, servername: 'localhost' }, connections: clients });
  try {
    figures.rows.push(
      await throughput('bare Fastify handler (same TLS and client)', refreshes, clients, async () => {
        const res = await request(`https://localhost:${port}/bare`, { dispatcher: bareAgent });
        await res.body.dump();
        if (res.statusCode !== 200) throw new Error(`bare: ${res.statusCode}`);
      }),
    );
  } finally {
    await bareAgent.close();
    bare.kill('SIGTERM');
  }
  return figures;
}

function printTrials(title: string, f: DialectFigures): void {
  const refused = medianAndMax(f.refusedMs);
  const inactive = medianAndMax(f.inactiveMs);
  const worst = Math.max(refused.max, inactive.max);
  console.log(`${title}: noncompliant check-in → refresh refused: median ${refused.median.toFixed(0)} ms, max ${refused.max.toFixed(0)} ms; → introspection inactive: median ${inactive.median.toFixed(0)} ms, max ${inactive.max.toFixed(0)} ms (${f.refusedMs.length} trials; target < 2000 ms: ${worst < 2000 ? 'met' : 'NOT met'})`);
}

/** Runs the identity provider benchmark on both dialects and prints the figures. */
export async function benchIdp(): Promise<void> {
  console.log(`Identity provider benchmark: ${deviceCount} devices, ${userCount} users, 50 conditional access policies, ${clients} clients in flight`);
  const only = process.env.WARD_BENCH_IDP_ONLY;
  const sqlite = only === 'postgres' ? undefined : await runDialect('sqlite');
  const postgres = only === 'sqlite' ? undefined : await runDialect('postgres');
  if (sqlite !== undefined) printThroughput('SQLite', sqlite.rows);
  if (postgres !== undefined) printThroughput('PostgreSQL', postgres.rows);
  console.log('');
  if (sqlite !== undefined) printTrials('SQLite', sqlite);
  if (postgres !== undefined) printTrials('PostgreSQL', postgres);
  console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}
