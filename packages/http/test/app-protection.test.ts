import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin, createApiToken, ensureTenant, systemPrincipal } from '@ward/core';
import { expectCode, okBody, send } from './support/policy-http.js';
import { checkIn, register, startSdkWorld, TestSdkApp, type CheckedInBody, type RegisteredBody, type SdkWorld } from './support/sdk-world.js';
import type { PageBody } from './support/test-api.js';

// The admin side of app protection over a real socket: protection and configuration policies,
// the registrations SDK apps made, selective wipe (one, a user's, a user's on one device tag),
// usage, and who may do each (no token, a read-only auditor, another tenant's admin).

interface PolicyBody {
  readonly id: string;
  readonly name: string;
  readonly version: number;
  readonly hash: string;
  readonly settings: Record<string, unknown>;
  readonly targets: Record<string, unknown>;
}

interface RegistrationBody {
  readonly id: string;
  readonly userId: string;
  readonly appIdentifier: string;
  readonly deviceTag: string;
  readonly state: string;
  readonly wipe: { readonly id: string; readonly scope: string } | null;
}

let world: SdkWorld;

const protection = (name: string, extra: Record<string, unknown> = {}) => ({ name, targets: { users: { include: 'allUsers' }, apps: ['com.ward.notes-demo'] }, ...extra });

/** A second tenant with a global admin; that admin's token. */
async function otherTenantToken(): Promise<string> {
  const other = await ensureTenant(world.deps, 'other', 'Other');
  const system = systemPrincipal(other.id, 'system');
  const admin = await createAdmin(world.deps, system, { email: 'admin@other.test', displayName: 'Other', role: 'globalAdmin', password: 'correct horse battery staple' });
  if (!admin.ok) throw new Error(admin.message);
  const token = await createApiToken(world.deps, system, { name: 'other', role: 'globalAdmin', expiresInDays: 1, ownerUserId: admin.value.user.id });
  if (!token.ok) throw new Error(token.message);
  return token.value.bearer;
}

beforeAll(async () => {
  world = await startSdkWorld();
});

afterAll(async () => {
  await world.close();
});

describe('app protection policies', () => {
  it('creates with defaults, reads, lists, changes one setting and deletes', async () => {
    const created = await send(world, 'POST', '/api/v1/app-protection-policies', { as: 'policyManager', body: protection('Notes baseline', { settings: { pin: { minLength: 8 } } }) });
    const policy = okBody<PolicyBody>(created, 201);
    expect(created.headers.get('location')).toBe(`/api/v1/app-protection-policies/${policy.id}`);
    expect(policy).toMatchObject({ name: 'Notes baseline', version: 1, settings: { pin: { required: true, minLength: 8, type: 'numeric' }, encryptData: true } });
    expect(policy.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(okBody<PolicyBody>(await send(world, 'GET', `/api/v1/app-protection-policies/${policy.id}`, { as: 'readOnlyAuditor' })).name).toBe('Notes baseline');
    const page = okBody<PageBody<PolicyBody>>(await send(world, 'GET', '/api/v1/app-protection-policies?appIdentifier=com.ward.notes-demo&q=baseline', { as: 'readOnlyAuditor' }));
    expect(page.items.map((p) => p.id)).toEqual([policy.id]);

    const patched = okBody<PolicyBody>(await send(world, 'PATCH', `/api/v1/app-protection-policies/${policy.id}`, { as: 'policyManager', body: { settings: { clipboard: 'blocked' }, expectedVersion: 1 } }));
    expect(patched).toMatchObject({ version: 2, settings: { clipboard: 'blocked', pin: { minLength: 8 } } });
    expect(patched.hash).not.toBe(policy.hash);
    expectCode(await send(world, 'PATCH', `/api/v1/app-protection-policies/${policy.id}`, { as: 'policyManager', body: { name: 'Late edit', expectedVersion: 1 } }), 409, 'APP_PROTECTION_POLICY_VERSION_CONFLICT');

    const deleted = await send(world, 'DELETE', `/api/v1/app-protection-policies/${policy.id}`, { as: 'policyManager' });
    expect(deleted.status).toBe(204);
    expectCode(await send(world, 'GET', `/api/v1/app-protection-policies/${policy.id}`, { as: 'globalAdmin' }), 404, 'APP_PROTECTION_POLICY_NOT_FOUND');
    expectCode(await send(world, 'DELETE', `/api/v1/app-protection-policies/${policy.id}`, { as: 'globalAdmin' }), 404, 'APP_PROTECTION_POLICY_NOT_FOUND');
  });

  it('refuses out-of-range values naming the field, wrong types, unknown fields and unknown apps or groups', async () => {
    const post = (body: unknown) => send(world, 'POST', '/api/v1/app-protection-policies', { as: 'globalAdmin', body });
    expect(expectCode(await post(protection('Short PIN', { settings: { pin: { minLength: 3 } } })), 400, 'APP_PROTECTION_POLICY_INVALID').details).toMatchObject({ field: 'settings.pin.minLength' });
    expect(expectCode(await post(protection('Long offline', { settings: { offline: { wipeAfterDays: 91 } } })), 400, 'APP_PROTECTION_POLICY_INVALID').details).toMatchObject({ field: 'settings.offline.wipeAfterDays' });
    expectCode(await post(protection('Bad version', { settings: { conditionalLaunch: { minAppVersion: 'latest' } } })), 400, 'APP_PROTECTION_POLICY_INVALID');
    expectCode(await post(protection('Typed', { settings: { encryptData: 'yes' } })), 400, 'VALIDATION_FAILED');
    expectCode(await post(protection('Unknown', { settings: { pin: { colour: 'red' } } })), 400, 'VALIDATION_FAILED');
    expectCode(await post(protection('Clipboard', { settings: { clipboard: 'sometimes' } })), 400, 'VALIDATION_FAILED');
    expectCode(await post({ name: 'No targets' }), 400, 'VALIDATION_FAILED');
    expectCode(await post({ ...protection('Unknown app'), targets: { users: { include: 'allUsers' }, apps: ['com.example.nothing'] } }), 400, 'APP_PROTECTION_POLICY_INVALID');
    expectCode(await post({ ...protection('Unknown group'), targets: { users: { include: ['01890000-0000-7000-8000-000000000000'] }, apps: ['com.ward.notes-demo'] } }), 400, 'APP_PROTECTION_POLICY_INVALID');
    expectCode(await post({ ...protection('x'.repeat(129)) }), 400, 'APP_PROTECTION_POLICY_INVALID');
    expectCode(await send(world, 'POST', '/api/v1/app-protection-policies', { as: 'globalAdmin', rawBody: JSON.stringify({ ...protection('Huge'), description: 'x'.repeat(2 * 1024 * 1024) }) }), 413, 'PAYLOAD_TOO_LARGE');
    expect(okBody<PageBody<PolicyBody>>(await send(world, 'GET', '/api/v1/app-protection-policies', { as: 'globalAdmin' })).items).toEqual([]);
  });

  it('refuses callers without a token (401) and without policy.write (403), changing nothing', async () => {
    expectCode(await send(world, 'GET', '/api/v1/app-protection-policies'), 401, 'UNAUTHENTICATED');
    expectCode(await send(world, 'POST', '/api/v1/app-protection-policies', { body: protection('Anonymous') }), 401, 'UNAUTHENTICATED');
    expectCode(await send(world, 'POST', '/api/v1/app-protection-policies', { as: 'readOnlyAuditor', body: protection('Auditor') }), 403, 'FORBIDDEN');
    expectCode(await send(world, 'POST', '/api/v1/app-protection-policies', { as: 'helpDeskOperator', body: protection('Help desk') }), 403, 'FORBIDDEN');
    expectCode(await send(world, 'POST', '/api/v1/app-configuration-policies', { as: 'readOnlyAuditor', body: { ...protection('Auditor config'), settings: {} } }), 403, 'FORBIDDEN');
    expect(okBody<PageBody<PolicyBody>>(await send(world, 'GET', '/api/v1/app-protection-policies', { as: 'globalAdmin' })).items).toEqual([]);
  });
});

describe('app configuration policies', () => {
  it('delivers settings with user variables filled in at registration, and a change at the next check-in', async () => {
    const guard = okBody<PolicyBody>(await send(world, 'POST', '/api/v1/app-protection-policies', { as: 'globalAdmin', body: protection('Notes guard') }), 201);
    const created = okBody<PolicyBody>(await send(world, 'POST', '/api/v1/app-configuration-policies', { as: 'policyManager', body: { ...protection('Notes settings'), settings: { account: '{{user.email}}', theme: 'dark' } } }), 201);
    expectCode(await send(world, 'POST', '/api/v1/app-configuration-policies', { as: 'policyManager', body: { ...protection('Bad variable'), settings: { account: '{{user.password}}' } } }), 400, 'APP_CONFIGURATION_POLICY_INVALID');
    expectCode(await send(world, 'POST', '/api/v1/app-configuration-policies', { as: 'policyManager', body: { ...protection('Notes settings'), settings: {} } }), 409, 'APP_CONFIGURATION_POLICY_NAME_TAKEN');

    const app = new TestSdkApp();
    const registered = okBody<RegisteredBody>(await register(world, app, world.tokenFor()), 201);
    expect(registered.configuration).toEqual({ account: 'ada@example.com', theme: 'dark' });

    okBody<PolicyBody>(await send(world, 'PATCH', `/api/v1/app-configuration-policies/${created.id}`, { as: 'policyManager', body: { settings: { account: '{{user.email}}', theme: 'light' }, expectedVersion: created.version } }));
    const next = okBody<CheckedInBody>(await checkIn(world, app, app.checkIn(world.clock.now())));
    expect(next.configuration).toEqual({ account: 'ada@example.com', theme: 'light' });
    expect(next.configurationVersion).not.toBe(registered.configurationVersion);

    expect((await send(world, 'DELETE', `/api/v1/app-configuration-policies/${created.id}`, { as: 'policyManager' })).status).toBe(204);
    expect((await send(world, 'DELETE', `/api/v1/app-protection-policies/${guard.id}`, { as: 'policyManager' })).status).toBe(204);
  });
});

describe('app registrations and selective wipe', () => {
  let ada: { laptop: TestSdkApp; phone: TestSdkApp };
  let grace: TestSdkApp;
  let graceId: string;

  beforeAll(async () => {
    await world.protect();
    ada = { laptop: new TestSdkApp(), phone: new TestSdkApp() };
    okBody<RegisteredBody>(await register(world, ada.laptop, world.tokenFor()), 201);
    okBody<RegisteredBody>(await register(world, ada.phone, world.tokenFor()), 201);
    const g = await world.addUser('grace@example.com');
    graceId = g.id;
    grace = new TestSdkApp();
    okBody<RegisteredBody>(await register(world, grace, world.tokenFor({ userId: g.id })), 201);
  });

  it('lists, filters and reads registrations without their key shares', async () => {
    const all = okBody<PageBody<RegistrationBody>>(await send(world, 'GET', '/api/v1/app-registrations', { as: 'readOnlyAuditor' }));
    expect(all.items.length).toBeGreaterThanOrEqual(3);
    const mine = okBody<PageBody<RegistrationBody>>(await send(world, 'GET', `/api/v1/app-registrations?userId=${world.user.id}&deviceTag=${ada.laptop.deviceTag}`, { as: 'readOnlyAuditor' }));
    expect(mine.items.map((r) => r.id)).toEqual([ada.laptop.registrationId]);
    const one = await send(world, 'GET', `/api/v1/app-registrations/${grace.registrationId}`, { as: 'helpDeskOperator' });
    expect(okBody<RegistrationBody>(one)).toMatchObject({ userId: graceId, appIdentifier: 'com.ward.notes-demo', state: 'active', wipe: null });
    expect(one.text).not.toContain('keyShare');
    expectCode(await send(world, 'GET', '/api/v1/app-registrations?state=gone', { as: 'readOnlyAuditor' }), 400, 'VALIDATION_FAILED');
    expectCode(await send(world, 'GET', '/api/v1/app-registrations?cursor=garbage', { as: 'readOnlyAuditor' }), 400, 'INVALID_CURSOR');
    expectCode(await send(world, 'GET', '/api/v1/app-registrations/01890000-0000-7000-8000-000000000000', { as: 'readOnlyAuditor' }), 404, 'APP_REGISTRATION_NOT_FOUND');
    expectCode(await send(world, 'GET', '/api/v1/app-registrations'), 401, 'UNAUTHENTICATED');
  });

  it('refuses wipes from callers without a token or without devices.action, and another tenant\'s admin, changing nothing', async () => {
    expectCode(await send(world, 'POST', `/api/v1/app-registrations/${grace.registrationId}/wipe`), 401, 'UNAUTHENTICATED');
    expectCode(await send(world, 'POST', `/api/v1/app-registrations/${grace.registrationId}/wipe`, { as: 'readOnlyAuditor' }), 403, 'FORBIDDEN');
    expectCode(await send(world, 'POST', `/api/v1/app-registrations/${grace.registrationId}/wipe`, { as: 'policyManager' }), 403, 'FORBIDDEN');
    expectCode(await send(world, 'POST', `/api/v1/users/${graceId}/app-wipe`, { as: 'readOnlyAuditor', body: {} }), 403, 'FORBIDDEN');
    const other = await otherTenantToken();
    expectCode(await send(world, 'POST', `/api/v1/app-registrations/${grace.registrationId}/wipe`, { as: { token: other } }), 404, 'APP_REGISTRATION_NOT_FOUND');
    expectCode(await send(world, 'GET', `/api/v1/app-registrations/${grace.registrationId}`, { as: { token: other } }), 404, 'APP_REGISTRATION_NOT_FOUND');
    expectCode(await send(world, 'POST', `/api/v1/users/${graceId}/app-wipe`, { as: { token: other }, body: {} }), 404, 'USER_NOT_FOUND');
    expect(okBody<PageBody<RegistrationBody>>(await send(world, 'GET', '/api/v1/app-registrations', { as: { token: other } })).items).toEqual([]);
    expect(okBody<RegistrationBody>(await send(world, 'GET', `/api/v1/app-registrations/${grace.registrationId}`, { as: 'globalAdmin' })).state).toBe('active');
    // The app still gets its key share: nothing was wiped.
    expect(okBody<CheckedInBody>(await checkIn(world, grace, grace.checkIn(world.clock.now()))).keyShare).not.toBeNull();
  });

  it('wipes a user\'s registrations on one device tag only, then all of them; asking twice answers the pending wipes', async () => {
    const onLaptop = await send(world, 'POST', `/api/v1/users/${world.user.id}/app-wipe`, { as: 'helpDeskOperator', body: { deviceTag: ada.laptop.deviceTag } });
    const reached = okBody<{ registrations: RegistrationBody[] }>(onLaptop, 202).registrations;
    expect(reached.map((r) => r.id)).toEqual([ada.laptop.registrationId]);
    expect(reached[0]).toMatchObject({ state: 'wipePending', wipe: { scope: 'user' } });
    expect(okBody<CheckedInBody>(await checkIn(world, ada.phone, ada.phone.checkIn(world.clock.now()))).wipe).toBeNull();

    const everything = okBody<{ registrations: RegistrationBody[] }>(await send(world, 'POST', `/api/v1/users/${world.user.id}/app-wipe`, { as: 'globalAdmin', body: {} }), 202).registrations;
    // Every live registration of hers (the configuration test's one too), no one else's.
    expect(everything.map((r) => r.id)).toEqual(expect.arrayContaining([ada.laptop.registrationId, ada.phone.registrationId]));
    expect(everything.every((r) => r.userId === world.user.id && r.state === 'wipePending')).toBe(true);
    expect(everything.map((r) => r.id)).not.toContain(grace.registrationId);
    expect(everything.find((r) => r.id === ada.laptop.registrationId)?.wipe?.id).toBe(reached[0]?.wipe?.id);
    const phone = okBody<CheckedInBody>(await checkIn(world, ada.phone, ada.phone.checkIn(world.clock.now())));
    expect(phone).toMatchObject({ keyShare: null, wipe: { scope: 'user' } });

    const again = okBody<RegistrationBody>(await send(world, 'POST', `/api/v1/app-registrations/${ada.phone.registrationId}/wipe`, { as: 'helpDeskOperator' }), 202);
    expect(again.wipe?.id).toBe(phone.wipe?.wipeId);
    expectCode(await send(world, 'POST', `/api/v1/users/${world.user.id}/app-wipe`, { as: 'globalAdmin', body: { deviceTag: 'no' } }), 400, 'VALIDATION_FAILED');
    expectCode(await send(world, 'POST', '/api/v1/users/01890000-0000-7000-8000-000000000000/app-wipe', { as: 'globalAdmin', body: {} }), 404, 'USER_NOT_FOUND');
  });

  it('refuses to wipe a wiped registration (409)', async () => {
    const wipeId = okBody<RegistrationBody>(await send(world, 'POST', `/api/v1/app-registrations/${grace.registrationId}/wipe`, { as: 'helpDeskOperator' }), 202).wipe?.id ?? '';
    okBody<CheckedInBody>(await checkIn(world, grace, grace.checkIn(world.clock.now(), { wipeConfirmation: { wipeId, outcome: 'succeeded' } })));
    expectCode(await send(world, 'POST', `/api/v1/app-registrations/${grace.registrationId}/wipe`, { as: 'helpDeskOperator' }), 409, 'APP_REGISTRATION_WIPED');
  });
});

describe('usage', () => {
  it('reports launches and active users per day, and refuses a bad range', async () => {
    const app = new TestSdkApp();
    await world.protect();
    okBody<RegisteredBody>(await register(world, app, world.tokenFor({ userId: (await world.addUser('linus@example.com')).id })), 201);
    okBody<CheckedInBody>(await checkIn(world, app, app.checkIn(world.clock.now(), { usage: { launches: 4, activeDays: ['2025-02-28', '2025-03-01'], lastUsedAt: world.clock.now().toISOString() } })));
    const report = okBody<{ from: string; to: string; apps: { appIdentifier: string; launches: number; days: { day: string; activeUsers: number }[] }[] }>(
      await send(world, 'GET', '/api/v1/app-usage?appIdentifier=com.ward.notes-demo', { as: 'readOnlyAuditor' }),
    );
    expect(report).toMatchObject({ from: '2025-01-31', to: '2025-03-01' });
    const notes = report.apps.find((a) => a.appIdentifier === 'com.ward.notes-demo');
    expect(notes?.launches).toBeGreaterThanOrEqual(4);
    expect(notes?.days.map((d) => d.day)).toEqual(['2025-02-28', '2025-03-01']);
    expectCode(await send(world, 'GET', '/api/v1/app-usage?from=2025-03-02&to=2025-03-01', { as: 'readOnlyAuditor' }), 400, 'INVALID_FILTER');
    expectCode(await send(world, 'GET', '/api/v1/app-usage?from=2023-01-01&to=2025-03-01', { as: 'readOnlyAuditor' }), 400, 'INVALID_FILTER');
    expectCode(await send(world, 'GET', '/api/v1/app-usage?from=yesterday', { as: 'readOnlyAuditor' }), 400, 'VALIDATION_FAILED');
    expectCode(await send(world, 'GET', '/api/v1/app-usage'), 401, 'UNAUTHENTICATED');
  });
});
