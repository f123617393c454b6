import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './support/test-api.js';

let api: TestApi;
let base: string;
beforeAll(async () => {
  api = await startTestApi();
  await api.app.listen({ host: '127.0.0.1', port: 0 });
  const address = api.app.server.address() as AddressInfo;
  base = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  await api.close();
});

describe('over a real socket', () => {
  it('serves probes, authenticated JSON and errors', async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const me = await fetch(`${base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${api.admins.globalAdmin.token}` } });
    expect(me.status).toBe(200);
    expect(me.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await me.json()) as { tenantId: string }).tenantId).toBe(api.tenant.id);

    const created = await fetch(`${base}/api/v1/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.admins.globalAdmin.token}`, 'content-type': 'application/json', 'x-request-id': 'socket-1' },
      body: JSON.stringify({ email: 'wire@example.test', displayName: 'Over the wire' }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toMatch(/^\/api\/v1\/users\//);

    const refused = await fetch(`${base}/api/v1/users`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'socket-2' }, body: '{}' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="ward"');
    expect(await refused.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String), requestId: 'socket-2' } });

    const sign = await fetch(`${base}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email": "a@b.test", "password": ' });
    expect(sign.status).toBe(400);
    expect(((await sign.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
  });
});
