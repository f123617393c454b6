import { describe, expect, it } from 'vitest';
import { createMetrics } from './create-metrics.js';

describe('createMetrics', () => {
  it('exposes process metrics and Ward instruments in a registry of its own', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.eventsReceived.inc({ type: 'user.changed' });
    a.httpRequestDuration.observe({ route: '/api/v1/users', method: 'GET', status: '200' }, 0.012);
    const text = await a.registry.metrics();
    expect(text).toContain('process_cpu_seconds_total');
    expect(text).toContain('ward_events_received_total{type="user.changed"} 1');
    expect(text).toContain('ward_http_request_duration_seconds_bucket{le="0.025",route="/api/v1/users",method="GET",status="200"} 1');
    expect(await b.registry.metrics()).not.toContain('user.changed');
  });
});
