// Part (c) of `npm run bench -- policy`: one check-in whose facts flip a compliant device to
// noncompliant, timed until the new state is stored: the device is authenticated (as every agent
// request is), then `checkInDevice` runs its one transaction, which stores the facts, loads and
// compiles the tenant's compliance policies, evaluates the device and stores its new state; the
// sample ends when that transaction has committed.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  applyComplianceEvaluation,
  authenticateDevice,
  checkInDevice,
  createAssignment,
  createCompliancePolicy,
  loadComplianceEvaluationContext,
  type Device,
  type DeviceIdentity,
} from '@ward/core';
import { benchIds } from './bench-deps.js';
import type { PolicyBenchDatabase } from './policy-database.js';
import { cpuMs } from './policy-phases.js';
import { benchPlatforms, compliancePolicyInputs, compliantFacts } from './policy-fleet.js';

/** Milliseconds at a few quantiles. */
export interface Quantiles {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** What part (c) measured. */
export interface CheckInFigures {
  readonly samples: number;
  readonly policies: number;
  readonly total: Quantiles;
  /** CPU milliseconds the process used per check-in. */
  readonly cpu: Quantiles;
  readonly phases: Readonly<Record<string, Quantiles>>;
}

function quantiles(values: readonly number[]): Quantiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] ?? Number.NaN };
}

const agentVersion = '1.2.0';

export async function benchCheckIn(bench: PolicyBenchDatabase, samples: number, warmup: number): Promise<CheckInFigures> {
  const { deps, system, tenantId } = bench;

  // The nine policies of the fleet (three per desktop platform), all assigned to every device.
  let policies = 0;
  for (const { platform } of benchPlatforms) {
    for (const input of compliancePolicyInputs(platform as 'windows' | 'macos' | 'linux')) {
      const policy = await createCompliancePolicy(deps, system, input);
      if (!policy.ok) throw new Error(`createCompliancePolicy: ${policy.message}`);
      const assigned = await createAssignment(deps, system, { itemKind: 'compliancePolicy', itemId: policy.value.id, target: { type: 'group', groupId: bench.groupId } });
      if (!assigned.ok) throw new Error(`createAssignment: ${assigned.message}`);
      policies++;
    }
  }

  // Linux devices from across the fleet, made compliant and evaluated, each with a certificate.
  const wanted = samples + warmup;
  const stride = Math.max(1, Math.floor(bench.deviceIds.length / (wanted * 10)));
  const spread = bench.deviceIds.filter((_, i) => i % stride === 0);
  const linux: Device[] = [];
  for (let i = 0; i < spread.length && linux.length < wanted; i += 500) {
    for (const d of await deps.stores.getDevices(tenantId, spread.slice(i, i + 500))) if (d.platform === 'linux' && linux.length < wanted) linux.push(d);
  }
  if (linux.length < wanted) throw new Error(`only ${linux.length} Linux devices to check in, ${wanted} wanted`);
  const now = deps.clock.now();
  const healthy = compliantFacts('linux');
  const identities: DeviceIdentity[] = linux.map((d) => ({
    tenantId,
    serialNumber: randomBytes(16).toString('hex'),
    deviceId: d.id,
    fingerprint: randomBytes(32).toString('hex'),
    notBefore: now,
    notAfter: new Date(now.getTime() + 365 * 86_400_000),
    state: 'active',
    revokedAt: null,
    createdAt: now,
  }));
  await deps.tx.transaction(async (s) => {
    for (const d of linux) await s.updateDevice({ ...d, ownership: 'corporate', facts: healthy, osVersion: healthy.osVersion ?? null, lastSeenAt: now, updatedAt: now });
    for (const identity of identities) await s.insertDeviceIdentity(identity);
    const context = await loadComplianceEvaluationContext(s, tenantId);
    await applyComplianceEvaluation(s, benchIds, context, linux.map((d) => d.id), now);
  });
  const before = await deps.stores.getDevices(tenantId, linux.map((d) => d.id));
  const notCompliant = before.filter((d) => d.complianceState !== 'compliant');
  if (notCompliant.length > 0) throw new Error(`${notCompliant.length} prepared devices are not compliant (first: ${notCompliant[0]?.complianceState ?? ''})`);

  const flipped = { ...healthy, encrypted: false };
  const origin = { via: 'agent' as const, ip: '127.0.0.1' };
  const names = ['authenticateDevice', 'checkInDevice (one transaction, to commit)'] as const;
  const times: Record<(typeof names)[number], number[]> = { authenticateDevice: [], 'checkInDevice (one transaction, to commit)': [] };
  const totals: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < identities.length; i++) {
    const identity = identities[i];
    if (identity === undefined) continue;
    const cpu0 = cpuMs();
    const t0 = performance.now();
    const session = await authenticateDevice(deps, { serialNumber: identity.serialNumber, fingerprint: identity.fingerprint }, origin);
    if (!session.ok) throw new Error(`authenticateDevice: ${session.message}`);
    const t1 = performance.now();
    const outcome = await checkInDevice(deps, session.value, { agentVersion, facts: flipped, results: [] });
    const t2 = performance.now();
    const cpu1 = cpuMs();
    if (!outcome.ok) throw new Error(`checkInDevice: ${outcome.message}`);
    if (i < warmup) continue;
    totals.push(t2 - t0);
    cpu.push(cpu1 - cpu0);
    times.authenticateDevice.push(t1 - t0);
    times['checkInDevice (one transaction, to commit)'].push(t2 - t1);
  }
  const after = await deps.stores.getDevices(tenantId, linux.map((d) => d.id));
  const stored = after.filter((d) => d.complianceState === 'noncompliant').length;
  if (stored !== linux.length) throw new Error(`${stored} of ${linux.length} devices are stored as noncompliant`);

  const phases = Object.fromEntries(names.map((n) => [n, quantiles(times[n])]));
  return { samples: totals.length, policies, total: quantiles(totals), cpu: quantiles(cpu), phases };
}

/** Prints part (c)'s quantiles as a table. */
export function printCheckIn(figures: CheckInFigures): void {
  const row = (name: string, q: Quantiles): string => `    ${name.padEnd(40)} ${q.p50.toFixed(2).padStart(8)} ${q.p95.toFixed(2).padStart(8)} ${q.p99.toFixed(2).padStart(8)} ${q.max.toFixed(2).padStart(8)}`;
  console.log(`    ${'step'.padEnd(40)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}`);
  for (const [name, q] of Object.entries(figures.phases)) console.log(row(name, q));
  console.log(row('whole check-in, to the stored new state', figures.total));
  console.log(row('  CPU time of this process in it', figures.cpu));
}
