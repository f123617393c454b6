import { X509Certificate } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { enrollVirtualDevice, type VirtualIdentity } from '@ward/simulator';
import { tempDataDir } from './support/start-ward.js';
import { runWard, WardProcess, wardEnv } from './support/ward-process.js';

interface Answer {
  readonly status: number;
  readonly body: { readonly error?: { readonly code: string }; readonly [key: string]: unknown };
}

// Loopback holds all of 127.0.0.0/8: the trusted proxy is 127.0.0.1, and 127.0.0.2 plays a client
// that reached Ward's plain HTTP port directly, past the proxy.
const proxyPeer = new Agent({ localAddress: '127.0.0.1' });
const strangerPeer = new Agent({ localAddress: '127.0.0.2' });

const proxyEnv = {
  WARD_TLS_TERMINATION: 'proxy',
  WARD_TRUSTED_PROXIES: '127.0.0.1',
  WARD_TRUSTED_PROXY_CLIENT_CERT_HEADER: 'true',
  WARD_PUBLIC_URL: 'https://ward.example.com',
};

/** The RFC 9440 field value a proxy sends for the first certificate of a PEM chain. */
function clientCertHeader(chainPem: string): string {
  return `:${Buffer.from(new X509Certificate(chainPem).raw).toString('base64')}:`;
}

// Real processes on two shared cores: generous timeouts, since a loaded machine is slow, not wrong.
describe('ward serve behind a TLS-terminating proxy (WARD_TLS_TERMINATION=proxy, real process)', { timeout: 90_000 }, () => {
  const dataDir = tempDataDir('ward-proxy-');
  let ward: WardProcess | undefined;
  let base = '';
  let identity: VirtualIdentity | undefined;

  const send = async (path: string, options: { peer?: Agent; token?: string; clientCert?: string; body?: unknown } = {}): Promise<Answer> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    if (options.clientCert !== undefined) headers['client-cert'] = options.clientCert;
    const res = await request(`${base}${path}`, { dispatcher: options.peer ?? proxyPeer, method: 'POST', headers, body: JSON.stringify(options.body ?? {}) });
    return { status: res.statusCode, body: (await res.body.json()) as Answer['body'] };
  };
  const checkIn = { protocolVersion: 1, agentVersion: '0.1.0', results: [] };

  beforeAll(async () => {
    ward = new WardProcess(['serve', '--data-dir', dataDir, '--port', '0', '--host', '127.0.0.1'], wardEnv(proxyEnv));
    [, base = ''] = await ward.waitFor(/listening on (http:\/\/\S+)/, 'stdout', 60_000);
    const [, email = '', password = ''] = /created the global admin (\S+)\.\n\s+One-time password: (\S+)/.exec(ward.stdout) ?? [];
    const [, caPath = ''] = /Trust anchor:\s+(\S+)/.exec(ward.stdout) ?? [];
    const session = await send('/api/v1/auth/sign-in', { body: { email, password } });
    expect(session.status).toBe(200);
    const token = await send('/api/v1/enrollment-tokens', { token: String(session.body.token), body: { name: 'Behind the proxy', maxUses: null, ownership: 'corporate', expiresInHours: 1 } });
    expect(token.status).toBe(201);
    // Enrollment presents no certificate yet: it passes the proxy like any request.
    identity = await enrollVirtualDevice({
      server: new URL(base),
      dispatcher: proxyPeer,
      enrollmentToken: String(token.body.text),
      index: 0,
      hardwareId: 'proxy-test-0001',
      pinnedRootFingerprint: new X509Certificate(readFileSync(caPath)).fingerprint256,
      timeoutMs: 30_000,
    });
  });
  afterAll(async () => {
    await ward?.stop();
    await Promise.all([proxyPeer.close(), strangerPeer.close()]);
    rmSync(dirname(dataDir), { recursive: true, force: true });
  });

  it('refuses to start without trusted proxies, the Client-Cert header and the proxy\'s https URL, in one line', async () => {
    const run = await runWard(['serve', '--data-dir', dataDir, '--port', '0', '--host', '127.0.0.1', '--tls-termination', 'proxy', '--trusted-proxies', '127.0.0.1'], wardEnv());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('WARD_TLS_TERMINATION=proxy: needs WARD_TRUSTED_PROXY_CLIENT_CERT_HEADER=true, an https WARD_PUBLIC_URL (the proxy\'s), because devices then authenticate only by the Client-Cert header the trusted proxies send\n');
    expect(run.stdout).toBe('');
  });

  it('listens on plain HTTP and tells agents the proxy\'s https URL', async () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ward?.stdout).toContain('Public URL:       https://ward.example.com');
    const health = await request(`${base}/healthz`, { dispatcher: proxyPeer });
    expect(health.statusCode).toBe(200);
    await health.body.dump();
  });

  it('authenticates a device by the Client-Cert header of the trusted proxy', async () => {
    const answer = await send('/agent/v1/check-in', { clientCert: clientCertHeader(identity?.certificateChainPem ?? ''), body: checkIn });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  });

  it('refuses a device without the header: there is no TLS connection to read a certificate from', async () => {
    const answer = await send('/agent/v1/check-in', { body: checkIn });
    expect([answer.status, answer.body.error?.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('refuses the header from a peer that is not the trusted proxy', async () => {
    const answer = await send('/agent/v1/check-in', { peer: strangerPeer, clientCert: clientCertHeader(identity?.certificateChainPem ?? ''), body: checkIn });
    expect([answer.status, answer.body.error?.code]).toEqual([401, 'DEVICE_CERTIFICATE_INVALID']);
  });

  it('refuses a malformed or foreign header even from the trusted proxy', async () => {
    const own = clientCertHeader(identity?.certificateChainPem ?? '');
    // Ward's own root is a certificate, but no device's: the chain check refuses it.
    const root = clientCertHeader(readFileSync(/Trust anchor:\s+(\S+)/.exec(ward?.stdout ?? '')?.[1] ?? '', 'utf8'));
    for (const hostile of [own.slice(1, -1), ':not base64!:', `${own}, ${own}`, '::', root, `:${'A'.repeat(12_000)}:`]) {
      const answer = await send('/agent/v1/check-in', { clientCert: hostile, body: checkIn });
      expect([answer.status, answer.body.error?.code], hostile.slice(0, 40)).toEqual([401, 'DEVICE_CERTIFICATE_INVALID']);
    }
  });

  it('opens the push WebSocket on the trusted proxy\'s header only', async () => {
    const open = (localAddress: string, clientCert: string): Promise<number> =>
      new Promise((resolve, reject) => {
        const socket = new WebSocket(`${base.replace(/^http:/, 'ws:')}/agent/v1/push`, { localAddress, headers: { 'client-cert': clientCert } });
        socket.once('open', () => {
          socket.close();
          resolve(101);
        });
        socket.once('unexpected-response', (_req, res) => {
          resolve(res.statusCode ?? 0);
          res.resume();
          socket.terminate();
        });
        socket.once('error', reject);
      });
    const header = clientCertHeader(identity?.certificateChainPem ?? '');
    expect(await open('127.0.0.1', header)).toBe(101);
    expect(await open('127.0.0.2', header)).toBe(401);
  });
});
