import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebhookPoster, webhookMaxBodyBytes, webhookResponseSnippetBytes, type WebhookDelivery, type WebhookPosterOptions } from './webhook-poster.js';

/** A self-signed certificate for 127.0.0.1 and localhost, made by OpenSSL as for a private receiver. */
function selfSigned(name: string): { readonly certPem: string; readonly keyPem: string } {
  const dir = mkdtempSync(join(tmpdir(), `ward-webhook-${name}-`));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
      '-subj', `/CN=${name}`, '-addext', 'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    return { certPem: readFileSync(join(dir, 'cert.pem'), 'utf8'), keyPem: readFileSync(join(dir, 'key.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const receiverCert = selfSigned('receiver.test');

interface Hit {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

interface Receiver {
  readonly port: number;
  readonly hits: Hit[];
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A real receiver on 127.0.0.1: records each request in full, then lets `answer` respond. */
async function startReceiver(scheme: 'http' | 'https', answer: (res: ServerResponse, req: IncomingMessage) => void = (res) => { res.writeHead(204).end(); }): Promise<Receiver> {
  const hits: Hit[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      hits.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks) });
      answer(res, req);
    });
  };
  const server: Server = scheme === 'https' ? createHttpsServer({ key: receiverCert.keyPem, cert: receiverCert.certPem }, handler) : createHttpServer(handler);
  await new Promise<void>((resolve) => { server.listen(0, '127.0.0.1', resolve); });
  closers.push(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => { resolve(); });
  }));
  return { port: (server.address() as AddressInfo).port, hits };
}

const trusted: WebhookPosterOptions = { allowHttpLoopback: false, extraCaPem: [receiverCert.certPem] };
const body = '{"id":"evt-1","device":{"id":"d-1","name":"LAPTOP-7 ✓"},"state":"noncompliant"}';

function delivery(url: string, overrides: Partial<WebhookDelivery> = {}): WebhookDelivery {
  return { url, body, headers: { 'Ward-Signature': 't=1772366400,v1=00ff', 'Ward-Event-Id': 'evt-1' }, ...overrides };
}

describe('createWebhookPoster', () => {
  it('POSTs the body byte for byte over https with the given headers', async () => {
    const receiver = await startReceiver('https');
    const outcome = await createWebhookPoster(trusted).post(delivery(`https://127.0.0.1:${receiver.port}/hooks/ward?team=it`));

    expect(outcome).toEqual({ ok: true, value: { status: 204 } });
    expect(receiver.hits).toHaveLength(1);
    const hit = receiver.hits[0]!;
    expect(hit.method).toBe('POST');
    expect(hit.url).toBe('/hooks/ward?team=it');
    expect(hit.body.equals(Buffer.from(body, 'utf8'))).toBe(true);
    expect(hit.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(hit.headers['content-type']).toBe('application/json');
    expect(hit.headers['user-agent']).toMatch(/^Ward-Webhook\/\d/);
    expect(hit.headers['ward-signature']).toBe('t=1772366400,v1=00ff');
    expect(hit.headers['ward-event-id']).toBe('evt-1');
  });

  it.each([
    ['a CR/LF in a value (request splitting)', { 'Ward-Signature': 'x\r\nX-Evil: 1' }],
    ['a bare LF in a value', { 'Ward-Event-Id': 'a\nb' }],
    ['a name that is not a token', { 'Bad Name': 'x' }],
    ['the Host of the connection', { Host: 'internal.example.com' }],
    ['a Content-Length of its own', { 'content-length': '1' }],
    ['Transfer-Encoding', { 'Transfer-Encoding': 'chunked' }],
  ])('refuses headers with %s, without connecting', async (_case, headers) => {
    const receiver = await startReceiver('https');
    const outcome = await createWebhookPoster(trusted).post(delivery(`https://127.0.0.1:${receiver.port}/`, { headers }));
    expect(outcome).toMatchObject({ ok: false, code: 'WEBHOOK_HEADER_INVALID', details: { retryable: false } });
    expect(receiver.hits).toHaveLength(0);
  });

  it('resolves a host name, checks what it resolves to, and delivers', async () => {
    const receiver = await startReceiver('https');
    const outcome = await createWebhookPoster(trusted).post(delivery(`https://localhost:${receiver.port}/`));
    expect(outcome).toEqual({ ok: true, value: { status: 204 } });
    expect(receiver.hits).toHaveLength(1);
  });

  it('refuses http unless the development flag is on and the host is loopback', async () => {
    const receiver = await startReceiver('http', (res) => { res.writeHead(200).end('ok'); });
    const url = `http://127.0.0.1:${receiver.port}/hook`;

    const refused = await createWebhookPoster({ allowHttpLoopback: false }).post(delivery(url));
    expect(refused).toMatchObject({ ok: false, code: 'WEBHOOK_URL_INSECURE', details: { retryable: false } });
    expect(receiver.hits).toHaveLength(0);

    const development = createWebhookPoster({ allowHttpLoopback: true });
    expect(await development.post(delivery(url))).toEqual({ ok: true, value: { status: 200 } });
    expect(await development.post(delivery(`http://localhost:${receiver.port}/hook`))).toEqual({ ok: true, value: { status: 200 } });
    expect(receiver.hits).toHaveLength(2);

    // Loopback only: a LAN address over http stays refused, before any connection is tried.
    expect(await development.post(delivery('http://192.0.2.10/hook'))).toMatchObject({ ok: false, code: 'WEBHOOK_URL_INSECURE' });
  });

  it.each([
    ['https://169.254.169.254/latest/meta-data/iam/security-credentials/', '169.254.169.254'],
    ['https://[fd00:ec2::254]/latest/meta-data/', 'fd00:ec2::254'],
    ['https://[::ffff:169.254.169.254]/', '::ffff:a9fe:a9fe'],
    ['https://[fe80::1]:8443/', 'fe80::1'],
    ['https://0.0.0.0:9/', '0.0.0.0'],
    ['http://169.254.169.254/computeMetadata/v1/', '169.254.169.254'],
  ])('refuses %s as a link-local or metadata address, and says so', async (url, address) => {
    const outcome = await createWebhookPoster({ allowHttpLoopback: true }).post(delivery(url));
    expect(outcome).toMatchObject({ ok: false, code: 'WEBHOOK_ADDRESS_FORBIDDEN', details: { retryable: false, address } });
    expect(outcome.ok ? '' : outcome.message).toMatch(/link-local, cloud metadata or unspecified address \(169\.254\.0\.0\/16, fe80::\/10, fd00:ec2::254/);
  });

  it('gives up after the timeout on a receiver that never answers', async () => {
    const receiver = await startReceiver('https', () => { /* hold the request open */ });
    const started = Date.now();
    const outcome = await createWebhookPoster({ ...trusted, timeoutMs: 300 }).post(delivery(`https://127.0.0.1:${receiver.port}/`));
    expect(outcome).toMatchObject({ ok: false, code: 'WEBHOOK_TIMEOUT', details: { retryable: true } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(receiver.hits).toHaveLength(1);
  });

  it('does not follow a redirect, and names where it pointed', async () => {
    const elsewhere = await startReceiver('https');
    const receiver = await startReceiver('https', (res) => { res.writeHead(302, { location: `https://127.0.0.1:${elsewhere.port}/stolen` }).end(); });
    const outcome = await createWebhookPoster(trusted).post(delivery(`https://127.0.0.1:${receiver.port}/`));
    expect(outcome).toMatchObject({ ok: false, code: 'WEBHOOK_REDIRECT_NOT_FOLLOWED', details: { retryable: false, status: 302, location: `https://127.0.0.1:${elsewhere.port}/stolen` } });
    expect(receiver.hits).toHaveLength(1);
    expect(elsewhere.hits).toHaveLength(0);
  });

  it('reports a 500 with the start of its body as retryable, and a 404 as not', async () => {
    const receiver = await startReceiver('https', (res, req) => {
      if (req.url === '/gone') res.writeHead(404, { 'content-type': 'text/plain' }).end('no such hook');
      else res.writeHead(500, { 'content-type': 'text/plain' }).end('database\r\nunavailable');
    });
    const poster = createWebhookPoster(trusted);
    const failed = await poster.post(delivery(`https://127.0.0.1:${receiver.port}/`));
    expect(failed).toEqual({ ok: false, code: 'WEBHOOK_HTTP_ERROR', message: 'The receiver answered 500: database unavailable', details: { retryable: true, status: 500 } });
    expect(await poster.post(delivery(`https://127.0.0.1:${receiver.port}/gone`))).toMatchObject({ ok: false, code: 'WEBHOOK_HTTP_ERROR', details: { retryable: false, status: 404 } });
  });

  it('reads no more than a small cap of an endless error body, and does not wait for its end', async () => {
    const receiver = await startReceiver('https', (res) => {
      res.writeHead(503, { 'content-type': 'text/plain' });
      const chunk = 'x'.repeat(16 * 1024);
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk)) { /* fill the socket until it pushes back */ }
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    const started = Date.now();
    const outcome = await createWebhookPoster({ ...trusted, timeoutMs: 5000 }).post(delivery(`https://127.0.0.1:${receiver.port}/`));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(outcome).toMatchObject({ ok: false, code: 'WEBHOOK_HTTP_ERROR', details: { retryable: true, status: 503 } });
    const snippet = outcome.ok ? '' : outcome.message.replace('The receiver answered 503: ', '');
    expect(snippet).toMatch(/^x+$/);
    expect(snippet.length).toBeLessThanOrEqual(webhookResponseSnippetBytes);
  });

  it('refuses a receiver certificate no trusted CA signed', async () => {
    const receiver = await startReceiver('https');
    const outcome = await createWebhookPoster({ allowHttpLoopback: false }).post(delivery(`https://127.0.0.1:${receiver.port}/`));
    expect(outcome).toMatchObject({ ok: false, code: 'WEBHOOK_TLS_FAILED' });
    expect(receiver.hits).toHaveLength(0);
  });

  it('reports a receiver that is not listening, and a name that does not resolve', async () => {
    const receiver = await startReceiver('https');
    await closers.splice(0).reduce((p, close) => p.then(close), Promise.resolve());
    const poster = createWebhookPoster(trusted);
    expect(await poster.post(delivery(`https://127.0.0.1:${receiver.port}/`))).toMatchObject({ ok: false, code: 'WEBHOOK_CONNECTION_FAILED', details: { retryable: true } });
    expect(await poster.post(delivery('https://ward-webhook-test.invalid/'))).toMatchObject({ ok: false, code: 'WEBHOOK_DNS_FAILED', details: { retryable: true } });
  });

  it.each([
    ['not a url'],
    ['ftp://files.example.com/hook'],
    ['file:///etc/passwd'],
    ['https://user:password@hooks.example.com/'],
  ])('refuses the URL %s', async (url) => {
    expect(await createWebhookPoster(trusted).post(delivery(url))).toMatchObject({ ok: false, code: 'WEBHOOK_URL_INVALID', details: { retryable: false } });
  });

  it('refuses a payload over the size bound without connecting', async () => {
    const receiver = await startReceiver('https');
    const outcome = await createWebhookPoster(trusted).post(delivery(`https://127.0.0.1:${receiver.port}/`, { body: JSON.stringify({ blob: 'x'.repeat(webhookMaxBodyBytes) }) }));
    expect(outcome).toMatchObject({ ok: false, code: 'WEBHOOK_PAYLOAD_TOO_LARGE', details: { retryable: false } });
    expect(receiver.hits).toHaveLength(0);
  });
});
