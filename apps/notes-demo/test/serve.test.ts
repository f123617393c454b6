import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotesDemoServer, maxUrlLength, parseServeArgs, resolveStaticPath } from '../bin/serve.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

// The static server as a browser (or an attacker) meets it: raw request targets over a real socket,
// since fetch would normalise the `..` and percent-encodings this test sends on purpose.
describe('the notes demo static server', () => {
  const root = mkdtempSync(join(tmpdir(), 'notes-demo-serve-'));
  const dist = join(root, 'dist');
  const config = { wardUrl: 'https://ward.example.com', clientId: 'client-1', appId: 'com.ward.notes-demo' };
  let server: Server | undefined;
  let port = 0;

  const send = (method: string, path: string): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method, path }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => { body += chunk; }).on('end', () => { resolve({ status: res.statusCode ?? 0, headers: res.headers, body }); });
      });
      req.on('error', reject);
      req.end();
    });

  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Ward Notes</title>');
    writeFileSync(join(dist, 'assets', 'main-abc123.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), 'outside the build');
    symlinkSync(join(root, 'secret.txt'), join(dist, 'link.txt'));
    const started = createNotesDemoServer({ root: dist, config });
    server = started;
    await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
    port = (started.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    rmSync(root, { recursive: true, force: true });
  });

  it('serves the page at / and at its routes, with a CSP that allows only itself and Ward', async () => {
    for (const path of ['/', '/callback', '/callback?code=abc&state=def']) {
      const page = await send('GET', path);
      expect(page.status, path).toBe(200);
      expect(page.body).toContain('Ward Notes');
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['content-security-policy']).toContain("connect-src 'self' https://ward.example.com;");
      expect(page.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('serves the configuration and hashed assets, which are cached for good', async () => {
    const served = await send('GET', '/config.json');
    expect(served.status).toBe(200);
    expect(JSON.parse(served.body)).toEqual(config);
    const asset = await send('GET', '/assets/main-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toContain('immutable');
    const head = await send('HEAD', '/assets/main-abc123.js');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('refuses paths that lead out of the build, however they are spelled', async () => {
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets%2f..%2f..%2fsecret.txt', '/%5c..%5csecret.txt', '/index.html%00.js', '/%E0%A4%A', '/link.txt', '/missing.js']) {
      const answer = await send('GET', path);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toContain('outside the build');
    }
  });

  it('refuses other methods, oversized and non-path targets', async () => {
    const posted = await send('POST', '/config.json');
    expect(posted.status).toBe(405);
    expect(posted.headers.allow).toBe('GET, HEAD');
    expect((await send('GET', `/${'a'.repeat(maxUrlLength)}`)).status).toBe(414);
    expect((await send('GET', 'http://ward.example.com/')).status).toBe(400);
    expect((await send('GET', '*')).status).toBe(400);
  });

  it('answers a long hostile route in linear time', async () => {
    const started = Date.now();
    expect((await send('GET', `${'/a'.repeat(1000)}!`)).status).toBe(404);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('resolves only regular files inside the root', () => {
    expect(resolveStaticPath(dist, '/index.html')).toBe(join(dist, 'index.html'));
    expect(resolveStaticPath(dist, '/assets')).toBeUndefined();
    expect(resolveStaticPath(dist, 'index.html')).toBeUndefined();
  });

  it('reads its command line and refuses a wrong one with the usage', () => {
    expect(parseServeArgs(['--ward', 'https://ward.example.com:8443/ignored', '--client-id', 'abc', '--port', '0', '--root', dist])).toEqual({
      config: { wardUrl: 'https://ward.example.com:8443', clientId: 'abc', appId: 'com.ward.notes-demo' },
      host: '127.0.0.1',
      port: 0,
      root: dist,
    });
    expect(() => parseServeArgs(['--client-id', 'abc'])).toThrow(/Usage/u);
    expect(() => parseServeArgs(['--ward', 'not a url', '--client-id', 'abc'])).toThrow(/not a URL/u);
    expect(() => parseServeArgs(['--ward', 'ftp://ward.example.com', '--client-id', 'abc'])).toThrow(/https/u);
    expect(() => parseServeArgs(['--ward', 'https://w.example.com', '--client-id', 'abc', '--port', '70000'])).toThrow(/port/u);
    expect(() => parseServeArgs(['--ward', 'https://w.example.com', '--client-id', 'abc', '--unknown'])).toThrow();
  });
});
