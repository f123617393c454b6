// `npm run bench -- policy`: the policy engine's figures against the targets issue 4 sets.
// (a) compliance evaluation of device × policy pairs on one core; (b) a profile assigned to a
// group of 100,000 devices on SQLite, until every device's desired state is stored and its
// wake-up delivered; (c) one check-in whose facts flip a device to noncompliant, to the stored
// new state. Prints figures beside their targets; asserts nothing about time.
// WARD_BENCH_POLICY_PARTS=a,b,c picks the parts (all by default).
import { cpus, loadavg } from 'node:os';
import { benchAssignment, type AssignmentFigures } from './policy-assignment.js';
import { benchCheckIn, printCheckIn, type CheckInFigures } from './policy-check-in.js';
import { openPolicyBenchDatabase } from './policy-database.js';
import { benchEvaluation, fmt, type EvaluationFigures } from './policy-evaluation.js';

const pairs = Number(process.env.WARD_BENCH_POLICY_PAIRS ?? 1_000_000);
const evaluationDevices = Number(process.env.WARD_BENCH_POLICY_EVAL_DEVICES ?? 100_000);
const runs = Number(process.env.WARD_BENCH_POLICY_RUNS ?? 7);
const deviceCount = Number(process.env.WARD_BENCH_POLICY_DEVICES ?? 100_000);
const userCount = Number(process.env.WARD_BENCH_POLICY_USERS ?? 10_000);
const samples = Number(process.env.WARD_BENCH_POLICY_SAMPLES ?? 500);
const parts = new Set((process.env.WARD_BENCH_POLICY_PARTS ?? 'a,b,c').split(',').map((p) => p.trim()));

const targets = { pairsPerSecond: 1_000_000, assignmentSeconds: 10, checkInP95Ms: 20 } as const;

const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');
const verdict = (met: boolean): string => (met ? 'met' : 'NOT met');

export async function benchPolicy(): Promise<void> {
  console.log(`Policy benchmark on ${cpus().length} CPUs; load average ${load()}`);
  let evaluation: EvaluationFigures | undefined;
  let assignment: AssignmentFigures | undefined;
  let checkIn: CheckInFigures | undefined;
  const loads: Record<string, string> = {};

  if (parts.has('a')) {
    console.log(`\n(a) compliance evaluation: ${fmt(pairs)} device × policy pairs over ${fmt(evaluationDevices)} synthetic devices, 3 policies each (5, 11, 7 rules), ${runs} runs after a warm-up`);
    evaluation = benchEvaluation({ pairs, devices: evaluationDevices, runs });
    loads.a = load();
    console.log(`  verdicts of one run: ${Object.entries(evaluation.verdicts).map(([v, n]) => `${v} ${fmt(n)}`).join(', ')}`);
  }

  if (parts.has('b') || parts.has('c')) {
    console.log(`\nSeeding SQLite (WAL, a file in a temporary directory) for (b) and (c)`);
    const bench = await openPolicyBenchDatabase(deviceCount, userCount);
    try {
      if (parts.has('b')) {
        console.log(`\n(b) a settings profile assigned to a static group of ${fmt(deviceCount)} devices; the desired-state job on a JobRunner in this process`);
        assignment = await benchAssignment(bench);
        loads.b = load();
      }
      if (parts.has('c')) {
        console.log(`\n(c) check-ins whose facts turn disk encryption off, flipping a compliant Linux device to noncompliant (${samples} samples after ${Math.ceil(samples / 10)} warm-up)`);
        checkIn = await benchCheckIn(bench, samples, Math.ceil(samples / 10));
        loads.c = load();
        console.log(`  ${checkIn.policies} compliance policies assigned to every device; per step:`);
        printCheckIn(checkIn);
      }
    } finally {
      await bench.close();
    }
  }

  console.log(`\nSummary (load average at the end of each part; the machine's ${cpus().length} CPUs are shared)`);
  if (evaluation !== undefined) {
    console.log(
      `  (a) evaluation: best ${fmt(evaluation.bestPerSecond)} pairs/s, median ${fmt(evaluation.medianPerSecond)} pairs/s (median per CPU second ${fmt(evaluation.medianPerCpuSecond)}); target ≥ ${fmt(targets.pairsPerSecond)}/s on one core → ${verdict(evaluation.medianPerSecond >= targets.pairsPerSecond)}  [load ${loads.a ?? ''}]`,
    );
  }
  if (assignment !== undefined) {
    const complete = assignment.rowsStored === assignment.devices && assignment.woken === assignment.devices;
    console.log(
      `  (b) assignment to ${fmt(assignment.devices)} devices: ${assignment.seconds.toFixed(2)} s to the last stored state and wake-up (CPU ${assignment.cpuSeconds.toFixed(2)} s, waited for a CPU ${assignment.waitSeconds.toFixed(2)} s)${complete ? '' : ` (INCOMPLETE: ${assignment.rowsStored} rows, ${assignment.woken} wake-ups)`}; target under ${targets.assignmentSeconds} s → ${verdict(complete && assignment.seconds < targets.assignmentSeconds)}  [load ${loads.b ?? ''}]`,
    );
  }
  if (checkIn !== undefined) {
    console.log(
      `  (c) check-in flipping to noncompliant: p50 ${checkIn.total.p50.toFixed(2)} ms, p95 ${checkIn.total.p95.toFixed(2)} ms (CPU per check-in p50 ${checkIn.cpu.p50.toFixed(2)} ms, p95 ${checkIn.cpu.p95.toFixed(2)} ms); target p95 under ${targets.checkInP95Ms} ms → ${verdict(checkIn.total.p95 < targets.checkInP95Ms)}  [load ${loads.c ?? ''}]`,
    );
  }
}
