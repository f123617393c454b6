import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiToken } from '@ward/core';
import { call, expectError, expectOk, startTestApi, type PageBody, type TestApi } from './support/test-api.js';

interface TokenBody {
  id: string;
  userId: string;
  name: string;
  role: string | null;
  expiresAt: string;
  revokedAt: string | null;
}

let api: TestApi;
beforeEach(async () => {
  api = await startTestApi({ bodyLimit: 2048 });
});
afterEach(async () => {
  await api.close();
});

async function tokenNames(): Promise<string[]> {
  const page = expectOk<PageBody<TokenBody>>(await call(api, 'GET', '/api/v1/tokens', { as: 'globalAdmin' }));
  return page.items.map((t) => t.name).sort();
}

const seeded = ['globalAdmin token', 'helpDeskOperator token', 'policyManager token', 'readOnlyAuditor token'];

describe('API tokens', () => {
  it('creates a token whose secret is shown once and works at once', async () => {
    const response = await call(api, 'POST', '/api/v1/tokens', { as: 'readOnlyAuditor', body: { name: 'CI export', role: 'readOnlyAuditor', expiresInDays: 7 } });
    const created = expectOk<{ token: TokenBody & { secretHash?: string }; bearer: string }>(response, 201);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(created.token).toMatchObject({ name: 'CI export', role: 'readOnlyAuditor', userId: api.admins.readOnlyAuditor.user.id, revokedAt: null, expiresAt: '2025-03-08T09:00:00.000Z' });
    expect(created.token).not.toHaveProperty('secretHash');
    const me = expectOk<{ actor: { type: string; id: string } }>(await call(api, 'GET', '/api/v1/auth/me', { as: { token: created.bearer } }));
    expect(me.actor).toMatchObject({ type: 'apiToken', id: created.token.id });

    // Admins see their own tokens; global admins see all, never with a secret.
    const own = expectOk<PageBody<TokenBody>>(await call(api, 'GET', '/api/v1/tokens', { as: 'readOnlyAuditor' }));
    expect(own.items.map((t) => t.name).sort()).toEqual(['CI export', 'readOnlyAuditor token']);
    expect(own.nextCursor).toBeNull();
    expect(JSON.stringify(own)).not.toContain(created.bearer.split('.')[2]);
    expect(await tokenNames()).toEqual(['CI export', ...seeded].sort());
  });

  it('revokes a token: its next use is TOKEN_REVOKED', async () => {
    const created = expectOk<{ token: TokenBody; bearer: string }>(await call(api, 'POST', '/api/v1/tokens', { as: 'globalAdmin', body: { name: 'Temp', role: 'globalAdmin', expiresInDays: 1 } }), 201);
    expectOk(await call(api, 'GET', '/api/v1/users', { as: { token: created.bearer } }));
    expect((await call(api, 'DELETE', `/api/v1/tokens/${created.token.id}`, { as: 'globalAdmin' })).statusCode).toBe(204);
    const revoked = await call(api, 'GET', '/api/v1/users', { as: { token: created.bearer } });
    expectError(revoked, 401, 'TOKEN_REVOKED');
    // A revoked token writes nothing either.
    expectError(await call(api, 'POST', '/api/v1/users', { as: { token: created.bearer }, body: { email: 'x@y.test', displayName: 'X' } }), 401, 'TOKEN_REVOKED');
    const listed = expectOk<PageBody<TokenBody>>(await call(api, 'GET', '/api/v1/tokens', { as: 'globalAdmin' }));
    expect(listed.items.find((t) => t.id === created.token.id)?.revokedAt).toBe('2025-03-01T09:00:00.000Z');
    expect(expectOk<PageBody<{ email: string }>>(await call(api, 'GET', '/api/v1/users?q=x@y.test', { as: 'globalAdmin' })).items).toEqual([]);
  });

  it('refuses an expired token', async () => {
    // Minted a year ago for a month.
    api.clock.advance(-365 * 86_400_000);
    const old = await createApiToken(api.deps, api.system, { name: 'Old', role: 'globalAdmin', expiresInDays: 30, ownerUserId: api.admins.globalAdmin.user.id });
    api.clock.advance(365 * 86_400_000);
    if (!old.ok) throw new Error(old.message);
    const response = await call(api, 'GET', '/api/v1/users', { as: { token: old.value.bearer } });
    expectError(response, 401, 'TOKEN_EXPIRED');
    expect(response.headers['www-authenticate']).toBe('Bearer realm="ward", error="invalid_token"');
  });

  it('does not let a token carry a role its owner lacks', async () => {
    const error = expectError(await call(api, 'POST', '/api/v1/tokens', { as: 'helpDeskOperator', body: { name: 'Escalate', role: 'globalAdmin', expiresInDays: 1 } }), 403, 'FORBIDDEN');
    expect(error.message).toMatch(/does not hold the role globalAdmin/);
    expectError(
      await call(api, 'POST', '/api/v1/tokens', { as: 'helpDeskOperator', body: { name: 'For someone', role: 'readOnlyAuditor', expiresInDays: 1, ownerUserId: api.admins.readOnlyAuditor.user.id } }),
      403,
      'FORBIDDEN',
    );
    // Someone else's token is invisible to a non-global admin: not found rather than forbidden.
    const global = expectOk<PageBody<TokenBody>>(await call(api, 'GET', '/api/v1/tokens', { as: 'globalAdmin' }));
    const others = global.items.find((t) => t.name === 'globalAdmin token');
    expectError(await call(api, 'DELETE', `/api/v1/tokens/${others?.id ?? ''}`, { as: 'helpDeskOperator' }), 404, 'API_TOKEN_NOT_FOUND');
    expect(await tokenNames()).toEqual(seeded);
    expectOk(await call(api, 'GET', '/api/v1/auth/me', { as: 'globalAdmin' }));
  });

  it('validates the body', async () => {
    expectError(await call(api, 'POST', '/api/v1/tokens', { as: 'globalAdmin', rawBody: '{"name":"x"' }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'POST', '/api/v1/tokens', { as: 'globalAdmin', body: { name: 'x', role: 'globalAdmin', expiresInDays: '7' } }), 400, 'VALIDATION_FAILED');
    const forever = expectError(await call(api, 'POST', '/api/v1/tokens', { as: 'globalAdmin', body: { name: 'x', role: 'globalAdmin', expiresInDays: 10_000 } }), 400, 'VALIDATION_FAILED');
    expect(forever.details).toMatchObject({ path: '/expiresInDays' });
    expectError(await call(api, 'POST', '/api/v1/tokens', { as: 'globalAdmin', body: { name: 'x', role: 'root', expiresInDays: 7 } }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'POST', '/api/v1/tokens', { as: 'globalAdmin', body: { name: 'x', role: 'globalAdmin', expiresInDays: 7, neverExpires: true } }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'POST', '/api/v1/tokens', { as: 'globalAdmin', body: { name: 'x'.repeat(3000), role: 'globalAdmin', expiresInDays: 7 } }), 413, 'PAYLOAD_TOO_LARGE');
    expectError(await call(api, 'POST', '/api/v1/tokens', { as: 'globalAdmin', body: { name: 'x', role: 'globalAdmin', expiresInDays: 7, scopeGroupIds: ['missing'] } }), 404, 'GROUP_NOT_FOUND');
    expectError(await call(api, 'DELETE', '/api/v1/tokens/none', { as: 'globalAdmin' }), 404, 'API_TOKEN_NOT_FOUND');
    expectError(await call(api, 'POST', '/api/v1/tokens', { body: { name: 'x', role: 'globalAdmin', expiresInDays: 7 } }), 401, 'UNAUTHENTICATED');
    expect(await tokenNames()).toEqual(seeded);
  });
});
