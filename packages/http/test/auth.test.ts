import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { base32Decode, hotp, lockout, totpStep } from '@ward/core';
import { testDigests } from './support/test-adapters.js';
import { adminPassword, call, expectError, expectOk, startTestApi, type TestApi } from './support/test-api.js';

interface SessionBody {
  token: string;
  expiresAt: string;
  user: { email: string };
}

interface MeBody {
  tenantId: string;
  userId: string | null;
  actor: { type: string; id: string; name: string };
  grants: { role: string; scopeGroupIds: string[] | null }[];
}

let api: TestApi;
afterEach(async () => {
  await api.close();
});

const auditorEmail = 'readonlyauditor@example.test';

async function signIn(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return call(api, 'POST', '/api/v1/auth/sign-in', { body, headers });
}

function codeAt(secret: string, at: Date): string {
  const bytes = base32Decode(secret);
  if (bytes === undefined) throw new Error('bad secret');
  return hotp(bytes, totpStep(at), testDigests);
}

describe('auth', () => {
  beforeEach(async () => {
    api = await startTestApi();
  });

  it('signs in, tells who is signed in, and signs out', async () => {
    const response = await signIn({ email: 'ReadOnlyAuditor@Example.test', password: adminPassword });
    const session = expectOk<SessionBody>(response);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(session.user.email).toBe(auditorEmail);
    expect(session.expiresAt).toBe('2025-03-01T21:00:00.000Z');
    expect(session.token).toMatch(/^wrd_st\./);
    const as = { token: session.token };

    const me = expectOk<MeBody>(await call(api, 'GET', '/api/v1/auth/me', { as }));
    expect(me).toEqual({
      tenantId: api.tenant.id,
      userId: api.admins.readOnlyAuditor.user.id,
      actor: { type: 'user', id: api.admins.readOnlyAuditor.user.id, name: auditorEmail },
      grants: [{ role: 'readOnlyAuditor', scopeGroupIds: null }],
    });
    const viaToken = expectOk<MeBody>(await call(api, 'GET', '/api/v1/auth/me', { as: 'policyManager' }));
    expect(viaToken.actor.type).toBe('apiToken');

    // Clients that send a JSON content type on every request may sign out with an empty body.
    expect((await call(api, 'POST', '/api/v1/auth/sign-out', { as, rawBody: '' })).statusCode).toBe(204);
    expectError(await call(api, 'GET', '/api/v1/auth/me', { as }), 401, 'TOKEN_REVOKED');
    // API tokens are revoked, not signed out.
    expectError(await call(api, 'POST', '/api/v1/auth/sign-out', { as: 'globalAdmin' }), 400, 'VALIDATION_FAILED');
  });

  it('refuses wrong credentials without saying which part was wrong', async () => {
    const wrongPassword = expectError(await signIn({ email: auditorEmail, password: 'not the password' }), 401, 'INVALID_CREDENTIALS');
    const unknownUser = expectError(await signIn({ email: 'nobody@example.test', password: adminPassword }), 401, 'INVALID_CREDENTIALS');
    expect(unknownUser.message).toBe(wrongPassword.message);
    expectError(await signIn({ email: auditorEmail, password: adminPassword, tenant: 'elsewhere' }), 401, 'INVALID_CREDENTIALS');
  });

  it('locks an account after repeated failures', async () => {
    for (let i = 0; i < lockout.attempts; i++) expectError(await signIn({ email: auditorEmail, password: `wrong ${i}` }), 401, 'INVALID_CREDENTIALS');
    const locked = expectError(await signIn({ email: auditorEmail, password: adminPassword }), 423, 'ACCOUNT_LOCKED');
    expect(locked.details).toHaveProperty('lockedUntil');
    api.clock.advance(lockout.minutes * 60_000 + 1000);
    expectOk(await signIn({ email: auditorEmail, password: adminPassword }));
  });

  it('validates the sign-in body', async () => {
    expectError(await call(api, 'POST', '/api/v1/auth/sign-in', { rawBody: '{"email":"a@b.test","password":' }), 400, 'VALIDATION_FAILED');
    expectError(await signIn({ email: auditorEmail }), 400, 'VALIDATION_FAILED');
    expectError(await signIn({ email: auditorEmail, password: 12345 }), 400, 'VALIDATION_FAILED');
    const unknown = expectError(await signIn({ email: auditorEmail, password: adminPassword, remember: true }), 400, 'VALIDATION_FAILED');
    expect(unknown.details).toMatchObject({ path: '/remember' });
    expectError(await signIn({ email: auditorEmail, password: 'p'.repeat(2000) }), 400, 'VALIDATION_FAILED');
  });

  it('enrols an authenticator and then requires its code', async () => {
    const session = expectOk<SessionBody>(await signIn({ email: auditorEmail, password: adminPassword }));
    const as = { token: session.token };
    // API tokens have no authenticator to enrol.
    expectError(await call(api, 'POST', '/api/v1/auth/totp/enroll', { as: 'readOnlyAuditor' }), 403, 'FORBIDDEN');
    expectError(await call(api, 'POST', '/api/v1/auth/totp/confirm', { as, body: { code: '123456' } }), 409, 'TOTP_NOT_PENDING');

    const enrollment = expectOk<{ secret: string; otpauthUri: string }>(await call(api, 'POST', '/api/v1/auth/totp/enroll', { as }));
    expect(enrollment.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expectError(await call(api, 'POST', '/api/v1/auth/totp/confirm', { as, body: { code: 'abcdef' } }), 400, 'VALIDATION_FAILED');
    const now = api.clock.now();
    const wrong = codeAt(enrollment.secret, new Date(now.getTime() + 10 * 60_000));
    expectError(await call(api, 'POST', '/api/v1/auth/totp/confirm', { as, body: { code: wrong } }), 401, 'INVALID_MFA_CODE');
    expect(expectOk(await call(api, 'POST', '/api/v1/auth/totp/confirm', { as, body: { code: codeAt(enrollment.secret, now) } }))).toEqual({ enabled: true });
    expectError(await call(api, 'POST', '/api/v1/auth/totp/enroll', { as }), 409, 'TOTP_ALREADY_ENABLED');

    api.clock.advance(60_000);
    expectError(await signIn({ email: auditorEmail, password: adminPassword }), 401, 'MFA_REQUIRED');
    expectError(await signIn({ email: auditorEmail, password: adminPassword, totpCode: wrong }), 401, 'INVALID_MFA_CODE');
    expectOk(await signIn({ email: auditorEmail, password: adminPassword, totpCode: codeAt(enrollment.secret, api.clock.now()) }));
  });

  it('refuses an expired session', async () => {
    const session = expectOk<SessionBody>(await signIn({ email: auditorEmail, password: adminPassword }));
    api.clock.advance(13 * 3_600_000);
    const expired = await call(api, 'GET', '/api/v1/auth/me', { as: { token: session.token } });
    expectError(expired, 401, 'TOKEN_EXPIRED');
    expect(expired.headers['www-authenticate']).toBe('Bearer realm="ward", error="invalid_token"');
  });

  it('answers the tenant of the token and refuses a mismatching x-ward-tenant', async () => {
    const tenant = expectOk<{ id: string; slug: string }>(await call(api, 'GET', '/api/v1/tenant', { as: 'readOnlyAuditor' }));
    expect(tenant).toMatchObject({ id: api.tenant.id, slug: 'default' });
    expectOk(await call(api, 'GET', '/api/v1/tenant', { as: 'readOnlyAuditor', headers: { 'x-ward-tenant': api.tenant.id } }));
    expectOk(await call(api, 'GET', '/api/v1/tenant', { as: 'readOnlyAuditor', headers: { 'x-ward-tenant': 'default' } }));
    const error = expectError(await call(api, 'GET', '/api/v1/tenant', { as: 'readOnlyAuditor', headers: { 'x-ward-tenant': 'someone-else' } }), 403, 'FORBIDDEN');
    expect(error.details).toEqual({ header: 'x-ward-tenant' });
    expectError(await call(api, 'GET', '/api/v1/tenant'), 401, 'UNAUTHENTICATED');
  });
});

describe('sign-in rate limits', () => {
  it('limits attempts per client address, with Retry-After', async () => {
    api = await startTestApi({ signInRateLimit: { perIp: { max: 3, windowMs: 60_000 }, perAccount: { max: 100, windowMs: 60_000 } } });
    for (let i = 0; i < 3; i++) expectError(await signIn({ email: `user${i}@example.test`, password: 'wrong password' }), 401, 'INVALID_CREDENTIALS');
    const limited = await signIn({ email: auditorEmail, password: adminPassword });
    const error = expectError(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(error.details).toMatchObject({ scope: 'address', retryAfterSeconds: Number(limited.headers['retry-after']) });
    // Before the body is read: even malformed JSON gets the 429.
    expectError(await call(api, 'POST', '/api/v1/auth/sign-in', { rawBody: '{' }), 429, 'RATE_LIMITED');
    // Without a trusted proxy, a forged X-Forwarded-For does not make a new address.
    expectError(await signIn({ email: auditorEmail, password: adminPassword }, { 'x-forwarded-for': '203.0.113.9' }), 429, 'RATE_LIMITED');
    // Another peer is not affected; other routes are not limited.
    const elsewhere = await api.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', remoteAddress: '192.0.2.44', payload: { email: auditorEmail, password: adminPassword } });
    expectOk(elsewhere);
    expectOk(await call(api, 'GET', '/api/v1/auth/me', { as: 'readOnlyAuditor' }));
  });

  it('limits attempts per account across addresses', async () => {
    api = await startTestApi({ trustProxy: true, signInRateLimit: { perIp: { max: 100, windowMs: 60_000 }, perAccount: { max: 2, windowMs: 60_000 } } });
    const from = (ip: string) => ({ 'x-forwarded-for': ip });
    expectError(await signIn({ email: 'victim@example.test', password: 'guess 1' }, from('198.51.100.1')), 401, 'INVALID_CREDENTIALS');
    expectError(await signIn({ email: 'VICTIM@example.test', password: 'guess 2' }, from('198.51.100.2')), 401, 'INVALID_CREDENTIALS');
    const limited = await signIn({ email: 'victim@example.test', password: 'guess 3' }, from('198.51.100.3'));
    expect(expectError(limited, 429, 'RATE_LIMITED').details).toMatchObject({ scope: 'account' });
    expect(limited.headers['retry-after']).toBeDefined();
    expectOk(await signIn({ email: auditorEmail, password: adminPassword }, from('198.51.100.4')));
  });
});
