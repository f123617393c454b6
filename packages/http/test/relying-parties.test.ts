import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents, type RelyingPartyId } from '@ward/core';
import { call, expectError, expectOk, startTestApi, type PageBody, type TestApi } from './support/test-api.js';

interface RelyingPartyBody {
  id: string;
  clientId: string;
  name: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  grantTypes: string[];
  tokenEndpointAuthMethod: string;
  jwks: { keys: Record<string, unknown>[] } | null;
  hasSecret: boolean;
  secretIssuedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

interface WithSecret {
  relyingParty: RelyingPartyBody;
  clientSecret: string | null;
}

const path = '/api/v1/identity/relying-parties';
const wiki = { name: 'Wiki', grantTypes: ['authorization_code', 'refresh_token'], tokenEndpointAuthMethod: 'client_secret_basic', redirectUris: ['https://wiki.example.com/oauth/callback'] };
const ecKey = { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' };

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

async function create(body: Record<string, unknown>): Promise<WithSecret> {
  return expectOk<WithSecret>(await call(api, 'POST', path, { as: 'globalAdmin', body }), 201);
}

describe('relying parties', () => {
  it('registers a relying party, shows its secret once and never returns it again', async () => {
    const created = await create(wiki);
    expect(created.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/u);
    expect(created.relyingParty).toMatchObject({ ...wiki, clientId: created.relyingParty.id, postLogoutRedirectUris: [], jwks: null, hasSecret: true, secretIssuedAt: '2025-03-01T09:00:00.000Z' });
    expect(created.relyingParty).not.toHaveProperty('clientSecret');

    const fetched = expectOk<RelyingPartyBody>(await call(api, 'GET', `${path}/${created.relyingParty.id}`, { as: 'readOnlyAuditor' }));
    expect(fetched).toEqual(created.relyingParty);
    const listed = expectOk<PageBody<RelyingPartyBody>>(await call(api, 'GET', path, { as: 'helpDeskOperator' }));
    expect(listed.items.map((p) => p.id)).toContain(created.relyingParty.id);
    expect(JSON.stringify(listed)).not.toContain(created.clientSecret);

    // The provider's lookup reads it (sealing at rest is the store's, tested there).
    expect((await api.deps.stores.findRelyingPartyByClientId(created.relyingParty.id))?.clientSecret).toBe(created.clientSecret);

    const audit = await listAuditEvents(api.deps, api.system, { limit: 50 });
    expect(audit.ok && audit.value.items.some((e) => e.action === 'relyingParty.created' && !JSON.stringify(e).includes(created.clientSecret!))).toBe(true);
  });

  it('registers public and private_key_jwt clients without a secret', async () => {
    const spa = await create({ name: 'SPA', grantTypes: ['authorization_code'], tokenEndpointAuthMethod: 'none', redirectUris: ['http://127.0.0.1:5173/cb'] });
    expect(spa.clientSecret).toBeNull();
    expect(spa.relyingParty.hasSecret).toBe(false);
    const job = await create({ name: 'Job', grantTypes: ['client_credentials'], tokenEndpointAuthMethod: 'private_key_jwt', jwks: { keys: [ecKey] } });
    expect(job.clientSecret).toBeNull();
    expect(job.relyingParty.jwks).toEqual({ keys: [ecKey] });
  });

  it('rotates the secret: a new one, shown once; refused for a method without secrets', async () => {
    const created = await create(wiki);
    api.clock.advance(60_000);
    const rotated = expectOk<WithSecret>(await call(api, 'POST', `${path}/${created.relyingParty.id}/secret`, { as: 'globalAdmin' }));
    expect(rotated.clientSecret).not.toBe(created.clientSecret);
    expect(rotated.relyingParty.secretIssuedAt).toBe('2025-03-01T09:01:00.000Z');
    expect((await api.deps.stores.findRelyingPartyByClientId(created.relyingParty.id))?.clientSecret).toBe(rotated.clientSecret);

    const spa = await create({ name: 'SPA 2', grantTypes: ['authorization_code'], tokenEndpointAuthMethod: 'none', redirectUris: ['https://spa.example.com/cb'] });
    expectError(await call(api, 'POST', `${path}/${spa.relyingParty.id}/secret`, { as: 'globalAdmin' }), 400, 'RELYING_PARTY_INVALID');
    expectError(await call(api, 'POST', `${path}/0190ffff-0000-7000-8000-000000000000/secret`, { as: 'globalAdmin' }), 404, 'RELYING_PARTY_NOT_FOUND');
  });

  it('updates fields, generates a secret when moving to a secret method and drops it when moving away', async () => {
    const spa = await create({ name: 'Portal', grantTypes: ['authorization_code'], tokenEndpointAuthMethod: 'none', redirectUris: ['https://portal.example.com/cb'] });
    const renamed = expectOk<WithSecret>(await call(api, 'PATCH', `${path}/${spa.relyingParty.id}`, { as: 'globalAdmin', body: { name: 'Portal 2', postLogoutRedirectUris: ['https://portal.example.com/'] } }));
    expect(renamed.clientSecret).toBeNull();
    expect(renamed.relyingParty).toMatchObject({ name: 'Portal 2', postLogoutRedirectUris: ['https://portal.example.com/'], tokenEndpointAuthMethod: 'none', hasSecret: false });

    const confidential = expectOk<WithSecret>(await call(api, 'PATCH', `${path}/${spa.relyingParty.id}`, { as: 'globalAdmin', body: { tokenEndpointAuthMethod: 'client_secret_post', grantTypes: ['authorization_code', 'refresh_token'] } }));
    expect(confidential.clientSecret).toEqual(expect.any(String));
    expect(confidential.relyingParty.hasSecret).toBe(true);

    const keyed = expectOk<WithSecret>(await call(api, 'PATCH', `${path}/${spa.relyingParty.id}`, { as: 'globalAdmin', body: { tokenEndpointAuthMethod: 'private_key_jwt', jwks: { keys: [ecKey] } } }));
    expect(keyed.relyingParty).toMatchObject({ hasSecret: false, secretIssuedAt: null });
    expect((await api.deps.stores.findRelyingPartyByClientId(spa.relyingParty.id))?.clientSecret).toBeNull();

    // The merged result is validated as a registration is.
    expectError(await call(api, 'PATCH', `${path}/${spa.relyingParty.id}`, { as: 'globalAdmin', body: { jwks: null } }), 400, 'RELYING_PARTY_INVALID');
    expectError(await call(api, 'PATCH', `${path}/${spa.relyingParty.id}`, { as: 'globalAdmin', body: {} }), 400, 'VALIDATION_FAILED');
  });

  it('deletes a relying party with the provider state issued to it', async () => {
    const created = await create(wiki);
    const clientId = created.relyingParty.id;
    await api.deps.stores.upsertIdpState({ model: 'RefreshToken', id: 'rt-1', payload: { clientId }, grantId: 'g-1', uid: null, userCode: null, clientId, expiresAt: null, consumedAt: null });
    expect((await call(api, 'DELETE', `${path}/${clientId}`, { as: 'globalAdmin' })).statusCode).toBe(204);
    expect(await api.deps.stores.findIdpState('RefreshToken', 'rt-1')).toBeUndefined();
    expect(await api.deps.stores.getRelyingParty(api.tenant.id, clientId as RelyingPartyId)).toBeUndefined();
    expectError(await call(api, 'GET', `${path}/${clientId}`, { as: 'globalAdmin' }), 404, 'RELYING_PARTY_NOT_FOUND');
    expectError(await call(api, 'DELETE', `${path}/${clientId}`, { as: 'globalAdmin' }), 404, 'RELYING_PARTY_NOT_FOUND');
  });

  it('pages the list with a cursor and refuses a forged one', async () => {
    for (let i = 0; i < 3; i++) await create({ ...wiki, name: `Paged ${i}` });
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: PageBody<RelyingPartyBody> = expectOk(await call(api, 'GET', `${path}?limit=2${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`, { as: 'globalAdmin' }));
      expect(page.items.length).toBeLessThanOrEqual(2);
      all.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(all).toEqual([...all].sort());
    expect(new Set(all).size).toBe(all.length);
    expectError(await call(api, 'GET', `${path}?cursor=forged`, { as: 'globalAdmin' }), 400, 'INVALID_CURSOR');
  });

  it('needs settings.manage to change and directory.read to read', async () => {
    expectError(await call(api, 'POST', path, { as: 'policyManager', body: wiki }), 403, 'FORBIDDEN');
    const created = await create(wiki);
    for (const [method, url] of [['PATCH', `${path}/${created.relyingParty.id}`], ['POST', `${path}/${created.relyingParty.id}/secret`], ['DELETE', `${path}/${created.relyingParty.id}`]] as const) {
      expectError(await call(api, method, url, { as: 'helpDeskOperator', ...(method === 'PATCH' ? { body: { name: 'x' } } : {}) }), 403, 'FORBIDDEN');
    }
    expectError(await call(api, 'GET', path), 401, 'UNAUTHENTICATED');
  });

  it('refuses hostile and malformed registrations', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...wiki, redirectUris: ['http://wiki.example.com/cb'] }, 'RELYING_PARTY_INVALID'],
      [{ ...wiki, redirectUris: ['https://wiki.example.com/cb#x'] }, 'RELYING_PARTY_INVALID'],
      [{ ...wiki, redirectUris: ['javascript:alert(1)'] }, 'RELYING_PARTY_INVALID'],
      [{ ...wiki, redirectUris: [] }, 'RELYING_PARTY_INVALID'],
      [{ ...wiki, grantTypes: ['implicit'] }, 'VALIDATION_FAILED'],
      [{ ...wiki, grantTypes: ['refresh_token'] }, 'RELYING_PARTY_INVALID'],
      [{ ...wiki, tokenEndpointAuthMethod: 'client_secret_jwt' }, 'VALIDATION_FAILED'],
      [{ ...wiki, tokenEndpointAuthMethod: 'private_key_jwt', jwks: { keys: [{ ...ecKey, d: 'private' }] } }, 'RELYING_PARTY_INVALID'],
      [{ ...wiki, clientSecret: 'chosen-by-admin' }, 'VALIDATION_FAILED'],
      [{ ...wiki, name: '' }, 'VALIDATION_FAILED'],
      [{ ...wiki, name: 'x'.repeat(201) }, 'VALIDATION_FAILED'],
      [{ ...wiki, redirectUris: Array.from({ length: 21 }, (_, i) => `https://wiki.example.com/${i}`) }, 'VALIDATION_FAILED'],
      [{ ...wiki, redirectUris: [`https://wiki.example.com/${'a'.repeat(2001)}`] }, 'VALIDATION_FAILED'],
    ];
    for (const [body, code] of cases) expectError(await call(api, 'POST', path, { as: 'globalAdmin', body }), 400, code);
    expectError(await call(api, 'POST', path, { as: 'globalAdmin', rawBody: '{"name":' }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'GET', `${path}/..%2F..%2Fetc`, { as: 'globalAdmin' }), 400, 'VALIDATION_FAILED');
  });
});
