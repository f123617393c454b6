import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, expectError, startTestApi, type TestApi } from './support/test-api.js';

const consoleHtml = '<!doctype html><title>Ward console</title><script type="module" src="/assets/console-Abc123.js"></script>';
const portalHtml = '<!doctype html><title>Ward portal</title><script type="module" src="/assets/portal-Def456.js"></script>';
// Long enough that gzip pays off, as real bundles do.
const script = `export const pages = ${JSON.stringify(Array.from({ length: 200 }, (_, i) => `page-${i}`))};\n`;

/** A directory laid out as Vite builds the console. */
function builtConsole(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ward-console-dist-'));
  mkdirSync(join(dir, 'assets'));
  mkdirSync(join(dir, 'portal'));
  writeFileSync(join(dir, 'index.html'), consoleHtml);
  writeFileSync(join(dir, 'portal', 'index.html'), portalHtml);
  writeFileSync(join(dir, 'assets', 'console-Abc123.js'), script);
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, '.secret'), 'not served');
  return dir;
}

describe('the console and portal served by the API', () => {
  const dir = builtConsole();
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ consoleDirectory: dir });
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the console at / with a validator, no long cache and a content security policy', async () => {
    const page = await call(api, 'GET', '/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toBe(consoleHtml);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    const etag = String(page.headers.etag);
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    const again = await call(api, 'GET', '/', { headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const head = await api.app.inject({ method: 'HEAD', url: '/' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
  });

  it('answers client-side routes with the console, and /portal and its routes with the portal', async () => {
    for (const path of ['/devices', '/devices/0192-abc?tab=software', '/users/x/y', '/index.html']) {
      const page = await call(api, 'GET', path);
      expect({ path, status: page.statusCode, body: page.body }).toEqual({ path, status: 200, body: consoleHtml });
    }
    for (const path of ['/portal', '/portal/', '/portal/enroll']) {
      const page = await call(api, 'GET', path);
      expect({ path, status: page.statusCode, body: page.body }).toEqual({ path, status: 200, body: portalHtml });
      expect(page.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets for a year, gzipped when the client takes gzip', async () => {
    const plain = await call(api, 'GET', '/assets/console-Abc123.js');
    expect(plain.statusCode).toBe(200);
    expect(plain.body).toBe(script);
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const zipped = await call(api, 'GET', '/assets/console-Abc123.js', { headers: { 'accept-encoding': 'br, gzip;q=0.8' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('accept-encoding');
    expect(zipped.rawPayload.length).toBeLessThan(script.length);
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(script);
    const refused = await call(api, 'GET', '/assets/console-Abc123.js', { headers: { 'accept-encoding': 'gzip;q=0' } });
    expect(refused.headers['content-encoding']).toBeUndefined();
    const icon = await call(api, 'GET', '/favicon.svg');
    expect(icon.headers['content-type']).toBe('image/svg+xml');
    expect(icon.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('answers missing files, hidden files and escapes from the directory with the API 404', async () => {
    for (const path of ['/assets/missing-Abc.js', '/missing.js', '/.secret', '/portal/app.js', '/assets/..%2f..%2fpackage.json', '/..%2f..%2fetc%2fpasswd']) {
      const response = await call(api, 'GET', path);
      expect({ path, status: response.statusCode }).toEqual({ path, status: 404 });
      expectError(response, 404, 'NOT_FOUND');
    }
    const malformed = await call(api, 'GET', '/%E0%A4%A');
    expect(malformed.statusCode).toBeGreaterThanOrEqual(400);
    expect(malformed.statusCode).toBeLessThan(500);
    expect(malformed.headers['content-type']).toContain('application/json');
  });

  it('never shadows the server’s own paths', async () => {
    for (const path of ['/api', '/api/v1/nope', '/api/v1/devices/x/y/z', '/agent/v1/nope', '/pki/nope', '/healthz/x', '/readyz/x', '/metrics', '/metrics/x']) {
      const response = await call(api, 'GET', path);
      expect({ path, status: response.statusCode }).toEqual({ path, status: 404 });
      expect(expectError(response, 404, 'NOT_FOUND').message).toContain(`There is no GET ${path} endpoint`);
    }
    expect((await call(api, 'GET', '/healthz')).statusCode).toBe(200);
    expectError(await call(api, 'GET', '/api/v1/users'), 401, 'UNAUTHENTICATED');
    expectError(await call(api, 'POST', '/', { body: {} }), 404, 'NOT_FOUND');
  });

  it('keeps the pages out of the OpenAPI document', async () => {
    const document = (await call(api, 'GET', '/api/v1/openapi.json')).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(document.paths).filter((p) => !p.startsWith('/api/') && !p.startsWith('/agent/'))).toEqual(expect.not.arrayContaining(['/', '/*', '/assets/*', '/portal', '/portal/*']));
  });
});

describe('a server whose console is not built', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ward-console-empty-'));
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ consoleDirectory: dir });
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says how to build it at / and /portal, and serves the API as before', async () => {
    for (const path of ['/', '/portal']) {
      const page = await call(api, 'GET', path);
      expect(page.statusCode).toBe(503);
      expect(page.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(page.body).toContain('npm run build');
    }
    expectError(await call(api, 'GET', '/devices'), 404, 'NOT_FOUND');
    expect((await call(api, 'GET', '/api/v1/openapi.json')).statusCode).toBe(200);
  });
});
