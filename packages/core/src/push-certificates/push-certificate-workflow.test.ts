import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPushCertificateCrypto } from '@ward/apple';
import { createMockApnsAuthority, type MockApnsAuthority } from '@ward/simulator';
import { expectOk, openCoreTestEnv, type CoreTestEnv } from '../../test/support/env.js';
import type { Principal } from '../kernel/context.js';
import type { Role } from '../directory/roles.js';
import { createPushCertificateRequest } from './create-push-certificate-request.js';
import { getActivePushCredential } from './get-active-push-credential.js';
import { getPushCertificateStatus } from './get-push-certificate-status.js';
import { uploadPushCertificate } from './upload-push-certificate.js';

let env: CoreTestEnv;
let apple: MockApnsAuthority;
const pushCrypto = createPushCertificateCrypto();
const dayMs = 86_400_000;
const topic = 'com.apple.mgmt.External.2f6a3e1c-5b0e-4a53-9a7e-1d2b3c4d5e6f';

beforeAll(async () => {
  env = await openCoreTestEnv();
  apple = createMockApnsAuthority();
});
afterAll(async () => env.dispose());

const deps = () => ({ ...env.deps, pushCrypto });
const as = (role: Role): Principal => ({ ...env.system, actor: { type: 'user', id: `u-${role}`, name: role }, grants: [{ role, scopeGroupIds: null }] });

/** Everything a refusal must leave as it was: the stored credentials and the audit trail's head. */
async function snapshot(): Promise<unknown> {
  return { certificates: await env.deps.stores.getPushCertificates(env.tenant.id), head: await env.deps.stores.readAuditHead(env.tenant.id) };
}

async function request(): Promise<string> {
  return expectOk(await createPushCertificateRequest(deps(), env.system)).csrPem;
}

describe('push certificate workflow', () => {
  it('starts not configured', async () => {
    expect(expectOk(await getPushCertificateStatus(env.deps, env.system))).toEqual({ state: 'notConfigured', active: null, pending: null });
    expect(await getActivePushCredential(env.deps, env.tenant.id)).toBeNull();
  });

  it('refuses an upload with no pending request', async () => {
    const before = await snapshot();
    const certificatePem = apple.issuePushIdentity({ topic }).certificatePem;
    expect(await uploadPushCertificate(deps(), env.system, { certificate: certificatePem })).toMatchObject({ ok: false, code: 'PUSH_CERTIFICATE_REQUEST_NOT_FOUND' });
    expect(await snapshot()).toEqual(before);
  });

  it('issues a CSR, accepts the certificate Apple signs over it (PEM) and reports topic and expiry', async () => {
    const csrPem = await request();
    expect(csrPem).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----/);
    expect(expectOk(await getPushCertificateStatus(env.deps, env.system))).toMatchObject({ state: 'pending', active: null, pending: { csrPem } });
    const status = expectOk(await uploadPushCertificate(deps(), env.system, { certificate: apple.issuePushCertificate(csrPem, { topic, days: 365 }) }));
    expect(status).toMatchObject({ state: 'active', pending: null, active: { topic, expired: false, expiresSoon: false } });
    expect(status.active?.subject).toContain(`UID=${topic}`);
    const credential = await getActivePushCredential(env.deps, env.tenant.id);
    expect(credential?.topic).toBe(topic);
    expect(credential?.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const audit = await env.deps.stores.listAudit(env.tenant.id, { targetType: 'pushCertificate' }, { limit: 10 });
    expect(audit.items.map((e) => e.action)).toEqual(['pushCertificate.uploaded', 'pushCertificate.requested']);
    expect(JSON.stringify(audit.items)).not.toContain('PRIVATE KEY');
  });

  it('warns when the active certificate expires within 30 days', async () => {
    env.clock.advance(340 * dayMs);
    const status = expectOk(await getPushCertificateStatus(env.deps, env.system));
    expect(status.state).toBe('active');
    expect(status.active).toMatchObject({ expiresSoon: true, expired: false });
    expect(status.active?.daysLeft).toBeLessThanOrEqual(30);
  });

  describe('renewal', () => {
    let csrPem: string;
    beforeAll(async () => {
      csrPem = await request();
    });

    it('keeps the active certificate working while a renewal is pending', async () => {
      const status = expectOk(await getPushCertificateStatus(env.deps, env.system));
      expect(status).toMatchObject({ state: 'active', active: { topic }, pending: { csrPem } });
      expect((await getActivePushCredential(env.deps, env.tenant.id))?.topic).toBe(topic);
    });

    it.each([
      ['garbage', () => new Uint8Array([1, 2, 3, 4, 5]), 'PUSH_CERTIFICATE_INVALID'],
      ['an empty upload', () => '', 'PUSH_CERTIFICATE_INVALID'],
      ['an oversized upload', () => new Uint8Array(70_000).fill(0x41), 'PUSH_CERTIFICATE_INVALID'],
      ['a PEM with a damaged body', () => '-----BEGIN CERTIFICATE-----\nMIIB!!!!\n-----END CERTIFICATE-----\n', 'PUSH_CERTIFICATE_INVALID'],
      ['a CSR instead of a certificate', () => csrPem, 'PUSH_CERTIFICATE_INVALID'],
      ['a certificate over another key', () => apple.issuePushIdentity({ topic }).certificatePem, 'PUSH_CERTIFICATE_KEY_MISMATCH'],
      ['a certificate for a foreign topic', () => apple.issuePushCertificate(csrPem, { topic: 'com.apple.mgmt.External.00000000-0000-4000-8000-000000000000' }), 'PUSH_CERTIFICATE_TOPIC_MISMATCH'],
      ['a certificate without an MDM topic', () => apple.issuePushCertificate(csrPem, { topic: 'com.example.not-mdm' }), 'PUSH_CERTIFICATE_INVALID'],
      ['an expired certificate', () => apple.issuePushCertificate(csrPem, { topic, notBefore: new Date(env.clock.now().getTime() - 400 * dayMs), days: 365 }), 'PUSH_CERTIFICATE_EXPIRED'],
    ])('refuses %s and changes nothing', async (_name, upload, code) => {
      const before = await snapshot();
      expect(await uploadPushCertificate(deps(), env.system, { certificate: upload() })).toMatchObject({ ok: false, code });
      expect(await snapshot()).toEqual(before);
    });

    it('accepts the renewed certificate for the same topic, uploaded as DER', async () => {
      const pem = apple.issuePushCertificate(csrPem, { topic, notBefore: env.clock.now(), days: 365 });
      const der = Buffer.from(pem.replace(/-----[A-Z ]+-----|\s+/g, ''), 'base64');
      const status = expectOk(await uploadPushCertificate(deps(), env.system, { certificate: new Uint8Array(der) }));
      expect(status).toMatchObject({ state: 'active', pending: null, active: { topic, expiresSoon: false } });
      const audit = await env.deps.stores.listAudit(env.tenant.id, { action: 'pushCertificate.renewed' }, { limit: 10 });
      expect(audit.items).toHaveLength(1);
    });

    it('refuses a second upload of the now-consumed request', async () => {
      const before = await snapshot();
      const pem = apple.issuePushCertificate(csrPem, { topic });
      expect(await uploadPushCertificate(deps(), env.system, { certificate: pem })).toMatchObject({ ok: false, code: 'PUSH_CERTIFICATE_REQUEST_NOT_FOUND' });
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('authorisation', () => {
    it.each(['policyManager', 'helpDeskOperator', 'readOnlyAuditor'] as const)('a %s may neither request nor upload', async (role) => {
      const before = await snapshot();
      expect(await createPushCertificateRequest(deps(), as(role))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await uploadPushCertificate(deps(), as(role), { certificate: 'x' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await snapshot()).toEqual(before);
    });

    it('a help desk operator may read the status; a principal without grants may not', async () => {
      expect((await getPushCertificateStatus(env.deps, as('helpDeskOperator'))).ok).toBe(true);
      expect(await getPushCertificateStatus(env.deps, { ...env.system, grants: [] })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    });

    it('a globalAdmin scoped to groups may not manage push certificates', async () => {
      const scoped: Principal = { ...as('globalAdmin'), grants: [{ role: 'globalAdmin', scopeGroupIds: [] }] };
      expect(await createPushCertificateRequest(deps(), scoped)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    });
  });
});
