import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAdmin, createApiToken, ensureTenant, registerDevice, systemPrincipal, type DeviceId } from '@ward/core';
import { call, expectError, expectOk, startTestApi, type PageBody, type TestApi } from './support/test-api.js';

interface AppBody {
  id: string;
  name: string;
  kind: string;
  identifier: string;
  platforms: string[];
  details: Record<string, unknown>;
  iconSha256: string | null;
  currentVersionId: string | null;
  version: number;
}

let api: TestApi;
beforeEach(async () => {
  api = await startTestApi();
});
afterEach(async () => {
  await api.close();
});

// A 1×1 PNG: signature, IHDR, IDAT, IEND.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const tool = { name: 'Build Tool', publisher: 'Example', kind: 'lineOfBusiness', identifier: 'build-tool', platforms: ['linux'] };

async function createApp(body: Record<string, unknown> = tool, as: Parameters<typeof call>[3] = { as: 'globalAdmin' }): Promise<AppBody> {
  return expectOk<AppBody>(await call(api, 'POST', '/api/v1/apps', { ...as, body }), 201);
}

/** A second tenant with a global admin, and that admin's token. */
async function otherTenantToken(): Promise<string> {
  const other = await ensureTenant(api.deps, 'other', 'Other');
  const system = systemPrincipal(other.id, 'system');
  const admin = await createAdmin(api.deps, system, { email: 'admin@other.test', displayName: 'Other', role: 'globalAdmin', password: 'correct horse battery staple' });
  if (!admin.ok) throw new Error(admin.message);
  const token = await createApiToken(api.deps, system, { name: 'other', role: 'globalAdmin', expiresInDays: 1, ownerUserId: admin.value.user.id });
  if (!token.ok) throw new Error(token.message);
  return token.value.bearer;
}

describe('the app catalog', () => {
  it('creates, reads, lists, changes and deletes apps of every kind', async () => {
    const created = await call(api, 'POST', '/api/v1/apps', { as: 'policyManager', body: tool });
    const app = expectOk<AppBody>(created, 201);
    expect(created.headers.location).toBe(`/api/v1/apps/${app.id}`);
    expect(app).toMatchObject({ name: 'Build Tool', kind: 'lineOfBusiness', identifier: 'build-tool', platforms: ['linux'], details: {}, iconSha256: null, currentVersionId: null, version: 1 });

    const firefox = await createApp({ name: 'Firefox', kind: 'flathub', identifier: 'org.mozilla.firefox' });
    expect(firefox).toMatchObject({ kind: 'flathub', details: { remote: 'flathub' }, platforms: ['linux'] });
    const portal = await createApp({ name: 'Intranet', kind: 'web', identifier: 'com.example.intranet', details: { url: 'https://intranet.example.test/' } });
    expect(portal.details).toEqual({ url: 'https://intranet.example.test/' });

    expect(expectOk<AppBody>(await call(api, 'GET', `/api/v1/apps/${app.id}`, { as: 'readOnlyAuditor' }))).toEqual(app);
    const page = expectOk<PageBody<AppBody>>(await call(api, 'GET', '/api/v1/apps?sort=name', { as: 'helpDeskOperator' }));
    expect(page.items.map((a) => a.name)).toEqual(['Build Tool', 'Firefox', 'Intranet']);
    expect(expectOk<PageBody<AppBody>>(await call(api, 'GET', '/api/v1/apps?kind=web', { as: 'globalAdmin' })).items.map((a) => a.id)).toEqual([portal.id]);
    expect(expectOk<PageBody<AppBody>>(await call(api, 'GET', '/api/v1/apps?q=MOZILLA', { as: 'globalAdmin' })).items.map((a) => a.id)).toEqual([firefox.id]);

    const changed = expectOk<AppBody>(await call(api, 'PATCH', `/api/v1/apps/${app.id}`, { as: 'globalAdmin', body: { name: 'Build Tool 2', expectedVersion: 1 } }));
    expect(changed).toMatchObject({ name: 'Build Tool 2', identifier: 'build-tool', version: 2 });
    expectError(await call(api, 'PATCH', `/api/v1/apps/${app.id}`, { as: 'globalAdmin', body: { name: 'Lost update', expectedVersion: 1 } }), 409, 'APP_VERSION_CONFLICT');

    expect(expectOk<PageBody<unknown>>(await call(api, 'GET', `/api/v1/apps/${app.id}/versions`, { as: 'readOnlyAuditor' }))).toEqual({ items: [], nextCursor: null });

    expect((await call(api, 'DELETE', `/api/v1/apps/${app.id}`, { as: 'globalAdmin' })).statusCode).toBe(204);
    expectError(await call(api, 'GET', `/api/v1/apps/${app.id}`, { as: 'globalAdmin' }), 404, 'APP_NOT_FOUND');
    expectError(await call(api, 'DELETE', `/api/v1/apps/${app.id}`, { as: 'globalAdmin' }), 404, 'APP_NOT_FOUND');
  });

  it('refuses malformed, oversized and unknown input before or in the use case', async () => {
    expectError(await call(api, 'POST', '/api/v1/apps', { as: 'globalAdmin', body: { ...tool, surprise: true } }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'POST', '/api/v1/apps', { as: 'globalAdmin', body: { ...tool, kind: 'warez' } }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'POST', '/api/v1/apps', { as: 'globalAdmin', body: { ...tool, name: 'x'.repeat(201) } }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'POST', '/api/v1/apps', { as: 'globalAdmin', body: { ...tool, identifier: 'rm -rf /' } }), 400, 'APP_INVALID');
    expectError(await call(api, 'POST', '/api/v1/apps', { as: 'globalAdmin', body: { name: 'Firefox', kind: 'flathub', identifier: 'org.mozilla.firefox', platforms: ['ios'] } }), 400, 'APP_INVALID');
    expectError(await call(api, 'POST', '/api/v1/apps', { as: 'globalAdmin', body: { ...tool, icon: Buffer.from('<svg onload=alert(1)>').toString('base64') } }), 400, 'APP_ICON_INVALID');
    expectError(await call(api, 'POST', '/api/v1/apps', { as: 'globalAdmin', rawBody: '{"name": ' }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'POST', '/api/v1/apps', { as: 'globalAdmin', rawBody: 'name=x', contentType: 'application/x-www-form-urlencoded' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    await createApp();
    expectError(await call(api, 'POST', '/api/v1/apps', { as: 'globalAdmin', body: { ...tool, identifier: 'BUILD-TOOL' } }), 409, 'APP_IDENTIFIER_TAKEN');
    expectError(await call(api, 'GET', '/api/v1/apps/..%2F..%2Fetc', { as: 'globalAdmin' }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'GET', `/api/v1/apps/${'a'.repeat(65)}`, { as: 'globalAdmin' }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'GET', '/api/v1/apps?limit=100000', { as: 'globalAdmin' }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'GET', '/api/v1/apps?cursor=garbage', { as: 'globalAdmin' }), 400, 'INVALID_CURSOR');
  });

  it('lets only policy writers change the catalog, and nobody without a token read it', async () => {
    expectError(await call(api, 'GET', '/api/v1/apps'), 401, 'UNAUTHENTICATED');
    expectError(await call(api, 'POST', '/api/v1/apps', { body: tool }), 401, 'UNAUTHENTICATED');
    expectError(await call(api, 'POST', '/api/v1/apps', { as: { token: 'ward_not-a-token' }, body: tool }), 401, 'UNAUTHENTICATED');
    expectError(await call(api, 'POST', '/api/v1/apps', { as: 'readOnlyAuditor', body: tool }), 403, 'FORBIDDEN');
    expectError(await call(api, 'POST', '/api/v1/apps', { as: 'helpDeskOperator', body: tool }), 403, 'FORBIDDEN');
    const app = await createApp();
    expectError(await call(api, 'PATCH', `/api/v1/apps/${app.id}`, { as: 'readOnlyAuditor', body: { name: 'Mine now' } }), 403, 'FORBIDDEN');
    expectError(await call(api, 'DELETE', `/api/v1/apps/${app.id}`, { as: 'helpDeskOperator' }), 403, 'FORBIDDEN');
    expect(expectOk<AppBody>(await call(api, 'GET', `/api/v1/apps/${app.id}`, { as: 'globalAdmin' })).name).toBe('Build Tool');
  });

  it('hides another tenant\'s apps as if they did not exist', async () => {
    const otherToken = await otherTenantToken();
    const theirs = await createApp(tool, { as: { token: otherToken } });
    for (const [method, path] of [
      ['GET', `/api/v1/apps/${theirs.id}`],
      ['PATCH', `/api/v1/apps/${theirs.id}`],
      ['DELETE', `/api/v1/apps/${theirs.id}`],
      ['GET', `/api/v1/apps/${theirs.id}/versions`],
      ['GET', `/api/v1/apps/${theirs.id}/icon`],
      ['GET', `/api/v1/apps/${theirs.id}/status`],
    ] as const) {
      expectError(await call(api, method, path, { as: 'globalAdmin', ...(method === 'PATCH' ? { body: { name: 'Taken over' } } : {}) }), 404, 'APP_NOT_FOUND');
    }
    expect(expectOk<PageBody<AppBody>>(await call(api, 'GET', '/api/v1/apps', { as: 'globalAdmin' })).items).toEqual([]);
    // The same identifier is free in this tenant: identifiers are unique per tenant only.
    await createApp();
    expect(expectOk<AppBody>(await call(api, 'GET', `/api/v1/apps/${theirs.id}`, { as: { token: otherToken } })).name).toBe('Build Tool');
  });
});

describe('app icons', () => {
  it('serves the icon as a PNG with its SHA-256 as ETag, and 304 for a client that has it', async () => {
    const app = await createApp({ ...tool, icon: png.toString('base64') });
    expect(app.iconSha256).toMatch(/^[0-9a-f]{64}$/);
    const icon = await call(api, 'GET', `/api/v1/apps/${app.id}/icon`, { as: 'readOnlyAuditor' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toBe('image/png');
    expect(icon.headers.etag).toBe(`"${app.iconSha256 ?? ''}"`);
    expect(icon.headers['x-content-type-options']).toBe('nosniff');
    expect(icon.rawPayload).toEqual(png);
    const again = await call(api, 'GET', `/api/v1/apps/${app.id}/icon`, { as: 'readOnlyAuditor', headers: { 'if-none-match': `"${app.iconSha256 ?? ''}"` } });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    expect((await call(api, 'GET', `/api/v1/apps/${app.id}/icon`, { as: 'readOnlyAuditor', headers: { 'if-none-match': '"stale"' } })).statusCode).toBe(200);

    const bare = await createApp({ ...tool, identifier: 'bare-tool' });
    expectError(await call(api, 'GET', `/api/v1/apps/${bare.id}/icon`, { as: 'globalAdmin' }), 404, 'NOT_FOUND');
    expectError(await call(api, 'GET', `/api/v1/apps/${app.id}/icon`), 401, 'UNAUTHENTICATED');
  });
});

describe('app assignments and install status', () => {
  it('assigns an app with an intent and reports its devices by status', async () => {
    const app = await createApp();
    const assigned = await call(api, 'POST', `/api/v1/apps/${app.id}/assignments`, { as: 'policyManager', body: { target: { type: 'allDevices' }, mode: 'include', intent: 'uninstall' } });
    expect(expectOk<{ itemKind: string; intent: string }>(assigned, 201)).toMatchObject({ itemKind: 'app', intent: 'uninstall' });
    expect(expectOk<PageBody<unknown>>(await call(api, 'GET', `/api/v1/apps/${app.id}/assignments`, { as: 'readOnlyAuditor' })).items).toHaveLength(1);
    expectError(await call(api, 'POST', `/api/v1/apps/${app.id}/assignments`, { as: 'readOnlyAuditor', body: { target: { type: 'allDevices' }, mode: 'include', intent: 'required' } }), 403, 'FORBIDDEN');
    expectError(await call(api, 'POST', '/api/v1/apps/unknown-app/assignments', { as: 'globalAdmin', body: { target: { type: 'allDevices' }, mode: 'include' } }), 404, 'ASSIGNMENT_ITEM_NOT_FOUND');
    expectError(await call(api, 'GET', '/api/v1/apps/unknown-app/assignments', { as: 'globalAdmin' }), 404, 'APP_NOT_FOUND');

    const status = expectOk<{ appId: string; counts: Record<string, number>; items: unknown[]; nextCursor: string | null }>(await call(api, 'GET', `/api/v1/apps/${app.id}/status`, { as: 'readOnlyAuditor' }));
    expect(status).toEqual({ appId: app.id, counts: { pending: 0, installed: 0, failed: 0, notApplicable: 0, removing: 0, removed: 0 }, items: [], nextCursor: null });
    expectError(await call(api, 'GET', `/api/v1/apps/${app.id}/status?status=gone`, { as: 'globalAdmin' }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'GET', `/api/v1/apps/${app.id}/status`), 401, 'UNAUTHENTICATED');
  });
});

describe('the fleet app inventory', () => {
  it('finds installed software by name and version across corporate devices', async () => {
    const ids: DeviceId[] = [];
    for (const [name, version] of [['alpha', '128.0'], ['bravo', '128.0'], ['charlie', '115.9esr']] as const) {
      const device = await registerDevice(api.deps, api.system, { name, platform: 'linux', ownership: 'corporate' });
      if (!device.ok) throw new Error(device.message);
      ids.push(device.value.id);
      await api.deps.stores.replaceDeviceSoftware(api.tenant.id, device.value.id, [
        { name: 'Firefox', version, source: 'dpkg' },
        { name: 'htop', version: '3.3.0', source: 'dpkg' },
      ]);
    }
    const firefox = expectOk<PageBody<{ name: string; version: string; deviceCount: number }>>(await call(api, 'GET', '/api/v1/app-inventory?q=fire', { as: 'readOnlyAuditor' }));
    expect(firefox.items).toEqual([
      { name: 'Firefox', version: '115.9esr', deviceCount: 1 },
      { name: 'Firefox', version: '128.0', deviceCount: 2 },
    ]);
    const exact = expectOk<PageBody<{ deviceCount: number }>>(await call(api, 'GET', '/api/v1/app-inventory?q=firefox&version=128.0', { as: 'globalAdmin' }));
    expect(exact.items).toEqual([{ name: 'Firefox', version: '128.0', deviceCount: 2 }]);
    const paged = expectOk<PageBody<{ name: string }>>(await call(api, 'GET', '/api/v1/app-inventory?limit=2', { as: 'globalAdmin' }));
    expect(paged.items).toHaveLength(2);
    expect(paged.nextCursor).not.toBeNull();
    const devices = expectOk<PageBody<{ deviceId: string; deviceName: string; version: string }>>(await call(api, 'GET', '/api/v1/app-inventory/devices?name=Firefox&version=128.0', { as: 'globalAdmin' }));
    expect(devices.items.map((d) => d.deviceName).sort()).toEqual(['alpha', 'bravo']);

    expectError(await call(api, 'GET', `/api/v1/app-inventory?q=${'x'.repeat(201)}`, { as: 'globalAdmin' }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'GET', '/api/v1/app-inventory/devices', { as: 'globalAdmin' }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'GET', '/api/v1/app-inventory?cursor=%00%01', { as: 'globalAdmin' }), 400, 'INVALID_CURSOR');
    expectError(await call(api, 'GET', '/api/v1/app-inventory'), 401, 'UNAUTHENTICATED');
  });
});
