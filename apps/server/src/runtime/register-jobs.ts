import type { Logger } from 'pino';
import { recomputeGroupJobKind, recomputeGroupMembers, type Deps, type WardStores } from '@ward/core';
import type { JobRunner } from '@ward/store';
import { instrumentJob } from '../metrics/instrument-job.js';
import type { WardMetrics } from '../metrics/create-metrics.js';

/** Registers the handler of every job kind the core enqueues. */
export function registerJobs(runner: JobRunner, deps: Deps<WardStores>, metrics: WardMetrics, logger: Logger): void {
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
}
