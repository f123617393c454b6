import type { Logger } from 'pino';
import {
  appDesiredStateJobKind,
  desiredStateChangeOf,
  desiredStateJobKind,
  evaluateCompliancePolicyDevices,
  evaluateDeviceCompliance,
  evaluatePolicyDevicesJobKind,
  expireAppleCommands,
  pruneAppUsage,
  pruneAppUsageEveryMs,
  pruneAppUsageJobKind,
  pruneSignIns,
  pruneSignInsEveryMs,
  pruneSignInsJobKind,
  purgeExpiredIdentityProviderStates,
  purgeIdentityProviderStatesEveryMs,
  purgeIdentityProviderStatesJobKind,
  expireAppleCommandsJobKind,
  expireCommands,
  expireCommandsJobKind,
  recomputeGroupJobKind,
  recomputeGroupMembers,
  runAppDesiredStateJob,
  runDesiredStateJob,
  runDueComplianceActions,
  runDueComplianceEveryMs,
  runDueComplianceJobKind,
  systemPrincipal,
  type CommandSigner,
  type ComplianceNotifier,
  type Deps,
  type DesiredStateChange,
  type DomainEvent,
  type ProfileCredentialSource,
  type TenantId,
  type WardStores,
} from '@ward/core';
import type { JobRunner } from '@ward/store';
import { registerComplianceSnapshotJob } from './compliance-snapshot-job.js';
import { pushCertificateExpiryEveryMs, pushCertificateExpiryJobKind, registerPushCertificateExpiryJob } from './push-certificate-expiry-job.js';
import { instrumentJob } from '../metrics/instrument-job.js';
import type { WardMetrics } from '../metrics/create-metrics.js';
import { wakeDevicesJobKind, wakeDeviceIdsOf } from './wake-devices-job.js';

/** How often pending commands past their expiry move to history. */
export const expireCommandsEveryMs = 60_000;

/** Devices per compliance evaluation when a desired-state job names devices: one transaction each. */
const complianceChunk = 500;

/** What the job handlers need besides the core dependencies. */
export interface JobServices {
  readonly metrics: WardMetrics;
  readonly logger: Logger;
  /** Publishes an event to this process's subscribers at once (the push sockets live here). */
  readonly publishNow: (event: DomainEvent) => void;
  /** Signs the lock and retire commands that scheduled compliance actions send. */
  readonly signer: CommandSigner;
  /** Sends the e-mail and webhooks of scheduled compliance actions. */
  readonly notifier: ComplianceNotifier;
  /** Ward's CA for the certificates of `issued` certificate profiles. */
  readonly credentials: ProfileCredentialSource;
}

/** When the recurring jobs run. */
export interface JobSchedule {
  /** The compliance sweep (time-driven state changes, then due actions); {@link runDueComplianceEveryMs} by default. */
  readonly complianceEveryMs?: number;
}

/** Registers the handler of every job kind the core and the CLI enqueue. */
export function registerJobs(runner: JobRunner, deps: Deps<WardStores>, services: JobServices): void {
  const { metrics, logger } = services;
  runner.register(
    recomputeGroupJobKind,
    instrumentJob(metrics, recomputeGroupJobKind, async (job) => {
      const groupId = job.payload.groupId;
      if (typeof groupId !== 'string') {
        // Retrying cannot fix a malformed payload: log it and let the job complete.
        logger.error({ jobId: job.id, kind: job.kind }, 'job payload has no groupId; dropped');
        return;
      }
      const result = await recomputeGroupMembers(deps, job.tenantId, groupId);
      // A group deleted after the job was queued needs no members.
      if (!result.ok && result.code !== 'GROUP_NOT_FOUND') throw new Error(`${result.code}: ${result.message}`);
    }),
  );
  runner.register(
    expireCommandsJobKind,
    instrumentJob(metrics, expireCommandsJobKind, async () => {
      const expired = await expireCommands(deps);
      if (expired > 0) logger.info({ expired }, 'expired commands that their devices did not fetch in time');
    }),
  );
  runner.register(
    expireAppleCommandsJobKind,
    instrumentJob(metrics, expireAppleCommandsJobKind, async () => {
      const expired = await expireAppleCommands(deps);
      if (expired > 0) logger.info({ expired }, 'expired Apple commands that their devices did not answer in time');
    }),
  );
  runner.register(
    purgeIdentityProviderStatesJobKind,
    instrumentJob(metrics, purgeIdentityProviderStatesJobKind, async () => {
      const purged = await purgeExpiredIdentityProviderStates(deps);
      if (purged > 0) logger.debug({ purged }, 'purged expired identity provider state (codes, sessions, tokens)');
    }),
  );
  runner.register(
    pruneSignInsJobKind,
    instrumentJob(metrics, pruneSignInsJobKind, async () => {
      const pruned = await pruneSignIns(deps);
      if (pruned > 0) logger.info({ pruned }, 'pruned sign-in log entries past their retention');
    }),
  );
  runner.register(
    pruneAppUsageJobKind,
    instrumentJob(metrics, pruneAppUsageJobKind, async () => {
      const pruned = await pruneAppUsage(deps);
      if (pruned > 0) logger.info({ pruned }, 'pruned SDK app usage days past their retention');
    }),
  );
  runner.register(
    wakeDevicesJobKind,
    instrumentJob(metrics, wakeDevicesJobKind, (job) => {
      for (const deviceId of wakeDeviceIdsOf(job.payload)) services.publishNow({ type: 'device.wake', tenantId: job.tenantId, subject: deviceId });
      return Promise.resolve();
    }),
    // A wake-up is worth nothing late; the device's own poll covers a lost one.
    { maxAttempts: 1 },
  );

  const policyDeps = { ...deps, credentials: services.credentials };
  const recomputeApps = async (jobId: string, tenantId: TenantId, payload: Readonly<Record<string, unknown>>): Promise<void> => {
    const result = await runAppDesiredStateJob(deps, tenantId, payload);
    if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
    const outcome = result.value;
    logger[outcome.written + outcome.deleted > 0 ? 'info' : 'debug']({ jobId, ...outcome }, 'recomputed desired apps');
  };
  runner.register(
    desiredStateJobKind,
    instrumentJob(metrics, desiredStateJobKind, async (job) => {
      const change = desiredStateChangeOf(job.payload);
      if (change === undefined) {
        logger.error({ jobId: job.id, kind: job.kind }, 'desired-state job payload is malformed; dropped');
        return;
      }
      const result = await runDesiredStateJob(policyDeps, job.tenantId, job.payload);
      if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
      const outcome = result.value;
      logger[outcome.written + outcome.deleted > 0 ? 'info' : 'debug']({ jobId: job.id, change: change.type, ...outcome }, 'recomputed desired configuration');
      // Group, filter and device changes move devices in and out of app assignments too; every
      // place that enqueues this job thereby reaches apps without knowing of them.
      if (change.type !== 'profile') await recomputeApps(job.id, job.tenantId, job.payload);
      await reevaluateCompliance(deps, logger, job.tenantId, change);
    }),
  );
  runner.register(
    appDesiredStateJobKind,
    instrumentJob(metrics, appDesiredStateJobKind, async (job) => {
      if (job.payload.type !== 'app' || typeof job.payload.appId !== 'string') {
        logger.error({ jobId: job.id, kind: job.kind }, 'desired-apps job payload is malformed; dropped');
        return;
      }
      await recomputeApps(job.id, job.tenantId, job.payload);
    }),
  );
  runner.register(
    evaluatePolicyDevicesJobKind,
    instrumentJob(metrics, evaluatePolicyDevicesJobKind, async (job) => {
      const policyId = job.payload.policyId;
      if (typeof policyId !== 'string' || policyId.length === 0 || policyId.length > 64) {
        logger.error({ jobId: job.id, kind: job.kind }, 'job payload has no valid policyId; dropped');
        return;
      }
      const outcome = await evaluateCompliancePolicyDevices(deps, job.tenantId, policyId);
      logger[outcome.changed > 0 ? 'info' : 'debug']({ jobId: job.id, policyId, ...outcome }, 'evaluated the devices of a compliance policy');
    }),
  );
  runner.register(
    runDueComplianceJobKind,
    instrumentJob(metrics, runDueComplianceJobKind, async () => {
      const summary = await runDueComplianceActions({ ...deps, signer: services.signer, notifier: services.notifier });
      const busy = Object.values(summary).some((count) => count > 0);
      logger[busy ? 'info' : 'debug'](summary, 'ran due compliance re-evaluations and actions');
    }),
  );
  registerComplianceSnapshotJob(runner, deps, services);
  registerPushCertificateExpiryJob(runner, deps, services);
}

/**
 * Assignments of compliance policies resolve over the same groups, primary users and device
 * attributes as those of profiles, so a change that moves devices between them (what `devices`
 * and `group` jobs describe: enrolment, membership, ownership, primary user) re-evaluates the
 * compliance of the same devices. Profile and filter jobs leave compliance alone: core enqueues
 * the compliance policy's own job for those.
 */
async function reevaluateCompliance(deps: Deps<WardStores>, logger: Logger, tenantId: TenantId, change: DesiredStateChange): Promise<void> {
  if (change.type === 'devices') {
    const principal = systemPrincipal(tenantId, 'system');
    const ids = [...new Set(change.deviceIds)];
    let changed = 0;
    for (let i = 0; i < ids.length; i += complianceChunk) {
      const result = await evaluateDeviceCompliance(deps, principal, { deviceIds: ids.slice(i, i + complianceChunk) });
      if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
      changed += result.value.changes.length;
    }
    if (changed > 0) logger.info({ tenantId, devices: ids.length, changed }, 're-evaluated compliance after an assignment change');
  } else if (change.type === 'group') {
    // Devices that left the group still have records of the policies assigned through it; the
    // policy's own evaluation finds them (and the devices it reaches now).
    const policies = new Set((await deps.stores.listAssignmentsOfGroup(tenantId, change.groupId)).filter((a) => a.itemKind === 'compliancePolicy').map((a) => a.itemId));
    for (const policyId of policies) await evaluateCompliancePolicyDevices(deps, tenantId, policyId);
  }
}

/** Declares the recurring jobs; each process may declare them, and each tick runs once. */
export async function scheduleJobs(runner: JobRunner, schedule: JobSchedule = {}): Promise<void> {
  await runner.schedule(expireCommandsJobKind, expireCommandsEveryMs);
  await runner.schedule(expireAppleCommandsJobKind, expireCommandsEveryMs);
  await runner.schedule(purgeIdentityProviderStatesJobKind, purgeIdentityProviderStatesEveryMs);
  await runner.schedule(pruneSignInsJobKind, pruneSignInsEveryMs);
  await runner.schedule(pruneAppUsageJobKind, pruneAppUsageEveryMs);
  await runner.schedule(runDueComplianceJobKind, schedule.complianceEveryMs ?? runDueComplianceEveryMs);
  await runner.schedule(pushCertificateExpiryJobKind, pushCertificateExpiryEveryMs);
}
