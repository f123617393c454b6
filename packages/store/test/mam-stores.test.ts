import { createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  checkInSdkApp,
  createAppConfigurationPolicy,
  createAppProtectionPolicy,
  createMamPolicyCache,
  deleteAppProtectionPolicy,
  evaluateAppProtection,
  getAppRegistration,
  getAppUsageReport,
  listAppConfigurationPolicies,
  listAppProtectionPolicies,
  listAppRegistrations,
  mamPolicyChangedEvent,
  pruneAppUsage,
  registerSdkApp,
  resolveAppConfiguration,
  toBase64Url,
  updateAppProtectionPolicy,
  verifyAppAssertion,
  wipeAppRegistration,
  wipeDeviceAppRegistrations,
  wipeUserApps,
  type App,
  type AppId,
  type AppRegistration,
  type AppRegistrationId,
  type Clock,
  type Deps,
  type DeviceId,
  type GroupId,
  type Principal,
  type SdkPublicKey,
  type SdkSignatureVerifier,
  type TenantId,
  type UserId,
  type WardStores,
} from '@ward/core';
import { createStores } from '../src/index.js';
import { at, makeGroup, makeTenant, makeUser, t0 } from './support/fixtures.js';
import { useStoreSuite } from './support/store-suite.js';
import { nodeDigests, openTestDatabase, sequentialIds, testDialects } from './support/test-database.js';
import { createTestSecretBox } from './support/test-secret-box.js';

const notes = 'com.ward.notes-demo';

function catalogApp(tenantId: TenantId, id: string, identifier: string): App {
  return {
    id: id as AppId,
    tenantId,
    name: identifier,
    description: '',
    publisher: 'Ward',
    identifier,
    platforms: ['linux'],
    iconSha256: null,
    currentVersionId: null,
    version: 1,
    createdAt: t0,
    updatedAt: t0,
    kind: 'web',
    details: { url: 'https://notes.example.com' },
  };
}

/** ES256 over node:crypto, as the server's adapter does it (the store cannot import the server). */
const verifier: SdkSignatureVerifier = {
  verifyEs256(jwk, data, signature) {
    try {
      return verify('sha256', data, { key: createPublicKey({ key: { ...jwk }, format: 'jwk' }), dsaEncoding: 'ieee-p1363' }, signature);
    } catch {
      return false;
    }
  },
};

interface SdkKey {
  readonly jwk: SdkPublicKey;
  readonly privateKey: KeyObject;
}

function sdkKey(): SdkKey {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  return { jwk: { kty: 'EC', crv: 'P-256', x: jwk.x ?? '', y: jwk.y ?? '' }, privateKey };
}

function signed(key: SdkKey, registrationId: string, body: unknown): { registrationId: string; signature: string; body: Uint8Array } {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  return { registrationId, body: bytes, signature: toBase64Url(new Uint8Array(sign('sha256', bytes, { key: key.privateKey, dsaEncoding: 'ieee-p1363' }))) };
}

function admin(tenantId: TenantId, role: 'globalAdmin' | 'readOnlyAuditor' | 'helpDeskOperator' = 'globalAdmin', scopeGroupIds: readonly GroupId[] | null = null): Principal {
  return { tenantId, userId: null, actor: { type: 'user', id: `admin-${role}`, name: `${role}@example.com` }, grants: [{ role, scopeGroupIds }], origin: { via: 'api' } };
}

function registrationBody(key: SdkKey, over: Record<string, unknown> = {}): Record<string, unknown> {
  return { appId: notes, appVersion: '1.2.0', sdkVersion: '1.0.0', platform: 'web', deviceTag: 'tag-AAAAAAAAAAAAAAAAAAAA', deviceName: 'Firefox on Linux', publicKey: key.jwk, ...over };
}

function checkInBody(registrationId: string, sequence: number, now: Date, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    registrationId,
    sequence,
    sentAt: now.toISOString(),
    appVersion: '1.2.0',
    sdkVersion: '1.0.0',
    policyVersion: null,
    configurationVersion: null,
    state: { pinSet: true, encrypted: true, jailbroken: false, flagged: [] },
    usage: { launches: 2, activeDays: [now.toISOString().slice(0, 10)], lastUsedAt: now.toISOString() },
    ...over,
  };
}

function registration(tenantId: TenantId, id: string, over: Partial<AppRegistration> = {}): AppRegistration {
  return {
    id: id as AppRegistrationId,
    tenantId,
    userId: 'u1' as UserId,
    appIdentifier: notes,
    appVersion: '1.0.0',
    sdkVersion: '1.0.0',
    platform: 'web',
    deviceTag: 'tag-AAAAAAAAAAAAAAAAAAAA',
    deviceName: 'Firefox "quoted" ✓',
    osName: null,
    osVersion: null,
    clientId: 'notes',
    deviceId: null,
    publicKey: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' },
    keyShare: 'share-of-' + id,
    state: 'active',
    sequence: 0,
    reported: { policyVersion: null, configurationVersion: null, pinSet: null, encrypted: null, jailbroken: null, flagged: [] },
    lastCheckInAt: null,
    lastUsedAt: null,
    wipe: null,
    createdAt: t0,
    updatedAt: t0,
    ...over,
  };
}

describe.each(testDialects)('mam stores on %s', (dialect) => {
  let now = t0;
  const clock: Clock = { now: () => now };
  const s = useStoreSuite(dialect, { clock });
  const deps = (): Deps<WardStores> => ({ clock, ids: s.ids, digests: nodeDigests, stores: s.set.stores, tx: s.set.tx });

  it('stores protection and configuration policies, filters by app, keeps names unique per tenant and updates by version', async () => {
    const { stores } = s.set;
    for (const t of [s.tenant, s.other]) expect(await stores.insertApp(catalogApp(t, 'app-mail', 'com.ward.mail'), null)).toBe(true);
    const d = deps();
    const created = await createAppProtectionPolicy(d, admin(s.tenant), { name: 'Mail', targets: { users: { include: 'allUsers' }, apps: ['COM.WARD.MAIL'] } });
    if (!created.ok) throw new Error(created.message);
    // The catalog's spelling is kept.
    expect(created.value.targets.apps).toEqual(['com.ward.mail']);
    expect(await stores.getAppProtectionPolicy(s.tenant, created.value.id)).toEqual(created.value);
    expect(await stores.getAppProtectionPolicy(s.other, created.value.id)).toBeUndefined();
    expect(await createAppProtectionPolicy(d, admin(s.tenant), { name: 'MAIL', targets: { users: { include: 'allUsers' }, apps: ['com.ward.mail'] } })).toMatchObject({ ok: false, code: 'APP_PROTECTION_POLICY_NAME_TAKEN' });
    expect(await createAppProtectionPolicy(d, admin(s.tenant), { name: 'Ghost', targets: { users: { include: 'allUsers' }, apps: ['com.ward.ghost'] } })).toMatchObject({ ok: false, code: 'APP_PROTECTION_POLICY_INVALID', details: { field: 'targets.apps[0]' } });
    expect(await createAppProtectionPolicy(d, admin(s.tenant), { name: 'Nobody', targets: { users: { include: ['no-such-group'] }, apps: ['com.ward.mail'] } })).toMatchObject({ ok: false, code: 'APP_PROTECTION_POLICY_INVALID' });
    expect(await createAppProtectionPolicy(d, admin(s.tenant, 'readOnlyAuditor'), { name: 'Denied', targets: { users: { include: 'allUsers' }, apps: ['com.ward.mail'] } })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await createAppProtectionPolicy(d, admin(s.other), { name: 'Mail', targets: { users: { include: 'allUsers' }, apps: ['com.ward.mail'] } })).toMatchObject({ ok: true });

    const listed = await listAppProtectionPolicies(d, admin(s.tenant, 'readOnlyAuditor'), { filter: { appIdentifier: 'Com.Ward.Mail' } });
    expect(listed.ok && listed.value.items.map((p) => p.id)).toEqual([created.value.id]);
    const none = await listAppProtectionPolicies(d, admin(s.tenant), { filter: { appIdentifier: 'com.ward' } });
    expect(none.ok && none.value.items).toEqual([]);

    const updated = await updateAppProtectionPolicy(d, admin(s.tenant), created.value.id, { settings: { printBlocked: true }, expectedVersion: 1 });
    if (!updated.ok) throw new Error(updated.message);
    expect(updated.value).toMatchObject({ version: 2, settings: { printBlocked: true, encryptData: true } });
    expect(updated.value.hash).not.toBe(created.value.hash);
    expect(await updateAppProtectionPolicy(d, admin(s.tenant), created.value.id, { name: 'x', expectedVersion: 1 })).toMatchObject({ ok: false, code: 'APP_PROTECTION_POLICY_VERSION_CONFLICT' });
    expect(await stores.updateAppProtectionPolicy({ ...updated.value, version: 2 })).toBe(false);
    expect(await updateAppProtectionPolicy(d, admin(s.other), created.value.id, { name: 'hijack' })).toMatchObject({ ok: false, code: 'APP_PROTECTION_POLICY_NOT_FOUND' });

    const config = await createAppConfigurationPolicy(d, admin(s.tenant), { name: 'Mail settings', settings: { account: '{{user.email}}' }, targets: { users: { include: 'allUsers' }, apps: ['com.ward.mail'] } });
    expect(config.ok).toBe(true);
    const configs = await listAppConfigurationPolicies(d, admin(s.tenant), { filter: { q: 'settings' } });
    expect(configs.ok && configs.value.items.map((c) => c.name)).toEqual(['Mail settings']);
    expect(await deleteAppProtectionPolicy(d, admin(s.tenant), created.value.id)).toEqual({ ok: true, value: { deleted: true } });
    expect(await stores.getAppProtectionPolicy(s.tenant, created.value.id)).toBeUndefined();
  });

  it('keeps one live registration per user, app and device tag, seals nothing it was not given, and guards check-ins by sequence', async () => {
    const { stores } = s.set;
    const r1 = registration(s.tenant, 'reg-store-1');
    expect(await stores.insertAppRegistration(r1)).toBe(true);
    expect(await stores.getAppRegistration(s.tenant, r1.id)).toEqual(r1);
    expect(await stores.getAppRegistration(s.other, r1.id)).toBeUndefined();
    expect(await stores.findAppRegistrationById(r1.id)).toEqual(r1);
    // Same user, app (any case) and tag while live: refused.
    expect(await stores.insertAppRegistration(registration(s.tenant, 'reg-store-2', { appIdentifier: notes.toUpperCase() }))).toBe(false);
    expect(await stores.findLiveAppRegistration(s.tenant, r1.userId, notes.toUpperCase(), r1.deviceTag)).toEqual(r1);
    const wiped: AppRegistration = { ...r1, state: 'wiped', wipe: { id: 'w' as never, scope: 'registration', requestedAt: at(1), requestedBy: 'admin', confirmedAt: at(2), outcome: 'succeeded', error: null } };
    await stores.updateAppRegistration(wiped);
    expect(await stores.getAppRegistration(s.tenant, r1.id)).toEqual(wiped);
    expect(await stores.findLiveAppRegistration(s.tenant, r1.userId, notes, r1.deviceTag)).toBeUndefined();
    const r2 = registration(s.tenant, 'reg-store-2', { deviceId: 'dev-1' as DeviceId, createdAt: at(10) });
    expect(await stores.insertAppRegistration(r2)).toBe(true);

    const checkedIn: AppRegistration = { ...r2, sequence: 5, lastCheckInAt: at(20), reported: { ...r2.reported, flagged: ['jailbroken'] } };
    expect(await stores.saveAppCheckIn({ registration: checkedIn, previousSequence: 0 })).toBe(true);
    expect(await stores.saveAppCheckIn({ registration: { ...checkedIn, sequence: 6 }, previousSequence: 0 })).toBe(false);
    expect(await stores.getAppRegistration(s.tenant, r2.id)).toEqual(checkedIn);

    expect((await stores.listLiveAppRegistrationsOfUser(s.tenant, r1.userId, null, 10)).map((r) => r.id)).toEqual([r2.id]);
    expect(await stores.listLiveAppRegistrationsOfUser(s.tenant, r1.userId, 'other-tag-AAAAAAAAAAAAA', 10)).toEqual([]);
    expect((await stores.listLiveAppRegistrationsOfDevice(s.tenant, 'dev-1' as DeviceId, 10)).map((r) => r.id)).toEqual([r2.id]);
    expect(await stores.listLiveAppRegistrationsOfDevice(s.other, 'dev-1' as DeviceId, 10)).toEqual([]);

    const first = await stores.listAppRegistrations(s.tenant, { userId: r1.userId }, { limit: 1, sort: 'createdAt', order: 'desc' });
    expect(first.items.map((r) => r.id)).toEqual([r2.id]);
    const second = await stores.listAppRegistrations(s.tenant, { userId: r1.userId }, { limit: 1, sort: 'createdAt', order: 'desc', cursor: first.nextCursor ?? '' });
    expect(second.items.map((r) => r.id)).toEqual([r1.id]);
    expect(second.nextCursor).toBeNull();
    expect((await stores.listAppRegistrations(s.tenant, { state: 'wiped' }, { limit: 10, sort: 'createdAt', order: 'asc' })).items.map((r) => r.id)).toEqual([r1.id]);
    expect((await stores.listAppRegistrations(s.tenant, { appIdentifier: 'COM.WARD.NOTES-DEMO', deviceTag: r2.deviceTag }, { limit: 10, sort: 'createdAt', order: 'asc' })).items).toHaveLength(2);
    expect((await stores.listAppRegistrations(s.other, {}, { limit: 10, sort: 'createdAt', order: 'asc' })).items).toEqual([]);
  });

  it('adds usage per app, day and user, reports launches, active users and last use, and prunes old days', async () => {
    const { stores } = s.set;
    const inc = (user: string, day: string, launches: number, last: Date | null) => ({ tenantId: s.tenant, appIdentifier: 'com.ward.usage', userId: user as UserId, day, launches, lastUsedAt: last });
    await stores.addAppUsage([inc('u1', '2024-05-01', 2, at(1000)), inc('u1', '2024-05-01', 1, null), inc('u2', '2024-05-01', 4, at(500))]);
    await stores.addAppUsage([inc('u1', '2024-05-01', 3, at(100)), inc('u1', '2024-05-02', 0, null)]);
    await Promise.all(Array.from({ length: 20 }, () => stores.addAppUsage([inc('u3', '2024-05-02', 1, at(2000))])));
    await stores.addAppUsage([{ ...inc('u1', '2024-05-01', 7, null), tenantId: s.other }]);
    const rows = await stores.listAppUsage(s.tenant, { fromDay: '2024-04-01', toDay: '2024-05-31', appIdentifier: 'COM.WARD.USAGE' }, 100);
    expect(rows).toEqual([
      { appIdentifier: 'com.ward.usage', day: '2024-05-01', launches: 10, activeUsers: 2, lastUsedAt: at(1000) },
      { appIdentifier: 'com.ward.usage', day: '2024-05-02', launches: 20, activeUsers: 2, lastUsedAt: at(2000) },
    ]);
    expect(await stores.listAppUsage(s.tenant, { fromDay: '2024-05-02', toDay: '2024-05-02' }, 100)).toHaveLength(1);
    expect(await stores.pruneAppUsage('2024-05-02', 1)).toBe(1);
    expect(await stores.pruneAppUsage('2024-05-02', 10)).toBe(2);
    expect((await stores.listAppUsage(s.tenant, { fromDay: '2024-04-01', toDay: '2024-05-31' }, 100)).map((r) => r.day)).toEqual(['2024-05-02']);
    now = new Date('2026-01-01T00:00:00Z');
    expect(await pruneAppUsage({ clock, stores }, { batch: 1 })).toBe(2);
    now = t0;
  });

  it('registers, checks in, wipes and confirms through the use cases, with every refusal the contract names', async () => {
    const { stores, events } = s.set;
    now = new Date('2026-11-29T10:00:00.000Z');
    const cache = createMamPolicyCache(stores);
    const unsubscribe = events.subscribe(mamPolicyChangedEvent, (e) => {
      cache.invalidate(e.tenantId);
    });
    const d = { ...deps(), mamPolicies: cache, signatures: verifier };
    const sdk = { ...d, clock };
    const ada = makeUser(s.tenant, 'ada');
    const bob = makeUser(s.tenant, 'bob');
    const eve = makeUser(s.other, 'eve');
    for (const u of [ada, bob, eve]) expect(await stores.insertUser(u)).toBe(true);
    expect(await stores.insertGroup(makeGroup(s.tenant, 'g-contractors', { memberType: 'user' }))).toBe(true);
    await stores.addMembers(s.tenant, 'g-contractors' as GroupId, [{ memberType: 'user', memberId: bob.id }], t0);
    const caller = { tenantId: s.tenant, userId: ada.id, clientId: 'notes' };
    const key = sdkKey();

    // No app in the catalog yet, then no policy.
    expect(await registerSdkApp(sdk, caller, registrationBody(key))).toMatchObject({ ok: false, code: 'APP_NOT_FOUND' });
    expect(await stores.insertApp(catalogApp(s.tenant, 'app-notes', notes), null)).toBe(true);
    expect(await registerSdkApp(sdk, caller, registrationBody(key))).toMatchObject({ ok: false, code: 'APP_PROTECTION_NOT_ASSIGNED' });
    const policy = await createAppProtectionPolicy(d, admin(s.tenant), { name: 'Notes', settings: { offline: { accessCheckAfterMinutes: 60 } }, targets: { users: { include: 'allUsers', exclude: ['g-contractors'] }, apps: [notes] } });
    if (!policy.ok) throw new Error(policy.message);
    expect(await createAppConfigurationPolicy(d, admin(s.tenant), { name: 'Notes settings', settings: { account: '{{user.email}}' }, targets: { users: { include: 'allUsers' }, apps: [notes] } })).toMatchObject({ ok: true });
    expect(await registerSdkApp(sdk, { ...caller, userId: bob.id }, registrationBody(key))).toMatchObject({ ok: false, code: 'APP_PROTECTION_NOT_ASSIGNED' });
    expect(await registerSdkApp(sdk, caller, registrationBody(key, { publicKey: { ...key.jwk, y: key.jwk.x } }))).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', details: { field: 'publicKey' } });
    expect(await registerSdkApp(sdk, { ...caller, userId: 'ghost' as UserId }, registrationBody(key))).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect((await stores.listAppRegistrations(s.tenant, {}, { limit: 50, sort: 'createdAt', order: 'asc' })).items.filter((r) => r.userId === ada.id)).toEqual([]);

    const registered = await registerSdkApp(sdk, caller, registrationBody(key));
    if (!registered.ok) throw new Error(registered.message);
    expect(registered.value.created).toBe(true);
    const { response } = registered.value;
    expect(response).toMatchObject({ policyVersion: policy.value.hash, configuration: { account: 'ada@example.com' }, checkInIntervalSeconds: 900, serverTime: now.toISOString() });
    expect(response.policy.managedApps).toEqual([notes]);
    expect(response.keyShare).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const id = response.registrationId;

    // Re-registration: same id and key share, new key, sequence from 0 again.
    const key2 = sdkKey();
    const again = await registerSdkApp(sdk, caller, registrationBody(key2, { appVersion: '1.3.0' }));
    if (!again.ok) throw new Error(again.message);
    expect(again.value).toMatchObject({ created: false, response: { registrationId: id, keyShare: response.keyShare } });
    expect(await stores.getAppRegistration(s.tenant, id)).toMatchObject({ publicKey: key2.jwk, appVersion: '1.3.0', sequence: 0 });

    // Check-in: the old key no longer signs; another tenant's endpoint does not find it.
    const body1 = checkInBody(id, 1, now);
    expect(await checkInSdkApp(sdk, signed(key, id, body1))).toMatchObject({ ok: false, code: 'SDK_SIGNATURE_INVALID' });
    expect(await checkInSdkApp(sdk, { ...signed(key2, id, body1), tenantId: s.other })).toMatchObject({ ok: false, code: 'SDK_REGISTRATION_NOT_FOUND' });
    expect(await checkInSdkApp(sdk, signed(key2, 'nope', body1))).toMatchObject({ ok: false, code: 'SDK_REGISTRATION_NOT_FOUND' });
    const tampered = signed(key2, id, body1);
    expect(await checkInSdkApp(sdk, { ...tampered, body: new TextEncoder().encode(JSON.stringify({ ...body1, sequence: 2 })) })).toMatchObject({ ok: false, code: 'SDK_SIGNATURE_INVALID' });
    expect(await checkInSdkApp(sdk, signed(key2, id, { ...body1, sentAt: new Date(now.getTime() - 6 * 60_000).toISOString() }))).toMatchObject({ ok: false, code: 'SDK_CHECK_IN_STALE' });
    expect(await checkInSdkApp(sdk, signed(key2, id, { ...body1, sequence: 'one' }))).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await evaluateAppProtection(stores, { tenantId: s.tenant, userId: ada.id, registrationId: id, now }, cache)).toMatchObject({ protected: false, reason: 'notCheckedIn' });

    const first = await checkInSdkApp(sdk, signed(key2, id, body1));
    if (!first.ok) throw new Error(first.message);
    expect(first.value).toMatchObject({ policyVersion: policy.value.hash, configuration: { account: 'ada@example.com' }, keyShare: response.keyShare, wipe: null });
    expect(first.value.policy).not.toBeNull();
    expect(await checkInSdkApp(sdk, signed(key2, id, body1))).toMatchObject({ ok: false, code: 'SDK_CHECK_IN_REPLAYED' });
    // The app applies what it got: nothing is sent again.
    const current = { policyVersion: policy.value.hash, configurationVersion: first.value.configurationVersion };
    const second = await checkInSdkApp(sdk, signed(key2, id, checkInBody(id, 2, now, current)));
    expect(second).toMatchObject({ ok: true, value: { policy: null, configuration: null, keyShare: response.keyShare } });
    expect(await evaluateAppProtection(stores, { tenantId: s.tenant, userId: ada.id, registrationId: id, now }, cache)).toMatchObject({ protected: true, reason: 'protected' });
    expect(await evaluateAppProtection(stores, { tenantId: s.tenant, userId: bob.id, registrationId: id, now }, cache)).toMatchObject({ protected: false, reason: 'otherUser' });
    expect(await evaluateAppProtection(stores, { tenantId: s.other, userId: ada.id, registrationId: id, now }, cache)).toMatchObject({ protected: false, reason: 'registrationNotFound' });
    expect(await evaluateAppProtection(stores, { tenantId: s.tenant, userId: ada.id, registrationId: id, now: new Date(now.getTime() + 61 * 60_000) }, cache)).toMatchObject({ reason: 'offlineTooLong' });

    // An app assertion signed by the registration's key.
    const assertion = (claims: Record<string, unknown>): string => {
      const h = toBase64Url(new TextEncoder().encode(JSON.stringify({ alg: 'ES256', typ: 'JWT' })));
      const p = toBase64Url(new TextEncoder().encode(JSON.stringify(claims)));
      const sig = sign('sha256', Buffer.from(`${h}.${p}`), { key: key2.privateKey, dsaEncoding: 'ieee-p1363' });
      return `${h}.${p}.${toBase64Url(new Uint8Array(sig))}`;
    };
    const iat = Math.floor(now.getTime() / 1000);
    const good = assertion({ iss: id, aud: 'https://ward.example/oidc', iat, exp: iat + 300, jti: 'j1' });
    const query = { tenantId: s.tenant, userId: ada.id, issuer: 'https://ward.example/oidc', now };
    expect(await verifyAppAssertion({ stores, signatures: verifier, mamPolicies: cache }, { ...query, assertion: good })).toMatchObject({ protected: true });
    expect(await verifyAppAssertion({ stores, signatures: verifier }, { ...query, assertion: assertion({ iss: id, aud: 'https://ward.example/oidc', iat, exp: iat + 301, jti: 'j1' }) })).toMatchObject({ reason: 'assertionInvalid' });
    expect(await verifyAppAssertion({ stores, signatures: verifier }, { ...query, assertion: assertion({ iss: id, aud: 'https://evil.example', iat, exp: iat + 60, jti: 'j1' }) })).toMatchObject({ reason: 'assertionInvalid' });
    // A changed signature: its first character (the last one may hold only padding bits of base64url).
    const signatureAt = good.lastIndexOf('.') + 1;
    const forgedSignature = `${good.slice(0, signatureAt)}${good[signatureAt] === 'A' ? 'B' : 'A'}${good.slice(signatureAt + 1)}`;
    expect(await verifyAppAssertion({ stores, signatures: verifier }, { ...query, assertion: forgedSignature })).toMatchObject({ protected: false });
    expect(await verifyAppAssertion({ stores, signatures: verifier }, { ...query, assertion: 'a.b' })).toMatchObject({ reason: 'assertionInvalid' });

    // A policy change reaches the app at its next check-in, through the cache's invalidation.
    const changed = await updateAppProtectionPolicy(d, admin(s.tenant), policy.value.id, { settings: { pin: { minLength: 8 } } });
    if (!changed.ok) throw new Error(changed.message);
    const third = await checkInSdkApp(sdk, signed(key2, id, checkInBody(id, 3, now, current)));
    expect(third).toMatchObject({ ok: true, value: { policyVersion: changed.value.hash, policy: { pin: { minLength: 8 } } } });
    expect(await evaluateAppProtection(stores, { tenantId: s.tenant, userId: ada.id, registrationId: id, now }, cache)).toMatchObject({ reason: 'policyOutdated' });

    // Admin queries.
    const view = await getAppRegistration(d, admin(s.tenant, 'helpDeskOperator'), id);
    expect(view.ok && 'keyShare' in view.value).toBe(false);
    expect(await getAppRegistration(d, admin(s.other), id)).toMatchObject({ ok: false, code: 'APP_REGISTRATION_NOT_FOUND' });
    const listed = await listAppRegistrations(d, admin(s.tenant), { filter: { userId: ada.id } });
    expect(listed.ok && listed.value.items.map((r) => [r.id, r.sequence, 'keyShare' in r])).toEqual([[id, 3, false]]);
    expect(await listAppRegistrations(d, admin(s.tenant, 'helpDeskOperator', ['g-contractors' as GroupId]), {})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const report = await getAppUsageReport(d, admin(s.tenant), { appIdentifier: notes });
    expect(report.ok && report.value.apps).toEqual([{ appIdentifier: notes, launches: 6, lastUsedAt: now, days: [{ appIdentifier: notes, day: '2026-11-29', launches: 6, activeUsers: 1, lastUsedAt: now }] }]);
    expect(await getAppUsageReport(d, admin(s.tenant), { from: '2026-12-01', to: '2026-11-01' })).toMatchObject({ ok: false, code: 'INVALID_FILTER' });
    expect(await resolveAppConfiguration({ stores, digests: nodeDigests }, { tenantId: s.tenant, userId: ada.id, appIdentifier: notes })).toMatchObject({ configuration: { account: 'ada@example.com' } });
    expect(await resolveAppConfiguration({ stores, digests: nodeDigests }, { tenantId: s.tenant, userId: ada.id, appIdentifier: 'com.other' })).toBeNull();

    // Selective wipe: another tenant's admin, or an auditor, changes nothing.
    expect(await wipeAppRegistration(d, admin(s.other), id)).toMatchObject({ ok: false, code: 'APP_REGISTRATION_NOT_FOUND' });
    expect(await wipeAppRegistration(d, admin(s.tenant, 'readOnlyAuditor'), id)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await wipeAppRegistration(d, admin(s.tenant, 'helpDeskOperator', ['g-contractors' as GroupId]), id)).toMatchObject({ ok: false, code: 'APP_REGISTRATION_NOT_FOUND' });
    expect(await stores.getAppRegistration(s.tenant, id)).toMatchObject({ state: 'active', wipe: null });
    const wiped = await wipeAppRegistration(d, admin(s.tenant, 'helpDeskOperator'), id);
    if (!wiped.ok || wiped.value.wipe === null) throw new Error('no wipe');
    const wipeId = wiped.value.wipe.id;
    expect(await wipeAppRegistration(d, admin(s.tenant), id)).toMatchObject({ ok: true, value: { wipe: { id: wipeId } } });
    expect(await evaluateAppProtection(stores, { tenantId: s.tenant, userId: ada.id, registrationId: id, now }, cache)).toMatchObject({ reason: 'wipePending' });
    const fourth = await checkInSdkApp(sdk, signed(key2, id, checkInBody(id, 4, now)));
    expect(fourth).toMatchObject({ ok: true, value: { keyShare: null, wipe: { wipeId, scope: 'registration' } } });
    const confirm = checkInBody(id, 5, now, { wipeConfirmation: { wipeId, outcome: 'succeeded' } });
    expect(await checkInSdkApp(sdk, signed(key2, id, confirm))).toMatchObject({ ok: true, value: { keyShare: null, wipe: null } });
    expect(await stores.getAppRegistration(s.tenant, id)).toMatchObject({ state: 'wiped', wipe: { id: wipeId, outcome: 'succeeded', confirmedAt: now } });
    // The confirmation again (a retry): applied once, the registration is gone for the app.
    expect(await checkInSdkApp(sdk, signed(key2, id, { ...confirm, sequence: 6 }))).toMatchObject({ ok: false, code: 'SDK_REGISTRATION_WIPED' });
    expect(await stores.getAppRegistration(s.tenant, id)).toMatchObject({ sequence: 5, wipe: { confirmedAt: now } });
    expect(await wipeAppRegistration(d, admin(s.tenant), id)).toMatchObject({ ok: false, code: 'APP_REGISTRATION_WIPED' });
    const audit = await sql<{ action: string }>`select action from audit_events where tenant_id = ${s.tenant} and action like 'appRegistration.%' order by seq`.execute(s.t.database.db);
    expect(audit.rows.map((r) => r.action)).toEqual(['appRegistration.created', 'appRegistration.rekeyed', 'appRegistration.wipeRequested', 'appRegistration.wipeConfirmed']);

    // A wiped registration is not revived: registering again makes a new one, with a new key share.
    const fresh = await registerSdkApp(sdk, caller, registrationBody(key2));
    if (!fresh.ok) throw new Error(fresh.message);
    expect(fresh.value.created).toBe(true);
    expect(fresh.value.response.registrationId).not.toBe(id);
    expect(fresh.value.response.keyShare).not.toBe(response.keyShare);

    // Wipe all of a user's apps on one tag; then a pending wipe is superseded by a new registration.
    const onOtherTag = await registerSdkApp(sdk, caller, registrationBody(key2, { deviceTag: 'tag-BBBBBBBBBBBBBBBBBBBB' }));
    expect(onOtherTag.ok).toBe(true);
    expect(await wipeUserApps(d, admin(s.other), { userId: ada.id })).toMatchObject({ ok: false, code: 'USER_NOT_FOUND' });
    expect(await wipeUserApps(d, admin(s.tenant), { userId: ada.id, deviceTag: 'bad tag' })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    const byTag = await wipeUserApps(d, admin(s.tenant), { userId: ada.id, deviceTag: 'tag-AAAAAAAAAAAAAAAAAAAA' });
    expect(byTag.ok && byTag.value.registrations.map((r) => [r.id, r.state, r.wipe?.scope])).toEqual([[fresh.value.response.registrationId, 'wipePending', 'user']]);
    expect(await stores.findLiveAppRegistration(s.tenant, ada.id, notes, 'tag-BBBBBBBBBBBBBBBBBBBB')).toMatchObject({ state: 'active' });
    const superseding = await registerSdkApp(sdk, caller, registrationBody(sdkKey()));
    expect(superseding.ok && superseding.value.created).toBe(true);
    expect(await stores.getAppRegistration(s.tenant, fresh.value.response.registrationId)).toMatchObject({ state: 'wiped', wipe: { outcome: 'superseded' } });
    const all = await wipeUserApps(d, admin(s.tenant), { userId: ada.id });
    expect(all.ok && all.value.registrations).toHaveLength(2);

    // Retire of a device wipes the registrations bound to it.
    const bound = await registerSdkApp(sdk, { ...caller, deviceId: 'dev-ada' as DeviceId }, registrationBody(sdkKey(), { deviceTag: 'tag-CCCCCCCCCCCCCCCCCCCC' }));
    if (!bound.ok) throw new Error(bound.message);
    expect(await s.set.tx.transaction((tx) => wipeDeviceAppRegistrations(d, tx, admin(s.tenant), 'dev-ada' as DeviceId))).toBe(1);
    expect(await stores.getAppRegistration(s.tenant, bound.value.response.registrationId)).toMatchObject({ state: 'wipePending' });

    // A user deleted from the directory: the app is told to wipe at its next check-in.
    const bobKey = sdkKey();
    await stores.insertAppRegistration(registration(s.tenant, 'reg-bob', { userId: bob.id, publicKey: bobKey.jwk, deviceTag: 'tag-bob-AAAAAAAAAAAAAAA' }));
    await stores.deleteUser(s.tenant, bob.id);
    expect(await checkInSdkApp(sdk, signed(bobKey, 'reg-bob', checkInBody('reg-bob', 1, now)))).toMatchObject({ ok: true, value: { keyShare: null, wipe: { scope: 'user' } } });
    unsubscribe();
    now = t0;
  });

  it('seals the key share at rest when given a SecretBox, and refuses to open it under another key', async () => {
    const t = await openTestDatabase(dialect);
    try {
      const ids = sequentialIds();
      const sealed = createStores(t.database, { digests: nodeDigests, ids, secrets: createTestSecretBox() });
      await sealed.stores.insertTenant(makeTenant('tenant-a'));
      const tenant = 'tenant-a' as TenantId;
      const r = registration(tenant, 'reg-sealed', { keyShare: 'the-plain-key-share' });
      expect(await sealed.stores.insertAppRegistration(r)).toBe(true);
      const raw = await sql<{ key_share: string }>`select key_share from mam_registrations where id = ${r.id}`.execute(t.database.db);
      expect(raw.rows[0]?.key_share).toMatch(/^ward-sealed:/);
      expect(raw.rows[0]?.key_share).not.toContain('the-plain-key-share');
      expect(await sealed.stores.getAppRegistration(tenant, r.id)).toEqual(r);
      // A check-in's write leaves the sealed share alone.
      expect(await sealed.stores.saveAppCheckIn({ registration: { ...r, sequence: 1 }, previousSequence: 0 })).toBe(true);
      expect((await sealed.stores.findAppRegistrationById(r.id))?.keyShare).toBe('the-plain-key-share');
      const otherKey = createStores(t.database, { digests: nodeDigests, ids, secrets: createTestSecretBox() });
      await expect(otherKey.stores.getAppRegistration(tenant, r.id)).rejects.toThrow(/does not open/);
    } finally {
      await t.dispose();
    }
  });
});
