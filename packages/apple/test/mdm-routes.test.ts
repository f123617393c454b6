import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueAppleCommands, type Device, type DeviceId } from '@ward/core';
import { encodePlist, mdmCheckInContentType, mdmConnectContentType, parsePlist, type PlistDict } from '../src/index.js';
import { foreignIdentity, openMdmTestEnv, type MdmTestEnv, type TestIdentity } from './mdm-support.js';

let env: MdmTestEnv;
beforeAll(async () => {
  env = await openMdmTestEnv();
});
afterAll(async () => env.dispose());

const fixture = (name: string): string => readFileSync(new URL(`../testdata/${name}`, import.meta.url), 'utf8');
const topic = 'com.apple.mgmt.External.e0bd1eac-1f17-4c8e-8a63-dd17d3dd35d9';
const fixtureUdid = '663b07bb783e9ade1dae4fbb92ea12afc0ce5b69';
let udids = 0;
/** A fresh UDID per device, so each test enrolls its own iPad from the same captures. */
const newUdid = (): string => `${(++udids).toString(16).padStart(8, '0')}${fixtureUdid.slice(8)}`;
/** The real Authenticate and TokenUpdate captures, with the test device's UDID in place of the lab iPad's. */
const capture = (name: string, udid: string): string => fixture(name).replaceAll(fixtureUdid, udid);

interface Send {
  readonly as?: Pick<TestIdentity, 'keyPath' | 'certificatePath'>;
  readonly digest?: 'sha1' | 'sha256';
  readonly headers?: Readonly<Record<string, string>>;
}

async function put(path: '/mdm/checkin' | '/mdm/connect', body: string | Uint8Array, send: Send = {}): Promise<LightMyRequestResponse> {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const headers: Record<string, string> = { 'content-type': path === '/mdm/checkin' ? mdmCheckInContentType : mdmConnectContentType, ...send.headers };
  if (send.as !== undefined) headers['mdm-signature'] = env.sign(send.as, bytes, send.digest);
  return env.app.inject({ method: 'PUT', url: path, payload: Buffer.from(bytes), headers });
}

const plist = (dict: PlistDict): string => encodePlist(dict);
/** A command report from the device named by a UDID, or by `{ EnrollmentID }` for a User Enrollment. */
const report = (device: string | PlistDict, fields: PlistDict): string => plist({ ...(typeof device === 'string' ? { UDID: device } : device), ...fields });

/** The command in an answer, or undefined for an empty 200. */
function commandOf(response: LightMyRequestResponse): { readonly uuid: string; readonly command: PlistDict } | undefined {
  expect(response.statusCode, response.body).toBe(200);
  if (response.rawPayload.length === 0) return undefined;
  expect(response.headers['content-type']).toMatch(/^application\/xml/);
  const dict = parsePlist(response.rawPayload) as PlistDict;
  return { uuid: dict['CommandUUID'] as string, command: dict['Command'] as PlistDict };
}

/**
 * Authenticate and TokenUpdate from the real captures: an enrolled iPad. When the enrollment is a
 * User Enrollment (the core decides, from the token), the captures name the device by EnrollmentID
 * and carry no serial number, as such a device sends them; `device` is then `{ EnrollmentID }`.
 */
async function enrollIpad(ownership: 'corporate' | 'personal' = 'corporate'): Promise<{ identity: TestIdentity; udid: string; ids: PlistDict; device: Device }> {
  const identity = await env.enroll(ownership);
  const udid = newUdid();
  const userEnrollment = (await env.deps.stores.getAppleIdentity(identity.serialNumber))?.context.userEnrollment === true;
  const adapt = (text: string): string => (userEnrollment ? text.replace('<key>UDID</key>', '<key>EnrollmentID</key>').replace(/<key>SerialNumber<\/key>\s*<string>[^<]*<\/string>/, '') : text);
  const authenticated = await put('/mdm/checkin', adapt(capture('Authenticate.1.plist', udid)), { as: identity, digest: 'sha1' });
  expect(authenticated.statusCode, authenticated.body).toBe(200);
  expect((await put('/mdm/checkin', adapt(capture('TokenUpdate.1.plist', udid)), { as: identity })).statusCode).toBe(200);
  const deviceId = (await env.deps.stores.getAppleIdentity(identity.serialNumber))?.deviceId;
  const device = deviceId === undefined || deviceId === null ? undefined : await env.deps.stores.getDevice(env.tenant.id, deviceId);
  if (device === undefined) throw new Error('device not enrolled');
  return { identity, udid, ids: userEnrollment ? { EnrollmentID: udid } : { UDID: udid }, device };
}

async function deviceNow(id: DeviceId): Promise<Device> {
  const device = await env.deps.stores.getDevice(env.tenant.id, id);
  if (device === undefined) throw new Error('device gone');
  return device;
}

/** What a refused request must leave alone. */
async function snapshot(deviceId?: DeviceId): Promise<unknown> {
  return {
    audit: (await env.deps.stores.readAuditHead(env.tenant.id))?.seq,
    ...(deviceId === undefined ? {} : { device: await env.deps.stores.getDevice(env.tenant.id, deviceId), commands: await env.deps.stores.listAppleCommands(env.tenant.id, deviceId), enrollment: await env.deps.stores.getAppleEnrollment(env.tenant.id, deviceId) }),
  };
}

async function expectRefused(response: LightMyRequestResponse, status: number, code: string): Promise<void> {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.json<{ error: { code: string } }>().error.code).toBe(code);
  await Promise.resolve();
}

describe('check-in and command flow of a corporate iPad', () => {
  it('enrolls from the real captures, then answers DeviceInformation, SecurityInfo, NotNow, apps and an Error until the queue is empty', async () => {
    const { identity, udid, device } = await enrollIpad();
    expect(device).toMatchObject({ platform: 'ipados', ownership: 'corporate', serialNumber: 'F5JM992LF193', osVersion: '9.3.5' });
    expect(await env.deps.stores.getAppleEnrollment(env.tenant.id, device.id)).toMatchObject({ state: 'active', udid, topic, pushToken: '47e8eec062c2f729ec1703c1b3e18f1971d85f00be76445d34080baa701b5f51', pushMagic: 'CEFDF0BD-E342-4A27-8742-E930EA116B0A' });

    // Idle: the oldest queued command, DeviceInformation, with its queries.
    const info = commandOf(await put('/mdm/connect', report(udid, { Status: 'Idle' }), { as: identity }));
    expect(info?.command).toMatchObject({ RequestType: 'DeviceInformation', Queries: expect.arrayContaining(['OSVersion', 'IsSupervised', 'SerialNumber']) });

    const security = commandOf(
      await put('/mdm/connect', report(udid, { Status: 'Acknowledged', CommandUUID: info?.uuid ?? '', QueryResponses: { OSVersion: '17.5.1', BuildVersion: '21F90', IsSupervised: true, DeviceCapacity: 64, AvailableDeviceCapacity: 20.25, SerialNumber: 'F5JM992LF193', PushToken: Uint8Array.of(1) } }), { as: identity }),
    );
    expect(security?.command).toEqual({ RequestType: 'SecurityInfo' });
    let now = await deviceNow(device.id);
    expect(now.osVersion).toBe('17.5.1');
    expect(now.facts).toEqual({ osVersion: '17.5.1', osBuild: '21F90', supervised: true, totalStorageBytes: 64e9, freeStorageBytes: 20.25e9 });
    expect(now.inventory['appleDeviceInformation']).toMatchObject({ SerialNumber: 'F5JM992LF193' });
    expect(JSON.stringify(now.inventory)).not.toContain('PushToken');

    // The real SecurityInfo capture, with this device's UDID and the CommandUUID it was sent.
    const secinfo = fixture('SecurityInfo.result.plist').replace('AAABBBCCC111222333', udid).replace('53115671-3f45-49f5-b7cb-22ede8b8afdc', security?.uuid ?? '');
    const profiles = commandOf(await put('/mdm/connect', secinfo, { as: identity, digest: 'sha1' }));
    expect(profiles?.command).toEqual({ RequestType: 'ProfileList' });
    now = await deviceNow(device.id);
    expect(now.facts).toMatchObject({ encrypted: false, firewallOn: false, secureBoot: false, osVersion: '17.5.1' });

    // NotNow: the next other command; ProfileList waits for the next Idle.
    const apps = commandOf(await put('/mdm/connect', report(udid, { Status: 'NotNow', CommandUUID: profiles?.uuid ?? '' }), { as: identity }));
    expect(apps?.command).toEqual({ RequestType: 'InstalledApplicationList', ManagedAppsOnly: false });
    const afterApps = await put('/mdm/connect', report(udid, { Status: 'Acknowledged', CommandUUID: apps?.uuid ?? '', InstalledApplicationList: [{ Name: 'Ward', ShortVersion: '1.2', Identifier: 'org.ward.app' }] }), { as: identity });
    expect(commandOf(afterApps)).toBeUndefined();
    const software = await env.deps.stores.listDeviceSoftware(env.tenant.id, device.id, { limit: 10 });
    expect(software.items).toEqual([{ name: 'Ward', version: '1.2', source: 'app' }]);

    // Idle brings ProfileList back; the device answers with the real Error capture.
    const again = commandOf(await put('/mdm/connect', report(udid, { Status: 'Idle' }), { as: identity }));
    expect(again).toEqual(profiles);
    const error = fixture('Error.result.plist').replace('6362F867-FFF2-4EA6-905C-3C796DF4EF68', udid).replace('D053EE3A-EE0E-4E82-87D2-BB3624186694', (again?.uuid ?? '').toUpperCase());
    expect(commandOf(await put('/mdm/connect', error, { as: identity }))).toBeUndefined();
    const finished = await env.deps.stores.getAppleCommandResult(env.tenant.id, again?.uuid ?? '');
    expect(finished).toMatchObject({ status: 'error', requestType: 'ProfileList', errorChain: [{ errorCode: -909, errorDomain: 'NSOSStatusErrorDomain', localizedDescription: ' <NSOSStatusErrorDomain:-909>', usEnglishDescription: null }] });
    expect(await env.deps.stores.listAppleCommands(env.tenant.id, device.id)).toEqual([]);

    // An answer repeated for a finished command changes nothing.
    const before = await snapshot(device.id);
    expect(commandOf(await put('/mdm/connect', error, { as: identity }))).toBeUndefined();
    expect(await snapshot(device.id)).toEqual({ ...(before as object), device: { ...(before as { device: Device }).device, lastSeenAt: expect.any(Date) } });
  });

  it('records the profile list, sends $data payloads as plist data, and renders CertificateList answers into inventory', async () => {
    const { identity, udid, device } = await enrollIpad();
    await drain(identity, udid);
    const mobileconfig = new TextEncoder().encode(fixture('enroll.example.mobileconfig'));
    const queued = await enqueueAppleCommands(env.deps, env.tenant.id, [
      { deviceId: device.id, requestType: 'InstallProfile', payload: { Payload: { $data: Buffer.from(mobileconfig).toString('base64') } }, origin: 'admin-action-1' },
      { deviceId: device.id, requestType: 'ProfileList', origin: 'admin-action-2' },
    ]);
    expect(queued.ok).toBe(true);
    const install = commandOf(await put('/mdm/connect', report(udid, { Status: 'Idle' }), { as: identity }));
    expect(install?.command['RequestType']).toBe('InstallProfile');
    expect(install?.command['Payload']).toEqual(mobileconfig);
    const list = commandOf(await put('/mdm/connect', report(udid, { Status: 'Acknowledged', CommandUUID: install?.uuid ?? '' }), { as: identity }));
    expect(list?.command).toEqual({ RequestType: 'ProfileList' });
    const done = await put('/mdm/connect', report(udid, { Status: 'Acknowledged', CommandUUID: list?.uuid ?? '', ProfileList: [{ PayloadIdentifier: 'com.github.micromdm.nanomdm.mdm', PayloadUUID: '7B1E1E2B', PayloadDisplayName: 'Enrollment' }] }), { as: identity });
    expect(commandOf(done)).toBeUndefined();
    expect((await env.deps.stores.getAppleEnrollment(env.tenant.id, device.id))?.installedProfiles).toEqual([{ identifier: 'com.github.micromdm.nanomdm.mdm', uuid: '7B1E1E2B', displayName: 'Enrollment' }]);

    expect((await enqueueAppleCommands(env.deps, env.tenant.id, [{ deviceId: device.id, requestType: 'CertificateList', origin: 'admin-action-3' }])).ok).toBe(true);
    const certificates = commandOf(await put('/mdm/connect', report(udid, { Status: 'Idle' }), { as: identity }));
    const answer = report(udid, { Status: 'Acknowledged', CommandUUID: certificates?.uuid ?? '', CertificateList: [{ CommonName: 'Ward device', IsIdentity: true, Data: identity.certificateDer }] });
    expect(commandOf(await put('/mdm/connect', answer, { as: identity }))).toBeUndefined();
    const inventory = (await deviceNow(device.id)).inventory['appleCertificates'] as readonly Record<string, unknown>[];
    expect(inventory).toEqual([expect.objectContaining({ commonName: 'Ward device', isIdentity: true, issuer: expect.stringContaining('Ward MDM test') })]);
  });

  it('finishes a command that cannot be encoded as a CommandFormatError and sends the next one', async () => {
    const { identity, udid, device } = await enrollIpad();
    await drain(identity, udid);
    expect((await enqueueAppleCommands(env.deps, env.tenant.id, [
      { deviceId: device.id, requestType: 'Settings', payload: { Settings: 'not an array' }, origin: 'admin-action-4' },
      { deviceId: device.id, requestType: 'InstallProfile', payload: { Payload: { $data: 'not base64' } }, origin: 'admin-action-5' },
      { deviceId: device.id, requestType: 'DeviceLock', payload: { Message: 'Found? Call IT.' }, origin: 'admin-action-6' },
    ])).ok).toBe(true);
    const lock = commandOf(await put('/mdm/connect', report(udid, { Status: 'Idle' }), { as: identity }));
    expect(lock?.command).toEqual({ RequestType: 'DeviceLock', Message: 'Found? Call IT.' });
    const history = await env.deps.stores.listAppleCommandResults(env.tenant.id, device.id, { limit: 10 });
    const failed = history.items.filter((r) => r.status === 'commandFormatError');
    expect(failed.map((r) => r.requestType).sort()).toEqual(['InstallProfile', 'Settings']);
    expect(failed.every((r) => r.errorChain?.[0]?.errorDomain === 'WardServer')).toBe(true);
  });

  it('keeps no app list or software of a personal device', async () => {
    const { identity, ids: udid, device } = await enrollIpad('personal');
    expect(device.ownership).toBe('personal');
    // Personal devices are not asked for their apps at enrollment.
    const queued = await env.deps.stores.listAppleCommands(env.tenant.id, device.id);
    expect(queued.map((c) => c.requestType)).toEqual(['DeviceInformation', 'SecurityInfo', 'ProfileList']);
    await drain(identity, udid);
    expect((await enqueueAppleCommands(env.deps, env.tenant.id, [{ deviceId: device.id, requestType: 'InstalledApplicationList', origin: 'admin-action-7' }])).ok).toBe(true);
    const apps = commandOf(await put('/mdm/connect', report(udid, { Status: 'Idle' }), { as: identity }));
    await put('/mdm/connect', report(udid, { Status: 'Acknowledged', CommandUUID: apps?.uuid ?? '', InstalledApplicationList: [{ Name: 'Diary', ShortVersion: '1' }] }), { as: identity });
    expect((await env.deps.stores.listDeviceSoftware(env.tenant.id, device.id, { limit: 10 })).items).toEqual([]);
    expect((await deviceNow(device.id)).inventory).toEqual({});
    expect((await env.deps.stores.getAppleCommandResult(env.tenant.id, apps?.uuid ?? ''))?.result).toEqual({ InstalledApplicationList: { omitted: 'personal device', count: 1 } });
  });
});

/** Answers every queued command with an empty acknowledgement until the queue is empty. */
async function drain(identity: TestIdentity, udid: string | PlistDict): Promise<void> {
  let next = commandOf(await put('/mdm/connect', report(udid, { Status: 'Idle' }), { as: identity }));
  for (let i = 0; next !== undefined && i < 10; i++) next = commandOf(await put('/mdm/connect', report(udid, { Status: 'Acknowledged', CommandUUID: next.uuid }), { as: identity }));
  expect(next).toBeUndefined();
}

describe('other check-in messages', () => {
  it('declines UserAuthenticate with 410, with or without a DigestResponse, and refuses what Ward does not support', async () => {
    const { identity, udid, device } = await enrollIpad();
    const before = await snapshot(device.id);
    const variants: PlistDict[] = [{}, { DigestResponse: 'abc' }];
    for (const fields of variants) {
      const response = await put('/mdm/checkin', plist({ MessageType: 'UserAuthenticate', UDID: udid, UserID: 'B1E4A8F2-0000-4000-8000-000000000001', ...fields }), { as: identity });
      expect(response.statusCode).toBe(410);
      expect(response.body).toBe('');
    }
    await expectRefused(await put('/mdm/checkin', plist({ MessageType: 'DeclarativeManagement', UDID: udid, Endpoint: 'tokens' }), { as: identity }), 501, 'MDM_MESSAGE_UNSUPPORTED');
    await expectRefused(await put('/mdm/checkin', plist({ MessageType: 'GetToken', UDID: udid, EnrollmentID: 'x', TokenServiceType: 'com.apple.maid' }), { as: identity }), 501, 'MDM_MESSAGE_UNSUPPORTED');
    // Only a Mac escrows a bootstrap token.
    await expectRefused(await put('/mdm/checkin', plist({ MessageType: 'GetBootstrapToken', UDID: udid }), { as: identity }), 400, 'VALIDATION_FAILED');
    expect(await snapshot(device.id)).toEqual(before);
  });

  it('escrows and returns a Mac’s bootstrap token, then checks the Mac out, after which its certificate is revoked', async () => {
    const identity = await env.enroll();
    const udid = '6362F867-FFF2-4EA6-905C-3C796DF4EF68';
    const authenticate = plist({ MessageType: 'Authenticate', Topic: topic, UDID: udid, SerialNumber: 'C02XK0AAJG5H', ProductName: 'MacBookPro16,1', ModelName: 'MacBook Pro', OSVersion: '14.5', BuildVersion: '23F79', DeviceName: 'Ada’s MacBook' });
    expect((await put('/mdm/checkin', authenticate, { as: identity })).statusCode).toBe(200);
    expect((await put('/mdm/checkin', capture('TokenUpdate.1.plist', udid), { as: identity })).statusCode).toBe(200);
    const none = await put('/mdm/checkin', plist({ MessageType: 'GetBootstrapToken', UDID: udid }), { as: identity });
    expect(none.statusCode).toBe(200);
    expect(parsePlist(none.rawPayload)).toEqual({});
    const token = Uint8Array.from({ length: 48 }, (_, i) => i);
    expect((await put('/mdm/checkin', plist({ MessageType: 'SetBootstrapToken', UDID: udid, BootstrapToken: token }), { as: identity })).statusCode).toBe(200);
    const got = await put('/mdm/checkin', plist({ MessageType: 'GetBootstrapToken', UDID: udid }), { as: identity });
    expect(parsePlist(got.rawPayload)).toEqual({ BootstrapToken: token });

    // A user channel's TokenUpdate.
    const user = capture('TokenUpdate.1.plist', udid).replace('<key>MessageType</key>', '<key>UserID</key>\n\t<string>B1E4A8F2-0000-4000-8000-000000000001</string>\n\t<key>UserShortName</key>\n\t<string>ada</string>\n\t<key>MessageType</key>').replace(/<key>UnlockToken<\/key>\s*<data>[^<]*<\/data>/, '');
    expect((await put('/mdm/checkin', user, { as: identity })).statusCode).toBe(200);
    const deviceId = (await env.deps.stores.findDeviceByHardwareId(env.tenant.id, udid)) as DeviceId;
    expect(await env.deps.stores.listAppleUserChannels(env.tenant.id, deviceId)).toEqual([expect.objectContaining({ userId: 'B1E4A8F2-0000-4000-8000-000000000001', userShortName: 'ada' })]);

    expect((await put('/mdm/checkin', plist({ MessageType: 'CheckOut', Topic: topic, UDID: udid }), { as: identity })).statusCode).toBe(200);
    expect((await deviceNow(deviceId)).managementState).toBe('retired');
    const before = await snapshot(deviceId);
    await expectRefused(await put('/mdm/connect', report(udid, { Status: 'Idle' }), { as: identity }), 401, 'DEVICE_CERTIFICATE_REVOKED');
    await expectRefused(await put('/mdm/checkin', authenticate, { as: identity }), 401, 'DEVICE_CERTIFICATE_REVOKED');
    expect(await snapshot(deviceId)).toEqual(before);
  });
});

describe('bad input is refused with its status and changes nothing', () => {
  let ipad: Awaited<ReturnType<typeof enrollIpad>>;
  let other: Awaited<ReturnType<typeof enrollIpad>>;
  beforeAll(async () => {
    ipad = await enrollIpad();
    other = await enrollIpad();
  });

  it.each([
    ['an unknown MessageType', '/mdm/checkin', (): string => plist({ MessageType: 'Subscribe', UDID: ipad.udid }), 400, 'MDM_UNKNOWN_MESSAGE_TYPE'],
    ['a check-in without MessageType', '/mdm/checkin', (): string => plist({ UDID: ipad.udid }), 400, 'MDM_MESSAGE_INVALID'],
    ['a malformed plist', '/mdm/checkin', (): string => '<plist><dict><key>MessageType</key>', 400, 'MDM_MESSAGE_MALFORMED'],
    ['a binary plist', '/mdm/connect', (): string => 'bplist00\u0000\u0001', 400, 'MDM_MESSAGE_MALFORMED'],
    ['an entity declaration', '/mdm/connect', (): string => '<?xml version="1.0"?><!DOCTYPE plist [<!ENTITY x "y">]><plist><dict/></plist>', 400, 'MDM_MESSAGE_MALFORMED'],
    ['an empty body', '/mdm/connect', (): string => '', 400, 'MDM_MESSAGE_MALFORMED'],
    ['a report with an unknown Status', '/mdm/connect', (): string => report(ipad.udid, { Status: 'Maybe' }), 400, 'MDM_MESSAGE_INVALID'],
    ['a report without CommandUUID', '/mdm/connect', (): string => report(ipad.udid, { Status: 'Acknowledged' }), 400, 'MDM_MESSAGE_INVALID'],
    ['a result for a CommandUUID never sent', '/mdm/connect', (): string => report(ipad.udid, { Status: 'Acknowledged', CommandUUID: '0190f000-0000-7000-8000-000000000000' }), 400, 'APPLE_COMMAND_NOT_SENT'],
    ['a UDID not matching the certificate’s enrollment', '/mdm/connect', (): string => report(other.udid, { Status: 'Idle' }), 403, 'APPLE_DEVICE_MISMATCH'],
    ['a TokenUpdate naming another device', '/mdm/checkin', (): string => capture('TokenUpdate.1.plist', other.udid), 403, 'APPLE_DEVICE_MISMATCH'],
  ] as const)('%s', async (_name, path, body, status, code) => {
    const before = await snapshot(ipad.device.id);
    const beforeOther = await snapshot(other.device.id);
    await expectRefused(await put(path, body(), { as: ipad.identity }), status, code);
    expect(await snapshot(ipad.device.id)).toEqual(before);
    expect(await snapshot(other.device.id)).toEqual(beforeOther);
  });

  it('refuses a result for a command sent to another device', async () => {
    expect((await enqueueAppleCommands(env.deps, env.tenant.id, [{ deviceId: other.device.id, requestType: 'DeviceLock', origin: 'admin-action-8' }])).ok).toBe(true);
    await drain(ipad.identity, ipad.udid);
    const sent = commandOf(await put('/mdm/connect', report(other.udid, { Status: 'Idle' }), { as: other.identity }));
    let lock = sent;
    while (lock !== undefined && lock.command['RequestType'] !== 'DeviceLock') lock = commandOf(await put('/mdm/connect', report(other.udid, { Status: 'Acknowledged', CommandUUID: lock.uuid }), { as: other.identity }));
    const before = await snapshot(other.device.id);
    await expectRefused(await put('/mdm/connect', report(ipad.udid, { Status: 'Acknowledged', CommandUUID: lock?.uuid ?? '' }), { as: ipad.identity }), 400, 'APPLE_COMMAND_NOT_SENT');
    expect(await snapshot(other.device.id)).toEqual(before);
  });

  it('refuses oversized bodies with 413 on both endpoints', async () => {
    const before = await snapshot(ipad.device.id);
    const big = report(ipad.udid, { Status: 'Idle', Padding: 'x'.repeat(65 * 1024) });
    await expectRefused(await put('/mdm/checkin', big, { headers: { 'mdm-signature': 'AA==' } }), 413, 'MDM_MESSAGE_TOO_LARGE');
    const huge = new Uint8Array(2 * 1024 * 1024 + 1).fill(0x20);
    await expectRefused(await put('/mdm/connect', huge), 413, 'MDM_MESSAGE_TOO_LARGE');
    expect(await snapshot(ipad.device.id)).toEqual(before);
  });

  it('refuses requests without a certificate, with a foreign or tampered signature, and a body signed by another device', async () => {
    const idle = report(ipad.udid, { Status: 'Idle' });
    const before = await snapshot(ipad.device.id);
    await expectRefused(await put('/mdm/connect', idle), 401, 'UNAUTHENTICATED');
    await expectRefused(await put('/mdm/connect', idle, { as: foreignIdentity(env.dir) }), 401, 'DEVICE_CERTIFICATE_INVALID');
    // Signed over another body: the signature does not verify over this one.
    const signature = env.sign(ipad.identity, new TextEncoder().encode(report(ipad.udid, { Status: 'Idle', X: 1 })));
    await expectRefused(await put('/mdm/connect', idle, { headers: { 'mdm-signature': signature } }), 401, 'DEVICE_CERTIFICATE_INVALID');
    for (const garbage of ['not base64 !', 'AAAA', 'A'.repeat(100_000)]) {
      await expectRefused(await put('/mdm/connect', idle, { headers: { 'mdm-signature': garbage } }), 401, 'DEVICE_CERTIFICATE_INVALID');
    }
    // Another enrolled device signs a body naming this iPad.
    await expectRefused(await put('/mdm/connect', idle, { as: other.identity }), 403, 'APPLE_DEVICE_MISMATCH');
    // A Client-Cert header is only taken from a trusted proxy; this app trusts none.
    const clientCert = `:${Buffer.from(ipad.identity.certificateDer).toString('base64')}:`;
    await expectRefused(await put('/mdm/connect', idle, { headers: { 'client-cert': clientCert } }), 401, 'DEVICE_CERTIFICATE_INVALID');
    expect(await snapshot(ipad.device.id)).toEqual(before);
  });

  it('refuses every message but Authenticate from a certificate not yet bound', async () => {
    const pending = await env.enroll();
    const udid = newUdid();
    const before = await snapshot();
    await expectRefused(await put('/mdm/checkin', capture('TokenUpdate.1.plist', udid), { as: pending }), 403, 'APPLE_NOT_AUTHENTICATED');
    await expectRefused(await put('/mdm/connect', report(udid, { Status: 'Idle' }), { as: pending }), 403, 'APPLE_NOT_AUTHENTICATED');
    expect(await snapshot()).toEqual(before);
  });
});

describe('certificates from a trusted proxy and the renderCommand hook', () => {
  let proxied: MdmTestEnv;
  beforeAll(async () => {
    proxied = await openMdmTestEnv({
      trustedProxy: (address) => address === '127.0.0.1',
      renderCommand: (command) => (command.requestType === 'DeviceInformation' ? { Queries: ['OSVersion'] } : undefined),
    });
  });
  afterAll(async () => proxied.dispose());

  it('takes the device certificate from Client-Cert, insists a signature agrees with it, and sends what the renderer made', async () => {
    const identity = await proxied.enroll();
    const udid = newUdid();
    const clientCert = { 'client-cert': `:${Buffer.from(identity.certificateDer).toString('base64')}:` };
    const send = (path: '/mdm/checkin' | '/mdm/connect', body: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> =>
      proxied.app.inject({ method: 'PUT', url: path, payload: body, remoteAddress: '127.0.0.1', headers: { 'content-type': 'application/octet-stream', ...clientCert, ...headers } });
    expect((await send('/mdm/checkin', capture('Authenticate.1.plist', udid))).statusCode).toBe(200);
    expect((await send('/mdm/checkin', capture('TokenUpdate.1.plist', udid))).statusCode).toBe(200);
    const idle = report(udid, { Status: 'Idle' });
    const first = commandOf(await send('/mdm/connect', idle));
    expect(first?.command).toEqual({ RequestType: 'DeviceInformation', Queries: ['OSVersion'] });

    // A signature by another certificate than the proxy vouched for.
    const stranger = await proxied.enroll();
    const signature = proxied.sign(stranger, new TextEncoder().encode(idle), 'sha1');
    await expectRefused(await send('/mdm/connect', idle, { 'mdm-signature': signature }), 401, 'DEVICE_CERTIFICATE_INVALID');
    // The same certificate both ways is fine; the in-flight command is sent again.
    expect(commandOf(await send('/mdm/connect', idle, { 'mdm-signature': proxied.sign(identity, new TextEncoder().encode(idle)) }))).toEqual(first);
    // From an untrusted address the header is refused.
    await expectRefused(await proxied.app.inject({ method: 'PUT', url: '/mdm/connect', payload: idle, remoteAddress: '192.0.2.9', headers: clientCert }), 401, 'DEVICE_CERTIFICATE_INVALID');
  });
});

describe('mutual TLS', () => {
  let tlsEnv: Awaited<ReturnType<typeof openMdmTestEnv>>;
  beforeAll(async () => {
    tlsEnv = await openMdmTestEnv({}, true);
  });
  afterAll(async () => tlsEnv.dispose());

  /** One PUT over a real TLS connection presenting `client` as its certificate. */
  function tlsPut(path: string, body: string, client: TestIdentity, headers: Record<string, string> = {}): Promise<{ status: number; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const req = httpsRequest(
        `${tlsEnv.origin ?? ''}${path}`,
        // The test trusts the server's certificate by construction; what is under test is the client's.
        { method: 'PUT', key: readFileSync(client.keyPath), cert: client.certificatePem, rejectUnauthorized: false, headers: { 'content-type': mdmConnectContentType, ...headers } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  it('identifies the device by its TLS client certificate, and refuses a signature by another certificate', async () => {
    const identity = await tlsEnv.enroll();
    const udid = newUdid();
    expect((await tlsPut('/mdm/checkin', capture('Authenticate.1.plist', udid), identity)).status).toBe(200);
    expect((await tlsPut('/mdm/checkin', capture('TokenUpdate.1.plist', udid), identity)).status).toBe(200);
    const idle = report(udid, { Status: 'Idle' });
    const first = await tlsPut('/mdm/connect', idle, identity);
    expect(first.status).toBe(200);
    expect((parsePlist(first.body) as PlistDict)['Command']).toMatchObject({ RequestType: 'DeviceInformation' });
    const stranger = await tlsEnv.enroll();
    const mismatched = await tlsPut('/mdm/connect', idle, identity, { 'mdm-signature': tlsEnv.sign(stranger, new TextEncoder().encode(idle)) });
    expect(mismatched.status).toBe(401);
    expect(JSON.parse(mismatched.body.toString('utf8'))).toMatchObject({ error: { code: 'DEVICE_CERTIFICATE_INVALID', details: { reason: 'CERTIFICATE_MISMATCH' } } });
    // The device's own certificate presented over TLS for another device's UDID.
    const other = await tlsPut('/mdm/connect', report(newUdid(), { Status: 'Idle' }), identity);
    expect(other.status).toBe(403);
  });
});
