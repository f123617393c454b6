import type { ApiMetrics } from '@ward/http';
import type { WardMetrics } from './create-metrics.js';

/** The API's view of the metrics: the exposition for `/metrics` and a per-request observer. */
export function apiMetricsOf(metrics: WardMetrics): ApiMetrics {
  return {
    contentType: metrics.registry.contentType,
    metrics: () => metrics.registry.metrics(),
    observeRequest(sample) {
      metrics.httpRequestDuration.observe({ route: sample.route, method: sample.method, status: String(sample.statusCode) }, sample.durationSeconds);
    },
  };
}
