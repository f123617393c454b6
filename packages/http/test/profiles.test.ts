import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectCode, okBody, send, startListeningApi, type ListeningApi } from './support/policy-http.js';
import type { PageBody } from './support/test-api.js';

interface SettingBody {
  id: string;
  category: string;
  platforms: string[];
  value: { type: string; min?: number; max?: number; values?: string[] };
  default: unknown;
  mappings: Record<string, unknown>;
}

interface ProfileBody {
  id: string;
  name: string;
  description: string;
  platforms: string[];
  kind: string;
  body: Record<string, unknown>;
  secretsSet: string[];
  version: number;
}

let api: ListeningApi;
beforeEach(async () => {
  api = await startListeningApi({ bodyLimit: 64 * 1024 });
});
afterEach(async () => {
  await api.close();
});

const passcode = { name: 'Passcode', description: 'Eight or more', kind: 'settings', body: { settings: { 'passcode.required': true, 'passcode.minimumLength': 8 } } };
const wifi = {
  name: 'Corp Wi-Fi',
  kind: 'wifi',
  platforms: ['linux', 'macos'],
  body: { ssid: 'Corp', hidden: false, autoJoin: true, security: 'wpa2Personal', passphrase: 'correct horse battery', proxy: { type: 'none' } },
};

async function profileNames(query = ''): Promise<string[]> {
  return okBody<PageBody<ProfileBody>>(await send(api, 'GET', `/api/v1/profiles?limit=500${query}`, { as: 'globalAdmin' })).items.map((p) => p.name);
}

describe('the settings catalog', () => {
  it('lists every setting with its type, range, default and mappings, filtered by platform and category', async () => {
    const all = okBody<{ items: SettingBody[]; nextCursor: null }>(await send(api, 'GET', '/api/v1/settings', { as: 'readOnlyAuditor' }));
    expect(all.nextCursor).toBeNull();
    const length = all.items.find((s) => s.id === 'passcode.minimumLength');
    expect(length).toMatchObject({ category: 'passcode', value: { type: 'integer', min: 4, max: 64 }, default: 4 });
    expect(all.items.find((s) => s.id === 'passcode.complexity')?.value).toEqual({ type: 'enum', values: ['none', 'numeric', 'alphanumeric', 'complex'] });
    expect(all.items.map((s) => s.id)).toEqual(expect.arrayContaining(['encryption.required', 'firewall.enabled', 'screenLock.timeoutSeconds', 'restrictions.usbStorageDisabled', 'softwareUpdate.deferralDays']));

    const linux = okBody<{ items: SettingBody[] }>(await send(api, 'GET', '/api/v1/settings?platform=linux', { as: 'helpDeskOperator' }));
    expect(linux.items.map((s) => s.id)).toEqual(all.items.filter((s) => s.platforms.includes('linux')).map((s) => s.id));
    expect(linux.items.map((s) => s.id)).not.toContain('restrictions.screenshotDisabled');
    const passcodeOnly = okBody<{ items: SettingBody[] }>(await send(api, 'GET', '/api/v1/settings?category=passcode', { as: 'globalAdmin' }));
    expect(new Set(passcodeOnly.items.map((s) => s.category))).toEqual(new Set(['passcode']));

    expectCode(await send(api, 'GET', '/api/v1/settings?platform=amiga', { as: 'globalAdmin' }), 400, 'VALIDATION_FAILED');
    expectCode(await send(api, 'GET', '/api/v1/settings'), 401, 'UNAUTHENTICATED');
  });
});

describe('profiles', () => {
  it('creates, reads, lists, replaces and deletes a profile', async () => {
    const created = await send(api, 'POST', '/api/v1/profiles', { as: 'policyManager', body: passcode });
    const profile = okBody<ProfileBody>(created, 201);
    expect(created.headers.get('location')).toBe(`/api/v1/profiles/${profile.id}`);
    expect(profile).toMatchObject({ name: 'Passcode', description: 'Eight or more', kind: 'settings', version: 1, secretsSet: [], body: passcode.body });
    // Platforms default to every platform the settings can reach.
    expect(profile.platforms).toEqual(expect.arrayContaining(['linux', 'macos', 'windows']));

    expect(okBody<ProfileBody>(await send(api, 'GET', `/api/v1/profiles/${profile.id}`, { as: 'readOnlyAuditor' }))).toEqual(profile);
    okBody(await send(api, 'POST', '/api/v1/profiles', { as: 'globalAdmin', body: wifi }), 201);
    expect(await profileNames()).toEqual(['Corp Wi-Fi', 'Passcode']);
    expect(await profileNames('&kind=wifi')).toEqual(['Corp Wi-Fi']);
    expect(await profileNames('&platform=windows')).toEqual(['Passcode']);
    expect(await profileNames('&q=PASS')).toEqual(['Passcode']);
    expect(await profileNames('&sort=createdAt&order=desc')).toEqual(['Corp Wi-Fi', 'Passcode']);
    const first = okBody<PageBody<ProfileBody>>(await send(api, 'GET', '/api/v1/profiles?limit=1', { as: 'globalAdmin' }));
    expect(first.items.map((p) => p.name)).toEqual(['Corp Wi-Fi']);
    const second = okBody<PageBody<ProfileBody>>(await send(api, 'GET', `/api/v1/profiles?limit=1&cursor=${first.nextCursor ?? ''}`, { as: 'globalAdmin' }));
    expect(second).toEqual({ items: [expect.objectContaining({ name: 'Passcode' })], nextCursor: null });

    const replacement = { ...passcode, name: 'Passcode (strict)', platforms: ['macos', 'windows'], body: { settings: { 'passcode.minimumLength': 12 } } };
    const replaced = okBody<ProfileBody>(await send(api, 'PUT', `/api/v1/profiles/${profile.id}`, { as: 'policyManager', body: { ...replacement, expectedVersion: 1 } }));
    expect(replaced).toMatchObject({ id: profile.id, name: 'Passcode (strict)', platforms: ['macos', 'windows'], version: 2, body: { settings: { 'passcode.minimumLength': 12 } } });
    // An edit made against the old version is refused, and changes nothing.
    const stale = expectCode(await send(api, 'PUT', `/api/v1/profiles/${profile.id}`, { as: 'policyManager', body: { ...passcode, expectedVersion: 1 } }), 409, 'PROFILE_VERSION_CONFLICT');
    expect(stale.details).toEqual({ version: 2 });
    expect(okBody<ProfileBody>(await send(api, 'GET', `/api/v1/profiles/${profile.id}`, { as: 'globalAdmin' })).version).toBe(2);
    // Without a version the replacement is unconditional.
    expect(okBody<ProfileBody>(await send(api, 'PUT', `/api/v1/profiles/${profile.id}`, { as: 'globalAdmin', body: passcode })).version).toBe(3);
    expectCode(await send(api, 'PUT', `/api/v1/profiles/${profile.id}`, { as: 'globalAdmin', body: wifi }), 409, 'PROFILE_KIND_MISMATCH');
    expectCode(await send(api, 'PUT', `/api/v1/profiles/${profile.id}`, { as: 'globalAdmin', body: { ...passcode, name: 'corp wi-fi' } }), 409, 'PROFILE_NAME_TAKEN');

    const deleted = await send(api, 'DELETE', `/api/v1/profiles/${profile.id}`, { as: 'policyManager' });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expectCode(await send(api, 'GET', `/api/v1/profiles/${profile.id}`, { as: 'globalAdmin' }), 404, 'PROFILE_NOT_FOUND');
    expect(await profileNames()).toEqual(['Corp Wi-Fi']);
  });

  it('never returns a secret, and keeps a stored one when an edit sends null', async () => {
    const created = await send(api, 'POST', '/api/v1/profiles', { as: 'globalAdmin', body: wifi });
    expect(created.text).not.toContain('correct horse');
    const profile = okBody<ProfileBody>(created, 201);
    expect(profile.body.passphrase).toBeNull();
    expect(profile.secretsSet).toEqual(['passphrase']);
    for (const path of [`/api/v1/profiles/${profile.id}`, '/api/v1/profiles', '/api/v1/profiles?kind=wifi']) {
      const read = await send(api, 'GET', path, { as: 'readOnlyAuditor' });
      expect(read.status).toBe(200);
      expect(read.text).not.toContain('correct horse');
    }
    const kept = okBody<ProfileBody>(await send(api, 'PUT', `/api/v1/profiles/${profile.id}`, { as: 'globalAdmin', body: { ...wifi, body: { ...wifi.body, ssid: 'Corp2', passphrase: null } } }));
    expect(kept).toMatchObject({ version: 2, secretsSet: ['passphrase'], body: { ssid: 'Corp2', passphrase: null } });
    // A new profile has nothing to keep.
    const missing = expectCode(await send(api, 'POST', '/api/v1/profiles', { as: 'globalAdmin', body: { ...wifi, name: 'Guest', body: { ...wifi.body, passphrase: null } } }), 400, 'PROFILE_SECRET_REQUIRED');
    expect(missing.details).toEqual({ field: 'body.passphrase' });
  });

  it('refuses malformed profiles with the domain codes and changes nothing', async () => {
    const refusals: [unknown, number, string, Record<string, unknown>?][] = [
      [{ ...passcode, body: { settings: { 'passcode.colour': 'blue' } } }, 400, 'SETTING_UNKNOWN', { setting: 'passcode.colour' }],
      [{ ...passcode, body: { settings: { 'passcode.minimumLength': 3 } } }, 400, 'SETTING_VALUE_INVALID', { setting: 'passcode.minimumLength' }],
      [{ ...passcode, body: { settings: { 'passcode.minimumLength': 65 } } }, 400, 'SETTING_VALUE_INVALID', { setting: 'passcode.minimumLength' }],
      [{ ...passcode, body: { settings: { 'passcode.required': 'yes' } } }, 400, 'SETTING_VALUE_INVALID', { setting: 'passcode.required' }],
      [{ ...passcode, body: { settings: { 'passcode.complexity': 'strong' } } }, 400, 'SETTING_VALUE_INVALID', { setting: 'passcode.complexity' }],
      [{ ...passcode, body: { settings: {} } }, 400, 'PROFILE_INVALID', { field: 'body.settings' }],
      [{ ...passcode, body: 'passcode' }, 400, 'PROFILE_INVALID', { field: 'body' }],
      [{ ...wifi, body: { ...wifi.body, ssid: 'x'.repeat(33) } }, 400, 'PROFILE_INVALID', { field: 'body.ssid' }],
      [{ ...wifi, body: { ...wifi.body, colour: 'blue' } }, 400, 'PROFILE_INVALID', { field: 'body.colour' }],
      [{ ...passcode, name: '' }, 400, 'PROFILE_INVALID', { field: 'name' }],
      [{ ...passcode, kind: 'printer' }, 400, 'VALIDATION_FAILED', { in: 'body', path: '/kind' }],
      [{ ...passcode, name: 7 }, 400, 'VALIDATION_FAILED', { in: 'body', path: '/name' }],
      [{ ...passcode, platforms: ['amiga'] }, 400, 'VALIDATION_FAILED', { in: 'body', path: '/platforms/0' }],
      [{ ...passcode, owner: 'me' }, 400, 'VALIDATION_FAILED', { in: 'body', path: '/owner' }],
      [{ name: 'No kind', body: {} }, 400, 'VALIDATION_FAILED', { in: 'body', path: '/kind' }],
    ];
    for (const [body, status, code, details] of refusals) {
      const error = expectCode(await send(api, 'POST', '/api/v1/profiles', { as: 'globalAdmin', body }), status, code);
      if (details !== undefined) expect(error.details, JSON.stringify(body)).toMatchObject(details);
    }
    expectCode(await send(api, 'POST', '/api/v1/profiles', { as: 'globalAdmin', rawBody: '{"name": "Passcode", ' }), 400, 'VALIDATION_FAILED');
    expectCode(await send(api, 'POST', '/api/v1/profiles', { as: 'globalAdmin', rawBody: 'name=Passcode', contentType: 'application/x-www-form-urlencoded' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectCode(await send(api, 'GET', '/api/v1/profiles?sort=colour', { as: 'globalAdmin' }), 400, 'VALIDATION_FAILED');
    expectCode(await send(api, 'GET', '/api/v1/profiles?cursor=garbage', { as: 'globalAdmin' }), 400, 'INVALID_CURSOR');
    expect(await profileNames()).toEqual([]);
  });

  it('refuses a body over the limit with 413 before reading it whole', async () => {
    const huge = { ...passcode, description: 'x'.repeat(70 * 1024) };
    const refused = expectCode(await send(api, 'POST', '/api/v1/profiles', { as: 'globalAdmin', body: huge }), 413, 'PAYLOAD_TOO_LARGE');
    expect(refused.message).toMatch(/larger/);
    const created = okBody<ProfileBody>(await send(api, 'POST', '/api/v1/profiles', { as: 'globalAdmin', body: passcode }), 201);
    expectCode(await send(api, 'PUT', `/api/v1/profiles/${created.id}`, { as: 'globalAdmin', body: huge }), 413, 'PAYLOAD_TOO_LARGE');
    expect(okBody<ProfileBody>(await send(api, 'GET', `/api/v1/profiles/${created.id}`, { as: 'globalAdmin' })).version).toBe(1);
  });

  it('needs a token to read and policy.write to change', async () => {
    const profile = okBody<ProfileBody>(await send(api, 'POST', '/api/v1/profiles', { as: 'globalAdmin', body: passcode }), 201);
    const url = `/api/v1/profiles/${profile.id}`;
    for (const [method, path] of [['GET', '/api/v1/profiles'], ['GET', url], ['POST', '/api/v1/profiles'], ['PUT', url], ['DELETE', url]] as const) {
      expectCode(await send(api, method, path, method === 'POST' || method === 'PUT' ? { body: passcode } : {}), 401, 'UNAUTHENTICATED');
    }
    expectCode(await send(api, 'GET', url, { as: { token: 'ward_pat_not-a-real-token' } }), 401, 'UNAUTHENTICATED');
    for (const role of ['helpDeskOperator', 'readOnlyAuditor'] as const) {
      expect(okBody<ProfileBody>(await send(api, 'GET', url, { as: role })).id).toBe(profile.id);
      const refused = expectCode(await send(api, 'POST', '/api/v1/profiles', { as: role, body: { ...passcode, name: 'Other' } }), 403, 'FORBIDDEN');
      expect(refused.details).toEqual({ permission: 'policy.write' });
      expectCode(await send(api, 'PUT', url, { as: role, body: { ...passcode, name: 'Renamed' } }), 403, 'FORBIDDEN');
      expectCode(await send(api, 'DELETE', url, { as: role }), 403, 'FORBIDDEN');
    }
    expect(await profileNames()).toEqual(['Passcode']);
  });

  it('answers 404 with PROFILE_NOT_FOUND for ids that name nothing', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/profiles/0190c6a4-0000-7000-8000-000000000000'],
      ['PUT', '/api/v1/profiles/nothing'],
      ['DELETE', '/api/v1/profiles/nothing'],
      ['GET', '/api/v1/profiles/nothing/status'],
      ['GET', '/api/v1/profiles/nothing/settings-status'],
    ] as const) {
      expectCode(await send(api, method, path, { as: 'globalAdmin', ...(method === 'PUT' ? { body: passcode } : {}) }), 404, 'PROFILE_NOT_FOUND');
    }
    expectCode(await send(api, 'GET', '/api/v1/profiles/bad%20id', { as: 'globalAdmin' }), 400, 'VALIDATION_FAILED');
  });
});
