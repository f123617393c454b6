// Part (b) of `npm run bench -- policy`: a settings profile assigned to a static group of every
// device, timed from the assignment use case until each device's desired state is stored and its
// `device.wake` delivered. The desired-state job runs on a JobRunner in this process, registered
// as the server registers its jobs, and the wake-ups are counted on the event bus the push
// sockets listen to.
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { createAssignment, createProfile, desiredStateJobKind, runDesiredStateJob } from '@ward/core';
import { JobRunner } from '@ward/store';
import { benchClock, benchIds } from './bench-deps.js';
import type { PolicyBenchDatabase } from './policy-database.js';
import { cpuMs, cpuWaitMs, PhaseTimes, timeMethods, timeTransactions } from './policy-phases.js';

/** What part (b) measured. */
export interface AssignmentFigures {
  readonly devices: number;
  readonly seconds: number;
  /** CPU seconds the process used in that time, and seconds its main thread waited for a CPU. */
  readonly cpuSeconds: number;
  readonly waitSeconds: number;
  readonly rowsStored: number;
  readonly woken: number;
}

/** Store calls of the desired-state job, timed one by one. */
const jobReads = ['listAssignmentsOfItem', 'listGroupDeviceIds', 'listTenantDeviceIds', 'listDeviceIdsWithProfileState', 'listAllProfiles', 'listAssignments', 'listAssignmentFilters'];
const chunkCalls = ['getAssignmentSubjects', 'listDeviceProfileStates', 'upsertDesiredStates', 'deleteDeviceProfileStates'];

/** How the membership lookup of `getAssignmentSubjects` is planned on this database. */
async function membershipPlan(bench: PolicyBenchDatabase): Promise<string> {
  const ids = bench.deviceIds.slice(0, 500);
  const rows = await sql<{ detail: string }>`explain query plan select member_id, group_id from group_members where tenant_id = ${bench.tenantId} and member_type = 'device' and member_id in (${sql.join(ids)})`.execute(bench.database.db);
  return rows.rows.map((r) => r.detail).join('; ');
}

export async function benchAssignment(bench: PolicyBenchDatabase): Promise<AssignmentFigures> {
  const { deps, system, tenantId } = bench;
  const expected = bench.deviceIds.length;
  console.log(`  membership lookup plan: ${await membershipPlan(bench)}`);

  const profile = await createProfile(deps, system, {
    name: 'Desktop baseline settings',
    kind: 'settings',
    platforms: ['windows', 'macos', 'linux'],
    body: { settings: { 'passcode.required': true, 'passcode.minimumLength': 12, 'passcode.complexity': 'alphanumeric', 'encryption.required': true, 'firewall.enabled': true, 'screenLock.timeoutSeconds': 600 } },
  });
  if (!profile.ok) throw new Error(`createProfile: ${profile.message}`);

  const phases = new PhaseTimes();
  let jobStarted = Number.NaN;
  let jobEnded = Number.NaN;
  const jobDeps = { ...deps, stores: timeMethods(deps.stores, jobReads, phases, 'outside transactions: '), tx: timeTransactions(deps.tx, chunkCalls, phases, 'per chunk') };
  const runner = new JobRunner(bench.database, {
    ids: benchIds,
    clock: benchClock,
    onError: (error, job) => {
      console.error(`  job ${job?.kind ?? '?'} failed:`, error);
    },
  });
  runner.register(desiredStateJobKind, async (job) => {
    jobStarted = performance.now();
    const outcome = await runDesiredStateJob(jobDeps, job.tenantId, job.payload);
    jobEnded = performance.now();
    if (!outcome.ok) throw new Error(`${outcome.code}: ${outcome.message}`);
  });
  runner.start();

  let woken = 0;
  let lastWake = Number.NaN;
  let resolveAll: () => void = () => undefined;
  const allWoken = new Promise<void>((resolve) => {
    resolveAll = resolve;
  });
  const unsubscribe = bench.events.subscribe('device.wake', () => {
    if (++woken === expected) {
      lastWake = performance.now();
      resolveAll();
    }
  });

  try {
    const cpu0 = cpuMs();
    const wait0 = cpuWaitMs();
    const t0 = performance.now();
    const assignment = await createAssignment(deps, system, { itemKind: 'profile', itemId: profile.value.id, target: { type: 'group', groupId: bench.groupId } });
    const assigned = performance.now();
    if (!assignment.ok) throw new Error(`createAssignment: ${assignment.message}`);
    const timeoutMs = 600_000;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      allWoken,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          reject(new Error(`only ${woken} of ${expected} devices were woken within ${timeoutMs / 1000} s`));
        }, timeoutMs);
      }),
    ]).finally(() => {
      clearTimeout(timer);
    });
    const seconds = (lastWake - t0) / 1000;
    const cpuSeconds = (cpuMs() - cpu0) / 1000;
    const waitSeconds = (cpuWaitMs() - wait0) / 1000;
    // Events are delivered after their transaction commits, so every row is stored by now.
    const stored = await sql<{ n: number }>`select count(*) as n from device_profile_states where tenant_id = ${tenantId} and profile_id = ${profile.value.id}`.execute(bench.database.db);
    const rowsStored = stored.rows[0]?.n ?? 0;
    // The job returns right after its last chunk; wait for it so its own time is known.
    await runner.stop();

    console.log(`  ${expected} devices: assignment to last wake-up ${seconds.toFixed(2)} s; ${rowsStored} desired-state rows stored, ${woken} wake-ups delivered`);
    console.log(`  in that time the process used ${cpuSeconds.toFixed(2)} s of CPU, and its main thread waited ${waitSeconds.toFixed(2)} s for a CPU`);
    console.log('  phases:');
    console.log(`    ${'createAssignment (one transaction, job enqueued)'.padEnd(52)} ${(assigned - t0).toFixed(0).padStart(7)} ms`);
    console.log(`    ${'job runner picks the job up'.padEnd(52)} ${(jobStarted - assigned).toFixed(0).padStart(7)} ms`);
    phases.print();
    const chunkWork = phases.ms('per chunk: work inside the transaction');
    const chunkStores = chunkCalls.reduce((sum, name) => sum + phases.ms(`per chunk: ${name}`), 0);
    console.log(`    ${'per chunk: computing desired state (rest of work)'.padEnd(52)} ${(chunkWork - chunkStores).toFixed(0).padStart(7)} ms`);
    console.log(`    ${'per chunk: begin, commit and event delivery'.padEnd(52)} ${(phases.ms('per chunk: transaction (begin to commit)') - chunkWork).toFixed(0).padStart(7)} ms`);
    console.log(`    ${'job body in all'.padEnd(52)} ${(jobEnded - jobStarted).toFixed(0).padStart(7)} ms`);
    return { devices: expected, seconds, cpuSeconds, waitSeconds, rowsStored, woken };
  } finally {
    unsubscribe();
    await runner.stop();
  }
}
