import { describe, expect, it } from 'vitest';
import { WardError, type AppleCommand, type AppleCommandResult, type AppleEnrollment, type AppleEnrollmentContext, type AppleIdentity, type DeviceId, type TenantId } from '@ward/core';
import { createStores } from '../src/index.js';
import { at, makeDevice, t0 } from './support/fixtures.js';
import { useStoreSuite } from './support/store-suite.js';
import { nodeDigests, randomIds, testDialects } from './support/test-database.js';
import { createTestSecretBox } from './support/test-secret-box.js';

const did = (s: string) => s as DeviceId;
const context: AppleEnrollmentContext = { ownership: 'corporate', targetGroupId: null, userId: null, enrollmentTokenId: null, userEnrollment: false };

function identity(tenantId: TenantId, serialNumber: string, over: Partial<AppleIdentity> = {}): AppleIdentity {
  return { tenantId, serialNumber, fingerprint: 'AA:BB', notBefore: t0, notAfter: at(365 * 86_400_000), state: 'pending', context, deviceId: null, createdAt: t0, revokedAt: null, ...over };
}

function enrollment(tenantId: TenantId, deviceId: string, over: Partial<AppleEnrollment> = {}): AppleEnrollment {
  return {
    tenantId,
    deviceId: did(deviceId),
    udid: `udid-${deviceId}`,
    enrollmentId: null,
    userEnrollment: false,
    state: 'active',
    topic: 'com.apple.mgmt.External.test',
    pushToken: `${deviceId}aa`,
    pushMagic: `magic-${deviceId}`,
    unlockToken: 'dW5sb2Nr',
    bootstrapToken: null,
    installedProfiles: [{ identifier: 'com.example.wifi', uuid: null, displayName: 'Wi-Fi' }],
    authenticatedAt: t0,
    tokenUpdatedAt: t0,
    checkedOutAt: null,
    ...over,
  };
}

function command(tenantId: TenantId, uuid: string, deviceId: string, over: Partial<AppleCommand> = {}): AppleCommand {
  return {
    tenantId,
    deviceId: did(deviceId),
    channel: 'device',
    commandUuid: uuid,
    requestType: 'DeviceInformation',
    payload: { Queries: ['OSVersion'] },
    status: 'queued',
    origin: 'enrollment',
    createdAt: t0,
    sentAt: null,
    expiresAt: at(3_600_000),
    ...over,
  };
}

function result(c: AppleCommand, over: Partial<AppleCommandResult> = {}): AppleCommandResult {
  return { tenantId: c.tenantId, deviceId: c.deviceId, channel: c.channel, commandUuid: c.commandUuid, requestType: c.requestType, origin: c.origin, status: 'acknowledged', result: { ok: 1 }, errorChain: null, createdAt: c.createdAt, completedAt: at(1000), ...over };
}

describe.each(testDialects)('Apple MDM stores on %s', (dialect) => {
  const s = useStoreSuite(dialect);

  it('consumes a SCEP challenge once, and never after it expires', async () => {
    const { stores } = s.set;
    await stores.insertAppleScepChallenge({ tenantId: s.tenant, challengeHash: 'h1', context, expiresAt: at(3_600_000), createdAt: t0 });
    await stores.insertAppleScepChallenge({ tenantId: s.other, challengeHash: 'h2', context: { ...context, userEnrollment: true }, expiresAt: at(1000), createdAt: t0 });
    expect(await stores.getAppleScepChallenge('h2')).toMatchObject({ tenantId: s.other, context: { userEnrollment: true } });
    // Two consumers at once: exactly one wins.
    const raced = await Promise.all([stores.consumeAppleScepChallenge('h1', t0), stores.consumeAppleScepChallenge('h1', t0)]);
    expect(raced.filter((c) => c !== undefined)).toHaveLength(1);
    expect(await stores.getAppleScepChallenge('h1')).toBeUndefined();
    expect(await stores.consumeAppleScepChallenge('h2', at(1000))).toBeUndefined();
    expect(await stores.consumeAppleScepChallenge('nope', t0)).toBeUndefined();
    expect(await stores.deleteExpiredAppleScepChallenges(at(1000), 10)).toBe(1);
    expect(await stores.getAppleScepChallenge('h2')).toBeUndefined();
  });

  it('binds, supersedes and revokes identities per device, and lists revoked ones for the CRL', async () => {
    const { stores } = s.set;
    await stores.insertDevice(makeDevice(s.tenant, 'id-dev-1'));
    await stores.insertAppleIdentity(identity(s.tenant, 'aa01'));
    await stores.insertAppleIdentity(identity(s.tenant, 'aa02'));
    expect(await stores.bindAppleIdentity('aa01', did('id-dev-1'))).toBe(true);
    expect(await stores.bindAppleIdentity('aa01', did('id-dev-2'))).toBe(false);
    expect(await stores.getAppleIdentity('aa01')).toMatchObject({ state: 'active', deviceId: 'id-dev-1', context });
    await expect(stores.insertAppleIdentity(identity(s.other, 'aa01'))).rejects.toThrow();
    expect(await stores.bindAppleIdentity('aa02', did('id-dev-1'))).toBe(true);
    expect(await stores.retireAppleIdentities(s.tenant, did('id-dev-1'), 'superseded', at(1), 'aa02')).toBe(1);
    expect((await stores.getAppleIdentity('aa01'))?.state).toBe('superseded');
    expect(await stores.retireAppleIdentities(s.other, did('id-dev-1'), 'revoked', at(2))).toBe(0);
    expect(await stores.retireAppleIdentities(s.tenant, did('id-dev-1'), 'revoked', at(2))).toBe(2);
    expect(await stores.getAppleIdentity('aa02')).toMatchObject({ state: 'revoked', revokedAt: at(2) });
    const revoked = await stores.listRevokedAppleIdentities(at(3));
    expect(revoked.filter((r) => r.serialNumber.startsWith('aa0'))).toEqual([
      { serialNumber: 'aa01', revokedAt: at(2) },
      { serialNumber: 'aa02', revokedAt: at(2) },
    ]);
    expect(await stores.listRevokedAppleIdentities(at(400 * 86_400_000))).toEqual([]);
  });

  it('keeps one enrollment per device, upserted, and push targets only for active ones with a token', async () => {
    const { stores } = s.set;
    for (const id of ['en-1', 'en-2', 'en-3']) await stores.insertDevice(makeDevice(s.tenant, id));
    await stores.putAppleEnrollment(enrollment(s.tenant, 'en-1'));
    await stores.putAppleEnrollment(enrollment(s.tenant, 'en-2', { state: 'authenticated', pushToken: null, pushMagic: null }));
    await stores.putAppleEnrollment(enrollment(s.tenant, 'en-3'));
    await stores.putAppleEnrollment(enrollment(s.tenant, 'en-3', { bootstrapToken: 'Ym9vdA==', state: 'active', pushToken: 'ff' }));
    expect(await stores.getAppleEnrollment(s.tenant, did('en-3'))).toEqual(enrollment(s.tenant, 'en-3', { bootstrapToken: 'Ym9vdA==', pushToken: 'ff' }));
    expect(await stores.getAppleEnrollment(s.other, did('en-3'))).toBeUndefined();
    const targets = await stores.listApplePushTargets(s.tenant, [did('en-1'), did('en-2'), did('en-3'), did('en-none')]);
    expect(targets.map((t) => t.deviceId).sort()).toEqual(['en-1', 'en-3']);
    expect(await stores.listApplePushTargets(s.other, [did('en-1')])).toEqual([]);
    // A newer token wins over a stale "unregistered" answer.
    expect(await stores.forgetApplePushToken(s.tenant, did('en-3'), 'old')).toBe(false);
    expect(await stores.forgetApplePushToken(s.tenant, did('en-3'), 'ff')).toBe(true);
    expect((await stores.getAppleEnrollment(s.tenant, did('en-3')))?.pushToken).toBeNull();

    await stores.putAppleUserChannel({ tenantId: s.tenant, deviceId: did('en-1'), userId: 'U-1', userShortName: 'ada', userLongName: null, pushToken: 'aa', pushMagic: 'm', updatedAt: t0 });
    await stores.putAppleUserChannel({ tenantId: s.tenant, deviceId: did('en-1'), userId: 'U-1', userShortName: 'ada2', userLongName: 'Ada', pushToken: 'bb', pushMagic: 'm2', updatedAt: at(1) });
    expect(await stores.listAppleUserChannels(s.tenant, did('en-1'))).toEqual([{ tenantId: s.tenant, deviceId: 'en-1', userId: 'U-1', userShortName: 'ada2', userLongName: 'Ada', pushToken: 'bb', pushMagic: 'm2', updatedAt: at(1) }]);
    expect(await stores.deleteAppleUserChannels(s.tenant, did('en-1'))).toBe(1);
  });

  it('seals the UnlockToken and bootstrap token at rest, bound to their row', async () => {
    const set = createStores(s.t.database, { digests: nodeDigests, ids: randomIds, secrets: createTestSecretBox() });
    await set.stores.insertDevice(makeDevice(s.tenant, 'seal-1'));
    await set.stores.insertDevice(makeDevice(s.tenant, 'seal-2'));
    await set.stores.putAppleEnrollment(enrollment(s.tenant, 'seal-1', { unlockToken: 'c2VjcmV0LXVubG9jaw==', bootstrapToken: 'c2VjcmV0LWJvb3Q=' }));
    const raw = await s.t.database.db.selectFrom('apple_devices').select(['unlock_token', 'bootstrap_token']).where('device_id', '=', 'seal-1').executeTakeFirstOrThrow();
    expect(raw.unlock_token).toMatch(/^ward-sealed:/);
    expect(raw.unlock_token).not.toContain('c2VjcmV0');
    expect(await set.stores.getAppleEnrollment(s.tenant, did('seal-1'))).toMatchObject({ unlockToken: 'c2VjcmV0LXVubG9jaw==', bootstrapToken: 'c2VjcmV0LWJvb3Q=' });
    // Copied to another device's row, the sealed value does not open.
    await set.stores.putAppleEnrollment(enrollment(s.tenant, 'seal-2'));
    await s.t.database.db.updateTable('apple_devices').set({ unlock_token: raw.unlock_token }).where('device_id', '=', 'seal-2').execute();
    const error: unknown = await set.stores.getAppleEnrollment(s.tenant, did('seal-2')).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WardError);
  });

  it('hands out the oldest eligible command per channel, and expires and clears pending ones', async () => {
    const { stores } = s.set;
    await stores.insertDevice(makeDevice(s.tenant, 'q-1'));
    await stores.insertDevice(makeDevice(s.other, 'q-1'));
    const a = command(s.tenant, 'cmd-a', 'q-1');
    const b = command(s.tenant, 'cmd-b', 'q-1', { createdAt: at(1), requestType: 'SecurityInfo' });
    const c = command(s.tenant, 'cmd-c', 'q-1', { createdAt: at(2), channel: 'user:U-1' });
    const d = command(s.tenant, 'cmd-d', 'q-1', { createdAt: at(3), expiresAt: at(10) });
    await stores.enqueueAppleCommands([b, a, c, d, command(s.other, 'cmd-x', 'q-1')]);
    expect(await stores.getAppleCommand(s.tenant, 'cmd-x')).toBeUndefined();
    const next = (options: { includeNotNow: boolean; exceptUuid?: string }, when = t0) => stores.nextAppleCommand(s.tenant, did('q-1'), 'device', when, options);
    expect((await next({ includeNotNow: false }))?.commandUuid).toBe('cmd-a');
    expect(await stores.setAppleCommandStatus(s.tenant, 'cmd-a', 'notNow')).toBe(true);
    expect((await next({ includeNotNow: false }))?.commandUuid).toBe('cmd-b');
    expect((await next({ includeNotNow: true }))?.commandUuid).toBe('cmd-a');
    expect((await next({ includeNotNow: false, exceptUuid: 'cmd-b' }))?.commandUuid).toBe('cmd-d');
    expect((await next({ includeNotNow: false, exceptUuid: 'cmd-b' }, at(10)))).toBeUndefined();
    expect((await stores.nextAppleCommand(s.tenant, did('q-1'), 'user:U-1', t0, { includeNotNow: false }))?.commandUuid).toBe('cmd-c');
    expect(await stores.setAppleCommandStatus(s.tenant, 'cmd-b', 'sent', at(5))).toBe(true);
    expect(await stores.getAppleCommand(s.tenant, 'cmd-b')).toEqual({ ...b, status: 'sent', sentAt: at(5) });
    expect(await stores.setAppleCommandStatus(s.tenant, 'nope', 'sent', at(5))).toBe(false);

    expect((await stores.takeExpiredAppleCommands(at(10), 10)).map((x) => x.commandUuid)).toEqual(['cmd-d']);
    expect(await stores.deleteAppleCommand(s.tenant, 'cmd-b')).toBe(true);
    expect(await stores.deleteAppleCommand(s.tenant, 'cmd-b')).toBe(false);
    expect((await stores.listAppleCommands(s.tenant, did('q-1'))).map((x) => x.commandUuid)).toEqual(['cmd-a', 'cmd-c']);
    expect((await stores.clearAppleCommands(s.tenant, did('q-1'))).map((x) => x.commandUuid)).toEqual(['cmd-a', 'cmd-c']);
    expect(await stores.listAppleCommands(s.other, did('q-1'))).toHaveLength(1);
  });

  it('records each result once and pages a device history newest first', async () => {
    const { stores } = s.set;
    await stores.insertDevice(makeDevice(s.tenant, 'r-1'));
    const results = Array.from({ length: 5 }, (_, i) => result(command(s.tenant, `res-${i}`, 'r-1'), { completedAt: at(i * 1000), errorChain: i === 0 ? [{ errorCode: -909, errorDomain: 'NSOSStatusErrorDomain', localizedDescription: 'x', usEnglishDescription: null }] : null }));
    expect(await stores.insertAppleCommandResults(results)).toBe(5);
    expect(await stores.insertAppleCommandResults([results[0] as AppleCommandResult, result(command(s.tenant, 'res-new', 'r-1'))])).toBe(1);
    expect(await stores.getAppleCommandResult(s.tenant, 'res-0')).toEqual(results[0]);
    expect(await stores.getAppleCommandResult(s.other, 'res-0')).toBeUndefined();
    const first = await stores.listAppleCommandResults(s.tenant, did('r-1'), { limit: 4 });
    expect(first.items.map((r) => r.commandUuid)).toEqual(['res-4', 'res-3', 'res-2', 'res-new']);
    const second = await stores.listAppleCommandResults(s.tenant, did('r-1'), { limit: 4, cursor: first.nextCursor ?? '' });
    expect(second.items.map((r) => r.commandUuid)).toEqual(['res-1', 'res-0']);
    expect(second.nextCursor).toBeNull();
    await expect(stores.listAppleCommandResults(s.tenant, did('r-1'), { limit: 4, cursor: 'garbage!' })).rejects.toThrow(WardError);
    // Results go with their device.
    await stores.deleteDevice(s.tenant, did('r-1'));
    expect(await stores.getAppleCommandResult(s.tenant, 'res-0')).toBeUndefined();
  });
});
