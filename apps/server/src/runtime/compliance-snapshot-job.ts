import type { Logger } from 'pino';
import {
  recordComplianceSnapshots,
  recordComplianceSnapshotsEveryMs,
  recordComplianceSnapshotsJobKind,
  type Clock,
  type JobEnqueuer,
  type RecordComplianceSnapshotsStores,
} from '@ward/core';
import { allTenants, type JobRunner } from '@ward/store';
import { instrumentJob } from '../metrics/instrument-job.js';
import type { WardMetrics } from '../metrics/create-metrics.js';

/** Registers the daily compliance snapshot job (`record-compliance-snapshots.ts` in core). */
export function registerComplianceSnapshotJob(
  runner: JobRunner,
  deps: { readonly clock: Clock; readonly stores: RecordComplianceSnapshotsStores },
  services: { readonly metrics: WardMetrics; readonly logger: Logger },
): void {
  runner.register(
    recordComplianceSnapshotsJobKind,
    instrumentJob(services.metrics, recordComplianceSnapshotsJobKind, async () => {
      const run = await recordComplianceSnapshots(deps);
      services.logger[run.written + run.pruned > 0 ? 'info' : 'debug'](run, 'recorded the daily compliance snapshot');
    }),
  );
}

/**
 * Declares the hourly snapshot schedule and asks for one run now. The stored schedule keeps its
 * next tick across restarts, so without the extra run a server started after a night down would
 * record its day up to an hour late; the run writes nothing if the day is already recorded.
 */
export async function scheduleComplianceSnapshots(runner: JobRunner, jobs: JobEnqueuer, everyMs = recordComplianceSnapshotsEveryMs): Promise<void> {
  await runner.schedule(recordComplianceSnapshotsJobKind, everyMs);
  await jobs.enqueue({ kind: recordComplianceSnapshotsJobKind, tenantId: allTenants, payload: {}, uniqueKey: `${recordComplianceSnapshotsJobKind}:start` });
}
