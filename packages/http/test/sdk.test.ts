import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents, type AppProtectionPolicy, type TenantId } from '@ward/core';
import { expectCode, okBody, send } from './support/policy-http.js';
import { checkIn, register, startSdkWorld, TestSdkApp, type CheckedInBody, type RegisteredBody, type SdkWorld } from './support/sdk-world.js';
import type { PageBody } from './support/test-api.js';

// The SDK protocol (docs/protocols/sdk-v1.md) over a real socket, as an app with the SDK speaks it:
// registration with a user's access token, signed check-ins over the exact body bytes, and every
// refusal the contract names, each asserting its exact code and that nothing changed.

let world: SdkWorld;
let policy: AppProtectionPolicy;
let token: string;

interface RegistrationRow {
  readonly id: string;
  readonly state: string;
  readonly sequence: number;
  readonly publicKey: { readonly x: string };
  readonly reported: { readonly policyVersion: string | null; readonly flagged: readonly string[] };
  readonly wipe: { readonly id: string; readonly outcome: string | null } | null;
}

async function registrations(query = ''): Promise<RegistrationRow[]> {
  return okBody<PageBody<RegistrationRow>>(await send(world, 'GET', `/api/v1/app-registrations${query}`, { as: 'globalAdmin' })).items;
}

async function registered(app = new TestSdkApp()): Promise<TestSdkApp> {
  okBody<RegisteredBody>(await register(world, app, token), 201);
  return app;
}

beforeAll(async () => {
  world = await startSdkWorld();
  policy = await world.protect();
  token = world.tokenFor();
});

afterAll(async () => {
  await world.close();
});

describe('registration', () => {
  it('registers an app for the token\'s user and answers the policy, configuration and key share (201)', async () => {
    const app = new TestSdkApp();
    const response = await register(world, app, token);
    const body = okBody<RegisteredBody>(response, 201);
    expect(body).toMatchObject({ policyVersion: policy.hash, configuration: {}, checkInIntervalSeconds: 900, serverTime: world.clock.now().toISOString() });
    expect(body.keyShare).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.policy).toMatchObject({ pin: { required: true, type: 'numeric', minLength: 6 }, encryptData: true, managedApps: ['com.ward.notes-demo'] });
    expect(Object.keys(body).sort()).toEqual(['checkInIntervalSeconds', 'configuration', 'configurationVersion', 'keyShare', 'policy', 'policyVersion', 'registrationId', 'serverTime']);
    // Browser apps call from their own origin; no cookie is honoured, so any origin may.
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const row = (await registrations()).find((r) => r.id === body.registrationId);
    expect(row).toMatchObject({ state: 'active', sequence: 0, publicKey: { x: app.publicKey.x } });
    expect(JSON.stringify(row)).not.toContain(body.keyShare);
  });

  it('re-keys the same user, app and device tag, keeping the id (200); the old key signs nothing any more', async () => {
    const app = await registered();
    const first = app.registrationId;
    const oldKey = app.privateKey;
    ({ privateKey: app.privateKey, publicKey: app.publicKey } = TestSdkApp.newKey());
    const again = okBody<RegisteredBody>(await register(world, app, token), 200);
    expect(again.registrationId).toBe(first);
    const body = app.checkIn(world.clock.now());
    expectCode(await checkIn(world, app, body, { 'ward-registration': app.registrationId, 'ward-signature': app.sign(body, oldKey) }), 401, 'SDK_SIGNATURE_INVALID');
    okBody<CheckedInBody>(await checkIn(world, app, app.checkIn(world.clock.now())));
  });

  it('refuses a missing, malformed or unknown token with 401 and a Bearer challenge, before reading the body', async () => {
    const app = new TestSdkApp();
    const none = await send(world, 'POST', '/sdk/v1/registrations', { body: app.registration() });
    expectCode(none, 401, 'UNAUTHENTICATED');
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="ward-sdk"');
    const basic = await send(world, 'POST', '/sdk/v1/registrations', { body: app.registration(), headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expectCode(basic, 401, 'UNAUTHENTICATED');
    expect(basic.headers.get('www-authenticate')).toContain('error="invalid_request"');
    const unknown = await send(world, 'POST', '/sdk/v1/registrations', { as: { token: 'not-a-token-anyone-issued' }, body: app.registration() });
    expectCode(unknown, 401, 'UNAUTHENTICATED');
    expect(unknown.headers.get('www-authenticate')).toContain('error="invalid_token"');
    // A revoked (or expired) token is one the verifier no longer vouches for.
    const revoked = world.tokenFor();
    world.revoke(revoked);
    expectCode(await register(world, app, revoked), 401, 'UNAUTHENTICATED');
    // Without a valid token even a body over the limit is not read.
    expectCode(await send(world, 'POST', '/sdk/v1/registrations', { rawBody: 'x'.repeat(64 * 1024) }), 401, 'UNAUTHENTICATED');
    expect((await registrations()).some((r) => r.publicKey.x === app.publicKey.x)).toBe(false);
  });

  it('refuses a disabled user\'s token even while the token lives', async () => {
    const grace = await world.addUser('grace@example.com');
    const stored = await world.deps.stores.getUser(world.tenant.id, grace.id);
    if (stored === undefined) throw new Error('no user');
    await world.deps.stores.updateUser({ ...stored, disabled: true });
    expectCode(await register(world, new TestSdkApp(), world.tokenFor({ userId: grace.id })), 401, 'UNAUTHENTICATED');
  });

  it('refuses an app the catalog does not hold (404) and one no policy protects (403), storing nothing', async () => {
    const before = (await registrations()).length;
    expectCode(await register(world, new TestSdkApp('com.example.unknown'), token), 404, 'APP_NOT_FOUND');
    const created = await send(world, 'POST', '/api/v1/apps', { as: 'globalAdmin', body: { name: 'Wiki', kind: 'web', identifier: 'com.example.wiki', details: { url: 'https://wiki.example.com/' } } });
    okBody(created, 201);
    expectCode(await register(world, new TestSdkApp('com.example.wiki'), token), 403, 'APP_PROTECTION_NOT_ASSIGNED');
    // Another tenant's user registering this tenant's app: the token's tenant has no such app.
    expectCode(await register(world, new TestSdkApp(), world.tokenFor({ tenantId: 'another-tenant' as TenantId })), 401, 'UNAUTHENTICATED');
    expect((await registrations()).length).toBe(before);
  });

  it('refuses malformed bodies with 400, an oversized one with 413 and another media type with 415', async () => {
    const app = new TestSdkApp();
    const post = (options: Parameters<typeof send>[3]) => send(world, 'POST', '/sdk/v1/registrations', { as: { token }, ...options });
    expectCode(await post({ rawBody: '{"appId":' }), 400, 'VALIDATION_FAILED');
    expectCode(await post({ rawBody: '' }), 400, 'VALIDATION_FAILED');
    expectCode(await post({ rawBody: '{"__proto__":{"admin":true}}' }), 400, 'VALIDATION_FAILED');
    expectCode(await post({ body: { ...app.registration(), extra: 1 } }), 400, 'VALIDATION_FAILED');
    expectCode(await post({ body: app.registration({ deviceName: 'x'.repeat(201) }) }), 400, 'VALIDATION_FAILED');
    expectCode(await post({ body: app.registration({ deviceTag: 'short' }) }), 400, 'VALIDATION_FAILED');
    expectCode(await post({ body: app.registration({ platform: 'ios' }) }), 400, 'VALIDATION_FAILED');
    expectCode(await post({ body: app.registration({ publicKey: { ...app.publicKey, d: 'private-member-refused-aaaaaaaaaaaaaaaaaaaaaa' } }) }), 400, 'VALIDATION_FAILED');
    // Well-formed coordinates that are not a point of P-256.
    const offCurve = await post({ body: app.registration({ publicKey: { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'A'.repeat(43) } }) });
    expect(expectCode(offCurve, 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'publicKey' });
    expectCode(await post({ body: app.registration({ deviceName: 'x'.repeat(17 * 1024) }) }), 413, 'PAYLOAD_TOO_LARGE');
    expectCode(await post({ rawBody: 'appId=x', contentType: 'application/x-www-form-urlencoded' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect((await registrations()).some((r) => r.publicKey.x === app.publicKey.x)).toBe(false);
  });

  it('answers a browser\'s preflight for both endpoints', async () => {
    for (const path of ['/sdk/v1/registrations', '/sdk/v1/check-in']) {
      const response = await send(world, 'OPTIONS' as 'GET', path, { headers: { origin: 'https://notes.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, ward-signature' } });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-allow-headers')).toBe('authorization, content-type, ward-registration, ward-signature');
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });
});

describe('check-in', () => {
  it('accepts a signed check-in: answers no policy or configuration the app has, the key share, no wipe', async () => {
    const app = await registered();
    const response = await checkIn(world, app, app.checkIn(world.clock.now(), { usage: { launches: 3, activeDays: ['2025-03-01'], lastUsedAt: world.clock.now().toISOString() } }));
    const body = okBody<CheckedInBody>(response);
    expect(body).toMatchObject({ policy: null, policyVersion: policy.hash, configuration: null, wipe: null, checkInIntervalSeconds: 900 });
    expect(body.keyShare).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const row = (await registrations()).find((r) => r.id === app.registrationId);
    expect(row).toMatchObject({ sequence: 1, reported: { policyVersion: policy.hash, flagged: [] } });
    const usage = okBody<{ apps: { appIdentifier: string; launches: number }[] }>(await send(world, 'GET', '/api/v1/app-usage?from=2025-03-01&to=2025-03-01', { as: 'readOnlyAuditor' }));
    expect(usage.apps.find((a) => a.appIdentifier === 'com.ward.notes-demo')?.launches).toBeGreaterThanOrEqual(3);
  });

  it('answers a changed policy once the app reports an older version', async () => {
    const app = await registered();
    const changed = okBody<CheckedInBody>(await checkIn(world, app, app.checkIn(world.clock.now(), { policyVersion: 'an-older-version' })));
    expect(changed.policy).toMatchObject({ encryptData: true });
    expect(changed.policyVersion).toBe(policy.hash);
  });

  it('refuses a bad signature: another key, a changed byte, a truncated or missing header (401), changing nothing', async () => {
    const app = await registered();
    const body = app.checkIn(world.clock.now());
    const other = TestSdkApp.newKey();
    expectCode(await checkIn(world, app, body, { 'ward-registration': app.registrationId, 'ward-signature': app.sign(body, other.privateKey) }), 401, 'SDK_SIGNATURE_INVALID');
    const tampered = body.replace('"pinSet":true', '"pinSet":false');
    expectCode(await checkIn(world, app, tampered, { 'ward-registration': app.registrationId, 'ward-signature': app.sign(body) }), 401, 'SDK_SIGNATURE_INVALID');
    // The same JSON with other whitespace is other bytes: the signature is over bytes, not values.
    expectCode(await checkIn(world, app, ` ${body}`, { 'ward-registration': app.registrationId, 'ward-signature': app.sign(body) }), 401, 'SDK_SIGNATURE_INVALID');
    expectCode(await checkIn(world, app, body, { 'ward-registration': app.registrationId, 'ward-signature': app.sign(body).slice(0, 80) }), 401, 'SDK_SIGNATURE_INVALID');
    expectCode(await checkIn(world, app, body, { 'ward-registration': app.registrationId }), 401, 'SDK_SIGNATURE_INVALID');
    expectCode(await checkIn(world, app, body, { 'ward-signature': app.sign(body) }), 401, 'SDK_SIGNATURE_INVALID');
    // A body naming another registration than the header, though signed by this key.
    const elsewhere = await registered();
    const forOther = app.checkIn(world.clock.now(), { registrationId: elsewhere.registrationId });
    expectCode(await checkIn(world, app, forOther), 401, 'SDK_SIGNATURE_INVALID');
    expect((await registrations()).find((r) => r.id === app.registrationId)?.sequence).toBe(0);
  });

  it('refuses a replayed sequence (409) and a stale or future sentAt (400, with the server time)', async () => {
    const app = await registered();
    const body = app.checkIn(world.clock.now());
    okBody<CheckedInBody>(await checkIn(world, app, body));
    expectCode(await checkIn(world, app, body), 409, 'SDK_CHECK_IN_REPLAYED');
    app.sequence = 0;
    expectCode(await checkIn(world, app, app.checkIn(world.clock.now())), 409, 'SDK_CHECK_IN_REPLAYED');
    app.sequence = 5;
    const stale = await checkIn(world, app, app.checkIn(new Date(world.clock.now().getTime() - 6 * 60_000)));
    expect(expectCode(stale, 400, 'SDK_CHECK_IN_STALE').details).toEqual({ serverTime: world.clock.now().toISOString() });
    expectCode(await checkIn(world, app, app.checkIn(new Date(world.clock.now().getTime() + 6 * 60_000))), 400, 'SDK_CHECK_IN_STALE');
    // Within five minutes either way is accepted, and the sequence may jump ahead.
    okBody<CheckedInBody>(await checkIn(world, app, app.checkIn(new Date(world.clock.now().getTime() + 4 * 60_000))));
    expect((await registrations()).find((r) => r.id === app.registrationId)?.sequence).toBe(8);
  });

  it('refuses an unknown registration (404) and malformed, oversized or non-JSON bodies', async () => {
    const app = await registered();
    const stranger = new TestSdkApp();
    stranger.registrationId = '01890000-0000-7000-8000-000000000000';
    expectCode(await checkIn(world, stranger, stranger.checkIn(world.clock.now())), 404, 'SDK_REGISTRATION_NOT_FOUND');
    const malformed = '{"registrationId":';
    expectCode(await checkIn(world, app, malformed), 400, 'VALIDATION_FAILED');
    const unknownField = app.checkIn(world.clock.now(), { admin: true });
    expectCode(await checkIn(world, app, unknownField), 400, 'VALIDATION_FAILED');
    const badFlag = app.checkIn(world.clock.now(), { state: { pinSet: true, encrypted: true, jailbroken: false, flagged: ['rooted'] } });
    expectCode(await checkIn(world, app, badFlag), 400, 'VALIDATION_FAILED');
    const oversized = app.checkIn(world.clock.now(), { usage: { launches: 1, activeDays: [], lastUsedAt: null, padding: 'x'.repeat(17 * 1024) } });
    expectCode(await checkIn(world, app, oversized), 413, 'PAYLOAD_TOO_LARGE');
    // The body is parsed only once the registration and the signature hold (sdk-v1.md's order).
    expectCode(await checkIn(world, app, malformed, { 'ward-registration': app.registrationId, 'ward-signature': app.sign('something else') }), 401, 'SDK_SIGNATURE_INVALID');
    expectCode(await checkIn(world, stranger, malformed, { 'ward-registration': stranger.registrationId, 'ward-signature': stranger.sign(malformed) }), 404, 'SDK_REGISTRATION_NOT_FOUND');
    // No body at all: no signature covers it, and a signature of the empty bytes still is no check-in.
    expectCode(await send(world, 'POST', '/sdk/v1/check-in', { headers: { 'ward-registration': app.registrationId, 'ward-signature': app.sign('{}') } }), 401, 'SDK_SIGNATURE_INVALID');
    expectCode(await send(world, 'POST', '/sdk/v1/check-in', { headers: { 'ward-registration': app.registrationId, 'ward-signature': app.sign('') } }), 400, 'VALIDATION_FAILED');
    const asText = await send(world, 'POST', '/sdk/v1/check-in', { rawBody: 'hello', contentType: 'text/plain', headers: { 'ward-registration': app.registrationId, 'ward-signature': app.sign('hello') } });
    expectCode(asText, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect((await registrations()).find((r) => r.id === app.registrationId)?.sequence).toBe(0);
  });

  it('delivers a wipe with the key share withheld, records the confirmation once, then answers 410', async () => {
    const app = await registered();
    const wiped = await send(world, 'POST', `/api/v1/app-registrations/${app.registrationId}/wipe`, { as: 'helpDeskOperator' });
    const pending = okBody<RegistrationRow>(wiped, 202);
    expect(pending.state).toBe('wipePending');
    const wipeId = pending.wipe?.id ?? '';

    const delivered = okBody<CheckedInBody>(await checkIn(world, app, app.checkIn(world.clock.now())));
    expect(delivered).toMatchObject({ keyShare: null, wipe: { wipeId, scope: 'registration' } });

    const confirmation = app.checkIn(world.clock.now(), { wipeConfirmation: { wipeId, outcome: 'succeeded' } });
    const confirmed = okBody<CheckedInBody>(await checkIn(world, app, confirmation));
    expect(confirmed).toMatchObject({ keyShare: null, wipe: null });
    // The same confirmation again, re-sent as it was or signed anew: nothing changes.
    expectCode(await checkIn(world, app, confirmation), 410, 'SDK_REGISTRATION_WIPED');
    expectCode(await checkIn(world, app, app.checkIn(world.clock.now(), { wipeConfirmation: { wipeId, outcome: 'failed', error: 'again' } })), 410, 'SDK_REGISTRATION_WIPED');
    const row = (await registrations()).find((r) => r.id === app.registrationId);
    expect(row).toMatchObject({ state: 'wiped', wipe: { id: wipeId, outcome: 'succeeded' } });
    const audit = await listAuditEvents(world.deps, world.system, { limit: 200 });
    if (!audit.ok) throw new Error(audit.message);
    expect(audit.value.items.filter((e) => e.action === 'appRegistration.wipeConfirmed' && e.target.id === app.registrationId)).toHaveLength(1);

    // The app must register anew; the wiped registration is not revived.
    const again = okBody<RegisteredBody>(await register(world, app, token), 201);
    expect(again.registrationId).not.toBe(row?.id);
  });
});

describe('the OpenAPI document', () => {
  it('describes both SDK endpoints under the sdk tag, with their security and error codes, and not the preflights', async () => {
    interface Operation {
      readonly tags?: string[];
      readonly security?: unknown;
      readonly 'x-ward-error-codes'?: string[];
      readonly responses?: Record<string, unknown>;
    }
    const doc = okBody<{ paths: Record<string, Record<string, Operation>> }>(await send(world, 'GET', '/api/v1/openapi.json'));
    expect(Object.keys(doc.paths['/sdk/v1/registrations'] ?? {})).toEqual(['post']);
    expect(Object.keys(doc.paths['/sdk/v1/check-in'] ?? {})).toEqual(['post']);
    const registration = doc.paths['/sdk/v1/registrations']?.post;
    expect(registration).toMatchObject({ tags: ['sdk'], security: [{ userAccessToken: [] }] });
    expect(registration?.['x-ward-error-codes']).toEqual(expect.arrayContaining(['UNAUTHENTICATED', 'VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE', 'APP_NOT_FOUND', 'APP_PROTECTION_NOT_ASSIGNED']));
    expect(Object.keys(registration?.responses ?? {})).toEqual(expect.arrayContaining(['200', '201', '401', '403', '404', '413']));
    const checkInOperation = doc.paths['/sdk/v1/check-in']?.post;
    expect(checkInOperation).toMatchObject({ tags: ['sdk'], security: [{ sdkSignature: [] }] });
    expect(checkInOperation?.['x-ward-error-codes']).toEqual(
      expect.arrayContaining(['SDK_SIGNATURE_INVALID', 'SDK_REGISTRATION_NOT_FOUND', 'SDK_REGISTRATION_WIPED', 'SDK_CHECK_IN_REPLAYED', 'SDK_CHECK_IN_STALE', 'PAYLOAD_TOO_LARGE']),
    );
    expect(checkInOperation?.['x-ward-error-codes']).not.toContain('TOKEN_EXPIRED');
    expect(Object.keys(checkInOperation?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '401', '404', '409', '410', '413']));
  });
});
