import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  enqueueAppleCommandByAdmin,
  listAppleDeviceCommands,
  registerDevice,
  type AppleCommandPayloadValidator,
  type AppleEnrollment,
  type Device,
  type Ownership,
} from '../src/index.js';
import { expectOk, openCoreTestEnv, type CoreTestEnv } from './support/env.js';

let env: CoreTestEnv;
const naming = { identifierPrefix: 'com.example.ward' };
const deps = () => ({ ...env.deps, appleProfiles: naming });
// Core holds no copy of Apple's schema: these tests check the rules around the validator, which
// is given here as one that accepts everything or one that reports a problem.
const accepting: AppleCommandPayloadValidator = () => [];
const seen: { requestType: string; payload: unknown }[] = [];
const recording: AppleCommandPayloadValidator = (requestType, payload) => {
  seen.push({ requestType, payload });
  return [];
};

async function appleDevice(name: string, ownership: Ownership, overrides: Partial<AppleEnrollment> = {}): Promise<Device> {
  const device = expectOk(await registerDevice(env.deps, env.system, { name, platform: 'ios', ownership }));
  await env.deps.stores.putAppleEnrollment({
    tenantId: device.tenantId,
    deviceId: device.id,
    udid: `UDID-${name}`,
    enrollmentId: null,
    userEnrollment: false,
    state: 'active',
    topic: 'com.apple.mgmt.External.e0bd1eac-1f17-4c8e-8a63-dd17d3dd35d9',
    pushToken: 'ab'.repeat(32),
    pushMagic: 'MAGIC',
    unlockToken: null,
    bootstrapToken: null,
    installedProfiles: [],
    authenticatedAt: env.clock.now(),
    tokenUpdatedAt: env.clock.now(),
    checkedOutAt: null,
    ...overrides,
  });
  return device;
}

beforeAll(async () => {
  env = await openCoreTestEnv();
});
afterAll(async () => env.dispose());

describe('enqueueAppleCommandByAdmin', () => {
  it('queues an allowed command with the admin as origin, after the validator saw its payload', async () => {
    const device = await appleDevice('a', 'corporate');
    seen.length = 0;
    const queued = expectOk(await enqueueAppleCommandByAdmin(deps(), env.system, { deviceId: device.id, requestType: 'Settings', payload: { Settings: [{ Item: 'DeviceName', DeviceName: 'Kiosk' }] }, ttlHours: 2 }, recording));
    expect(seen).toEqual([{ requestType: 'Settings', payload: { Settings: [{ Item: 'DeviceName', DeviceName: 'Kiosk' }] } }]);
    expect(queued.expiresAt.getTime() - env.clock.now().getTime()).toBe(2 * 3_600_000);
    const [command] = await env.deps.stores.listAppleCommands(device.tenantId, device.id);
    expect(command).toMatchObject({ commandUuid: queued.commandUuid, origin: `admin:${env.system.actor.name}`, channel: 'device', status: 'queued' });
    const listed = expectOk(await listAppleDeviceCommands(env.deps, env.system, device.id, {}));
    expect(listed.items[0]).toMatchObject({ source: 'admin', requestedBy: env.system.actor.name, status: 'queued' });
  });

  it('names the action to use for commands that are actions, and refuses unknown ones', async () => {
    const device = await appleDevice('b', 'corporate');
    for (const [requestType, action] of [['EraseDevice', 'wipe'], ['DeviceLock', 'lock'], ['ClearPasscode', 'clearPasscode'], ['EnableLostMode', 'enableLostMode']] as const) {
      const refused = await enqueueAppleCommandByAdmin(deps(), env.system, { deviceId: device.id, requestType }, accepting);
      expect(refused).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', details: { field: 'requestType' } });
      expect(refused.ok ? '' : refused.message).toContain(action);
    }
    for (const requestType of ['constructor', '__proto__', 'toString', 'x'.repeat(10_000)]) {
      expect(await enqueueAppleCommandByAdmin(deps(), env.system, { deviceId: device.id, requestType }, accepting)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    }
    expect(await env.deps.stores.listAppleCommands(device.tenantId, device.id)).toEqual([]);
  });

  it("reports the validator's problems, bounded, and queues nothing", async () => {
    const device = await appleDevice('c', 'corporate');
    const many: AppleCommandPayloadValidator = () => Array.from({ length: 100 }, (_, i) => ({ path: `Key${i}`, message: 'x'.repeat(1000) }));
    const refused = await enqueueAppleCommandByAdmin(deps(), env.system, { deviceId: device.id, requestType: 'ProfileList', payload: { Key0: 1 } }, many);
    if (refused.ok) throw new Error('expected a refusal');
    expect(refused.code).toBe('VALIDATION_FAILED');
    expect((refused.details?.problems as unknown[]).length).toBe(20);
    expect(refused.message.length).toBeLessThan(1200);
    expect(await env.deps.stores.listAppleCommands(device.tenantId, device.id)).toEqual([]);
  });

  it("refuses removing Ward's enrollment profile or one of its policy profiles, but not others", async () => {
    const device = await appleDevice('d', 'corporate');
    for (const Identifier of ['com.example.ward.enrollment', 'com.example.ward.profile.0193a0b2-1c2d-7e3f-8a9b-0c1d2e3f4a5b']) {
      expect(await enqueueAppleCommandByAdmin(deps(), env.system, { deviceId: device.id, requestType: 'RemoveProfile', payload: { Identifier } }, accepting)).toMatchObject({ ok: false, code: 'ACTION_NOT_ALLOWED' });
    }
    expectOk(await enqueueAppleCommandByAdmin(deps(), env.system, { deviceId: device.id, requestType: 'RemoveProfile', payload: { Identifier: 'com.vendor.vpn' } }, accepting));
  });

  it('refuses a User Enrollment nothing more than Apple does, and devices that left management', async () => {
    const user = await appleDevice('e', 'personal', { udid: null, enrollmentId: 'ENROLLMENT-E', userEnrollment: true });
    expectOk(await enqueueAppleCommandByAdmin(deps(), env.system, { deviceId: user.id, requestType: 'ProfileList' }, accepting));
    expect(await enqueueAppleCommandByAdmin(deps(), env.system, { deviceId: user.id, requestType: 'InstalledApplicationList', payload: { ManagedAppsOnly: false } }, accepting)).toMatchObject({ ok: false, code: 'ACTION_NOT_ALLOWED' });
    const retired = await appleDevice('f', 'corporate');
    await env.deps.stores.updateDevice({ ...retired, managementState: 'retired' });
    expect(await enqueueAppleCommandByAdmin(deps(), env.system, { deviceId: retired.id, requestType: 'ProfileList' }, accepting)).toMatchObject({ ok: false, code: 'ACTION_NOT_ALLOWED' });
  });

  it('checks payload shape, size, ttl and channel before the validator runs', async () => {
    const device = await appleDevice('g', 'corporate');
    seen.length = 0;
    for (const input of [
      { payload: null as unknown as Record<string, unknown> },
      { payload: [] as unknown as Record<string, unknown> },
      { payload: { Blob: 'A'.repeat(2 * 1024 * 1024) } },
      { ttlHours: 0.5 },
      { channel: 'users:x' },
      { payload: { RequestType: 'EraseDevice' } },
    ]) {
      expect(await enqueueAppleCommandByAdmin(deps(), env.system, { deviceId: device.id, requestType: 'ProfileList', ...input }, recording)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    }
    expect(seen).toEqual([]);
  });
});
