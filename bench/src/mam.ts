// `npm run bench -- mam` (issue 7): app protection for SDK apps under load, on SQLite and on
// PostgreSQL. Before `ward serve` starts, the benchmark seeds (through the stores, key shares sealed
// under the server's master key as the product seals them) an app, an app protection policy for
// every user and WARD_BENCH_MAM_REGISTRATIONS (100,000) registrations whose keys come from a small
// pool of real P-256 keys. Virtual SDK apps (@ward/simulator) in worker processes apart from the
// server take the registrations over and sign their check-ins. It measures
//   1. SDK check-ins per second with every registration in the database: back to back, for a window;
//   2. the time for a policy change (PATCH through the admin API) to be picked up by
//      WARD_BENCH_MAM_APPS (10,000) apps checking in on a short interval with jitter;
//   3. (once, on the first dialect) the upload of a 1 GiB .deb to POST /api/v1/apps/{id}/versions
//      over HTTPS, streamed, against `sha256sum` on the same file.
// `--quick` (npm run bench -- mam --quick) picks small sizes for a developer or CI; each size's
// variable still wins. See docs/benchmarks.md for every variable.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Agent, request } from 'undici';
import { createSdkAppKey, sdkPrivateJwk, sdkPublicJwk, SdkFleetWorker } from '@ward/simulator';
import { measureCheckIns, measurePickup, type CheckInFigures, type PickupFigures, type PolicyAdmin } from './mam-check-ins.js';
import { mamBenchAppId, seedMam } from './mam-seed.js';
import { measureUpload, type UploadFigures } from './mam-upload.js';
import { startWardServer } from './ward-server.js';

const quick = process.argv.includes('--quick');

/** A positive whole number from the environment, else the full or the quick default. */
function size(name: string, full: number, small: number): number {
  const value = Number(process.env[name] ?? (quick ? small : full));
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

const registrationCount = size('WARD_BENCH_MAM_REGISTRATIONS', 100_000, 5_000);
const userCount = size('WARD_BENCH_MAM_USERS', 10_000, 1_000);
const pickupApps = size('WARD_BENCH_MAM_APPS', 10_000, 1_000);
const keyCount = size('WARD_BENCH_MAM_KEYS', 64, 64);
const workerCount = size('WARD_BENCH_MAM_WORKERS', 2, 2);
const concurrency = size('WARD_BENCH_MAM_CONCURRENCY', 16, 16);
const windowSeconds = size('WARD_BENCH_MAM_SECONDS', 20, 5);
const intervalSeconds = size('WARD_BENCH_MAM_INTERVAL_SECONDS', 30, 5);
const jitter = Number(process.env.WARD_BENCH_MAM_JITTER ?? 0.2);
const packageMib = size('WARD_BENCH_MAM_PACKAGE_MIB', 1024, 64);
const parts = new Set((process.env.WARD_BENCH_MAM_PARTS ?? 'check-ins,pickup,upload').split(',').map((p) => p.trim()));
const pgUrl = process.env.WARD_BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';

type Dialect = 'sqlite' | 'postgres';

/** What one dialect's run measured. */
interface DialectFigures {
  readonly dialect: Dialect;
  readonly seedSeconds: number;
  readonly checkIns?: CheckInFigures;
  readonly pickup?: PickupFigures;
  readonly upload?: UploadFigures;
  readonly serverRssMiB: number;
}

/** The pool of registration keys: registration `i` signs with key `i % keyCount`. */
const keys = Array.from({ length: keyCount }, () => createSdkAppKey());

/** The two admin calls of the pickup run, over the benchmark's own connection. */
function policyAdmin(url: string, dispatcher: Agent, token: string): PolicyAdmin {
  const call = async <T>(method: 'GET' | 'PATCH', path: string, body?: unknown): Promise<T> => {
    const res = await request(`${url}/api/v1${path}`, {
      dispatcher,
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`${method} ${path}: ${res.statusCode} ${text.slice(0, 500)}`);
    return JSON.parse(text) as T;
  };
  return {
    get: (id) => call('GET', `/app-protection-policies/${id}`),
    patch: (id, body) => call('PATCH', `/app-protection-policies/${id}`, body),
  };
}

async function runDialect(dialect: Dialect, withUpload: boolean): Promise<DialectFigures> {
  console.log(`\n== ${dialect}`);
  const dataDir = mkdtempSync(join(tmpdir(), `ward-bench-mam-${dialect}-`));
  let schema: string | undefined;
  try {
    // One master key for the seeding and the server, as every process of a Ward must share one.
    const env: Record<string, string> = { WARD_MASTER_KEY: randomBytes(32).toString('base64') };
    if (dialect === 'postgres') {
      schema = `bench_mam_${Date.now()}`;
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      await admin.end();
      const u = new URL(pgUrl);
      u.searchParams.set('options', `-c search_path=${schema}`);
      env.WARD_DATABASE_URL = u.toString();
    }
    return await measureDialect(dialect, dataDir, env, withUpload);
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

async function measureDialect(dialect: Dialect, dataDir: string, env: Readonly<Record<string, string>>, withUpload: boolean): Promise<DialectFigures> {
  const seed = await seedMam({ ...env, WARD_DATA_DIR: dataDir }, { registrations: registrationCount, users: userCount, publicKeys: keys.map((k) => sdkPublicJwk(k)) });
  console.log(`  seeded ${userCount} users, 1 app, 1 protection policy (all users), ${registrationCount} registrations (${keyCount} keys) in ${seed.seconds.toFixed(1)} s`);

  const server = await startWardServer(dataDir, env);
  const serverErrors: string[] = [];
  const keepErrors = (t: Buffer | string): void => {
    for (const line of String(t).split('\n')) if (/"level":(50|60|"error"|"fatal")/u.test(line)) serverErrors.push(line.slice(0, 3000));
  };
  server.child.stdout?.on('data', keepErrors);
  server.child.stderr?.on('data', keepErrors);
  const dispatcher = new Agent({ connect: { ca: server.caPem }, connections: 2 });
  const workers: SdkFleetWorker[] = [];
  const figures: { checkIns?: CheckInFigures; pickup?: PickupFigures; upload?: UploadFigures } = {};
  try {
    for (let i = 0; i < workerCount; i++) workers.push(new SdkFleetWorker());
    await Promise.all(workers.map((w) => w.ready()));
    const privateKeys = keys.map(sdkPrivateJwk);
    // Interleaved shares: worker w holds registrations w, w + workers, …
    await Promise.all(workers.map((worker, w) => worker.load({
      server: server.url,
      caPem: server.caPem,
      appId: mamBenchAppId,
      keys: privateKeys,
      registrations: seed.registrationIds.flatMap((id, i) => (i % workerCount === w ? [[id, i % keyCount] as const] : [])),
      policyVersion: seed.policyVersion,
      configurationVersion: seed.configurationVersion,
      concurrency,
    }, 120_000)));

    if (parts.has('check-ins')) {
      console.log(`  (1) check-ins back to back: ${workerCount} workers × ${concurrency} in flight, ${windowSeconds} s after a 2 s warm-up`);
      figures.checkIns = await measureCheckIns(workers, server.child.pid, windowSeconds);
      const c = figures.checkIns;
      console.log(`      ${c.checkIns} check-ins (${c.perSecond.toFixed(0)}/s), ${c.failures} failures, p50 ${c.p50.toFixed(1)} ms, p95 ${c.p95.toFixed(1)} ms; load ${c.load.toFixed(2)}`);
    }
    if (parts.has('pickup')) {
      const apps = Math.min(pickupApps, registrationCount);
      console.log(`  (2) ${apps} apps checking in every ${intervalSeconds} s ± ${(jitter * 100).toFixed(0)} %; one interval to settle, then the policy change`);
      figures.pickup = await measurePickup(workers, policyAdmin(server.url, dispatcher, seed.adminToken), { apps, intervalSeconds, jitter, policyId: seed.policyId, policyVersion: seed.policyVersion });
      const p = figures.pickup;
      console.log(`      picked up by 50 % after ${(p.p50 / 1000).toFixed(2)} s, 95 % after ${(p.p95 / 1000).toFixed(2)} s, all after ${(p.max / 1000).toFixed(2)} s; ${p.failures} failures; load ${p.load.toFixed(2)}`);
    }
    if (withUpload) {
      console.log(`  (3) a ${packageMib} MiB .deb: sha256sum, then POST /api/v1/apps/{id}/versions over HTTPS`);
      figures.upload = await measureUpload({ url: server.url, caPem: server.caPem, pid: server.child.pid }, seed.adminToken, packageMib);
    }
    return { dialect, seedSeconds: seed.seconds, ...figures, serverRssMiB: server.rssBytes() / 1024 / 1024 };
  } catch (error) {
    for (const line of serverErrors.slice(-5)) console.error(`  server: ${line}`);
    throw error;
  } finally {
    // Each step on its own, so one that fails leaves no process behind.
    await Promise.allSettled(workers.map((w) => w.stop()));
    await dispatcher.close().catch(() => undefined);
    const kill = setTimeout(() => server.child.kill('SIGKILL'), 60_000);
    await server.stop().catch(() => undefined);
    clearTimeout(kill);
  }
}

const title = (d: Dialect): string => (d === 'sqlite' ? 'SQLite' : 'PostgreSQL');
const mbPerSecond = (bytes: number, seconds: number): string => `${(bytes / 1e6 / seconds).toFixed(0)} MB/s`;

function printFigures(all: readonly DialectFigures[]): void {
  const checkIns = all.filter((f) => f.checkIns !== undefined);
  if (checkIns.length > 0) {
    console.log(`\n(1) SDK check-ins with ${registrationCount} registrations in the database: ${workerCount} worker processes × ${concurrency} in flight, back to back for ${windowSeconds} s; each signed (ES256), one launch reported`);
    console.log(`${'database'.padEnd(12)} ${'check-ins/s'.padStart(11)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'failed'.padStart(7)} ${'server CPU/check-in'.padStart(20)} ${'apps CPU/check-in'.padStart(18)} ${'load'.padStart(6)}`);
    for (const f of checkIns) {
      const c = f.checkIns;
      if (c === undefined) continue;
      console.log(`${title(f.dialect).padEnd(12)} ${c.perSecond.toFixed(0).padStart(11)} ${c.p50.toFixed(2).padStart(8)} ${c.p95.toFixed(2).padStart(8)} ${c.p99.toFixed(2).padStart(8)} ${c.max.toFixed(2).padStart(8)} ${String(c.failures).padStart(7)} ${`${c.serverCpuMs.toFixed(2)} ms`.padStart(20)} ${`${c.workerCpuMs.toFixed(2)} ms`.padStart(18)} ${c.load.toFixed(2).padStart(6)}`);
    }
  }
  const pickups = all.filter((f) => f.pickup !== undefined);
  const first = pickups[0]?.pickup;
  if (first !== undefined) {
    console.log(`\n(2) App protection policy change (PATCH) picked up by ${first.apps} apps at their next check-in: each checks in every ${first.intervalSeconds} s ± ${(first.jitter * 100).toFixed(0)} % (uniform), first at a random moment within an interval; times from sending the PATCH`);
    console.log(`${'database'.padEnd(12)} ${'PATCH ms'.padStart(9)} ${'50 %'.padStart(8)} ${'95 %'.padStart(8)} ${'100 %'.padStart(8)} ${'stale'.padStart(6)} ${'check-ins/s'.padStart(12)} ${'failed'.padStart(7)} ${'load'.padStart(6)}`);
    for (const f of pickups) {
      const p = f.pickup;
      if (p === undefined) continue;
      console.log(`${title(f.dialect).padEnd(12)} ${p.patchMs.toFixed(0).padStart(9)} ${`${(p.p50 / 1000).toFixed(2)} s`.padStart(8)} ${`${(p.p95 / 1000).toFixed(2)} s`.padStart(8)} ${`${(p.max / 1000).toFixed(2)} s`.padStart(8)} ${String(p.staleAfterPatch).padStart(6)} ${p.perSecond.toFixed(0).padStart(12)} ${String(p.failures).padStart(7)} ${p.load.toFixed(2).padStart(6)}`);
    }
    console.log('stale: apps whose check-in sent after the PATCH was answered still received the old policy (expected 0).');
  }
  for (const f of all) {
    const u = f.upload;
    if (u === undefined) continue;
    console.log(`\n(3) A ${(u.bytes / 1024 / 1024).toFixed(0)} MiB .deb (${u.bytes} bytes; random payload, dpkg-deb -Znone, built in ${u.buildSeconds.toFixed(1)} s), same file, same run, ${title(f.dialect)} server:`);
    console.log(`  sha256sum:                                        ${u.sha256sumSeconds.toFixed(2).padStart(7)} s  ${mbPerSecond(u.bytes, u.sha256sumSeconds).padStart(10)}`);
    console.log(`  upload over HTTPS, streamed (stored, hashed, read): ${u.uploadSeconds.toFixed(2).padStart(7)} s  ${mbPerSecond(u.bytes, u.uploadSeconds).padStart(10)}  (${((u.sha256sumSeconds / u.uploadSeconds) * 100).toFixed(0)} % of sha256sum's rate; server CPU ${u.serverCpuSeconds.toFixed(1)} s, benchmark CPU ${u.clientCpuSeconds.toFixed(1)} s; load ${u.load.toFixed(2)})`);
    console.log(`  the server's SHA-256 equals sha256sum's: ${u.sha256}`);
  }
  console.log('');
  for (const f of all) console.log(`${title(f.dialect)}: seeding ${f.seedSeconds.toFixed(1)} s, server RSS at the end ${f.serverRssMiB.toFixed(0)} MiB`);
  console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${availableParallelism()} cores (server, app workers and this process share them)`);
}

/** Runs the MAM benchmark on each dialect asked for and prints the figures. */
export async function benchMam(): Promise<void> {
  const only = process.env.WARD_BENCH_MAM_ONLY;
  if (only !== undefined && only !== 'sqlite' && only !== 'postgres') throw new Error(`WARD_BENCH_MAM_ONLY must be sqlite or postgres, got ${only}`);
  if (!(jitter >= 0 && jitter < 1)) throw new Error('WARD_BENCH_MAM_JITTER must be in [0, 1)');
  for (const part of parts) if (!['check-ins', 'pickup', 'upload'].includes(part)) throw new Error(`WARD_BENCH_MAM_PARTS lists check-ins, pickup and upload; got ${part}`);
  const dialects: Dialect[] = only === undefined ? ['sqlite', 'postgres'] : [only];
  console.log(`MAM benchmark${quick ? ' (--quick)' : ''}: ${registrationCount} registrations, ${userCount} users, ${Math.min(pickupApps, registrationCount)} paced apps, ${packageMib} MiB package; ${dialects.join(' then ')}`);
  const all: DialectFigures[] = [];
  for (const [i, dialect] of dialects.entries()) all.push(await runDialect(dialect, i === 0 && parts.has('upload')));
  printFigures(all);
}
