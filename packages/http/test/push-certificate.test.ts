import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPushCertificateCrypto } from '@ward/apple';
import { createMockApnsAuthority, type MockApnsAuthority } from '@ward/simulator';
import type { Role } from '@ward/core';
import { call, expectError, expectOk, startTestApi, type TestApi } from './support/test-api.js';

interface Summary {
  topic: string;
  serialNumber: string;
  subject: string;
  notAfter: string;
  daysLeft: number;
  expiresSoon: boolean;
  expired: boolean;
}
interface Status {
  state: string;
  active: Summary | null;
  pending: { requestedAt: string; csrPem: string } | null;
}
interface Created {
  csrPem: string;
  requestedAt: string;
  renewing: boolean;
}

const base = '/api/v1/apple/push-certificate';
const dayMs = 86_400_000;
const topic = 'com.apple.mgmt.External.6c1d3f0e-8a4b-4c2d-9e7f-0a1b2c3d4e5f';

let api: TestApi;
let apple: MockApnsAuthority;

beforeAll(async () => {
  api = await startTestApi({ apple: { pushCrypto: createPushCertificateCrypto() } });
  apple = createMockApnsAuthority();
});
afterAll(async () => api.close());

/** `PUT /apple/push-certificate` with a raw body; `call` has no PUT. */
function upload(body: string | Buffer, contentType: string | undefined, as: Role | null = 'globalAdmin'): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (contentType !== undefined) headers['content-type'] = contentType;
  if (as !== null) headers.authorization = `Bearer ${api.admins[as].token}`;
  return api.app.inject({ method: 'PUT', url: base, headers, payload: body });
}

const uploadPem = (pem: string, as: Role | null = 'globalAdmin') => upload(pem, 'application/x-pem-file', as);
const uploadJson = (value: unknown) => upload(JSON.stringify(value), 'application/json');
const status = async (): Promise<Status> => expectOk<Status>(await call(api, 'GET', base, { as: 'readOnlyAuditor' }));

/** What a refusal must leave as it was: the stored credentials and the head of the audit chain. */
async function snapshot(): Promise<unknown> {
  return { certificates: await api.deps.stores.getPushCertificates(api.tenant.id), head: await api.deps.stores.readAuditHead(api.tenant.id) };
}

/** DER of the first PEM block of `pem`. */
function derOf(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[A-Z ]+-----|\s+/g, ''), 'base64');
}

describe('the push certificate routes', () => {
  it('exist only when the server is given the push certificate crypto', async () => {
    const bare = await startTestApi();
    try {
      expectError(await call(bare, 'GET', base, { as: 'globalAdmin' }), 404, 'NOT_FOUND');
    } finally {
      await bare.close();
    }
  });

  it('report a tenant without a certificate as not configured, and have no CSR to download', async () => {
    expect(await status()).toEqual({ state: 'notConfigured', active: null, pending: null });
    expectError(await call(api, 'GET', `${base}/request.csr`, { as: 'globalAdmin' }), 409, 'PUSH_CERTIFICATE_REQUEST_NOT_FOUND');
  });

  describe('refuse callers', () => {
    it.each([
      ['GET', base],
      ['POST', `${base}/request`],
      ['GET', `${base}/request.csr`],
    ] as const)('without a token: %s %s', async (method, url) => {
      expectError(await call(api, method, url), 401, 'UNAUTHENTICATED');
    });

    it('without a token: PUT', async () => {
      expectError(await uploadPem(apple.issuePushIdentity({ topic }).certificatePem, null), 401, 'UNAUTHENTICATED');
    });

    it('with a forged token', async () => {
      expectError(await call(api, 'GET', base, { as: { token: 'wrd_at.00000000-0000-0000-0000-000000000000.AAAA' } }), 401, 'UNAUTHENTICATED');
    });

    it.each(['readOnlyAuditor', 'helpDeskOperator', 'policyManager'] as const)('a %s may read the status but neither request nor upload', async (role) => {
      const before = await snapshot();
      expectOk<Status>(await call(api, 'GET', base, { as: role }));
      expectError(await call(api, 'POST', `${base}/request`, { as: role }), 403, 'FORBIDDEN');
      expectError(await uploadPem(apple.issuePushIdentity({ topic }).certificatePem, role), 403, 'FORBIDDEN');
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('request → Apple → upload → status', () => {
    let csrPem = '';

    it('makes a CSR and offers it as a PEM download', async () => {
      const response = await call(api, 'POST', `${base}/request`, { as: 'globalAdmin' });
      const created = expectOk<Created>(response, 201);
      expect(created.csrPem).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE REQUEST-----\n$/);
      expect(created).toMatchObject({ renewing: false, requestedAt: api.clock.now().toISOString() });
      expect(response.headers.location).toBe(`${base}/request.csr`);
      expect(response.body).not.toContain('PRIVATE KEY');
      csrPem = created.csrPem;

      const download = await call(api, 'GET', `${base}/request.csr`, { as: 'readOnlyAuditor' });
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toMatch(/^application\/x-pem-file/);
      expect(download.headers['content-disposition']).toBe('attachment; filename="ward-push-certificate.csr"');
      expect(download.body).toBe(csrPem);
      expect(await status()).toMatchObject({ state: 'pending', active: null, pending: { csrPem } });
    });

    describe('refuses a hostile or malformed upload and changes nothing', () => {
      const cases: readonly [string, () => Promise<LightMyRequestResponse>, number, string][] = [
        ['garbage PEM text', () => uploadPem('hello, Ward'), 400, 'PUSH_CERTIFICATE_INVALID'],
        ['a PEM block with a damaged body', () => uploadPem('-----BEGIN CERTIFICATE-----\nMIIB!!!!\n-----END CERTIFICATE-----\n'), 400, 'PUSH_CERTIFICATE_INVALID'],
        ['the CSR instead of the certificate', () => uploadPem(csrPem), 400, 'PUSH_CERTIFICATE_INVALID'],
        ['a certificate over another key', () => uploadPem(apple.issuePushIdentity({ topic }).certificatePem), 400, 'PUSH_CERTIFICATE_KEY_MISMATCH'],
        ['a certificate without an MDM topic', () => uploadPem(apple.issuePushCertificate(csrPem, { topic: 'com.example.chat', notBefore: api.clock.now() })), 400, 'PUSH_CERTIFICATE_INVALID'],
        ['an expired certificate', () => uploadPem(apple.issuePushCertificate(csrPem, { topic, notBefore: new Date(api.clock.now().getTime() - 400 * dayMs), days: 365 })), 400, 'PUSH_CERTIFICATE_EXPIRED'],
        ['base64 that is no certificate', () => uploadJson({ certificate: Buffer.from('not a certificate at all').toString('base64') }), 400, 'PUSH_CERTIFICATE_INVALID'],
        ['DER bytes that end early', () => uploadJson({ certificate: derOf(apple.issuePushCertificate(csrPem, { topic })).subarray(0, 200).toString('base64') }), 400, 'PUSH_CERTIFICATE_INVALID'],
        ['an empty PEM body', () => uploadPem(''), 400, 'VALIDATION_FAILED'],
        ['PEM text over 64 KiB', () => uploadPem('A'.repeat(70_000)), 400, 'VALIDATION_FAILED'],
        ['a body far over the limit', () => uploadPem('A'.repeat(400_000)), 413, 'PAYLOAD_TOO_LARGE'],
        ['JSON with an unknown field', () => uploadJson({ certificate: 'x', privateKey: 'y' }), 400, 'VALIDATION_FAILED'],
        ['JSON with a number for the certificate', () => uploadJson({ certificate: 42 }), 400, 'VALIDATION_FAILED'],
        ['JSON with an empty certificate', () => uploadJson({ certificate: '' }), 400, 'VALIDATION_FAILED'],
        ['a JSON string instead of an object', () => uploadJson(apple.issuePushCertificate(csrPem, { topic })), 400, 'VALIDATION_FAILED'],
        ['JSON with a certificate over 64 KiB', () => uploadJson({ certificate: 'A'.repeat(70_000) }), 400, 'VALIDATION_FAILED'],
        ['malformed JSON', () => upload('{"certificate": ', 'application/json'), 400, 'VALIDATION_FAILED'],
        ['a JSON __proto__ key', () => upload('{"certificate":"x","__proto__":{"polluted":true}}', 'application/json'), 400, 'VALIDATION_FAILED'],
        ['an empty JSON body', () => upload('', 'application/json'), 400, 'VALIDATION_FAILED'],
        ['no body and no Content-Type', () => upload('', undefined), 400, 'VALIDATION_FAILED'],
        ['text/plain', () => upload(apple.issuePushCertificate(csrPem, { topic }), 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
        ['raw DER as octets', () => upload(derOf(apple.issuePushCertificate(csrPem, { topic })), 'application/octet-stream'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ];
      it.each(cases)('%s', async (_name, send, httpStatus, code) => {
        const before = await snapshot();
        expectError(await send(), httpStatus, code);
        expect(await snapshot()).toEqual(before);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      });
    });

    it('does not take PEM text on other routes', async () => {
      expectError(await call(api, 'POST', '/api/v1/users', { as: 'globalAdmin', rawBody: '-----BEGIN CERTIFICATE-----', contentType: 'application/x-pem-file' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('accepts the certificate Apple signed over the CSR, as the PEM file the portal hands out', async () => {
      // Apple's download puts text before the block; the first CERTIFICATE block counts. Short-lived,
      // so the warning below comes before the seeded API tokens expire (30 days).
      const pem = `Bag Attributes\n    friendlyName: APSP:Ward\n${apple.issuePushCertificate(csrPem, { topic, notBefore: api.clock.now(), days: 40 })}`;
      const answer = expectOk<Status>(await uploadPem(pem));
      expect(answer).toMatchObject({ state: 'active', pending: null, active: { topic, daysLeft: 40, expiresSoon: false, expired: false } });
      expect(answer.active?.subject).toContain(`UID=${topic}`);
      expect(answer.active?.notAfter).toBe(new Date(api.clock.now().getTime() + 40 * dayMs).toISOString());
      expect(await status()).toEqual(answer);
      expect(JSON.stringify(answer)).not.toContain('PRIVATE KEY');
      expectError(await call(api, 'GET', `${base}/request.csr`, { as: 'globalAdmin' }), 409, 'PUSH_CERTIFICATE_REQUEST_NOT_FOUND');
    });

    it('refuses a second upload for the consumed request', async () => {
      const before = await snapshot();
      expectError(await uploadPem(apple.issuePushCertificate(csrPem, { topic, notBefore: api.clock.now() })), 409, 'PUSH_CERTIFICATE_REQUEST_NOT_FOUND');
      expect(await snapshot()).toEqual(before);
    });

    it('warns within 30 days of expiry', async () => {
      api.clock.advance(15 * dayMs);
      expect((await status()).active).toMatchObject({ daysLeft: 25, expiresSoon: true, expired: false });
    });

    it('renews: the active certificate keeps working while the renewal is pending, a foreign topic is refused, the same topic accepted as base64 DER', async () => {
      const renewal = expectOk<Created>(await call(api, 'POST', `${base}/request`, { as: 'globalAdmin' }), 201);
      expect(renewal.renewing).toBe(true);
      expect(await status()).toMatchObject({ state: 'active', active: { topic, expiresSoon: true }, pending: { csrPem: renewal.csrPem } });

      const before = await snapshot();
      const foreign = apple.issuePushCertificate(renewal.csrPem, { topic: 'com.apple.mgmt.External.00000000-0000-4000-8000-000000000000', notBefore: api.clock.now() });
      const refused = expectError(await uploadPem(foreign), 409, 'PUSH_CERTIFICATE_TOPIC_MISMATCH');
      expect(refused.details).toMatchObject({ activeTopic: topic });
      expect(await snapshot()).toEqual(before);

      const der = derOf(apple.issuePushCertificate(renewal.csrPem, { topic, notBefore: api.clock.now(), days: 365 }));
      // Wrapped at 64 columns, as `openssl base64` writes it.
      const answer = expectOk<Status>(await uploadJson({ certificate: der.toString('base64').replace(/.{64}/g, '$&\n') }));
      expect(answer).toMatchObject({ state: 'active', pending: null, active: { topic, daysLeft: 365, expiresSoon: false } });
      const audit = await api.deps.stores.listAudit(api.tenant.id, { targetType: 'pushCertificate' }, { limit: 10 });
      expect(audit.items.map((e) => e.action)).toEqual(['pushCertificate.renewed', 'pushCertificate.requested', 'pushCertificate.uploaded', 'pushCertificate.requested']);
    });
  });
});
