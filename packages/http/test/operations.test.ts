import { afterEach, describe, expect, it } from 'vitest';
import type { ReadinessReport, RequestSample } from '../src/index.js';
import { call, expectError, expectOk, startTestApi, type TestApi } from './support/test-api.js';

let api: TestApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

describe('operations endpoints', () => {
  it('answers liveness without a token', async () => {
    api = await startTestApi();
    expect(expectOk(await call(api, 'GET', '/healthz'))).toEqual({ status: 'ok', checks: {} });
  });

  it('answers readiness from the probe: 200 when ready, 503 when not or when it throws', async () => {
    let report: ReadinessReport | Error = { ok: true, checks: { database: 'ok' } };
    api = await startTestApi({ ready: () => (report instanceof Error ? Promise.reject(report) : Promise.resolve(report)) });
    expect(expectOk(await call(api, 'GET', '/readyz'))).toEqual({ status: 'ok', checks: { database: 'ok' } });
    report = { ok: false, checks: { database: 'timeout after 2s' } };
    const down = await call(api, 'GET', '/readyz');
    expect(down.statusCode).toBe(503);
    expect(down.headers['cache-control']).toBe('no-store');
    expect(down.json()).toEqual({ status: 'unavailable', checks: { database: 'timeout after 2s' } });
    report = new Error('connect ECONNREFUSED 10.0.0.5:5432');
    const failing = await call(api, 'GET', '/readyz');
    expect(failing.statusCode).toBe(503);
    expect(failing.body).not.toContain('10.0.0.5');
  });

  it('serves metrics and reports each request by route template', async () => {
    const samples: RequestSample[] = [];
    api = await startTestApi({
      metrics: { contentType: 'text/plain; version=0.0.4; charset=utf-8', metrics: () => Promise.resolve('ward_up 1\n'), observeRequest: (s) => samples.push(s) },
    });
    const metrics = await call(api, 'GET', '/metrics');
    expect(metrics.statusCode).toBe(200);
    expect(metrics.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(metrics.body).toBe('ward_up 1\n');
    await call(api, 'GET', `/api/v1/users/${api.admins.globalAdmin.user.id}`, { as: 'globalAdmin' });
    await call(api, 'GET', '/nowhere/at/all');
    expect(samples.map((s) => [s.method, s.route, s.statusCode])).toEqual([
      ['GET', '/metrics', 200],
      ['GET', '/api/v1/users/:id', 200],
      ['GET', 'unmatched', 404],
    ]);
    expect(samples.every((s) => s.durationSeconds >= 0)).toBe(true);
  });

  it('has no metrics endpoint when metrics are off', async () => {
    api = await startTestApi({ metrics: false });
    expectError(await call(api, 'GET', '/metrics'), 404, 'NOT_FOUND');
  });
});
