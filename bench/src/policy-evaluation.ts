// Part (a) of `npm run bench -- policy`: compliance evaluation of device × policy pairs on one core.
// Three compiled policies per platform (5, 11 and 7 rules, custom expressions among them) over
// synthetic devices, each device against the three of its platform, as a sweep evaluates them.
import { performance } from 'node:perf_hooks';
import {
  compileCompliancePolicy,
  complianceVerdicts,
  evaluateCompliance,
  newOutcomeBuffer,
  validateCompliancePolicy,
  type CompiledCompliancePolicy,
  type CompliancePolicyId,
  type ComplianceVerdict,
  type Device,
  type DeviceId,
  type TenantId,
} from '@ward/core';
import { benchPlatforms, compliancePolicyInputs, seededRandom, syntheticDevice } from './policy-fleet.js';

/** What part (a) measured. */
export interface EvaluationFigures {
  readonly pairs: number;
  readonly devices: number;
  readonly runs: number;
  /** Pairs per second of elapsed time, best and median run. */
  readonly bestPerSecond: number;
  readonly medianPerSecond: number;
  /** Pairs per second of this process's CPU time (what the figure would be on an idle core), median run. */
  readonly medianPerCpuSecond: number;
  readonly verdicts: Readonly<Record<ComplianceVerdict, number>>;
}

const tenantId = 'bench-tenant' as TenantId;

function compiledPolicies(): Map<string, CompiledCompliancePolicy[]> {
  const byPlatform = new Map<string, CompiledCompliancePolicy[]>();
  const at = new Date();
  let n = 0;
  for (const { platform } of benchPlatforms) {
    const list: CompiledCompliancePolicy[] = [];
    for (const input of compliancePolicyInputs(platform as 'windows' | 'macos' | 'linux')) {
      const valid = validateCompliancePolicy(input);
      if (!valid.ok) throw new Error(`${String(input.name)}: ${valid.message}`);
      const compiled = compileCompliancePolicy({ id: `policy-${++n}` as CompliancePolicyId, tenantId, ...valid.value, version: 1, createdAt: at, updatedAt: at });
      if (compiled.error !== null) throw new Error(`${valid.value.name}: ${compiled.error}`);
      list.push(compiled);
    }
    byPlatform.set(platform, list);
  }
  return byPlatform;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/**
 * Evaluates `pairs` device × policy pairs `runs` times after one unmeasured warm-up run (which
 * also lets V8 optimise the rules' closures), and reports the best and median rate.
 */
export function benchEvaluation(options: { readonly pairs: number; readonly devices: number; readonly runs: number }): EvaluationFigures {
  const random = seededRandom(4);
  const now = new Date();
  const devices: Device[] = [];
  for (let i = 0; i < options.devices; i++) devices.push(syntheticDevice(i, tenantId, `device-${i}` as DeviceId, null, now, random));
  const byPlatform = compiledPolicies();
  // Each device's policies, looked up once: assignment resolution is not what this part measures.
  const assigned: CompiledCompliancePolicy[][] = devices.map((d) => byPlatform.get(d.platform) ?? []);
  const nowMs = now.getTime();
  const outcomes = newOutcomeBuffer();

  /** One run: `pairs` evaluations, devices in turn, each against its policies. Returns how many failed. */
  const run = (): number => {
    let failed = 0;
    let done = 0;
    for (let i = 0; done < options.pairs; i = i + 1 === devices.length ? 0 : i + 1) {
      const device = devices[i];
      const policies = assigned[i];
      if (device === undefined || policies === undefined) continue;
      for (let p = 0; p < policies.length && done < options.pairs; p++, done++) {
        const policy = policies[p];
        if (policy !== undefined && evaluateCompliance(policy, device, nowMs, outcomes) === 'failed') failed++;
      }
    }
    return failed;
  };

  // The verdicts of one run, counted outside the timed runs, to show the work is real.
  const verdicts = Object.fromEntries(complianceVerdicts.map((v) => [v, 0])) as Record<ComplianceVerdict, number>;
  let counted = 0;
  for (let i = 0; counted < options.pairs; i = (i + 1) % devices.length) {
    for (const policy of assigned[i] ?? []) {
      if (counted++ >= options.pairs) break;
      const device = devices[i];
      if (device !== undefined) verdicts[evaluateCompliance(policy, device, nowMs, outcomes)]++;
    }
  }

  run();
  const wall: number[] = [];
  const cpu: number[] = [];
  let sink = 0;
  for (let r = 0; r < options.runs; r++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    sink += run();
    const elapsed = (performance.now() - t0) / 1000;
    const used = process.cpuUsage(cpu0);
    wall.push(options.pairs / elapsed);
    cpu.push(options.pairs / ((used.user + used.system) / 1e6));
    console.log(`  run ${r + 1}: ${(elapsed * 1000).toFixed(0)} ms, ${fmt(options.pairs / elapsed)} pairs/s (CPU ${fmt(options.pairs / ((used.user + used.system) / 1e6))} pairs/s)`);
  }
  if (sink !== verdicts.failed * options.runs) throw new Error(`the timed runs saw ${sink} failures, the counted run ${verdicts.failed} per run`);
  return { pairs: options.pairs, devices: options.devices, runs: options.runs, bestPerSecond: Math.max(...wall), medianPerSecond: median(wall), medianPerCpuSecond: median(cpu), verdicts };
}

/** A whole number with thousands separators. */
export function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
