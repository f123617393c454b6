// `npm run bench -- agents`: starts `ward serve` on SQLite, enrolls a fleet of virtual agents
// (@ward/simulator) in worker processes of their own, connects them all over the push WebSocket,
// and measures what issue 3 sets targets for: the server's memory per idle connected agent, the
// time from one "sync all" until the server holds no pending sync (each fulfilled by the check-in it
// asked for), and check-ins per
// second at steady state. `WARD_BENCH_PUSH` picks the agents' push channel: the Noise channel on
// plain TCP (`noise`, the default of agents and server), the push WebSocket over TLS that Ward
// terminates (`tls`, the Noise channel off), or that socket through HAProxy in front of Ward on
// plain HTTP (`proxy`, see haproxy-proxy.ts); by default all three run, one after the other, on the
// same data directory and fleet.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { FleetWorker, sumFleetStats, type FleetStats, type SteadyReport } from '@ward/simulator';
import { BenchAdminClient } from './bench-admin-client.js';
import { seedBenchAdminToken } from './bench-admin-token.js';
import { freeLoopbackPort, haproxyInstallHint, haproxyVersion, maxconnWithin, openFilesHardLimit, recommendedMaxconn, startHaproxy, type HaproxyProcess } from './haproxy-proxy.js';
import { startWardServer, type ServerProcess } from './ward-server.js';
import { waitForFleet } from './wait-for-fleet.js';

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
// `noise`: the Noise push channel. `tls`: the TLS push socket, TLS ended in Ward. `proxy`: TLS ended
// in HAProxy, which passes the client certificate to
// Ward (plain HTTP, `--tls-termination proxy`) in an RFC 9440 Client-Cert header. Unset: both.
const modeSetting = process.env.WARD_BENCH_PUSH;
const pushModes = ['noise', 'tls', 'proxy'] as const;
type PushMode = (typeof pushModes)[number];

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

/**
 * Server memory held now: after a full collection (see gc-on-signal.ts), the smallest of a few
 * samples, so garbage not yet collected does not count as memory per agent.
 */
async function serverMemory(server: ServerProcess, admin: BenchAdminClient): Promise<{ rss: number; heap: number; connected: number }> {
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

/** Polls the workers' reports until `predicate` holds; throws after `timeoutMs`. */
function waitFleet(workers: readonly FleetWorker[], what: string, timeoutMs: number, predicate: (stats: FleetStats) => boolean): Promise<FleetStats> {
  return waitForFleet(() => fleetStats(workers), what, timeoutMs, predicate, (stats) =>
    `${stats.enrolled} enrolled, ${stats.pushOpen} connected, ${stats.checkIns} check-ins, ${stats.busy} busy, ${stats.checkInFailures + stats.pushFailures + stats.enrollFailures} failures${stats.lastError === undefined ? '' : ` (last: ${stats.lastError})`}`);
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
/** The 1-minute load average now: the figures beside it are only as good as the machine was idle. */
const load = (): string => (loadavg()[0] ?? Number.NaN).toFixed(2);

/** Ward's bootstrap certificate chain and key in its data directory (server-tls.ts writes them). */
function bootstrapTlsFiles(dataDir: string): { chainPem: string; keyPem: string } {
  return { chainPem: readFileSync(join(dataDir, 'tls', 'server.crt'), 'utf8'), keyPem: readFileSync(join(dataDir, 'tls', 'server.key'), 'utf8') };
}

/** What one mode measured, for the side-by-side summary. */
interface ModeFigures {
  readonly mode: PushMode;
  readonly agents: number;
  readonly syncSeconds: number;
  readonly syncLoad: string;
  readonly perSecond: number;
  readonly steadyLoad: string;
  readonly serverRssPerAgent: number;
  readonly serverHeapPerAgent: number;
  /** HAProxy's RSS per agent; undefined without HAProxy. */
  readonly proxyRssPerAgent: number | undefined;
  readonly memoryLoad: string;
  readonly serverCpuPerCheckInMs: number;
  readonly proxyCpuPerCheckInMs: number | undefined;
}

/** How many agents fit through one HAProxy under the open-files limit, and what to say when not all. */
function proxyCapacity(): { maxconn: number; agents: number; note: string | undefined } {
  const fileLimit = openFilesHardLimit();
  const maxconn = maxconnWithin(fileLimit);
  // Kept back for the transient HTTPS check-ins and enrollments beside the push sockets, so they
  // queue briefly at worst instead of waiting for a push socket to go.
  const agents = Math.min(agentCount, maxconn - checkInSlots);
  const why = `HAProxy holds 2 files per agent (the agent's TLS connection and its connection to Ward); the hard open-files limit here is ${fileLimit} and raising it needs CAP_SYS_RESOURCE, so maxconn is ${maxconn} instead of ${recommendedMaxconn}`;
  return { maxconn, agents, note: agents < agentCount ? `${why}: ${agents} of ${agentCount} agents fit in proxy mode (${checkInSlots} connections kept back for check-ins over HTTPS and enrollments)` : undefined };
}

/** Runs the agents benchmark in each TLS mode asked for, prints each mode's table, then both side by side. */
export async function benchAgents(): Promise<void> {
  if (checkInTransport !== 'push' && checkInTransport !== 'https') throw new Error(`WARD_BENCH_CHECKIN_OVER must be push or https, got ${checkInTransport}`);
  if (modeSetting !== undefined && !(pushModes as readonly string[]).includes(modeSetting)) throw new Error(`WARD_BENCH_PUSH must be noise, tls or proxy (unset: all three), got ${modeSetting}`);
  const modes: readonly PushMode[] = modeSetting === undefined ? pushModes : [modeSetting as PushMode];
  const workDir = stateDir ?? mkdtempSync(join(tmpdir(), 'ward-bench-agents-'));
  // One data directory and one fleet for every mode: later ones reuse the first's enrollments.
  const dataDir = join(workDir, 'data');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // The hardware ids of a kept fleet stay the same, so its cached identities match.
  const prefixFile = join(workDir, 'fleet-prefix');
  const prefix = existsSync(prefixFile) ? readFileSync(prefixFile, 'utf8').trim() : `bench-${Date.now().toString(36)}`;
  writeFileSync(prefixFile, prefix);
  const measured: ModeFigures[] = [];
  try {
    for (const mode of modes) {
      if (mode === 'proxy') {
        const version = haproxyVersion();
        if (version === undefined) {
          console.log(`\nProxy mode skipped: HAProxy is not installed (${haproxyInstallHint}).`);
          continue;
        }
        console.log(`\nProxy mode: ${version}`);
      }
      measured.push(await benchMode(mode, workDir, dataDir, prefix));
    }
    if (measured.length > 1) printComparison(measured);
  } finally {
    if (stateDir === undefined) rmSync(workDir, { recursive: true, force: true });
  }
}

function printComparison(measured: readonly ModeFigures[]): void {
  const cell = (f: ModeFigures, value: (f: ModeFigures) => string): string => value(f).padStart(22);
  const per = (n: number | undefined): string => (n === undefined ? '—' : kb(n));
  const rows: [string, (f: ModeFigures) => string][] = [
    ['agents connected', (f) => String(f.agents)],
    ['"sync all" until all checked in', (f) => `${f.syncSeconds.toFixed(2)} s (load ${f.syncLoad})`],
    ['check-ins per second, steady state', (f) => `${f.perSecond.toFixed(0)}/s (load ${f.steadyLoad})`],
    ['Ward RSS per idle agent', (f) => `${per(f.serverRssPerAgent)} (load ${f.memoryLoad})`],
    ['  of which Ward JS heap', (f) => per(f.serverHeapPerAgent)],
    ['HAProxy RSS per idle agent', (f) => per(f.proxyRssPerAgent)],
    ['Ward + HAProxy RSS per idle agent', (f) => per(f.serverRssPerAgent + (f.proxyRssPerAgent ?? 0))],
    ['Ward CPU per check-in (steady)', (f) => `${f.serverCpuPerCheckInMs.toFixed(2)} ms`],
    ['HAProxy CPU per check-in (steady)', (f) => (f.proxyCpuPerCheckInMs === undefined ? '—' : `${f.proxyCpuPerCheckInMs.toFixed(2)} ms`)],
  ];
  console.log(`\nPush channel: Noise on plain TCP (noise), WebSocket over TLS ended in Ward (tls) or in HAProxy in front of Ward (proxy); load = 1-minute load average on ${availableParallelism()} cores at the time`);
  console.log(`${'figure'.padEnd(36)} ${measured.map((f) => f.mode.padStart(22)).join(' ')}`);
  for (const [name, value] of rows) console.log(`${name.padEnd(36)} ${measured.map((f) => cell(f, value)).join(' ')}`);
  console.log(`Target (issue 3): under ${kb(targets.bytesPerAgent)} of server memory per idle connected agent; in proxy mode the TLS memory moves to HAProxy, so both are shown.`);
}

/** One run of the benchmark with the agents' TLS terminated as `mode` says. */
async function benchMode(mode: PushMode, workDir: string, dataDir: string, prefix: string): Promise<ModeFigures> {
  const capacity = mode === 'proxy' ? proxyCapacity() : undefined;
  const agents = capacity?.agents ?? agentCount;
  const workerCount = Math.max(1, Math.ceil(agents / perWorker));
  const terminator = mode === 'proxy' ? 'push over TLS terminated by HAProxy, Ward on plain HTTP behind it' : mode === 'tls' ? 'push over TLS terminated by Ward' : 'push over the Noise channel (plain TCP), HTTPS check-ins before it';
  console.log(`Agents benchmark (${mode}): ${agents} virtual agents in ${workerCount} worker processes, at most ${checkInSlots} check-ins in flight each (over ${checkInTransport === 'push' ? 'the push socket' : 'HTTPS'}), against one \`ward serve\` (SQLite); ${terminator}; load ${load()}`);
  if (capacity?.note !== undefined) console.log(`  note: ${capacity.note}`);
  const workers: FleetWorker[] = [];
  let server: ServerProcess | undefined;
  let proxy: HaproxyProcess | undefined;
  let admin: BenchAdminClient | undefined;
  try {
    // One admin per run: a kept data directory has the earlier runs' already.
    const token = await seedBenchAdminToken(dataDir, `bench-${Date.now().toString(36)}@example.com`, 'bench');
    const proxyPort = mode === 'proxy' ? await freeLoopbackPort() : 0;
    // Agents see the proxy's https URL; Ward trusts the Client-Cert header from 127.0.0.1 only.
    const proxyEnv: Record<string, string> = mode === 'proxy'
      ? { WARD_TLS_TERMINATION: 'proxy', WARD_TRUSTED_PROXIES: '127.0.0.1', WARD_TRUSTED_PROXY_CLIENT_CERT_HEADER: 'true', WARD_PUBLIC_URL: `https://127.0.0.1:${proxyPort}`, WARD_AGENT_NOISE_PUSH_PORT: 'off' }
      : mode === 'tls' ? { WARD_AGENT_NOISE_PUSH_PORT: 'off' } : {};
    server = await startWardServer(dataDir, { NODE_OPTIONS: `--expose-gc --import=${gcHook}${serverNodeOptions === undefined ? '' : ` ${serverNodeOptions}`}`, ...proxyEnv });
    const serverPid = server.child.pid;
    if (capacity !== undefined) {
      const tls = bootstrapTlsFiles(dataDir);
      // Rewritten each run, so a kept state directory keeps one, the last run's configuration.
      const dir = join(workDir, 'haproxy');
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      proxy = await startHaproxy({ dir, port: proxyPort, backendPort: Number(new URL(server.url).port), certificateChainPem: tls.chainPem, privateKeyPem: tls.keyPem, deviceCaPem: server.caPem, maxconn: capacity.maxconn });
      console.log(`  HAProxy at ${proxy.url} (maxconn ${proxy.maxconn}, config ${join(dir, 'haproxy.cfg')}) in front of Ward at ${server.url}`);
    }
    const proxyPid = proxy?.child.pid;
    const agentUrl = proxy?.url ?? server.url;
    admin = new BenchAdminClient(server.url, server.caPem, token);
    const enrollment = await admin.post<{ text: string }>('/api/v1/enrollment-tokens', { name: 'Benchmark fleet', maxUses: null, ownership: 'corporate', expiresInHours: 24 }, 201);

    // 1. Enrollment: every worker enrolls its share at once.
    for (let i = 0; i < workerCount; i++) workers.push(new FleetWorker());
    const enrollStarted = Date.now();
    const serverCpu0 = cpuSeconds(serverPid);
    const enrolled = await Promise.all(workers.map((worker, i) => {
      const first = i * perWorker;
      return worker.enroll({
        server: agentUrl,
        enrollmentToken: enrollment.text,
        caPem: server?.caPem ?? '',
        count: Math.min(perWorker, agents - first),
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
    console.log(`  enrolled ${deviceIds.length} devices${reused > 0 ? ` (${reused} taken from the kept state)` : ''} in ${enrollSeconds.toFixed(1)} s (${(deviceIds.length / enrollSeconds).toFixed(0)}/s; server CPU ${(cpuSeconds(serverPid) - serverCpu0).toFixed(1)} s)`);

    // 2. Memory before any agent connects, then with all connected and idle.
    await sleep(2_000);
    const before = await serverMemory(server, admin);
    const proxyBefore = proxy?.rssBytes();
    const connectStarted = Date.now();
    const connectCpu0 = cpuSeconds(serverPid);
    for (const worker of workers) worker.start();
    // In noise mode an agent counts as connected once its Noise channel is open (it got the offer
    // over the TLS push socket and closed that socket).
    await waitFleet(workers, 'all agents connected and checked in', 1_800_000, (s) => s.pushOpen === agents && s.checkIns >= agents && s.busy === 0 && (mode !== 'noise' || s.pushNoiseOpen === agents));
    const connectSeconds = (Date.now() - connectStarted) / 1000;
    console.log(`  connected ${agents} push sockets and made their first check-ins in ${connectSeconds.toFixed(1)} s (server CPU ${(cpuSeconds(serverPid) - connectCpu0).toFixed(1)} s)`);
    // Past HTTP keep-alive (5 s), so no connection of a first check-in is counted as an idle agent's.
    await sleep(6_000);
    const after = await serverMemory(server, admin);
    const proxyAfter = proxy?.rssBytes();
    const memoryLoad = load();
    const serverFiles = openFiles(serverPid);
    const rssPerAgent = (after.rss - before.rss) / agents;
    const heapPerAgent = (after.heap - before.heap) / agents;
    const proxyRssPerAgent = proxyBefore === undefined || proxyAfter === undefined ? undefined : (proxyAfter - proxyBefore) / agents;
    console.log(`  server: RSS ${(before.rss / 2 ** 20).toFixed(0)} → ${(after.rss / 2 ** 20).toFixed(0)} MiB, JS heap ${(before.heap / 2 ** 20).toFixed(0)} → ${(after.heap / 2 ** 20).toFixed(0)} MiB, ${after.connected} agents connected (its gauge), ${serverFiles} open files; load ${memoryLoad}`);
    if (proxyBefore !== undefined && proxyAfter !== undefined) console.log(`  HAProxy: RSS ${(proxyBefore / 2 ** 20).toFixed(0)} → ${(proxyAfter / 2 ** 20).toFixed(0)} MiB, ${openFiles(proxyPid)} open files`);

    // 3. One "sync all": from the request until the server has no sync pending.
    const checkInsBefore = fleetStats(workers).checkIns;
    const cpuBefore = cpuSeconds(serverPid);
    const waitBefore = cpuWaitSeconds(serverPid);
    const proxyCpuBefore = cpuSeconds(proxyPid);
    const syncStarted = Date.now();
    let queued = 0;
    for (let from = 0; from < deviceIds.length; from += actionBatch) {
      const outcome = await admin.post<{ items: { status: string }[] }>('/api/v1/devices/actions', { deviceIds: deviceIds.slice(from, from + actionBatch), type: 'sync' }, 202);
      // alreadyPending: a kept fleet's sync from an interrupted run, woken again all the same.
      queued += outcome.items.filter((item) => item.status === 'queued' || item.status === 'alreadyPending').length;
    }
    const apiSeconds = (Date.now() - syncStarted) / 1000;
    if (queued !== agents) throw new Error(`only ${queued} of ${agents} sync actions were queued`);
    // A sync is fulfilled by the check-in it asks for (the server completes it there), so "done" is
    // the server's own count of pending syncs reaching zero, polled every 250 ms (the fleet report
    // it comes from is a few GROUP BYs over every device: polled faster, the bench would load the server itself).
    let syncDoneAt = Number.NaN;
    const deadline = Date.now() + 900_000;
    while (Date.now() < deadline) {
      const overview = await admin.get<{ pendingActions: Record<string, number> }>('/api/v1/reports/devices', 30_000);
      if ((overview.pendingActions.sync ?? 0) === 0) {
        syncDoneAt = Date.now();
        break;
      }
      await sleep(250);
    }
    if (Number.isNaN(syncDoneAt)) throw new Error('the syncs were not all fulfilled within 15 minutes');
    const synced = await waitFleet(workers, 'the fleet idle after the sync', 60_000, (s) => s.busy === 0);
    const syncSeconds = (syncDoneAt - syncStarted) / 1000;
    const syncLoad = load();
    const syncCpu = cpuSeconds(serverPid) - cpuBefore;
    const syncWait = cpuWaitSeconds(serverPid) - waitBefore;
    const syncProxyCpu = cpuSeconds(proxyPid) - proxyCpuBefore;
    const syncCheckIns = synced.checkIns - checkInsBefore;
    console.log(`  sync all: request answered after ${apiSeconds.toFixed(2)} s, every sync fulfilled after ${syncSeconds.toFixed(2)} s; ${syncCheckIns} check-ins, ${synced.commandsRefused} commands refused, server CPU ${syncCpu.toFixed(1)} s (its event loop waited ${syncWait.toFixed(1)} s for a CPU)${proxy === undefined ? '' : `, HAProxy CPU ${syncProxyCpu.toFixed(1)} s`}; load ${syncLoad}`);

    // 4. Steady state: every agent checks in back to back for a fixed window (after a 2 s warm-up,
    // over which CPU is not counted either).
    const warmupMs = 2_000;
    const steady = Promise.all(workers.map((worker) => worker.steady(steadySeconds * 1000, warmupMs, steadySeconds * 1000 + warmupMs + 180_000)));
    await sleep(warmupMs);
    const steadyCpu0 = cpuSeconds(serverPid);
    const steadyWait0 = cpuWaitSeconds(serverPid);
    const steadyProxyCpu0 = cpuSeconds(proxyPid);
    const workerCpu0 = workers.reduce((sum, w) => sum + cpuSeconds(w.child.pid), 0);
    await sleep(steadySeconds * 1000);
    const steadyServerCpu = cpuSeconds(serverPid) - steadyCpu0;
    const steadyServerWait = cpuWaitSeconds(serverPid) - steadyWait0;
    const steadyProxyCpu = cpuSeconds(proxyPid) - steadyProxyCpu0;
    const steadyWorkerCpu = workers.reduce((sum, w) => sum + cpuSeconds(w.child.pid), 0) - workerCpu0;
    const steadyLoad = load();
    const steadyReports: SteadyReport[] = await steady;
    const steadyCheckIns = steadyReports.reduce((sum, r) => sum + r.checkIns, 0);
    const steadyWindow = Math.max(...steadyReports.map((r) => r.seconds));
    const steadyFailures = steadyReports.reduce((sum, r) => sum + r.failures, 0);
    const undrained = steadyReports.reduce((sum, r) => sum + r.undrained, 0);
    if (undrained > 0) console.log(`  warning: ${undrained} agents were still checking in a minute after the steady-state window`);
    const perSecond = steadyCheckIns / steadyWindow;
    console.log(`  steady state: ${steadyCheckIns} check-ins in ${steadyWindow.toFixed(1)} s, ${steadyFailures} failures; CPU in the window: server ${steadyServerCpu.toFixed(1)} s (its event loop waited ${steadyServerWait.toFixed(1)} s for a CPU), ${proxy === undefined ? '' : `HAProxy ${steadyProxyCpu.toFixed(1)} s, `}workers ${steadyWorkerCpu.toFixed(1)} s; load ${steadyLoad}`);
    const final = fleetStats(workers);
    console.log(`  check-ins: ${final.checkInsOverPush} of ${final.checkIns} over a push channel (${final.checkInsOverNoise} over Noise, ${final.pushNoiseOpen} Noise channels open, ${final.noiseOffers} offers received); TLS handshakes of HTTPS check-ins: ${final.tlsResumed} resumed, ${final.tlsFull} full; failures overall: ${final.enrollFailures} enroll, ${final.pushFailures} push, ${final.checkInFailures} check-in${final.lastError === undefined ? '' : ` (last: ${final.lastError})`}`);

    const perCheckInMs = (cpu: number, checkIns: number): number => (cpu / Math.max(1, checkIns)) * 1000;
    const rows: [string, string, string, boolean | undefined][] = [
      ['all agents checked in after one "sync all"', `${syncSeconds.toFixed(2)} s`, `≤ ${targets.syncAllSeconds} s`, syncSeconds <= targets.syncAllSeconds],
      ['check-ins per second, steady state', `${perSecond.toFixed(0)}/s`, `≥ ${targets.checkInsPerSecond}/s`, perSecond >= targets.checkInsPerSecond],
      ['server memory per idle connected agent (RSS)', kb(rssPerAgent), `< ${kb(targets.bytesPerAgent)}`, rssPerAgent < targets.bytesPerAgent],
      ['  of which JS heap (live, after a full GC)', kb(heapPerAgent), '', undefined],
      ...(proxyRssPerAgent === undefined ? [] : [['HAProxy memory per idle connected agent (RSS)', kb(proxyRssPerAgent), '', undefined] as [string, string, string, undefined]]),
      ['enrollments per second', reused > 0 ? `n/a (${reused} kept)` : `${(agents / enrollSeconds).toFixed(0)}/s`, '', undefined],
      ['connect + first check-in of all agents', `${connectSeconds.toFixed(1)} s`, '', undefined],
      ['"sync all" request (sign, queue, audit, wake)', `${apiSeconds.toFixed(2)} s`, '', undefined],
      ['server CPU per check-in (steady state)', `${perCheckInMs(steadyServerCpu, steadyCheckIns).toFixed(2)} ms`, '', undefined],
      ['server CPU per check-in (sync all)', `${perCheckInMs(syncCpu, syncCheckIns).toFixed(2)} ms`, '', undefined],
      ...(proxy === undefined ? [] : [['HAProxy CPU per check-in (steady state)', `${perCheckInMs(steadyProxyCpu, steadyCheckIns).toFixed(2)} ms`, '', undefined] as [string, string, string, undefined]]),
    ];
    console.log(`\nAgents (${mode}): ${agents} connected virtual agents, ${workerCount} worker processes, one server process${proxy === undefined ? '' : ' behind one HAProxy process'}, ${steadySeconds} s steady window`);
    console.log(`${'figure'.padEnd(48)} ${'value'.padStart(10)}  ${'target'.padEnd(10)} verdict`);
    for (const [name, value, target, met] of rows) console.log(`${name.padEnd(48)} ${value.padStart(10)}  ${target.padEnd(10)} ${met === undefined ? '' : met ? 'met' : 'NOT met'}`);
    return {
      mode,
      agents,
      syncSeconds,
      syncLoad,
      perSecond,
      steadyLoad,
      serverRssPerAgent: rssPerAgent,
      serverHeapPerAgent: heapPerAgent,
      proxyRssPerAgent,
      memoryLoad,
      serverCpuPerCheckInMs: perCheckInMs(steadyServerCpu, steadyCheckIns),
      proxyCpuPerCheckInMs: proxy === undefined ? undefined : perCheckInMs(steadyProxyCpu, steadyCheckIns),
    };
  } finally {
    // Each step on its own, so one that fails leaves no process behind: workers, then the proxy,
    // then the server (killed if it has not exited within a minute).
    await Promise.allSettled(workers.map((worker) => worker.stop()));
    await admin?.close().catch(() => undefined);
    await proxy?.stop().catch(() => undefined);
    const running = server;
    if (running !== undefined) {
      const kill = setTimeout(() => running.child.kill('SIGKILL'), 60_000);
      await running.stop().catch(() => undefined);
      clearTimeout(kill);
    }
  }
}
