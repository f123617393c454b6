import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents, upstreamProviderLimits, type UpstreamProviderId } from '@ward/core';
import { call, expectError, expectOk, startTestApi, type PageBody, type TestApi } from './support/test-api.js';

interface ProviderBody {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  scopes: string[];
  enabled: boolean;
  requireVerifiedEmail: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const path = '/api/v1/identity/upstream-providers';
const secret = 'upstream-client-secret-7f3a9c';
const okta = { name: 'Okta', issuer: 'https://example.okta.com', clientId: 'ward-at-okta', clientSecret: secret };

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

let serial = 0;
async function create(body: Record<string, unknown> = {}): Promise<ProviderBody> {
  serial++;
  return expectOk<ProviderBody>(await call(api, 'POST', path, { as: 'globalAdmin', body: { ...okta, name: `Okta ${serial}`, ...body } }), 201);
}

describe('upstream identity providers', () => {
  it('registers a provider with defaults and never returns its secret, not even on create', async () => {
    const created = expectOk<ProviderBody>(await call(api, 'POST', path, { as: 'globalAdmin', body: okta }), 201);
    expect(created).toEqual({
      id: expect.any(String),
      name: 'Okta',
      issuer: 'https://example.okta.com',
      clientId: 'ward-at-okta',
      scopes: ['openid', 'email', 'profile'],
      enabled: true,
      requireVerifiedEmail: true,
      version: 1,
      createdAt: '2025-03-01T09:00:00.000Z',
      updatedAt: '2025-03-01T09:00:00.000Z',
    });
    const fetched = await call(api, 'GET', `${path}/${created.id}`, { as: 'readOnlyAuditor' });
    expect(expectOk<ProviderBody>(fetched)).toEqual(created);
    const listed = await call(api, 'GET', path, { as: 'helpDeskOperator' });
    expect(expectOk<PageBody<ProviderBody>>(listed).items.map((p) => p.id)).toContain(created.id);
    for (const response of [fetched, listed]) expect(response.body).not.toContain(secret);

    // The sign-in pages read it with the secret (sealing at rest is the store's, tested there).
    expect((await api.deps.stores.getUpstreamProvider(api.tenant.id, created.id as UpstreamProviderId))?.clientSecret).toBe(secret);
    expectError(await call(api, 'POST', path, { as: 'globalAdmin', body: { ...okta, name: 'OKTA' } }), 409, 'UPSTREAM_PROVIDER_NAME_TAKEN');
  });

  it('updates with optimistic concurrency, replaces the secret write-only, and audits every change without it', async () => {
    const created = await create({ scopes: ['openid', 'email'], requireVerifiedEmail: false });
    expect(created).toMatchObject({ scopes: ['openid', 'email'], requireVerifiedEmail: false });
    api.clock.advance(60_000);
    const rotated = expectOk<ProviderBody>(await call(api, 'PATCH', `${path}/${created.id}`, { as: 'globalAdmin', body: { clientSecret: 'new-secret-b41e', enabled: false, expectedVersion: 1 } }));
    expect(rotated).toMatchObject({ enabled: false, version: 2, updatedAt: '2025-03-01T09:01:00.000Z' });
    expect(JSON.stringify(rotated)).not.toContain('new-secret');
    expect((await api.deps.stores.getUpstreamProvider(api.tenant.id, created.id as UpstreamProviderId))?.clientSecret).toBe('new-secret-b41e');
    expectError(await call(api, 'PATCH', `${path}/${created.id}`, { as: 'globalAdmin', body: { name: 'Stale', expectedVersion: 1 } }), 409, 'UPSTREAM_PROVIDER_VERSION_CONFLICT');
    expectError(await call(api, 'PATCH', `${path}/${created.id}`, { as: 'globalAdmin', body: { name: 'okta' } }), 409, 'UPSTREAM_PROVIDER_NAME_TAKEN');
    // Changing nothing writes nothing.
    expect(expectOk<ProviderBody>(await call(api, 'PATCH', `${path}/${created.id}`, { as: 'globalAdmin', body: { enabled: false } })).version).toBe(2);

    expect((await call(api, 'DELETE', `${path}/${created.id}`, { as: 'globalAdmin' })).statusCode).toBe(204);
    expectError(await call(api, 'GET', `${path}/${created.id}`, { as: 'globalAdmin' }), 404, 'UPSTREAM_PROVIDER_NOT_FOUND');
    expectError(await call(api, 'DELETE', `${path}/${created.id}`, { as: 'globalAdmin' }), 404, 'UPSTREAM_PROVIDER_NOT_FOUND');

    const audit = await listAuditEvents(api.deps, api.system, { limit: 100 });
    if (!audit.ok) throw new Error(audit.message);
    const events = audit.value.items.filter((e) => e.target.id === created.id);
    expect(events.map((e) => e.action).sort()).toEqual(['upstreamProvider.created', 'upstreamProvider.deleted', 'upstreamProvider.updated']);
    expect(events.find((e) => e.action === 'upstreamProvider.updated')?.after).toMatchObject({ enabled: false, secretChanged: true });
    for (const event of events) {
      expect(JSON.stringify(event)).not.toContain(secret);
      expect(JSON.stringify(event)).not.toContain('new-secret');
    }
  });

  it('pages the list with a cursor and refuses a forged one', async () => {
    for (let i = 0; i < 3; i++) await create();
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: PageBody<ProviderBody> = expectOk(await call(api, 'GET', `${path}?limit=2${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`, { as: 'globalAdmin' }));
      all.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(all).toEqual([...all].sort());
    expect(new Set(all).size).toBe(all.length);
    expectError(await call(api, 'GET', `${path}?cursor=forged`, { as: 'globalAdmin' }), 400, 'INVALID_CURSOR');
  });

  it('refuses unauthenticated callers and those without settings.manage (or directory.read)', async () => {
    expectError(await call(api, 'GET', path), 401, 'UNAUTHENTICATED');
    expectError(await call(api, 'POST', path, { body: okta }), 401, 'UNAUTHENTICATED');
    expectError(await call(api, 'GET', path, { as: { token: 'ward_pat_forged' } }), 401, 'UNAUTHENTICATED');
    expectError(await call(api, 'POST', path, { as: 'policyManager', body: { ...okta, name: 'Not allowed' } }), 403, 'FORBIDDEN');
    const created = await create();
    for (const role of ['helpDeskOperator', 'readOnlyAuditor', 'policyManager'] as const) {
      expectError(await call(api, 'PATCH', `${path}/${created.id}`, { as: role, body: { enabled: false } }), 403, 'FORBIDDEN');
      expectError(await call(api, 'DELETE', `${path}/${created.id}`, { as: role }), 403, 'FORBIDDEN');
    }
    expect(expectOk<ProviderBody>(await call(api, 'GET', `${path}/${created.id}`, { as: 'globalAdmin' })).enabled).toBe(true);
  });

  it('refuses hostile and malformed registrations, changing nothing', async () => {
    const before = expectOk<PageBody<ProviderBody>>(await call(api, 'GET', `${path}?limit=100`, { as: 'globalAdmin' })).items.length;
    const cases: [Record<string, unknown>, string][] = [
      [{ ...okta, name: 'Plain http', issuer: 'http://example.okta.com' }, 'UPSTREAM_PROVIDER_INVALID'],
      [{ ...okta, name: 'Loopback http', issuer: 'http://127.0.0.1:8080' }, 'UPSTREAM_PROVIDER_INVALID'],
      [{ ...okta, name: 'Query', issuer: 'https://example.okta.com/?tenant=1' }, 'UPSTREAM_PROVIDER_INVALID'],
      [{ ...okta, name: 'Fragment', issuer: 'https://example.okta.com/#x' }, 'UPSTREAM_PROVIDER_INVALID'],
      [{ ...okta, name: 'Not a URL', issuer: 'example.okta.com' }, 'UPSTREAM_PROVIDER_INVALID'],
      [{ ...okta, name: 'Script', issuer: 'javascript:alert(1)' }, 'UPSTREAM_PROVIDER_INVALID'],
      [{ ...okta, name: 'Userinfo', issuer: 'https://admin:pw@example.okta.com' }, 'UPSTREAM_PROVIDER_INVALID'],
      [{ ...okta, name: 'No openid', scopes: ['email'] }, 'UPSTREAM_PROVIDER_INVALID'],
      [{ ...okta, name: 'Bad scope', scopes: ['openid', 'a b'] }, 'UPSTREAM_PROVIDER_INVALID'],
      [{ ...okta, name: '\u0000evil' }, 'UPSTREAM_PROVIDER_INVALID'],
      [{ ...okta, name: 'x'.repeat(upstreamProviderLimits.nameLength + 1) }, 'UPSTREAM_PROVIDER_INVALID'],
      [{ ...okta, name: 'Long issuer', issuer: `https://example.okta.com/${'a'.repeat(2000)}` }, 'VALIDATION_FAILED'],
      [{ ...okta, name: 'Long secret', clientSecret: 'x'.repeat(upstreamProviderLimits.clientSecretLength + 1) }, 'VALIDATION_FAILED'],
      [{ ...okta, name: 'Empty secret', clientSecret: '' }, 'VALIDATION_FAILED'],
      [{ ...okta, name: 'Too many scopes', scopes: ['openid', ...Array.from({ length: 20 }, (_, i) => `s${i}`)] }, 'VALIDATION_FAILED'],
      [{ ...okta, name: 'Extra field', hasSecret: true }, 'VALIDATION_FAILED'],
      [{ ...okta, name: 'Wrong type', enabled: 'yes' }, 'VALIDATION_FAILED'],
      [{ name: 'Missing fields' }, 'VALIDATION_FAILED'],
    ];
    for (const [body, code] of cases) expectError(await call(api, 'POST', path, { as: 'globalAdmin', body }), 400, code);
    expectError(await call(api, 'POST', path, { as: 'globalAdmin', rawBody: '{"name":', contentType: 'application/json' }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'POST', path, { as: 'globalAdmin', rawBody: JSON.stringify({ ...okta, name: 'Huge', clientSecret: 'x'.repeat(2 * 1024 * 1024) }) }), 413, 'PAYLOAD_TOO_LARGE');
    const created = await create();
    expectError(await call(api, 'PATCH', `${path}/${created.id}`, { as: 'globalAdmin', body: {} }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'PATCH', `${path}/${created.id}`, { as: 'globalAdmin', body: { issuer: 'http://example.okta.com' } }), 400, 'UPSTREAM_PROVIDER_INVALID');
    expectError(await call(api, 'GET', `${path}/..%2Fetc`, { as: 'globalAdmin' }), 400, 'VALIDATION_FAILED');
    const after = expectOk<PageBody<ProviderBody>>(await call(api, 'GET', `${path}?limit=100`, { as: 'globalAdmin' })).items.length;
    expect(after).toBe(before + 1);
  });

  it('bounds the providers per tenant', async () => {
    const count = expectOk<PageBody<ProviderBody>>(await call(api, 'GET', `${path}?limit=100`, { as: 'globalAdmin' })).items.length;
    for (let i = count; i < upstreamProviderLimits.perTenant; i++) await create();
    expectError(await call(api, 'POST', path, { as: 'globalAdmin', body: { ...okta, name: 'One too many' } }), 409, 'UPSTREAM_PROVIDER_LIMIT');
  });
});
