// `npm run bench -- apple` (issue 5): one `ward serve` (SQLite), a mock APNs in this process, and a
// fleet of virtual iPhones (@ward/simulator) in worker processes of their own, which measures
// - the raw rate at which the CA signs device certificates (issueFromCsr, as SCEP uses it), and
// - enrollments per second (profile download, SCEP PKCSReq, Authenticate, TokenUpdate) beside it;
// - command round trips per second: the first sessions TokenUpdate asks for, a "sync all" from the
//   action API (push, DeviceInformation, SecurityInfo), and Idle round trips back to back;
// - the time from assigning one profile to every device until the server holds it installed on all;
// - the server's RSS and CPU along the way.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  AppleFleetWorker,
  createMockApnsAuthority,
  loadDeviceKeyPool,
  MockApns,
  sumAppleFleetStats,
  type AppleFleetStats,
} from '@ward/simulator';
import { BenchAdminClient } from './bench-admin-client.js';
import { seedBenchAdminToken } from './bench-admin-token.js';
import { iphoneCsrs, loadServerCa, measureSigningRate, type SigningRate } from './apple-signing.js';
import { startWardServer, type ServerProcess } from './ward-server.js';
import { waitForFleet } from './wait-for-fleet.js';

const env = process.env;
const deviceCount = Number(env.WARD_BENCH_APPLE_DEVICES ?? 5_000);
const workerCount = Math.max(1, Number(env.WARD_BENCH_APPLE_WORKERS ?? 2));
// Requests in flight per worker, which is also its keep-alive pool's size: 2 workers × 16 is far
// below the 20,000 files a process may open, on the server's side as on the workers'.
const concurrency = Number(env.WARD_BENCH_APPLE_CONCURRENCY ?? 16);
const idleSeconds = Number(env.WARD_BENCH_APPLE_IDLE_SECONDS ?? 15);
const signingCsrCount = Number(env.WARD_BENCH_APPLE_SIGNING_CSRS ?? 200);
const signingSeconds = Number(env.WARD_BENCH_APPLE_SIGNING_SECONDS ?? 5);
// Device keys outlive the run: five thousand RSA-2048 keys take many CPU minutes to make.
const keyPoolFile = env.WARD_BENCH_APPLE_KEY_POOL ?? join(tmpdir(), 'ward-bench-apple-device-keys.pem');
const keepDataDir = env.WARD_BENCH_APPLE_KEEP === '1';
// E.g. `--import=./profiler.mjs`, to profile the server under this load (NODE_OPTIONS refuses --cpu-prof).
const serverNodeOptions = env.WARD_BENCH_SERVER_NODE_OPTIONS;
const pushTopic = 'com.apple.mgmt.External.7c1e4a52-0d2b-4f6e-9a38-5b1c2d3e4f50';
const targetRatio = 0.7;
const clockTicksPerSecond = 100;

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
  } catch {
    return Number.NaN;
  }
}

const load = (): string => (loadavg()[0] ?? Number.NaN).toFixed(2);
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/**
 * Routes the mock APNs' pushes to the worker holding each device, a batch per worker per tick.
 * While held (during enrollment) pushes are kept, so the first command sessions TokenUpdate asks
 * for are timed on their own instead of inflating the enrollment figure.
 */
class PushRouter {
  readonly #owner = new Map<string, AppleFleetWorker>();
  readonly #held = new Set<string>();
  readonly #batches = new Map<AppleFleetWorker, string[]>();
  #holding = false;
  #flushing = false;
  delivered = 0;

  own(worker: AppleFleetWorker, tokens: readonly string[]): void {
    for (const token of tokens) this.#owner.set(token, worker);
  }

  hold(): void {
    this.#holding = true;
  }

  /** Stops holding and delivers what was held; returns how many devices that wakes. */
  release(): number {
    this.#holding = false;
    const held = [...this.#held];
    this.#held.clear();
    for (const token of held) this.push(token);
    return held.length;
  }

  push(token: string): void {
    if (this.#holding) {
      this.#held.add(token);
      return;
    }
    const worker = this.#owner.get(token);
    if (worker === undefined) return;
    const batch = this.#batches.get(worker) ?? [];
    batch.push(token);
    this.#batches.set(worker, batch);
    if (!this.#flushing) {
      this.#flushing = true;
      setImmediate(() => {
        this.#flushing = false;
        for (const [owner, tokens] of this.#batches) {
          this.delivered += tokens.length;
          owner.wake(tokens);
        }
        this.#batches.clear();
      });
    }
  }
}

function fleetStats(workers: readonly AppleFleetWorker[]): AppleFleetStats {
  return sumAppleFleetStats(workers.flatMap((w) => (w.stats === undefined ? [] : [w.stats])));
}

/** Polls the workers' reports until `predicate` holds; throws after `timeoutMs`. */
function waitFleet(workers: readonly AppleFleetWorker[], what: string, timeoutMs: number, predicate: (stats: AppleFleetStats) => boolean): Promise<AppleFleetStats> {
  return waitForFleet(() => fleetStats(workers), what, timeoutMs, predicate, describeStats);
}

function describeStats(s: AppleFleetStats): string {
  const failures = s.enrollFailures + s.sessionFailures;
  return `${s.enrolled}/${s.devices} enrolled, ${s.sessions} sessions, ${s.roundTrips} round trips, ${s.busy} busy, ${failures} failures${s.lastError === undefined ? '' : ` (last: ${s.lastError})`}`;
}

const count = (s: AppleFleetStats, requestType: string): number => s.commands[requestType] ?? 0;

function commandsBetween(before: AppleFleetStats, after: AppleFleetStats): string {
  const types = Object.keys(after.commands).filter((t) => count(after, t) > count(before, t));
  return types.map((t) => `${count(after, t) - count(before, t)} ${t}`).join(', ') || 'none';
}

/** Uploads a push certificate the mock APNs trusts, as an admin does with Apple's. */
async function uploadPushCertificate(admin: BenchAdminClient, authority: ReturnType<typeof createMockApnsAuthority>): Promise<void> {
  const requested = await admin.call<{ csrPem: string }>('POST', '/api/v1/apple/push-certificate/request', {}, 201);
  const certificate = authority.issuePushCertificate(requested.csrPem, { topic: pushTopic });
  await admin.call('PUT', '/api/v1/apple/push-certificate', { certificate }, 200);
}

/** Runs the Apple benchmark and prints its figures (figures only: nothing here passes or fails). */
export async function benchApple(): Promise<void> {
  const devicesPerWorker = Math.ceil(deviceCount / workerCount);
  console.log(`Apple benchmark: ${deviceCount} virtual iPhones in ${workerCount} worker processes (at most ${concurrency} requests in flight each, one keep-alive pool each), one \`ward serve\` (SQLite), a mock APNs in the benchmark's process; ${availableParallelism()} cores, load ${load()}`);

  // 0. The devices' keys: the device's own cost, made before anything is timed.
  let lastProgress = Date.now();
  const keys = await loadDeviceKeyPool(keyPoolFile, deviceCount, {
    onProgress: (ready) => {
      if (Date.now() - lastProgress < 15_000) return;
      lastProgress = Date.now();
      console.log(`    … device keys: ${ready} of ${deviceCount}`);
    },
  });
  console.log(`  device RSA-2048 keys: ${keys.reused} from ${keyPoolFile}, ${keys.generated} made now (${keys.seconds.toFixed(1)} s) — before the timed phases: key generation is the device's cost, not the server's`);

  const workDir = mkdtempSync(join(tmpdir(), 'ward-bench-apple-'));
  const dataDir = join(workDir, 'data');
  mkdirSync(dataDir, { mode: 0o700 });
  const authority = createMockApnsAuthority();
  const apns = new MockApns({ ...authority.issueServerIdentity(), clientCaPem: authority.caCertificatePem });
  const router = new PushRouter();
  const workers: AppleFleetWorker[] = [];
  let server: ServerProcess | undefined;
  let admin: BenchAdminClient | undefined;
  try {
    await apns.listen();
    apns.onPush((push) => {
      router.push(push.deviceToken);
    });
    const apnsCaFile = join(workDir, 'apns-ca.pem');
    writeFileSync(apnsCaFile, authority.caCertificatePem);
    const token = await seedBenchAdminToken(dataDir, 'apple-bench@example.com', 'apple bench');
    server = await startWardServer(dataDir, { WARD_APNS_ORIGIN: apns.origin, WARD_APNS_CA_FILE: apnsCaFile, WARD_APPLE_ORGANIZATION: 'Ward Benchmark', ...(serverNodeOptions === undefined ? {} : { NODE_OPTIONS: serverNodeOptions }) });
    const serverPid = server.child.pid;
    admin = new BenchAdminClient(server.url, server.caPem, token);
    await uploadPushCertificate(admin, authority);
    const enrollmentToken = await admin.call<{ text: string }>('POST', '/api/v1/enrollment-tokens', { name: 'Apple benchmark fleet', maxUses: null, ownership: 'corporate', expiresInHours: 24 }, 201);
    const enrollmentUrl = `${server.url}/mdm/enroll?token=${encodeURIComponent(enrollmentToken.text)}`;
    const rssIdle = server.rssBytes();

    // 1. The raw signing rate of the server's CA key, in this process while the server idles.
    const ca = await loadServerCa(dataDir);
    const csrs = iphoneCsrs(keys.keysPem.slice(0, Math.min(signingCsrCount, keys.keysPem.length)));
    await measureSigningRate(ca, csrs.slice(0, 20), 1, 0);
    const signing: SigningRate[] = [];
    for (const inFlight of [1, 4]) signing.push(await measureSigningRate(ca, csrs, inFlight, signingSeconds));
    const raw = signing.reduce((best, s) => (s.perSecond > best.perSecond ? s : best));
    for (const s of signing) console.log(`  raw CA signing (issueFromCsr, ${ca.keyAlgorithm} CA, RSA-2048 SHA-1 CSRs, ${s.inFlight} in flight, one process): ${s.issued} certificates in ${s.seconds.toFixed(1)} s = ${s.perSecond.toFixed(0)}/s`);

    // 2. Enrollment: every worker enrolls its share at once; pushes held until all are done.
    for (let i = 0; i < workerCount; i++) workers.push(new AppleFleetWorker());
    await Promise.all(workers.map((w) => w.ready()));
    router.hold();
    const enrollCpu0 = cpuSeconds(serverPid);
    const workerCpu0 = workers.reduce((sum, w) => sum + cpuSeconds(w.child.pid), 0);
    const benchCpu0 = process.cpuUsage();
    const enrollStarted = Date.now();
    const ticker = setInterval(() => {
      console.log(`    … enrolling: ${describeStats(fleetStats(workers))}; load ${load()}`);
    }, 15_000);
    const enrolled = await Promise.all(workers.map((worker, i) => {
      const first = i * devicesPerWorker;
      const share = keys.keysPem.slice(first, Math.min(deviceCount, first + devicesPerWorker));
      return worker.enroll({ enrollmentUrl, serverCaPem: server?.caPem ?? '', firstIndex: first, seed: 'apple-bench', keysPem: share, concurrency }, 3_600_000).then((e) => {
        router.own(worker, e.pushTokens);
        return e;
      });
    })).finally(() => {
      clearInterval(ticker);
    });
    const enrollSeconds = (Date.now() - enrollStarted) / 1000;
    const enrollServerCpu = cpuSeconds(serverPid) - enrollCpu0;
    const enrollWorkerCpu = workers.reduce((sum, w) => sum + cpuSeconds(w.child.pid), 0) - workerCpu0;
    const benchCpu = process.cpuUsage(benchCpu0);
    const enrolledCount = enrolled.reduce((sum, e) => sum + e.pushTokens.length, 0);
    const enrollFailures = enrolled.reduce((sum, e) => sum + e.failures, 0);
    const enrollRate = enrolledCount / enrollSeconds;
    const rssEnrolled = server.rssBytes();
    console.log(`  enrolled ${enrolledCount} of ${deviceCount} devices (${enrollFailures} failed${fleetStats(workers).lastError === undefined ? '' : `, last: ${fleetStats(workers).lastError ?? ''}`}) in ${enrollSeconds.toFixed(1)} s = ${enrollRate.toFixed(1)}/s; CPU: server ${enrollServerCpu.toFixed(1)} s (${((enrollServerCpu / Math.max(1, enrolledCount)) * 1000).toFixed(1)} ms per enrollment), devices ${enrollWorkerCpu.toFixed(1)} s, benchmark + mock APNs ${((benchCpu.user + benchCpu.system) / 1e6).toFixed(1)} s; load ${load()}`);
    if (enrolledCount === 0) throw new Error('no device enrolled');

    // 3. The first command sessions: TokenUpdate queued an inventory and pushed; now delivered.
    const beforeFirst = fleetStats(workers);
    const firstCpu0 = cpuSeconds(serverPid);
    const firstStarted = Date.now();
    const woken = router.release();
    const afterFirst = await waitFleet(workers, 'first command sessions', 1_800_000, (s) => count(s, 'DeviceInformation') >= enrolledCount && count(s, 'SecurityInfo') >= enrolledCount && s.busy === 0);
    const firstSeconds = (Date.now() - firstStarted) / 1000;
    const firstTrips = afterFirst.roundTrips - beforeFirst.roundTrips;
    const firstCommands = Object.values(afterFirst.commands).reduce((a, b) => a + b, 0) - Object.values(beforeFirst.commands).reduce((a, b) => a + b, 0);
    console.log(`  first command sessions (${woken} devices pushed during enrollment, pushes delivered now): ${commandsBetween(beforeFirst, afterFirst)} in ${firstSeconds.toFixed(1)} s; ${firstTrips} round trips = ${(firstTrips / firstSeconds).toFixed(0)}/s, ${(firstCommands / firstSeconds).toFixed(0)} commands/s; server CPU ${(cpuSeconds(serverPid) - firstCpu0).toFixed(1)} s; load ${load()}`);

    // 4. Idle round trips back to back: the cheapest exchange a device has with the server.
    const idleCpu0 = cpuSeconds(serverPid);
    const idleReports = await Promise.all(workers.map((w) => w.idle(idleSeconds * 1000, idleSeconds * 1000 + 300_000)));
    const idleServerCpu = cpuSeconds(serverPid) - idleCpu0;
    const idleTrips = idleReports.reduce((sum, r) => sum + r.roundTrips, 0);
    const idleFailures = idleReports.reduce((sum, r) => sum + r.failures, 0);
    const idleRate = idleTrips / idleSeconds;
    console.log(`  Idle round trips: ${idleTrips} in ${idleSeconds} s = ${idleRate.toFixed(0)}/s, ${idleFailures} failures; server CPU ${idleServerCpu.toFixed(1)} s (${((idleServerCpu / Math.max(1, idleTrips)) * 1000).toFixed(2)} ms per round trip, counted until the last session ended); load ${load()}`);

    // 5. "Sync all" from the action API: push, then DeviceInformation and SecurityInfo on each device.
    const deviceIds = await admin.deviceIds('ios');
    const beforeSync = fleetStats(workers);
    const syncCpu0 = cpuSeconds(serverPid);
    const syncStarted = Date.now();
    let queued = 0;
    for (let from = 0; from < deviceIds.length; from += 10_000) {
      const outcome = await admin.call<{ items: { status: string }[] }>('POST', '/api/v1/devices/actions', { deviceIds: deviceIds.slice(from, from + 10_000), type: 'sync' }, 202);
      queued += outcome.items.filter((item) => item.status === 'queued').length;
    }
    const syncApiSeconds = (Date.now() - syncStarted) / 1000;
    const afterSync = await waitFleet(workers, 'sync all', 1_800_000, (s) => count(s, 'DeviceInformation') >= count(beforeSync, 'DeviceInformation') + queued && count(s, 'SecurityInfo') >= count(beforeSync, 'SecurityInfo') + queued && s.busy === 0);
    const syncSeconds = (Date.now() - syncStarted) / 1000;
    const syncTrips = afterSync.roundTrips - beforeSync.roundTrips;
    const syncServerCpu = cpuSeconds(serverPid) - syncCpu0;
    console.log(`  sync all: ${queued} of ${deviceIds.length} devices queued in ${syncApiSeconds.toFixed(2)} s; all answered after ${syncSeconds.toFixed(1)} s (${commandsBetween(beforeSync, afterSync)}); ${syncTrips} round trips = ${(syncTrips / syncSeconds).toFixed(0)}/s; server CPU ${syncServerCpu.toFixed(1)} s; load ${load()}`);

    // 6. One profile assigned to every device, until the server holds it installed on all.
    const profile = await admin.call<{ id: string }>('POST', '/api/v1/profiles', {
      name: 'Benchmark passcode',
      kind: 'settings',
      platforms: ['ios'],
      body: { settings: { 'passcode.required': true, 'passcode.minimumLength': 8 } },
    }, 201);
    const beforeProfile = fleetStats(workers);
    const profileCpu0 = cpuSeconds(serverPid);
    const profileStarted = Date.now();
    await admin.call('POST', `/api/v1/profiles/${profile.id}/assignments`, { target: { type: 'allDevices' } }, 201);
    const assignSeconds = (Date.now() - profileStarted) / 1000;
    let succeeded = 0;
    let counts: Record<string, number> = {};
    const profileDeadline = Date.now() + 1_800_000;
    let lastReport = Date.now();
    while (succeeded < enrolledCount) {
      if (Date.now() > profileDeadline) throw new Error(`the profile was not installed everywhere within 30 minutes: ${JSON.stringify(counts)}`);
      // Every 500 ms: the status report counts every device's row, which is load on the server too.
      await sleep(500);
      counts = (await admin.get<{ counts: Record<string, number> }>(`/api/v1/profiles/${profile.id}/status?limit=1`)).counts;
      succeeded = counts.succeeded ?? 0;
      if (Date.now() - lastReport > 15_000) {
        lastReport = Date.now();
        console.log(`    … profile status ${JSON.stringify(counts)}; devices: ${describeStats(fleetStats(workers))}`);
      }
    }
    const profileSeconds = (Date.now() - profileStarted) / 1000;
    const profileServerCpu = cpuSeconds(serverPid) - profileCpu0;
    const afterProfile = await waitFleet(workers, 'profile sessions ended', 300_000, (s) => s.busy === 0);
    const rssEnd = server.rssBytes();
    console.log(`  profile to all: assignment answered in ${assignSeconds.toFixed(2)} s; succeeded on all ${enrolledCount} after ${profileSeconds.toFixed(1)} s (server's status report, polled every 0.5 s); devices answered ${commandsBetween(beforeProfile, afterProfile)}; server CPU ${profileServerCpu.toFixed(1)} s; load ${load()}`);
    console.log(`  server RSS: ${mib(rssIdle)} idle before enrollment, ${mib(rssEnrolled)} after it, ${mib(rssEnd)} at the end; failures overall: ${afterProfile.enrollFailures} enroll, ${afterProfile.sessionFailures} sessions${afterProfile.lastError === undefined ? '' : ` (last: ${afterProfile.lastError})`}; pushes accepted by the mock APNs: ${apns.received.length}`);

    const ratio = enrollRate / raw.perSecond;
    const rows: [string, string][] = [
      ['raw CA signing rate (issueFromCsr, same run)', `${raw.perSecond.toFixed(0)}/s`],
      ['enrollments per second (profile+SCEP+Authenticate+TokenUpdate)', `${enrollRate.toFixed(1)}/s`],
      [`  as a share of the raw signing rate (target ≥ ${targetRatio * 100}%)`, `${(ratio * 100).toFixed(1)}% ${ratio >= targetRatio ? '(met)' : '(NOT met)'}`],
      ['  server CPU per enrollment', `${((enrollServerCpu / Math.max(1, enrolledCount)) * 1000).toFixed(1)} ms`],
      ['  CA time per raw certificate, 1 in flight', `${(1000 / (signing[0]?.perSecond ?? Number.NaN)).toFixed(1)} ms`],
      ['Idle round trips per second (check-in, nothing queued)', `${idleRate.toFixed(0)}/s`],
      ['  server CPU per Idle round trip', `${((idleServerCpu / Math.max(1, idleTrips)) * 1000).toFixed(2)} ms`],
      ['first sessions after enrollment: round trips per second', `${(firstTrips / firstSeconds).toFixed(0)}/s`],
      ['sync all (DeviceInformation + SecurityInfo): round trips/s', `${(syncTrips / syncSeconds).toFixed(0)}/s`],
      ['sync all: from request to every device answered', `${syncSeconds.toFixed(1)} s`],
      ['  server CPU per sync round trip', `${((syncServerCpu / Math.max(1, syncTrips)) * 1000).toFixed(2)} ms`],
      ['install profile on all devices: to all acknowledged', `${profileSeconds.toFixed(1)} s`],
      ['server RSS at the end', mib(rssEnd)],
    ];
    console.log(`\nApple (${enrolledCount} enrolled virtual iPhones, ${workerCount} worker processes × ${concurrency} in flight, ${availableParallelism()} cores shared by the server, the devices and the mock APNs; device key generation not timed)`);
    for (const [name, value] of rows) console.log(`${name.padEnd(66)} ${value}`);
  } finally {
    await Promise.allSettled(workers.map((worker) => worker.stop()));
    await admin?.close().catch(() => undefined);
    const running = server;
    if (running !== undefined) {
      const kill = setTimeout(() => running.child.kill('SIGKILL'), 60_000);
      await running.stop().catch(() => undefined);
      clearTimeout(kill);
    }
    await apns.close().catch(() => undefined);
    if (keepDataDir) console.log(`  data directory kept: ${dataDir}`);
    else rmSync(workDir, { recursive: true, force: true });
  }
}
