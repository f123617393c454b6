import type { Logger } from 'pino';
import { removeUnreferencedAppPackageBlobs, type AppPackageBlobReferences, type Clock } from '@ward/core';
import type { JobRunner } from '@ward/store';
import type { FsAppPackageBlobs } from '../adapters/fs-app-package-blobs.js';
import { instrumentJob } from '../metrics/instrument-job.js';
import type { WardMetrics } from '../metrics/create-metrics.js';

/** The sweep of package files no app version references any more. */
export const appPackageSweepJobKind = 'apps.packageFiles.sweep';

/** Every six hours: deleted apps free their disk within a working day, and a sweep lists the directory once. */
export const appPackageSweepEveryMs = 6 * 3_600_000;

/** Unfinished uploads older than this are what a killed process left (a live upload writes every second). */
export const staleUploadMs = 24 * 3_600_000;

/** What the sweep reads and removes. */
export interface AppPackageSweepDeps {
  readonly clock: Clock;
  readonly stores: AppPackageBlobReferences;
  readonly appPackages: { readonly blobs: FsAppPackageBlobs };
}

/**
 * Removes package files that no version of any tenant references (past the grace period that
 * protects uploads in flight) and unfinished uploads a crash left behind. Safe on every node at
 * once: a file removed twice is simply gone.
 */
export async function sweepAppPackageFiles(deps: AppPackageSweepDeps, logger: Pick<Logger, 'info' | 'debug'>): Promise<void> {
  const stale = await deps.appPackages.blobs.removeStaleUploads(new Date(deps.clock.now().getTime() - staleUploadMs));
  const outcome = await removeUnreferencedAppPackageBlobs(deps);
  const busy = stale > 0 || outcome.removed > 0;
  logger[busy ? 'info' : 'debug']({ ...outcome, staleUploads: stale, directory: deps.appPackages.blobs.directory }, 'swept unreferenced app package files');
}

/** Registers the sweep's handler; the server schedules it with {@link appPackageSweepEveryMs}. */
export function registerAppPackageSweepJob(runner: JobRunner, deps: AppPackageSweepDeps, services: { readonly metrics: WardMetrics; readonly logger: Logger }): void {
  runner.register(
    appPackageSweepJobKind,
    instrumentJob(services.metrics, appPackageSweepJobKind, async () => {
      await sweepAppPackageFiles(deps, services.logger);
    }),
  );
}
