// The check-in parts of `npm run bench -- mam`: virtual SDK apps in worker processes
// (@ward/simulator's SdkFleetWorker) take over the seeded registrations and sign their check-ins;
// (1) back to back for a window, for the rate; (2) each on a short schedule with jitter while an
// admin changes the app protection policy, for the time until the apps picked the change up.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { sumSdkFleetStats, type SdkFleetStats, type SdkFleetWorker, type SdkPolicyPickup } from '@ward/simulator';
import { waitForFleet } from './wait-for-fleet.js';

/** Latency and rate of the check-in window. */
export interface CheckInFigures {
  readonly checkIns: number;
  readonly failures: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  /** CPU seconds of the server in the window, per check-in, in milliseconds. */
  readonly serverCpuMs: number;
  /** CPU seconds of the worker processes in the window, per check-in, in milliseconds. */
  readonly workerCpuMs: number;
  readonly load: number;
}

/** Times to pickup of one policy change. */
export interface PickupFigures {
  readonly apps: number;
  readonly intervalSeconds: number;
  readonly jitter: number;
  /** Time the PATCH took to answer, milliseconds. */
  readonly patchMs: number;
  /** From sending the PATCH until the answer that brought the new version, milliseconds. */
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  /** Apps whose check-in sent after the PATCH was answered still got the old version. */
  readonly staleAfterPatch: number;
  /** Paced check-ins per second while the change spread, and their failures. */
  readonly perSecond: number;
  readonly failures: number;
  readonly load: number;
}

const clockTicksPerSecond = 100;

/** CPU seconds (user + system) a process has used, from /proc; NaN when it is gone. */
export function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    // Fields after the command name (which may hold spaces) start at the state, field 3.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
  } catch {
    return Number.NaN;
  }
}

/** The `q` quantile of sorted values (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

function oneMinuteLoad(): number {
  return loadavg()[0] ?? Number.NaN;
}

function statsOf(workers: readonly SdkFleetWorker[]): SdkFleetStats {
  return sumSdkFleetStats(workers.flatMap((w) => (w.stats === undefined ? [] : [w.stats])));
}

function describe(stats: SdkFleetStats): string {
  return `${stats.checkIns} check-ins, ${stats.inFlight} in flight, ${stats.failures} failures${stats.lastError === undefined ? '' : ` (last: ${stats.lastError})`}, versions ${JSON.stringify(stats.policyVersions)}`;
}

/**
 * (1) Every worker's apps check in back to back for `seconds` after a 2 s warm-up; the rate is
 * the check-ins answered within the window over its length, the latencies theirs.
 */
export async function measureCheckIns(workers: readonly SdkFleetWorker[], serverPid: number | undefined, seconds: number): Promise<CheckInFigures> {
  const warmupMs = 2_000;
  const window = Promise.all(workers.map((w) => w.steady(seconds * 1000, warmupMs, seconds * 1000 + warmupMs + 120_000)));
  await sleep(warmupMs);
  const server0 = cpuSeconds(serverPid);
  const workers0 = workers.reduce((sum, w) => sum + cpuSeconds(w.child.pid), 0);
  await sleep(seconds * 1000);
  const serverCpu = cpuSeconds(serverPid) - server0;
  const workerCpu = workers.reduce((sum, w) => sum + cpuSeconds(w.child.pid), 0) - workers0;
  const load = oneMinuteLoad();
  const reports = await window;
  const latencies = reports.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
  const checkIns = latencies.length;
  const perCheckIn = (cpu: number): number => (cpu / Math.max(1, checkIns)) * 1000;
  return {
    checkIns,
    failures: reports.reduce((sum, r) => sum + r.failures, 0),
    seconds,
    perSecond: checkIns / seconds,
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    p99: quantile(latencies, 0.99),
    max: latencies[latencies.length - 1] ?? Number.NaN,
    serverCpuMs: perCheckIn(serverCpu),
    workerCpuMs: perCheckIn(workerCpu),
    load,
  };
}

/** The admin calls the pickup run makes. */
export interface PolicyAdmin {
  /** `GET /api/v1/app-protection-policies/{id}`. */
  get(id: string): Promise<{ readonly settings: { readonly pin: { readonly minLength: number } }; readonly version: number }>;
  /** `PATCH /api/v1/app-protection-policies/{id}`; the changed policy. */
  patch(id: string, body: unknown): Promise<{ readonly hash: string }>;
}

/** How the pickup run is paced. */
export interface PickupPlan {
  /** Apps checking in on schedule, split evenly over the workers (the first of each share). */
  readonly apps: number;
  readonly intervalSeconds: number;
  readonly jitter: number;
  readonly policyId: string;
  /** The version the apps apply before the change. */
  readonly policyVersion: string;
}

/**
 * (2) `apps` apps check in every `intervalSeconds` (± `jitter`, from a random start within the
 * first interval); after one interval, so the schedule is in its steady state, an admin changes
 * the policy's PIN length through `PATCH /api/v1/app-protection-policies/{id}`. Measured for each
 * app: from sending the PATCH until the check-in answer that brought the new version.
 */
export async function measurePickup(workers: readonly SdkFleetWorker[], admin: PolicyAdmin, plan: PickupPlan): Promise<PickupFigures> {
  const intervalMs = plan.intervalSeconds * 1000;
  const shares = workers.map((_, i) => Math.floor(plan.apps / workers.length) + (i < plan.apps % workers.length ? 1 : 0));
  await Promise.all(workers.map((w, i) => w.pace(shares[i] ?? 0, intervalMs, plan.jitter, 30_000)));
  await sleep(intervalMs * (1 + plan.jitter));
  const before = statsOf(workers);
  if ((before.policyVersions[plan.policyVersion] ?? 0) < plan.apps) throw new Error(`only ${before.policyVersions[plan.policyVersion] ?? 0} of ${plan.apps} apps apply the policy before the change`);

  const current = await admin.get(plan.policyId);
  const minLength = current.settings.pin.minLength === 8 ? 6 : 8;
  const patchStarted = Date.now();
  const changed = await admin.patch(plan.policyId, { settings: { pin: { minLength } }, expectedVersion: current.version });
  const patchAnswered = Date.now();
  if (changed.hash === plan.policyVersion) throw new Error('the policy change did not change the policy version');

  const timeoutMs = 3 * intervalMs + 120_000;
  await waitForFleet(() => statsOf(workers), 'the policy change picked up by every paced app', timeoutMs, (s) => (s.policyVersions[changed.hash] ?? 0) >= plan.apps, describe);
  const spreadSeconds = (Date.now() - patchStarted) / 1000;
  const load = oneMinuteLoad();
  const reports = await Promise.all(workers.map((w) => w.halt(120_000)));
  const pickups: SdkPolicyPickup[] = (await Promise.all(workers.map((w) => w.pickups(changed.hash, 60_000)))).flatMap((r) => r.pickups);
  const times = pickups.map((p) => p.answeredAt - patchStarted).sort((a, b) => a - b);
  const after = statsOf(workers);
  return {
    apps: plan.apps,
    intervalSeconds: plan.intervalSeconds,
    jitter: plan.jitter,
    patchMs: patchAnswered - patchStarted,
    p50: quantile(times, 0.5),
    p95: quantile(times, 0.95),
    max: times[times.length - 1] ?? Number.NaN,
    staleAfterPatch: pickups.filter((p) => p.previousStartedAt !== null && p.previousStartedAt > patchAnswered).length,
    perSecond: (after.checkIns - before.checkIns) / Math.max(spreadSeconds, 0.001),
    failures: reports.reduce((sum, r) => sum + r.failures, 0),
    load,
  };
}
