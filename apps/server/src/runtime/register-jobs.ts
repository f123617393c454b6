import type { Logger } from 'pino';
import { expireCommands, expireCommandsJobKind, recomputeGroupJobKind, recomputeGroupMembers, type Deps, type DomainEvent, type WardStores } from '@ward/core';
import type { JobRunner } from '@ward/store';
import { instrumentJob } from '../metrics/instrument-job.js';
import type { WardMetrics } from '../metrics/create-metrics.js';
import { wakeDevicesJobKind, wakeDeviceIdsOf } from './wake-devices-job.js';

/** How often pending commands past their expiry move to history. */
export const expireCommandsEveryMs = 60_000;

/** What the job handlers need besides the core dependencies. */
export interface JobServices {
  readonly metrics: WardMetrics;
  readonly logger: Logger;
  /** Publishes an event to this process's subscribers at once (the push sockets live here). */
  readonly publishNow: (event: DomainEvent) => void;
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
    wakeDevicesJobKind,
    instrumentJob(metrics, wakeDevicesJobKind, (job) => {
      for (const deviceId of wakeDeviceIdsOf(job.payload)) services.publishNow({ type: 'device.wake', tenantId: job.tenantId, subject: deviceId });
      return Promise.resolve();
    }),
    // A wake-up is worth nothing late; the device's own poll covers a lost one.
    { maxAttempts: 1 },
  );
}

/** Declares the recurring jobs; each process may declare them, and each tick runs once. */
export async function scheduleJobs(runner: JobRunner): Promise<void> {
  await runner.schedule(expireCommandsJobKind, expireCommandsEveryMs);
}
