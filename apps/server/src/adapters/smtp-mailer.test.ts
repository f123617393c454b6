import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TlsOptions } from 'node:tls';
import { SMTPServer, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createSmtpMailer, emailLimits, type EmailOutcome, type SmtpSettings, type SmtpTimeouts } from './smtp-mailer.js';

/** A self-signed certificate for 127.0.0.1, made by OpenSSL the way an admin makes one for a private relay. */
function selfSigned(name: string): { readonly certPem: string; readonly keyPem: string } {
  const dir = mkdtempSync(join(tmpdir(), `ward-smtp-${name}-`));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
      '-subj', `/CN=${name}`, '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    return { certPem: readFileSync(join(dir, 'cert.pem'), 'utf8'), keyPem: readFileSync(join(dir, 'key.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const relayCert = selfSigned('relay.test');
const otherCert = selfSigned('someone-else.test');

interface Received {
  readonly session: { readonly secure: boolean; readonly user: string | undefined; readonly mailFrom: string | undefined; readonly rcptTo: readonly string[] };
  readonly headers: ReadonlyMap<string, string>;
  readonly body: string;
}

interface Relay {
  readonly port: number;
  readonly received: Received[];
  /** Connections opened, whether or not a message followed. */
  connections: number;
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

function headersOf(raw: string): { headers: Map<string, string>; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(split + 4) };
}

/** A real SMTP server on an ephemeral port of 127.0.0.1 that keeps what it receives. */
async function startRelay(options: SMTPServerOptions & { readonly users?: Readonly<Record<string, string>> }): Promise<Relay> {
  const relay: Relay = { port: 0, received: [], connections: 0 };
  const users = options.users;
  // Spread from a typed object: @types/smtp-server's TLS options do not resolve under NodeNext.
  const tls: TlsOptions = { key: relayCert.keyPem, cert: relayCert.certPem };
  const server = new SMTPServer({
    ...tls,
    authOptional: users === undefined,
    ...(users === undefined ? { disabledCommands: ['AUTH'] } : {}),
    ...options,
    onConnect(_session, callback) {
      relay.connections += 1;
      callback();
    },
    onAuth(auth, _session, callback) {
      if (users?.[auth.username ?? ''] === auth.password) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const { headers, body } = headersOf(Buffer.concat(chunks).toString('utf8'));
        const mailFrom = session.envelope.mailFrom;
        relay.received.push({
          session: {
            secure: session.secure,
            user: typeof session.user === 'string' ? session.user : undefined,
            mailFrom: mailFrom === false ? undefined : mailFrom.address,
            rcptTo: session.envelope.rcptTo.map((r) => r.address),
          },
          headers,
          body,
        });
        callback();
      });
    },
  });
  server.on('error', () => { /* a client dropping mid-session is part of some tests */ });
  await new Promise<void>((resolve) => { server.listen(0, '127.0.0.1', resolve); });
  closers.push(() => new Promise<void>((resolve) => { server.close(() => { resolve(); }); }));
  // Typed here: @types/smtp-server's `net` does not resolve under NodeNext.
  const listening: TcpServer = server.server;
  return Object.assign(relay, { port: (listening.address() as AddressInfo).port });
}

const fast: SmtpTimeouts = { connectionMs: 2000, greetingMs: 500, socketMs: 2000 };

function settings(port: number, overrides: Partial<SmtpSettings> = {}): SmtpSettings {
  return { host: '127.0.0.1', port, tls: 'starttls', from: 'Ward <ward@example.com>', caPem: relayCert.certPem, ...overrides };
}

async function sendOnce(relaySettings: SmtpSettings, message = { to: ['alice@example.com'], subject: 'Your laptop is not compliant', text: 'Turn on disk encryption by Friday.\n' }): Promise<EmailOutcome> {
  const mailer = createSmtpMailer(relaySettings, fast);
  try {
    return await mailer.send(message);
  } finally {
    mailer.close();
  }
}

describe('createSmtpMailer', () => {
  it('delivers over STARTTLS to a relay whose self-signed certificate is the configured CA, authenticated', async () => {
    const relay = await startRelay({ users: { ward: 'relay-password' } });
    const outcome = await sendOnce(settings(relay.port, { auth: { user: 'ward', password: 'relay-password' } }));

    expect(outcome).toMatchObject({ ok: true, value: { accepted: ['alice@example.com'], rejected: [] } });
    expect(relay.received).toHaveLength(1);
    const [mail] = relay.received;
    expect(mail?.session).toEqual({ secure: true, user: 'ward', mailFrom: 'ward@example.com', rcptTo: ['alice@example.com'] });
    expect(mail?.headers.get('from')).toBe('Ward <ward@example.com>');
    expect(mail?.headers.get('to')).toBe('alice@example.com');
    expect(mail?.headers.get('subject')).toBe('Your laptop is not compliant');
    expect(mail?.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(mail?.body.trim()).toBe('Turn on disk encryption by Friday.');
    if (outcome.ok) expect(mail?.headers.get('message-id')).toBe(outcome.value.messageId);
  });

  it('delivers over implicit TLS', async () => {
    const relay = await startRelay({ secure: true });
    const outcome = await sendOnce(settings(relay.port, { tls: 'implicit' }));
    expect(outcome.ok).toBe(true);
    expect(relay.received.map((m) => m.session.secure)).toEqual([true]);
  });

  it('sends one message to several recipients, and reports the ones the relay refused', async () => {
    const relay = await startRelay({
      onRcptTo(address, _session, callback) {
        if (address.address === 'gone@example.com') callback(Object.assign(new Error('No such user'), { responseCode: 550 }));
        else callback();
      },
    });
    const outcome = await sendOnce(settings(relay.port), { to: ['alice@example.com', 'gone@example.com', 'helpdesk@example.com'], subject: 'S', text: 'T' });
    expect(outcome).toMatchObject({ ok: true, value: { accepted: ['alice@example.com', 'helpdesk@example.com'], rejected: ['gone@example.com'] } });
    expect(relay.received[0]?.session.rcptTo).toEqual(['alice@example.com', 'helpdesk@example.com']);
  });

  it('refuses a relay certificate the configured CA did not sign, and sends nothing', async () => {
    const relay = await startRelay({});
    const outcome = await sendOnce(settings(relay.port, { caPem: otherCert.certPem }));
    expect(outcome).toMatchObject({ ok: false, code: 'SMTP_TLS_FAILED', details: { retryable: true } });
    expect(relay.received).toHaveLength(0);
  });

  it('refuses a self-signed relay certificate when no CA is configured (public roots only)', async () => {
    const relay = await startRelay({ secure: true });
    const { caPem: _ignored, ...publicRoots } = settings(relay.port, { tls: 'implicit' });
    const outcome = await sendOnce(publicRoots);
    expect(outcome).toMatchObject({ ok: false, code: 'SMTP_TLS_FAILED' });
    expect(relay.received).toHaveLength(0);
  });

  it('with STARTTLS required, refuses a relay that does not offer it rather than sending in clear', async () => {
    const relay = await startRelay({ disabledCommands: ['STARTTLS', 'AUTH'] });
    const outcome = await sendOnce(settings(relay.port));
    expect(outcome).toMatchObject({ ok: false, code: 'SMTP_TLS_FAILED' });
    expect(relay.connections).toBe(1);
    expect(relay.received).toHaveLength(0);
  });

  it('with opportunistic TLS, upgrades when offered and sends in clear when not', async () => {
    const withTls = await startRelay({});
    const plain = await startRelay({ disabledCommands: ['STARTTLS', 'AUTH'] });
    expect((await sendOnce(settings(withTls.port, { tls: 'opportunistic' }))).ok).toBe(true);
    expect((await sendOnce(settings(plain.port, { tls: 'opportunistic' }))).ok).toBe(true);
    expect(withTls.received.map((m) => m.session.secure)).toEqual([true]);
    expect(plain.received.map((m) => m.session.secure)).toEqual([false]);
  });

  it('reports refused credentials as SMTP_AUTH_FAILED, not retryable, without the password in the message', async () => {
    const relay = await startRelay({ users: { ward: 'relay-password' } });
    const outcome = await sendOnce(settings(relay.port, { auth: { user: 'ward', password: 'wrong-password-xyz' } }));
    expect(outcome).toMatchObject({ ok: false, code: 'SMTP_AUTH_FAILED', details: { retryable: false, responseCode: 535 } });
    expect(JSON.stringify(outcome)).not.toContain('wrong-password-xyz');
    expect(relay.received).toHaveLength(0);
  });

  it('tells a permanent refusal (5xx) from a deferral (4xx)', async () => {
    const relay = await startRelay({
      onRcptTo(address, _session, callback) {
        const code = address.address.startsWith('later') ? 451 : 550;
        callback(Object.assign(new Error(code === 451 ? 'Try again later' : 'Mailbox unavailable'), { responseCode: code }));
      },
    });
    expect(await sendOnce(settings(relay.port), { to: ['nobody@example.com'], subject: 'S', text: 'T' })).toMatchObject({ ok: false, code: 'SMTP_REJECTED', details: { retryable: false, responseCode: 550 } });
    expect(await sendOnce(settings(relay.port), { to: ['later@example.com'], subject: 'S', text: 'T' })).toMatchObject({ ok: false, code: 'SMTP_DEFERRED', details: { retryable: true, responseCode: 451 } });
  });

  it.each([
    ['a CR/LF in the subject', { to: ['alice@example.com'], subject: 'Hello\r\nBcc: everyone@example.com', text: 'x' }, 'EMAIL_HEADER_INVALID'],
    ['a bare LF in the subject', { to: ['alice@example.com'], subject: 'Hello\nX-Injected: 1', text: 'x' }, 'EMAIL_HEADER_INVALID'],
    ['a Unicode line separator in the subject', { to: ['alice@example.com'], subject: 'Hello\u2028there', text: 'x' }, 'EMAIL_HEADER_INVALID'],
    ['a CR/LF in a recipient', { to: ['alice@example.com\r\nBcc: everyone@example.com'], subject: 'S', text: 'x' }, 'EMAIL_RECIPIENT_INVALID'],
    ['two addresses in one recipient', { to: ['alice@example.com, eve@example.com'], subject: 'S', text: 'x' }, 'EMAIL_RECIPIENT_INVALID'],
    ['a display name in a recipient', { to: ['Eve <eve@example.com>'], subject: 'S', text: 'x' }, 'EMAIL_RECIPIENT_INVALID'],
    ['no recipient', { to: [], subject: 'S', text: 'x' }, 'EMAIL_RECIPIENT_INVALID'],
    ['too many recipients', { to: Array.from({ length: emailLimits.recipients + 1 }, (_, i) => `u${i}@example.com`), subject: 'S', text: 'x' }, 'EMAIL_RECIPIENT_INVALID'],
    ['an oversized body', { to: ['alice@example.com'], subject: 'S', text: 'x'.repeat(emailLimits.textBytes + 1) }, 'EMAIL_TOO_LARGE'],
    ['an oversized subject', { to: ['alice@example.com'], subject: 's'.repeat(emailLimits.subjectLength + 1), text: 'x' }, 'EMAIL_TOO_LARGE'],
  ])('refuses %s before connecting', async (_case, message, code) => {
    const relay = await startRelay({});
    const outcome = await sendOnce(settings(relay.port), message);
    expect(outcome).toMatchObject({ ok: false, code, details: { retryable: false } });
    expect(relay.connections).toBe(0);
  });

  it('gives up on a relay that accepts the connection and never greets', async () => {
    const silent: TcpServer = createTcpServer(() => { /* accept and say nothing */ });
    await new Promise<void>((resolve) => { silent.listen(0, '127.0.0.1', resolve); });
    closers.push(() => new Promise<void>((resolve) => { silent.close(() => { resolve(); }); }));
    const started = Date.now();
    const outcome = await sendOnce(settings((silent.address() as AddressInfo).port));
    expect(outcome).toMatchObject({ ok: false, code: 'SMTP_TIMEOUT', details: { retryable: true } });
    expect(Date.now() - started).toBeLessThan(fast.greetingMs + 1500);
  });

  it('reports a relay that is not listening as SMTP_CONNECTION_FAILED', async () => {
    const probe = createTcpServer();
    await new Promise<void>((resolve) => { probe.listen(0, '127.0.0.1', resolve); });
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => { probe.close(() => { resolve(); }); });
    expect(await sendOnce(settings(port))).toMatchObject({ ok: false, code: 'SMTP_CONNECTION_FAILED', details: { retryable: true } });
  });
});
