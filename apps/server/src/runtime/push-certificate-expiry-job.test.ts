import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPushCertificateCrypto } from '@ward/apple';
import { createPushCertificateRequest, ensureTenant, systemPrincipal, uploadPushCertificate, type Clock, type Tenant, type WardStores } from '@ward/core';
import { createMockApnsAuthority } from '@ward/simulator';
import { createStores, JobRunner, migrateToLatest, openDatabase, type WardDatabase } from '@ward/store';
import { createAesGcmSecretBox } from '../adapters/aes-gcm-secret-box.js';
import { nodeDigests } from '../adapters/node-digests.js';
import { createUuidV7Ids } from '../adapters/uuid-v7-ids.js';
import { createLogger } from '../logging/create-logger.js';
import { createMetrics } from '../metrics/create-metrics.js';
import { pushCertificateExpiryJobKind, registerPushCertificateExpiryJob, warnOfExpiringPushCertificates } from './push-certificate-expiry-job.js';

const dayMs = 86_400_000;
const topic = 'com.apple.mgmt.External.0e2f4a6c-8b1d-4f3e-a5c7-9d0b2e4f6a8c';
const issuedAt = new Date('2026-02-01T08:00:00.000Z');

interface LogLine {
  level: string;
  msg: string;
  tenant?: string;
  topic?: string;
  daysLeft?: number;
}

let database: WardDatabase;
let stores: WardStores;
let tenant: Tenant;
let now = issuedAt;
const clock: Clock = { now: () => now };
const lines: LogLine[] = [];
const logger = createLogger({ level: 'info', format: 'json', destination: { write: (text: string) => lines.push(JSON.parse(text) as LogLine) } });
const deps = () => ({ clock, stores });

beforeAll(async () => {
  database = openDatabase({ sqlitePath: ':memory:' });
  await migrateToLatest(database);
  const ids = createUuidV7Ids(() => clock.now().getTime());
  const set = createStores(database, { digests: nodeDigests, ids, clock, secrets: createAesGcmSecretBox(new Uint8Array(randomBytes(32))) });
  stores = set.stores;
  const core = { clock, ids, digests: nodeDigests, stores, tx: set.tx };
  tenant = await ensureTenant(core);
  // The real workflow: a CSR from Ward, a certificate from the stand-in for Apple, an upload.
  const pushCrypto = createPushCertificateCrypto();
  const principal = systemPrincipal(tenant.id, 'system');
  const request = await createPushCertificateRequest({ ...core, pushCrypto }, principal);
  if (!request.ok) throw new Error(request.message);
  const certificate = createMockApnsAuthority().issuePushCertificate(request.value.csrPem, { topic, notBefore: issuedAt, days: 365 });
  const uploaded = await uploadPushCertificate({ ...core, pushCrypto }, principal, { certificate });
  if (!uploaded.ok) throw new Error(uploaded.message);
});
afterAll(async () => database.close());

describe('the push certificate expiry warning', () => {
  it('says nothing while the certificate has more than 30 days left', async () => {
    now = new Date(issuedAt.getTime() + 334 * dayMs);
    lines.length = 0;
    expect(await warnOfExpiringPushCertificates(deps(), logger)).toEqual([]);
    expect(lines).toEqual([]);
  });

  it('warns once per tenant within 30 days of expiry, naming topic, date and what to do', async () => {
    now = new Date(issuedAt.getTime() + 345 * dayMs);
    lines.length = 0;
    const notices = await warnOfExpiringPushCertificates(deps(), logger);
    expect(notices).toEqual([{ tenantId: tenant.id, tenantSlug: tenant.slug, topic, notAfter: new Date(issuedAt.getTime() + 365 * dayMs), daysLeft: 20, expired: false }]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'warn', tenant: tenant.slug, topic, daysLeft: 20 });
    expect(lines[0]?.msg).toContain('expires in 20 days (2027-02-01T08:00:00.000Z)');
    expect(lines[0]?.msg).toContain('ward apple push-cert request');
  });

  it('logs an error once it has expired', async () => {
    now = new Date(issuedAt.getTime() + 366 * dayMs);
    lines.length = 0;
    expect(await warnOfExpiringPushCertificates(deps(), logger)).toMatchObject([{ expired: true, daysLeft: -1 }]);
    expect(lines).toMatchObject([{ level: 'error', topic }]);
    expect(lines[0]?.msg).toContain('Apple devices can no longer be woken');
  });

  it('runs as the daily job of the job runner', async () => {
    now = new Date(issuedAt.getTime() + 350 * dayMs);
    lines.length = 0;
    const runner = new JobRunner(database, { ids: createUuidV7Ids(() => clock.now().getTime()), clock, pollIntervalMs: 20 });
    registerPushCertificateExpiryJob(runner, deps(), { metrics: createMetrics(), logger });
    await runner.schedule(pushCertificateExpiryJobKind, dayMs);
    runner.start();
    try {
      await expect.poll(() => lines.filter((l) => l.level === 'warn').length, { timeout: 20_000 }).toBe(1);
    } finally {
      await runner.stop();
    }
    expect(lines.find((l) => l.level === 'warn')?.msg).toContain('expires in 15 days');
  });
});
