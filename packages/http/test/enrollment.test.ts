import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroup } from '@ward/core';
import { createEnrollmentToken, type CreatedTokenBody } from './support/enrollment-tokens.js';
import { enrollBody, startAgentApi, type AgentTestApi } from './support/test-agent.js';
import { call, expectError, expectOk, type PageBody } from './support/test-api.js';
import { deviceKey, type DeviceKey } from './support/test-pki.js';

let api: AgentTestApi;
let key: DeviceKey;
beforeAll(async () => {
  api = await startAgentApi();
  key = await deviceKey();
});
afterAll(async () => {
  await api.close();
});

// Enroll is public, so these go through `inject`; the TLS path is covered in agent.test.ts.
function enroll(token: string, hardwareId: string, overrides: Record<string, unknown> = {}) {
  return call(api, 'POST', '/agent/v1/enroll', { body: enrollBody(token, key.csrPem, hardwareId, overrides) });
}

interface DeviceBody {
  id: string;
  ownership: string;
}

describe('enrollment tokens', () => {
  it('are shown once with the agent command line and its QR code, listed without secrets, and revoked', async () => {
    const created = await createEnrollmentToken(api, { name: 'Kiosks', maxUses: null, ownership: 'corporate', expiresInHours: 24 });
    expect(created.token).toMatchObject({ name: 'Kiosks', maxUses: null, uses: 0, ownership: 'corporate', revokedAt: null });
    expect(created.text).toMatch(/^wrd_et\./);
    expect(created.enrollCommand).toBe(`ward-agent enroll --server https://ward.example.test --token ${created.text} --ca-fingerprint ${api.pki.rootFingerprint}`);
    expect(created.qrSvg).toMatch(/^<svg /);

    const defaults = await createEnrollmentToken(api, { name: 'One laptop' });
    expect(defaults.token).toMatchObject({ maxUses: 1, ownership: 'corporate', expiresAt: new Date(api.clock.now().getTime() + 168 * 3_600_000).toISOString() });

    const listed = expectOk<PageBody<Record<string, unknown>>>(await call(api, 'GET', '/api/v1/enrollment-tokens?limit=500', { as: 'readOnlyAuditor' }));
    const kiosk = listed.items.find((t) => t.id === created.token.id);
    expect(kiosk).toMatchObject({ name: 'Kiosks' });
    expect(JSON.stringify(listed)).not.toContain(created.text.split('.')[2]);
    expect(Object.keys(kiosk ?? {})).not.toContain('secretHash');

    expect((await call(api, 'DELETE', `/api/v1/enrollment-tokens/${created.token.id}`, { as: 'globalAdmin' })).statusCode).toBe(204);
    expectError(await enroll(created.text, 'machine-revoked'), 401, 'ENROLLMENT_TOKEN_REVOKED');
    expectError(await call(api, 'DELETE', '/api/v1/enrollment-tokens/nope', { as: 'globalAdmin' }), 404, 'ENROLLMENT_TOKEN_NOT_FOUND');
  });

  it('put devices in the target group with the token\'s ownership', async () => {
    const group = await createGroup(api.deps, api.system, { name: 'BYOD', membershipType: 'static', memberType: 'device' });
    if (!group.ok) throw new Error(group.message);
    const created = await createEnrollmentToken(api, { ownership: 'personal', targetGroupId: group.value.id });
    const enrolled = expectOk<{ deviceId: string }>(await enroll(created.text, 'machine-byod'), 201);
    expect(expectOk<DeviceBody>(await call(api, 'GET', `/api/v1/devices/${enrolled.deviceId}`, { as: 'globalAdmin' })).ownership).toBe('personal');
    const members = expectOk<PageBody<{ memberId: string }>>(await call(api, 'GET', `/api/v1/groups/${group.value.id}/members`, { as: 'globalAdmin' }));
    expect(members.items.map((m) => m.memberId)).toEqual([enrolled.deviceId]);
    expectError(await call(api, 'POST', '/api/v1/enrollment-tokens', { as: 'globalAdmin', body: { name: 'x', targetGroupId: 'missing' } }), 404, 'GROUP_NOT_FOUND');
    expectError(await call(api, 'POST', '/api/v1/enrollment-tokens', { as: 'globalAdmin', body: { name: 'x', userId: 'missing' } }), 404, 'USER_NOT_FOUND');
  });

  it('are for admins with tenant-wide devices.write only', async () => {
    expectError(await call(api, 'POST', '/api/v1/enrollment-tokens', { as: 'helpDeskOperator', body: { name: 'Sneaky' } }), 403, 'FORBIDDEN');
    expectError(await call(api, 'POST', '/api/v1/enrollment-tokens', { as: 'readOnlyAuditor', body: { name: 'Sneaky' } }), 403, 'FORBIDDEN');
    expectError(await call(api, 'POST', '/api/v1/enrollment-tokens', { body: { name: 'Sneaky' } }), 401, 'UNAUTHENTICATED');
    const created = await createEnrollmentToken(api);
    expectError(await call(api, 'DELETE', `/api/v1/enrollment-tokens/${created.token.id}`, { as: 'helpDeskOperator' }), 403, 'FORBIDDEN');
  });

  it('validate their body', async () => {
    for (const body of [{}, { name: 'x', maxUses: 0 }, { name: 'x', expiresInHours: 24 * 91 }, { name: 'x', ownership: 'unknown' }, { name: 'x', uses: 5 }]) {
      expectError(await call(api, 'POST', '/api/v1/enrollment-tokens', { as: 'globalAdmin', body }), 400, 'VALIDATION_FAILED');
    }
  });
});

describe('enrolling', () => {
  let token: CreatedTokenBody;
  beforeAll(async () => {
    token = await createEnrollmentToken(api, { maxUses: 2, expiresInHours: 1 });
  });

  it('refuses a token used up, and then an expired one', async () => {
    expectOk(await enroll(token.text, 'machine-a'), 201);
    // The same machine enrolling again still spends a use.
    expectOk(await enroll(token.text, 'machine-a'), 201);
    expectError(await enroll(token.text, 'machine-b'), 403, 'ENROLLMENT_TOKEN_EXHAUSTED');
    const listed = expectOk<PageBody<{ id: string; uses: number }>>(await call(api, 'GET', '/api/v1/enrollment-tokens?limit=500', { as: 'globalAdmin' }));
    expect(listed.items.find((t) => t.id === token.token.id)?.uses).toBe(2);

    const later = await createEnrollmentToken(api, { expiresInHours: 1 });
    api.clock.advance(3_600_000);
    expectError(await enroll(later.text, 'machine-c'), 401, 'ENROLLMENT_TOKEN_EXPIRED');
  });

  it('refuses an unknown or forged token', async () => {
    expectError(await enroll('wrd_et.nope', 'machine-d'), 401, 'ENROLLMENT_TOKEN_INVALID');
    const fresh = await createEnrollmentToken(api);
    const forged = `${fresh.text.slice(0, fresh.text.lastIndexOf('.'))}.${'A'.repeat(43)}`;
    expectError(await enroll(forged, 'machine-d'), 401, 'ENROLLMENT_TOKEN_INVALID');
  });

  it('refuses a weak or broken CSR, spending no use', async () => {
    const fresh = await createEnrollmentToken(api);
    const weak = await deviceKey({ rsaBits: 1024 });
    const refused = expectError(await call(api, 'POST', '/agent/v1/enroll', { body: enrollBody(fresh.text, weak.csrPem, 'machine-e') }), 400, 'CSR_INVALID');
    expect(refused.details).toEqual({ reason: 'CSR_WEAK_KEY' });
    // The last byte of the signature flipped: the CSR no longer proves possession of the key.
    const der = Buffer.from(key.csrPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    der[der.length - 1] = (der[der.length - 1] ?? 0) ^ 1;
    const forged = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
    expect(expectError(await call(api, 'POST', '/agent/v1/enroll', { body: enrollBody(fresh.text, forged, 'machine-e') }), 400, 'CSR_INVALID').details).toEqual({ reason: 'CSR_SIGNATURE_INVALID' });
    expectError(await call(api, 'POST', '/agent/v1/enroll', { body: enrollBody(fresh.text, 'not a CSR', 'machine-e') }), 400, 'CSR_INVALID');
    expectOk(await enroll(fresh.text, 'machine-e'), 201);
  });

  it.each([
    ['an unknown field', { extra: 1 }],
    ['an unknown device field', { device: { hardwareId: 'machine-f0001', name: 'x', platform: 'linux', osVersion: '1', jailbroken: false } }],
    ['a platform the agent does not run on', { device: { hardwareId: 'machine-f0001', name: 'x', platform: 'ios', osVersion: '17' } }],
    ['another protocol version', { protocolVersion: 2 }],
    ['a malformed hardware id', { device: { hardwareId: 'a b', name: 'x', platform: 'linux', osVersion: '1' } }],
  ])('refuses %s', async (_name, overrides) => {
    const error = expectError(await enroll(token.text, 'machine-f', overrides), 400, 'VALIDATION_FAILED');
    expect(error.details).toMatchObject({ in: 'body' });
  });

  it('refuses malformed and oversized bodies', async () => {
    expectError(await call(api, 'POST', '/agent/v1/enroll', { rawBody: '{"protocolVersion":1' }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'POST', '/agent/v1/enroll', { rawBody: 'protocolVersion=1', contentType: 'application/x-www-form-urlencoded' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectError(await call(api, 'POST', '/agent/v1/enroll', { body: enrollBody(token.text, 'x'.repeat(70 * 1024), 'machine-g') }), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('applies the enrollment restrictions', async () => {
    expectError(await call(api, 'PATCH', '/api/v1/enrollment-restrictions', { as: 'helpDeskOperator', body: { allowPersonal: false } }), 403, 'FORBIDDEN');
    const defaults = expectOk<Record<string, unknown>>(await call(api, 'GET', '/api/v1/enrollment-restrictions', { as: 'readOnlyAuditor' }));
    expect(defaults).toMatchObject({ allowPersonal: true, maxDevicesPerUser: 15, minOsVersion: {} });
    const patched = expectOk<Record<string, unknown>>(await call(api, 'PATCH', '/api/v1/enrollment-restrictions', { as: 'globalAdmin', body: { minOsVersion: { linux: '25.04' }, allowPersonal: false } }));
    expect(patched).toMatchObject({ minOsVersion: { linux: '25.04' }, allowPersonal: false, maxDevicesPerUser: 15 });
    const fresh = await createEnrollmentToken(api);
    const tooOld = expectError(await enroll(fresh.text, 'machine-h'), 403, 'ENROLLMENT_OS_TOO_OLD');
    expect(tooOld.details).toEqual({ minimum: '25.04' });
    const personal = await createEnrollmentToken(api, { ownership: 'personal' });
    expectError(await enroll(personal.text, 'machine-h', { device: { hardwareId: 'machine-h', name: 'x', platform: 'linux', osVersion: '26.04' } }), 403, 'ENROLLMENT_PERSONAL_NOT_ALLOWED');
    expectOk(await call(api, 'PATCH', '/api/v1/enrollment-restrictions', { as: 'globalAdmin', body: { allowedPlatforms: ['macos', 'windows'], minOsVersion: { linux: null } } }));
    expectError(await enroll(fresh.text, 'machine-h'), 403, 'ENROLLMENT_PLATFORM_NOT_ALLOWED');
    expectError(await call(api, 'PATCH', '/api/v1/enrollment-restrictions', { as: 'globalAdmin', body: { minOsVersion: { linux: 'latest' } } }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'PATCH', '/api/v1/enrollment-restrictions', { as: 'globalAdmin', body: { allowedPlatforms: ['beos'] } }), 400, 'VALIDATION_FAILED');
    expectOk(await call(api, 'PATCH', '/api/v1/enrollment-restrictions', { as: 'globalAdmin', body: { allowedPlatforms: ['linux', 'macos', 'windows'], allowPersonal: true } }));
    expectOk(await enroll(fresh.text, 'machine-h'), 201);
  });
});
