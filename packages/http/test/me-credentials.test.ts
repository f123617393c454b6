import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPasskeyVerifier } from '@ward/idp';
import { adminPassword, call, expectError, expectOk, startTestApi, type TestApi } from './support/test-api.js';

// `/api/v1/me/passkeys` and `/api/v1/me/recovery-codes`: only a person's own session reaches them;
// hostile bodies are refused before or by the use case, never with a 500.

let api: TestApi;
let bare: TestApi;
let session = '';

beforeAll(async () => {
  api = await startTestApi({ passkeys: createPasskeyVerifier({ relyingParty: { id: 'ward.example.test', name: 'Ward' }, origins: ['https://ward.example.test'] }) });
  bare = await startTestApi();
  const signedIn = expectOk<{ token: string }>(await call(api, 'POST', '/api/v1/auth/sign-in', { body: { email: api.admins.helpDeskOperator.user.email, password: adminPassword } }));
  session = signedIn.token;
});

afterAll(async () => {
  await api.close();
  await bare.close();
});

const routes = [
  ['GET', '/api/v1/me/passkeys'],
  ['POST', '/api/v1/me/passkeys/registration'],
  ['POST', '/api/v1/me/passkeys'],
  ['DELETE', '/api/v1/me/passkeys/abc'],
  ['POST', '/api/v1/me/recovery-codes'],
] as const;

describe('second-factor endpoints', () => {
  it('refuse callers without a bearer (401) and API tokens, which act for automation (403)', async () => {
    for (const [method, url] of routes) {
      const body = method === 'POST' && url === '/api/v1/me/passkeys' ? { challenge: 'x', response: {} } : undefined;
      expectError(await call(api, method, url, body === undefined ? {} : { body }), 401, 'UNAUTHENTICATED');
      expectError(await call(api, method, url, { as: 'globalAdmin', ...(body === undefined ? {} : { body }) }), 403, 'FORBIDDEN');
    }
  });

  it('give a session the creation options, refuse forged and malformed answers, and list nothing registered', async () => {
    const options = expectOk<{ challenge: string; rp: { id: string }; user: { name: string }; excludeCredentials: unknown[] }>(await call(api, 'POST', '/api/v1/me/passkeys/registration', { as: { token: session } }));
    expect(options.rp.id).toBe('ward.example.test');
    expect(options.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/u);
    expect(options.excludeCredentials).toEqual([]);
    const forged = { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: { clientDataJSON: 'AAAA', attestationObject: 'AAAA' } };
    expectError(await call(api, 'POST', '/api/v1/me/passkeys', { as: { token: session }, body: { challenge: options.challenge, response: forged } }), 400, 'PASSKEY_INVALID');
    // The challenge went with the first answer.
    expectError(await call(api, 'POST', '/api/v1/me/passkeys', { as: { token: session }, body: { challenge: options.challenge, response: forged } }), 400, 'PASSKEY_CHALLENGE_INVALID');
    expectError(await call(api, 'POST', '/api/v1/me/passkeys', { as: { token: session }, body: { challenge: 'x', response: {}, admin: true } }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'POST', '/api/v1/me/passkeys', { as: { token: session }, body: { challenge: 'x'.repeat(10_000), response: {} } }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'POST', '/api/v1/me/passkeys', { as: { token: session }, rawBody: '{"challenge":', contentType: 'application/json' }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'DELETE', '/api/v1/me/passkeys/abc', { as: { token: session } }), 404, 'PASSKEY_NOT_FOUND');
    expect(expectOk<{ passkeys: unknown[]; recoveryCodesLeft: number }>(await call(api, 'GET', '/api/v1/me/passkeys', { as: { token: session } }))).toEqual({ passkeys: [], recoveryCodesLeft: 0 });
  });

  it('show ten recovery codes once and count them', async () => {
    const codes = expectOk<{ codes: string[] }>(await call(api, 'POST', '/api/v1/me/recovery-codes', { as: { token: session } }), 201);
    expect(new Set(codes.codes).size).toBe(10);
    expect(expectOk<{ recoveryCodesLeft: number }>(await call(api, 'GET', '/api/v1/me/passkeys', { as: { token: session } })).recoveryCodesLeft).toBe(10);
  });

  it('have no registration without a verifier', async () => {
    expect((await call(bare, 'POST', '/api/v1/me/passkeys/registration', { as: 'globalAdmin' })).statusCode).toBe(404);
  });
});
