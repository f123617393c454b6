import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Server as TcpServer } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { webhookSignature, type ComplianceNotifier } from '@ward/core';
import { createComplianceNotifier, smtpNotConfigured } from './compliance-notifier.js';
import { nodeDigests } from './node-digests.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A plain SMTP relay on 127.0.0.1 (TLS is smtp-mailer.test.ts's subject) keeping raw messages. */
async function startRelay(): Promise<{ readonly port: number; readonly messages: string[] }> {
  const messages: string[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => { server.listen(0, '127.0.0.1', resolve); });
  closers.push(() => new Promise<void>((resolve) => { server.close(() => { resolve(); }); }));
  // Typed here: @types/smtp-server's `net` does not resolve under NodeNext.
  const listening: TcpServer = server.server;
  return { port: (listening.address() as AddressInfo).port, messages };
}

/** A webhook receiver on 127.0.0.1 that keeps the raw body and headers of each request. */
async function startReceiver(status: number): Promise<{ readonly port: number; readonly hits: { headers: IncomingHttpHeaders; body: Buffer }[] }> {
  const hits: { headers: IncomingHttpHeaders; body: Buffer }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      hits.push({ headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => { server.listen(0, '127.0.0.1', resolve); });
  closers.push(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => { resolve(); }); }));
  return { port: (server.address() as AddressInfo).port, hits };
}

/** Signed as the core's compliance runner signs (`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`). */
const sign = (secret: string, at: Date, body: string): string => webhookSignature((key, data) => nodeDigests.hmac('sha256', key, data), secret, at, body);

const webhook = { allowHttpLoopback: true };

describe('createComplianceNotifier', () => {
  it('fails every e-mail with SMTP_NOT_CONFIGURED, not retryable, when no relay is configured', async () => {
    const notifier: ComplianceNotifier = createComplianceNotifier({ smtp: undefined, webhook });
    const outcome = await notifier.sendEmail({ to: ['alice@example.com'], subject: 'S', text: 'T' });
    expect(outcome).toEqual(smtpNotConfigured);
    expect(outcome).toMatchObject({ ok: false, retryable: false, error: expect.stringMatching(/^SMTP_NOT_CONFIGURED: /) as unknown });
  });

  it('sends e-mail through the relay and says what it accepted', async () => {
    const relay = await startRelay();
    const notifier = createComplianceNotifier({ smtp: { host: '127.0.0.1', port: relay.port, tls: 'opportunistic', from: 'ward@example.com' }, webhook });
    const outcome = await notifier.sendEmail({ to: ['alice@example.com', 'helpdesk@example.com'], subject: 'LAPTOP-7 is not compliant', text: 'Encrypt the disk.' });
    expect(outcome).toMatchObject({ ok: true, detail: expect.stringMatching(/^accepted by the relay for alice@example\.com, helpdesk@example\.com as <.+>$/) as unknown });
    expect(relay.messages).toHaveLength(1);
    expect(relay.messages[0]).toMatch(/^Subject: LAPTOP-7 is not compliant\r$/m);
    expect(relay.messages[0]).toMatch(/^To: alice@example\.com, helpdesk@example\.com\r$/m);
  });

  it('turns a refusal into a recorded failure with its stable code', async () => {
    const relay = await startRelay();
    const notifier = createComplianceNotifier({ smtp: { host: '127.0.0.1', port: relay.port, tls: 'opportunistic', from: 'ward@example.com' }, webhook });
    const outcome = await notifier.sendEmail({ to: ['alice@example.com'], subject: 'Hi\r\nBcc: all@example.com', text: 'T' });
    expect(outcome).toMatchObject({ ok: false, retryable: false, error: expect.stringMatching(/^EMAIL_HEADER_INVALID: /) as unknown });
    expect(relay.messages).toHaveLength(0);
  });

  it('posts the core-rendered body and headers so that the receiver verifies the signature', async () => {
    const receiver = await startReceiver(202);
    const secret = 'a-webhook-secret-of-policy-1';
    const body = JSON.stringify({ id: 'evt-1', type: 'device.complianceAction', device: { name: 'Zoë’s laptop' } });
    const at = new Date('2026-03-01T12:00:00Z');
    const notifier = createComplianceNotifier({ smtp: undefined, webhook });
    const outcome = await notifier.postWebhook({ url: `http://127.0.0.1:${receiver.port}/ward`, body, headers: { 'content-type': 'application/json', 'ward-event-id': 'evt-1', 'ward-signature': sign(secret, at, body) } });
    expect(outcome).toEqual({ ok: true, detail: 'HTTP 202' });

    // The receiver's side: recompute over the bytes received, compare in constant time.
    const hit = receiver.hits[0]!;
    const header = String(hit.headers['ward-signature']);
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
    expect(match?.[1]).toBe(String(at.getTime() / 1000));
    const received = hit.body.toString('utf8');
    const expected = createHmac('sha256', secret).update(`${match![1]!}.${received}`).digest();
    expect(timingSafeEqual(Buffer.from(match![2]!, 'hex'), expected)).toBe(true);
    const forged = createHmac('sha256', 'another-secret').update(`${match![1]!}.${received}`).digest();
    expect(timingSafeEqual(Buffer.from(match![2]!, 'hex'), forged)).toBe(false);
    expect(hit.headers['ward-event-id']).toBe('evt-1');
  });

  it('reports a 500 as retryable and a metadata address as not, each with its code', async () => {
    const receiver = await startReceiver(500);
    const notifier = createComplianceNotifier({ smtp: undefined, webhook });
    const headers = { 'Ward-Signature': 't=1,v1=00' };
    expect(await notifier.postWebhook({ url: `http://127.0.0.1:${receiver.port}/`, body: '{}', headers })).toMatchObject({ ok: false, retryable: true, error: expect.stringMatching(/^WEBHOOK_HTTP_ERROR: The receiver answered 500/) as unknown });
    expect(await notifier.postWebhook({ url: 'https://169.254.169.254/latest/meta-data/', body: '{}', headers })).toMatchObject({ ok: false, retryable: false, error: expect.stringMatching(/^WEBHOOK_ADDRESS_FORBIDDEN: .*metadata/) as unknown });
  });
});
