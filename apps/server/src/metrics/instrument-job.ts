import type { JobHandler } from '@ward/store';
import type { WardMetrics } from './create-metrics.js';

/** A job handler that also counts its runs, outcomes and run time (a decorator, so handlers stay plain). */
export function instrumentJob(metrics: WardMetrics, kind: string, handler: JobHandler): JobHandler {
  return async (job) => {
    const stop = metrics.jobDuration.startTimer({ kind });
    metrics.jobsRunning.inc();
    try {
      await handler(job);
      metrics.jobsFinished.inc({ kind, outcome: 'succeeded' });
    } catch (error) {
      metrics.jobsFinished.inc({ kind, outcome: 'failed' });
      throw error;
    } finally {
      metrics.jobsRunning.dec();
      stop();
    }
  };
}
