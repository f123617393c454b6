import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAdmin, createApiToken, systemPrincipal } from '@ward/core';
import { createLogger, loadConfig, startServer, type RunningServer } from '@ward/server';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppleFleetDevices } from './fleet-devices.js';
import { loadDeviceKeyPool } from './fleet-keys.js';
import { AppleFleetWorker } from './fleet-process.js';
import { sumAppleFleetStats, type AppleFleetStats } from './fleet-stats.js';
import { createMockApnsAuthority } from './mock-apns-authority.js';
import { MockApns } from './mock-apns.js';

// A share of an Apple fleet against the real server composition in this process (SQLite, TLS),
// woken through a mock APNs as the benchmark wakes it: Apple's push service cannot be reached here.
const workDir = mkdtempSync(join(tmpdir(), 'ward-apple-fleet-test-'));
const authority = createMockApnsAuthority();
const apns = new MockApns({ ...authority.issueServerIdentity(), clientCaPem: authority.caCertificatePem });
let server: RunningServer | undefined;
let fleet: AppleFleetDevices | undefined;
let admin: Agent | undefined;
let token = '';
let caPem = '';

async function api<T>(method: 'POST' | 'PUT', path: string, body: unknown, expectStatus: number): Promise<T> {
  const response = await request(new URL(path, server?.url), { dispatcher: admin, method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.body.text();
  if (response.statusCode !== expectStatus) throw new Error(`${method} ${path} answered ${response.statusCode}: ${text}`);
  return JSON.parse(text) as T;
}

async function until(what: string, predicate: (stats: AppleFleetStats) => boolean, timeoutMs = 60_000): Promise<AppleFleetStats> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const stats = fleet?.stats();
    if (stats !== undefined && predicate(stats)) return stats;
    if (Date.now() > deadline) throw new Error(`${what}: not reached: ${JSON.stringify(stats)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  await apns.listen();
  const apnsCa = join(workDir, 'apns-ca.pem');
  writeFileSync(apnsCa, authority.caCertificatePem);
  const loaded = loadConfig({ env: { WARD_DATA_DIR: join(workDir, 'data'), WARD_PORT: '0', WARD_HOST: '127.0.0.1', WARD_APNS_ORIGIN: apns.origin, WARD_APNS_CA_FILE: apnsCa } });
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  server = await startServer(loaded.config, createLogger({ level: 'error', format: 'json' }));
  const { deps, tenant } = server.runtime;
  const system = systemPrincipal(tenant.id, 'system');
  const created = await createAdmin(deps, system, { email: 'apple-fleet-test@example.test', role: 'globalAdmin' });
  if (!created.ok) throw new Error(created.message);
  const bearer = await createApiToken(deps, system, { name: 'apple fleet test', role: 'globalAdmin', expiresInDays: 1, ownerUserId: created.value.user.id });
  if (!bearer.ok) throw new Error(bearer.message);
  token = bearer.value.bearer;
  caPem = readFileSync(server.caCertificatePath, 'utf8');
  admin = new Agent({ connect: { ca: caPem }, connections: 1 });
  const { csrPem } = await api<{ csrPem: string }>('POST', '/api/v1/apple/push-certificate/request', {}, 201);
  await api('PUT', '/api/v1/apple/push-certificate', { certificate: authority.issuePushCertificate(csrPem, { topic: 'com.apple.mgmt.External.0d9c2b1a-3e4f-4a5b-8c6d-7e8f9a0b1c2d' }) }, 200);
}, 120_000);

afterAll(async () => {
  await fleet?.close();
  await admin?.close();
  await server?.close();
  await apns.close();
  rmSync(workDir, { recursive: true, force: true });
});

describe('a device key pool', () => {
  it('keeps keys between runs, tops up a short pool and skips what is not a key', async () => {
    const path = join(workDir, 'pool', 'keys.pem');
    const first = await loadDeviceKeyPool(path, 2);
    expect(first).toMatchObject({ generated: 2, reused: 0 });
    const again = await loadDeviceKeyPool(path, 1);
    expect(again).toMatchObject({ generated: 0, reused: 1 });
    expect(again.keysPem[0]).toBe(first.keysPem[0]);
    // Garbage around the keys (a truncated write, a stray line) is not taken for a key.
    writeFileSync(path, `not a key\n${first.keysPem.join('')}-----BEGIN PRIVATE KEY-----\ntruncated`);
    const topped = await loadDeviceKeyPool(path, 3);
    expect(topped).toMatchObject({ generated: 1, reused: 2 });
    expect(topped.keysPem.slice(0, 2)).toEqual(first.keysPem);
    expect(new Set(topped.keysPem).size).toBe(3);
  }, 60_000);
});

describe('an Apple fleet share against ward serve', { timeout: 180_000 }, () => {
  it('enrolls over SCEP, runs the sessions pushed to it, and counts Idle round trips', async () => {
    const enrollment = await api<{ text: string }>('POST', '/api/v1/enrollment-tokens', { name: 'Apple fleet test', maxUses: null, ownership: 'corporate', expiresInHours: 1 }, 201);
    const keys = await loadDeviceKeyPool(join(workDir, 'fleet-keys.pem'), 3);
    fleet = new AppleFleetDevices({
      enrollmentUrl: new URL(`/mdm/enroll?token=${encodeURIComponent(enrollment.text)}`, server?.url).href,
      serverCaPem: caPem,
      firstIndex: 0,
      seed: 'fleet-test',
      keysPem: keys.keysPem,
      concurrency: 2,
    });
    const share = fleet;
    apns.onPush((push) => {
      share.wake([push.deviceToken]);
    });
    const enrolled = await share.enroll();
    expect(enrolled).toMatchObject({ failures: 0 });
    expect(enrolled.pushTokens).toHaveLength(3);

    // TokenUpdate queued an inventory and pushed: each device answered it in a session.
    const inventoried = await until('the first inventory', (s) => (s.commands.DeviceInformation ?? 0) >= 3 && (s.commands.SecurityInfo ?? 0) >= 3 && s.busy === 0);
    expect(inventoried).toMatchObject({ devices: 3, enrolled: 3, enrollFailures: 0, sessionFailures: 0 });
    expect(inventoried.statuses.Acknowledged).toBeGreaterThanOrEqual(6);

    // A push for a device of another share (or none) wakes nothing here.
    share.wake(['00'.repeat(32)]);
    expect(share.stats().wakes).toBe(inventoried.wakes);

    const idle = await share.idle(300);
    expect(idle.failures).toBe(0);
    expect(idle.roundTrips).toBeGreaterThan(0);
    const after = share.stats();
    expect(after.roundTrips - inventoried.roundTrips).toBeGreaterThanOrEqual(idle.roundTrips);
    expect(after.busy).toBe(0);
  });

  // A forked worker runs compiled JavaScript, as the benchmark runs it: `npm test` builds first.
  const compiledWorker = fileURLToPath(new URL('../../dist/apple/fleet-worker.js', import.meta.url));
  it.runIf(existsSync(compiledWorker))('runs a share in a worker process over IPC: enroll, wake, Idle, stop', async () => {
    const enrollment = await api<{ text: string }>('POST', '/api/v1/enrollment-tokens', { name: 'Apple worker test', maxUses: null, ownership: 'corporate', expiresInHours: 1 }, 201);
    const keys = await loadDeviceKeyPool(join(workDir, 'worker-keys.pem'), 2);
    const worker = new AppleFleetWorker({ modulePath: compiledWorker });
    try {
      await worker.ready();
      const enrolled = await worker.enroll({ enrollmentUrl: new URL(`/mdm/enroll?token=${encodeURIComponent(enrollment.text)}`, server?.url).href, serverCaPem: caPem, firstIndex: 100, seed: 'worker-test', keysPem: keys.keysPem, concurrency: 2 }, 60_000);
      expect(enrolled).toMatchObject({ failures: 0 });
      expect(enrolled.pushTokens).toHaveLength(2);
      worker.wake(enrolled.pushTokens);
      const report = await worker.idle(200, 60_000);
      expect(report.failures).toBe(0);
      expect(worker.stats).toMatchObject({ devices: 2, enrolled: 2, wakes: 2 });
    } finally {
      await worker.stop();
    }
    expect(worker.child.exitCode).toBe(0);
  });

  it('adds up the stats of several shares', () => {
    const one: AppleFleetStats = { devices: 2, enrolled: 2, enrollFailures: 0, wakes: 3, sessions: 3, sessionFailures: 1, roundTrips: 7, busy: 1, commands: { DeviceInformation: 2 }, statuses: { Acknowledged: 4 }, lastError: 'boom' };
    const two: AppleFleetStats = { ...one, busy: 0, commands: { DeviceInformation: 1, SecurityInfo: 1 }, statuses: { NotNow: 1 }, lastError: undefined };
    expect(sumAppleFleetStats([one, two])).toEqual({
      devices: 4, enrolled: 4, enrollFailures: 0, wakes: 6, sessions: 6, sessionFailures: 2, roundTrips: 14, busy: 1,
      commands: { DeviceInformation: 3, SecurityInfo: 1 }, statuses: { Acknowledged: 4, NotNow: 1 }, lastError: 'boom',
    });
  });
});
