import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The Prometheus instruments of one server process. */
export interface WardMetrics {
  readonly registry: Registry;
  /** Request latency by route pattern (not raw URL, to keep cardinality bounded), method and status. */
  readonly httpRequestDuration: Histogram<'route' | 'method' | 'status'>;
  /** Domain events this process received, from itself or (on PostgreSQL) from other processes. */
  readonly eventsReceived: Counter<'type'>;
  /** Jobs finished by kind and outcome (`succeeded`, `failed`). */
  readonly jobsFinished: Counter<'kind' | 'outcome'>;
  /** Job run time by kind. */
  readonly jobDuration: Histogram<'kind'>;
  /** Jobs running in this process now. */
  readonly jobsRunning: Gauge;
}

/**
 * A fresh registry (not prom-client's global one, so tests and several servers in one process do
 * not collide) with Node's default process metrics and Ward's own.
 */
export function createMetrics(): WardMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequestDuration: new Histogram({
      name: 'ward_http_request_duration_seconds',
      help: 'HTTP request duration in seconds, by route pattern, method and status code.',
      labelNames: ['route', 'method', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    eventsReceived: new Counter({
      name: 'ward_events_received_total',
      help: 'Domain events received by this process (from itself and, on PostgreSQL, from other processes), by type.',
      labelNames: ['type'] as const,
      registers: [registry],
    }),
    jobsFinished: new Counter({
      name: 'ward_jobs_finished_total',
      help: 'Background jobs finished by this process, by kind and outcome.',
      labelNames: ['kind', 'outcome'] as const,
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: 'ward_job_duration_seconds',
      help: 'Background job run time in seconds, by kind.',
      labelNames: ['kind'] as const,
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
      registers: [registry],
    }),
    jobsRunning: new Gauge({
      name: 'ward_jobs_running',
      help: 'Background jobs running in this process now.',
      registers: [registry],
    }),
  };
}
