// `npm run bench -- agents`: starts `ward serve` on SQLite, enrolls a fleet of virtual agents
// (@ward/simulator) in worker processes of their own, connects them all over the push WebSocket,
// and measures what issue 3 sets targets for: the server's memory per idle connected agent, the
// time from one "sync all" until every agent's sync result is acknowledged, and check-ins per
// second at steady state.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import { createAdmin, createApiToken, ensureTenant, systemPrincipal } from '@ward/core';
import { FleetWorker, sumFleetStats, type FleetStats, type SteadyReport } from '@ward/simulator';
import { createStores, migrateToLatest, openDatabase } from '@ward/store';
import { benchClock, benchDigests, benchIds, benchPasswords, benchSecrets } from './bench-deps.js';
import { startWardServer, type ServerProcess } from './ward-server.js';

const agentCount = Number(process.env.WARD_BENCH_AGENTS ?? 10_000);
// 2,500 push sockets and at most `checkInSlots` check-in connections per worker: far below the
// 20,000 descriptors a process may open, on the workers' side as on the server's (10,000 + slots).
const perWorker = Number(process.env.WARD_BENCH_AGENTS_PER_WORKER ?? 2_500);
const checkInSlots = Number(process.env.WARD_BENCH_CHECKIN_SLOTS ?? 32);
const steadySeconds = Number(process.env.WARD_BENCH_STEADY_SECONDS ?? 20);
// `push` (default): agents check in over their open push socket, as the real agent does; `https`:
// every check-in is an HTTPS request on a connection of its own (the fallback path), for comparison.
const checkInTransport = process.env.WARD_BENCH_CHECKIN_OVER ?? 'push';
// E.g. `--import=./profiler.mjs`, to profile the server under this load (NODE_OPTIONS refuses --cpu-prof).
const serverNodeOptions = process.env.WARD_BENCH_SERVER_NODE_OPTIONS;
// Keeps the server's data directory and the fleet's identities here, and reuses them next time:
// enrolling ten thousand devices takes minutes, which iterating on the rest need not repeat.
const stateDir = process.env.WARD_BENCH_STATE_DIR;

const gcHook = fileURLToPath(new URL('./gc-on-signal.js', import.meta.url));

const targets = { syncAllSeconds: 10, checkInsPerSecond: 2_000, bytesPerAgent: 20 * 1024 } as const;
// The API takes at most this many devices per action request (core's maxActionDevices).
const actionBatch = 10_000;
const clockTicksPerSecond = 100;

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    // Fields after the command name (which may hold spaces) start at the state, field 3.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
  } catch {
    return Number.NaN;
  }
}

/**
 * Seconds the main thread of a process (its event loop) spent runnable but waiting for a CPU, from
 * /proc/<pid>/schedstat. On a machine shared with other work this is what the figures lost to it.
 */
function cpuWaitSeconds(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e9;
  } catch {
    return Number.NaN;
  }
}

/** Open file descriptors of a process, from /proc. */
function openFiles(pid: number | undefined): number {
  try {
    return pid === undefined ? Number.NaN : readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return Number.NaN;
  }
}

/** Creates a global admin and an API token in the data directory before the server opens it. */
async function seedAdminToken(dataDir: string): Promise<string> {
  const database = openDatabase({ sqlitePath: join(dataDir, 'ward.db') });
  try {
    await migrateToLatest(database);
    const set = createStores(database, { digests: benchDigests, ids: benchIds, clock: benchClock });
    const deps = { clock: benchClock, ids: benchIds, digests: benchDigests, stores: set.stores, tx: set.tx, passwords: benchPasswords, secrets: benchSecrets };
    const tenant = await ensureTenant(deps);
    const system = systemPrincipal(tenant.id, 'cli');
    // One admin per run: a kept data directory has the earlier runs' already.
    const admin = await createAdmin(deps, system, { email: `bench-${Date.now().toString(36)}@example.com`, role: 'globalAdmin' });
    if (!admin.ok) throw new Error(admin.message);
    const created = await createApiToken(deps, system, { name: 'bench', role: 'globalAdmin', expiresInDays: 1, ownerUserId: admin.value.user.id });
    if (!created.ok) throw new Error(created.message);
    return created.value.bearer;
  } finally {
    await database.close();
  }
}

/** The admin API of the server under test. */
class AdminClient {
  readonly #base: string;
  readonly #token: string;
  readonly #dispatcher: Agent;

  constructor(server: ServerProcess, token: string) {
    this.#base = server.url;
    this.#token = token;
    this.#dispatcher = new Agent({ connect: { ca: server.caPem }, connections: 2 });
  }

  async post<T>(path: string, body: unknown, expect: number): Promise<T> {
    const res = await request(`${this.#base}${path}`, {
      dispatcher: this.#dispatcher,
      method: 'POST',
      headers: { authorization: `Bearer ${this.#token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      headersTimeout: 300_000,
      bodyTimeout: 300_000,
    });
    const text = await res.body.text();
    if (res.statusCode !== expect) throw new Error(`POST ${path}: ${res.statusCode} ${text.slice(0, 500)}`);
    return JSON.parse(text) as T;
  }

  /** The server's /metrics values by name (unlabelled series only). */
  async metrics(): Promise<Map<string, number>> {
    const res = await request(`${this.#base}/metrics`, { dispatcher: this.#dispatcher, headersTimeout: 30_000, bodyTimeout: 30_000 });
    const text = await res.body.text();
    const values = new Map<string, number>();
    for (const line of text.split('\n')) {
      const match = /^([a-z_:]+) (\S+)$/.exec(line);
      if (match?.[1] !== undefined) values.set(match[1], Number(match[2]));
    }
    return values;
  }

  close(): Promise<void> {
    return this.#dispatcher.close();
  }
}

/**
 * Server memory held now: after a full collection (see gc-on-signal.ts), the smallest of a few
 * samples, so garbage not yet collected does not count as memory per agent.
 */
async function serverMemory(server: ServerProcess, admin: AdminClient): Promise<{ rss: number; heap: number; connected: number }> {
  let rss = Number.POSITIVE_INFINITY;
  let heap = Number.POSITIVE_INFINITY;
  let connected = Number.NaN;
  for (let i = 0; i < 3; i++) {
    server.child.kill('SIGURG');
    await sleep(1_000);
    const metrics = await admin.metrics();
    rss = Math.min(rss, server.rssBytes());
    heap = Math.min(heap, metrics.get('nodejs_heap_size_used_bytes') ?? Number.NaN);
    connected = metrics.get('ward_agents_connected') ?? Number.NaN;
  }
  return { rss, heap, connected };
}

function fleetStats(workers: readonly FleetWorker[]): FleetStats {
  return sumFleetStats(workers.flatMap((w) => (w.stats === undefined ? [] : [w.stats])));
}

/** Polls the workers' reports (every 20 ms) until `predicate` holds; throws after `timeoutMs`. */
async function waitFleet(workers: readonly FleetWorker[], what: string, timeoutMs: number, predicate: (stats: FleetStats) => boolean): Promise<FleetStats> {
  const deadline = Date.now() + timeoutMs;
  let lastReport = Date.now();
  for (;;) {
    const stats = fleetStats(workers);
    if (predicate(stats)) return stats;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs / 1000} s: ${JSON.stringify(stats)}`);
    if (Date.now() - lastReport > 15_000) {
      lastReport = Date.now();
      console.log(`    … ${what}: ${stats.enrolled} enrolled, ${stats.pushOpen} connected, ${stats.checkIns} check-ins, ${stats.busy} busy, ${stats.checkInFailures + stats.pushFailures + stats.enrollFailures} failures${stats.lastError === undefined ? '' : ` (last: ${stats.lastError})`}`);
    }
    await sleep(20);
  }
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** Runs the agents benchmark and prints its table. */
export async function benchAgents(): Promise<void> {
  const workerCount = Math.max(1, Math.ceil(agentCount / perWorker));
  if (checkInTransport !== 'push' && checkInTransport !== 'https') throw new Error(`WARD_BENCH_CHECKIN_OVER must be push or https, got ${checkInTransport}`);
  console.log(`Agents benchmark: ${agentCount} virtual agents in ${workerCount} worker processes, at most ${checkInSlots} check-ins in flight each (over ${checkInTransport === 'push' ? 'the push socket' : 'HTTPS'}), against one \`ward serve\` (SQLite)`);
  const workDir = stateDir ?? mkdtempSync(join(tmpdir(), 'ward-bench-agents-'));
  const dataDir = join(workDir, 'data');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // The hardware ids of a kept fleet stay the same, so its cached identities match.
  const prefixFile = join(workDir, 'fleet-prefix');
  const prefix = existsSync(prefixFile) ? readFileSync(prefixFile, 'utf8').trim() : `bench-${Date.now().toString(36)}`;
  writeFileSync(prefixFile, prefix);
  const workers: FleetWorker[] = [];
  let server: ServerProcess | undefined;
  let admin: AdminClient | undefined;
  try {
    const token = await seedAdminToken(dataDir);
    server = await startWardServer(dataDir, { NODE_OPTIONS: `--expose-gc --import=${gcHook}${serverNodeOptions === undefined ? '' : ` ${serverNodeOptions}`}` });
    const serverPid = server.child.pid;
    admin = new AdminClient(server, token);
    const enrollment = await admin.post<{ text: string }>('/api/v1/enrollment-tokens', { name: 'Benchmark fleet', maxUses: null, ownership: 'corporate', expiresInHours: 24 }, 201);

    // 1. Enrollment: every worker enrolls its share at once.
    for (let i = 0; i < workerCount; i++) workers.push(new FleetWorker());
    const enrollStarted = Date.now();
    const serverCpu0 = cpuSeconds(serverPid);
    const enrolled = await Promise.all(workers.map((worker, i) => {
      const first = i * perWorker;
      return worker.enroll({
        server: server?.url ?? '',
        enrollmentToken: enrollment.text,
        caPem: server?.caPem ?? '',
        count: Math.min(perWorker, agentCount - first),
        firstIndex: first,
        hardwareIdPrefix: prefix,
        maxConcurrentCheckIns: checkInSlots,
        checkInOverPush: checkInTransport === 'push',
        identityCacheFile: join(workDir, `identities-${i}.json`),
      }, 900_000);
    }));
    const enrollSeconds = (Date.now() - enrollStarted) / 1000;
    const deviceIds = enrolled.flatMap((e) => e.deviceIds);
    const reused = enrolled.reduce((sum, e) => sum + e.reused, 0);
    console.log(`  enrolled ${deviceIds.length} devices${stateDir === undefined ? '' : ' (or took them from the kept state)'} in ${enrollSeconds.toFixed(1)} s (${(deviceIds.length / enrollSeconds).toFixed(0)}/s; server CPU ${(cpuSeconds(serverPid) - serverCpu0).toFixed(1)} s)`);

    // 2. Memory before any agent connects, then with all connected and idle.
    await sleep(2_000);
    const before = await serverMemory(server, admin);
    const connectStarted = Date.now();
    const connectCpu0 = cpuSeconds(serverPid);
    for (const worker of workers) worker.start();
    await waitFleet(workers, 'all agents connected and checked in', 1_800_000, (s) => s.pushOpen === agentCount && s.checkIns >= agentCount && s.busy === 0);
    const connectSeconds = (Date.now() - connectStarted) / 1000;
    console.log(`  connected ${agentCount} push sockets and made their first check-ins in ${connectSeconds.toFixed(1)} s (server CPU ${(cpuSeconds(serverPid) - connectCpu0).toFixed(1)} s)`);
    await sleep(3_000);
    const after = await serverMemory(server, admin);
    const serverFiles = openFiles(serverPid);
    const rssPerAgent = (after.rss - before.rss) / agentCount;
    const heapPerAgent = (after.heap - before.heap) / agentCount;
    console.log(`  server: RSS ${(before.rss / 2 ** 20).toFixed(0)} → ${(after.rss / 2 ** 20).toFixed(0)} MiB, JS heap ${(before.heap / 2 ** 20).toFixed(0)} → ${(after.heap / 2 ** 20).toFixed(0)} MiB, ${after.connected} agents connected (its gauge), ${serverFiles} open files`);

    // 3. One "sync all": from the request until every agent's sync result is acknowledged.
    const ackedBefore = fleetStats(workers).acknowledged.sync?.succeeded ?? 0;
    const checkInsBefore = fleetStats(workers).checkIns;
    const cpuBefore = cpuSeconds(serverPid);
    const waitBefore = cpuWaitSeconds(serverPid);
    const syncStarted = Date.now();
    let queued = 0;
    for (let from = 0; from < deviceIds.length; from += actionBatch) {
      const outcome = await admin.post<{ items: { status: string }[] }>('/api/v1/devices/actions', { deviceIds: deviceIds.slice(from, from + actionBatch), type: 'sync' }, 202);
      // alreadyPending: a kept fleet's sync from an interrupted run, woken again all the same.
      queued += outcome.items.filter((item) => item.status === 'queued' || item.status === 'alreadyPending').length;
    }
    const apiSeconds = (Date.now() - syncStarted) / 1000;
    if (queued !== agentCount) throw new Error(`only ${queued} of ${agentCount} sync actions were queued`);
    const synced = await waitFleet(workers, 'every sync acknowledged', 900_000, (s) => (s.acknowledged.sync?.succeeded ?? 0) - ackedBefore >= agentCount && s.busy === 0);
    const syncSeconds = ((synced.acknowledged.sync?.lastAt ?? Number.NaN) - syncStarted) / 1000;
    const syncCpu = cpuSeconds(serverPid) - cpuBefore;
    const syncWait = cpuWaitSeconds(serverPid) - waitBefore;
    const syncCheckIns = synced.checkIns - checkInsBefore;
    console.log(`  sync all: request answered after ${apiSeconds.toFixed(2)} s, last result acknowledged after ${syncSeconds.toFixed(2)} s; ${syncCheckIns} check-ins, ${synced.commandsRefused} commands refused, server CPU ${syncCpu.toFixed(1)} s (its event loop waited ${syncWait.toFixed(1)} s for a CPU)`);

    // 4. Steady state: every agent checks in back to back for a fixed window (after a 2 s warm-up,
    // over which CPU is not counted either).
    const warmupMs = 2_000;
    const steady = Promise.all(workers.map((worker) => worker.steady(steadySeconds * 1000, warmupMs, steadySeconds * 1000 + warmupMs + 180_000)));
    await sleep(warmupMs);
    const steadyCpu0 = cpuSeconds(serverPid);
    const steadyWait0 = cpuWaitSeconds(serverPid);
    const workerCpu0 = workers.reduce((sum, w) => sum + cpuSeconds(w.child.pid), 0);
    await sleep(steadySeconds * 1000);
    const steadyServerCpu = cpuSeconds(serverPid) - steadyCpu0;
    const steadyServerWait = cpuWaitSeconds(serverPid) - steadyWait0;
    const steadyWorkerCpu = workers.reduce((sum, w) => sum + cpuSeconds(w.child.pid), 0) - workerCpu0;
    const steadyReports: SteadyReport[] = await steady;
    const steadyCheckIns = steadyReports.reduce((sum, r) => sum + r.checkIns, 0);
    const steadyWindow = Math.max(...steadyReports.map((r) => r.seconds));
    const steadyFailures = steadyReports.reduce((sum, r) => sum + r.failures, 0);
    const undrained = steadyReports.reduce((sum, r) => sum + r.undrained, 0);
    if (undrained > 0) console.log(`  warning: ${undrained} agents were still checking in a minute after the steady-state window`);
    const perSecond = steadyCheckIns / steadyWindow;
    console.log(`  steady state: ${steadyCheckIns} check-ins in ${steadyWindow.toFixed(1)} s, ${steadyFailures} failures; CPU in the window: server ${steadyServerCpu.toFixed(1)} s (its event loop waited ${steadyServerWait.toFixed(1)} s for a CPU), workers ${steadyWorkerCpu.toFixed(1)} s`);
    const final = fleetStats(workers);
    console.log(`  check-ins: ${final.checkInsOverPush} of ${final.checkIns} over the push socket; TLS handshakes of HTTPS check-ins: ${final.tlsResumed} resumed, ${final.tlsFull} full; failures overall: ${final.enrollFailures} enroll, ${final.pushFailures} push, ${final.checkInFailures} check-in${final.lastError === undefined ? '' : ` (last: ${final.lastError})`}`);

    const rows: [string, string, string, boolean | undefined][] = [
      ['all agents checked in after one "sync all"', `${syncSeconds.toFixed(2)} s`, `≤ ${targets.syncAllSeconds} s`, syncSeconds <= targets.syncAllSeconds],
      ['check-ins per second, steady state', `${perSecond.toFixed(0)}/s`, `≥ ${targets.checkInsPerSecond}/s`, perSecond >= targets.checkInsPerSecond],
      ['server memory per idle connected agent (RSS)', kb(rssPerAgent), `< ${kb(targets.bytesPerAgent)}`, rssPerAgent < targets.bytesPerAgent],
      ['  of which JS heap (live, after a full GC)', kb(heapPerAgent), '', undefined],
      ['enrollments per second', reused > 0 ? `n/a (${reused} kept)` : `${(agentCount / enrollSeconds).toFixed(0)}/s`, '', undefined],
      ['connect + first check-in of all agents', `${connectSeconds.toFixed(1)} s`, '', undefined],
      ['"sync all" request (sign, queue, audit, wake)', `${apiSeconds.toFixed(2)} s`, '', undefined],
      ['server CPU per check-in (steady state)', `${((steadyServerCpu / Math.max(1, steadyCheckIns)) * 1000).toFixed(2)} ms`, '', undefined],
      ['server CPU per check-in (sync all)', `${((syncCpu / Math.max(1, syncCheckIns)) * 1000).toFixed(2)} ms`, '', undefined],
    ];
    console.log(`\nAgents: ${agentCount} connected virtual agents, ${workerCount} worker processes, one server process, ${steadySeconds} s steady window`);
    console.log(`${'figure'.padEnd(48)} ${'value'.padStart(10)}  ${'target'.padEnd(10)} verdict`);
    for (const [name, value, target, met] of rows) console.log(`${name.padEnd(48)} ${value.padStart(10)}  ${target.padEnd(10)} ${met === undefined ? '' : met ? 'met' : 'NOT met'}`);
  } finally {
    // Each step on its own, so one that fails leaves no process behind: workers, then the server
    // (killed if it has not exited within a minute), then the temporary directory.
    await Promise.allSettled(workers.map((worker) => worker.stop()));
    await admin?.close().catch(() => undefined);
    const running = server;
    if (running !== undefined) {
      const kill = setTimeout(() => running.child.kill('SIGKILL'), 60_000);
      await running.stop().catch(() => undefined);
      clearTimeout(kill);
    }
    if (stateDir === undefined) rmSync(workDir, { recursive: true, force: true });
  }
}
