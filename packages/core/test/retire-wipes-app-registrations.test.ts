import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApp,
  createAppProtectionPolicy,
  createUser,
  getAppRegistration,
  registerDevice,
  registerSdkApp,
  requestDeviceAction,
  type DeviceId,
} from '../src/index.js';
import { openDevicePki, type DevicePki } from './support/device-pki.js';
import { expectOk, openCoreTestEnv, type CoreTestEnv } from './support/env.js';

function publicJwk(): { kty: 'EC'; crv: 'P-256'; x: string; y: string } {
  const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
  return { kty: 'EC', crv: 'P-256', x: jwk.x ?? '', y: jwk.y ?? '' };
}

// Issue 7 §7: "a retired device loses corporate apps and data, keeps personal ones". Retiring an
// enrolled device asks every SDK app registration bound to it (its app proved the device at
// registration) for a selective wipe in the retire's own transaction; registrations on other
// devices, and the person's other apps, are left alone.
describe('retiring a device wipes the SDK apps bound to it', () => {
  let env: CoreTestEnv;
  let pki: DevicePki;
  beforeAll(async () => {
    env = await openCoreTestEnv();
    pki = await openDevicePki(env.clock);
  });
  afterAll(async () => {
    await env.dispose();
  });

  it('requests a wipe of the bound registrations only, once', async () => {
    const ada = expectOk(await createUser(env.deps, env.system, { email: 'ada@example.com', displayName: 'Ada', department: null, jobTitle: null }));
    const laptop = expectOk(await registerDevice(env.deps, env.system, { name: 'ada-laptop', platform: 'linux', ownership: 'corporate', primaryUserId: ada.id }));
    const other = expectOk(await registerDevice(env.deps, env.system, { name: 'ada-desktop', platform: 'linux', ownership: 'corporate', primaryUserId: ada.id }));
    expectOk(await createApp(env.deps, env.system, { name: 'Notes', kind: 'web', identifier: 'com.ward.notes-demo', details: { url: 'https://notes.example.com/' } }));
    expectOk(await createAppProtectionPolicy(env.deps, env.system, { name: 'Notes', targets: { users: { include: 'allUsers' }, apps: ['com.ward.notes-demo'] } }));

    const register = async (deviceId: DeviceId | undefined, deviceTag: string) => {
      const body = { appId: 'com.ward.notes-demo', appVersion: '1.0.0', sdkVersion: '1.0.0', platform: 'web', deviceTag, publicKey: publicJwk() };
      return expectOk(await registerSdkApp(env.deps, { tenantId: env.tenant.id, userId: ada.id, ...(deviceId === undefined ? {} : { deviceId }) }, body)).response.registrationId;
    };
    const bound = await register(laptop.id, 'tag-laptop-AAAAAAAAAAAAAAAA');
    const elsewhere = await register(other.id, 'tag-desktop-AAAAAAAAAAAAAAA');
    const unbound = await register(undefined, 'tag-browser-AAAAAAAAAAAAAAA');

    const deps = { ...env.deps, signer: pki.signer };
    const [outcome] = expectOk(await requestDeviceAction(deps, env.system, { deviceIds: [laptop.id], type: 'retire' }));
    expect(outcome?.status).toBe('queued');

    const after = async (id: string) => expectOk(await getAppRegistration(env.deps, env.system, id));
    const wiped = await after(bound);
    expect(wiped.wipe).not.toBeNull();
    expect((await after(elsewhere)).wipe).toBeNull();
    expect((await after(unbound)).wipe).toBeNull();

    // Asked again (the retire is already pending): the same wipe, not a second one.
    const [again] = expectOk(await requestDeviceAction(deps, env.system, { deviceIds: [laptop.id], type: 'retire' }));
    expect(again?.status).toBe('alreadyPending');
    expect((await after(bound)).wipe).toEqual(wiped.wipe);
  });
});
