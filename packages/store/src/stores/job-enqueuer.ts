import type { Clock, DomainEvent, JobEnqueuer } from '@ward/core';
import { insertJob } from '../jobs/insert-job.js';
import type { StoreContext } from './store-context.js';

/** The event that wakes job runners when a job is enqueued; its subject is the job's kind. */
export const jobEnqueuedEvent = 'job.enqueued';

/**
 * {@link JobEnqueuer} over `jobs`. A unique key dedupes against waiting jobs only (a partial unique
 * index, per tenant), so a request made while an equal job is already running still runs
 * afterwards. The wake-up event ({@link jobEnqueuedEvent}) travels like any other event: after
 * commit when the job was enqueued in a transaction.
 */
export function createJobEnqueuer(ctx: StoreContext, clock: Clock, publish: (event: DomainEvent) => void): JobEnqueuer {
  return {
    async enqueue(job) {
      const added = await insertJob(ctx.db, ctx.codec, ctx.ids, job, clock.now());
      if (added) publish({ type: jobEnqueuedEvent, tenantId: job.tenantId, subject: job.kind });
      return added;
    },
  };
}
