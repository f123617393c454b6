import { afterEach, describe, expect, it } from 'vitest';
import { call, expectError, expectOk, startTestApi, type TestApi } from './support/test-api.js';

let api: TestApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
  code?: string;
  err?: { message: string };
}

function capturedLogs(): { lines: LogLine[]; stream: { write(line: string): void } } {
  const lines: LogLine[] = [];
  return { lines, stream: { write: (line) => lines.push(JSON.parse(line) as LogLine) } };
}

describe('request ids', () => {
  it('adopts a sane x-request-id and echoes it in the header, the error and the logs', async () => {
    const logs = capturedLogs();
    api = await startTestApi({ logger: { level: 'info', stream: logs.stream } });
    const response = await call(api, 'GET', '/api/v1/users', { headers: { 'x-request-id': 'edge-7f3a:42' } });
    expect(response.headers['x-request-id']).toBe('edge-7f3a:42');
    expect(expectError(response, 401, 'UNAUTHENTICATED').requestId).toBe('edge-7f3a:42');
    const ours = logs.lines.filter((l) => l.requestId === 'edge-7f3a:42');
    expect(ours.map((l) => l.msg)).toEqual(expect.arrayContaining(['incoming request', 'request refused', 'request completed']));
  });

  it('replaces an unsafe one and makes one up when there is none', async () => {
    api = await startTestApi();
    const unsafe = await call(api, 'GET', '/healthz', { headers: { 'x-request-id': 'x'.repeat(200) } });
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const none = await call(api, 'GET', '/healthz');
    expect(none.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(none.headers['x-request-id']).not.toBe(unsafe.headers['x-request-id']);
  });
});

describe('the error shape', () => {
  it('answers unknown routes and methods with NOT_FOUND', async () => {
    api = await startTestApi();
    const error = expectError(await call(api, 'GET', '/api/v1/printers'), 404, 'NOT_FOUND');
    expect(error.message).toBe('There is no GET /api/v1/printers endpoint.');
    expectError(await call(api, 'POST', '/api/v1/tenant', { as: 'globalAdmin', body: {} }), 404, 'NOT_FOUND');
    expectError(await call(api, 'GET', '/'), 404, 'NOT_FOUND');
  });

  it('answers a server fault with INTERNAL, leaking nothing, and logs it with the request id', async () => {
    const logs = capturedLogs();
    api = await startTestApi({ logger: { level: 'info', stream: logs.stream } });
    // The database goes away under the running server.
    await api.database.close();
    const response = await call(api, 'GET', '/api/v1/users', { as: 'globalAdmin', headers: { 'x-request-id': 'boom-1' } });
    const error = expectError(response, 500, 'INTERNAL');
    expect(error.message).toBe('The server failed to handle the request. Quote the request id when reporting this.');
    expect(error.details).toBeUndefined();
    expect(response.body).not.toMatch(/sqlite|kysely|database|stack|\bat /i);
    const logged = logs.lines.find((l) => l.msg === 'request failed');
    expect(logged).toMatchObject({ level: 50, requestId: 'boom-1', code: 'INTERNAL' });
    expect(logged?.err?.message).toEqual(expect.any(String));
    await api.app.close();
    api = undefined;
  });

  it('says where a validation error is', async () => {
    api = await startTestApi();
    const nested = expectError(await call(api, 'POST', '/api/v1/users', { as: 'globalAdmin', body: { email: 'a@b.test', displayName: 'A', attributes: { costCenter: 7 } } }), 400, 'VALIDATION_FAILED');
    expect(nested.details).toMatchObject({ in: 'body', path: '/attributes/costCenter', issues: [{ path: '/attributes/costCenter', keyword: 'type' }] });
    expect(nested.message).toBe('body/attributes/costCenter must be string.');
    const param = expectError(await call(api, 'GET', `/api/v1/users/${'x'.repeat(65)}`, { as: 'globalAdmin' }), 400, 'VALIDATION_FAILED');
    expect(param.details).toMatchObject({ in: 'path', path: '/id' });
    const empty = expectError(await call(api, 'POST', '/api/v1/users', { as: 'globalAdmin', rawBody: '' }), 400, 'VALIDATION_FAILED');
    expect(empty.details).toMatchObject({ in: 'body', path: '/' });
    const notObject = expectError(await call(api, 'POST', '/api/v1/users', { as: 'globalAdmin', body: ['a@b.test'] }), 400, 'VALIDATION_FAILED');
    expect(notObject.details).toMatchObject({ in: 'body', path: '/' });
    // Prototype pollution attempts are refused by the JSON parser.
    expectError(await call(api, 'POST', '/api/v1/users', { as: 'globalAdmin', rawBody: '{"email":"a@b.test","displayName":"A","__proto__":{"admin":true}}' }), 400, 'VALIDATION_FAILED');
  });

  it('keeps answers out of caches and content sniffing', async () => {
    api = await startTestApi();
    for (const response of [await call(api, 'GET', '/api/v1/auth/me', { as: 'globalAdmin' }), await call(api, 'GET', '/api/v1/auth/me')]) {
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('serves the OpenAPI document without a token', async () => {
    api = await startTestApi();
    expect(expectOk<{ openapi: string }>(await call(api, 'GET', '/api/v1/openapi.json')).openapi).toBe('3.1.0');
  });
});
