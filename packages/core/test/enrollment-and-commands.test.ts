import { createVerify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authenticateDevice,
  checkInDevice,
  commandSigningBytes,
  createEnrollmentToken,
  enrollDevice,
  expireCommands,
  getDevice,
  listDeviceActions,
  listDeviceSoftware,
  renewDeviceCertificate,
  requestDeviceAction,
  revokeEnrollmentToken,
  updateEnrollmentRestrictions,
  createUser,
  type DeviceSession,
  type EnrolledDevice,
  type EnrollingDevice,
} from '../src/index.js';
import { openDevicePki, opensslCsr, type DevicePki } from './support/device-pki.js';
import { expectOk, openCoreTestEnv, type CoreTestEnv } from './support/env.js';

let env: CoreTestEnv;
let pki: DevicePki;
const origin = { via: 'agent' as const, ip: '127.0.0.1' };
const laptop: EnrollingDevice = { hardwareId: 'machine-id-0001', name: 'ada-laptop', platform: 'linux', osVersion: '24.04', serialNumber: 'PF1234', model: 'ThinkPad X1', manufacturer: 'Lenovo' };

beforeAll(async () => {
  env = await openCoreTestEnv();
  pki = await openDevicePki(env.clock);
});
afterAll(async () => env.dispose());

async function token(overrides: Partial<Parameters<typeof createEnrollmentToken>[2]> = {}): Promise<string> {
  return expectOk(await createEnrollmentToken(env.deps, env.system, { name: 'laptops', maxUses: 1, ownership: 'corporate', expiresInHours: 24, ...overrides })).text;
}

async function enroll(device: EnrollingDevice, tokenText: string): Promise<EnrolledDevice> {
  return expectOk(await enrollDevice({ ...env.deps, issuer: pki.issuer }, { token: tokenText, csrPem: opensslCsr(), device }, origin));
}

async function session(enrolled: EnrolledDevice): Promise<DeviceSession> {
  return expectOk(await authenticateDevice(env.deps, { serialNumber: enrolled.certificate.serialNumber, fingerprint: enrolled.certificate.fingerprint }, origin));
}

describe('enrollment', () => {
  it('enrolls a device with a one-time token, once', async () => {
    const text = await token();
    const enrolled = await enroll(laptop, text);
    expect(enrolled.reenrolled).toBe(false);
    expect(enrolled.device).toMatchObject({ platform: 'linux', ownership: 'corporate', managementState: 'enrolled', osVersion: '24.04' });
    expect(enrolled.certificate.certificatePem).toContain('BEGIN CERTIFICATE');
    expect((await session(enrolled)).device.id).toBe(enrolled.device.id);
    const before = (await env.deps.stores.readAuditHead(env.tenant.id))?.seq;
    const again = await enrollDevice({ ...env.deps, issuer: pki.issuer }, { token: text, csrPem: opensslCsr(), device: { ...laptop, hardwareId: 'machine-id-0002' } }, origin);
    expect(again).toMatchObject({ ok: false, code: 'ENROLLMENT_TOKEN_EXHAUSTED' });
    expect((await env.deps.stores.readAuditHead(env.tenant.id))?.seq).toBe(before);
  });

  it('refuses garbage, expired and revoked tokens and weak keys', async () => {
    const deps = { ...env.deps, issuer: pki.issuer };
    expect(await enrollDevice(deps, { token: 'wrd_et.nope', csrPem: opensslCsr(), device: laptop }, origin)).toMatchObject({ code: 'ENROLLMENT_TOKEN_INVALID' });
    const real = await token();
    const forged = real.slice(0, -3) + (real.endsWith('AAA') ? 'BBB' : 'AAA');
    expect(await enrollDevice(deps, { token: forged, csrPem: opensslCsr(), device: laptop }, origin)).toMatchObject({ code: 'ENROLLMENT_TOKEN_INVALID' });
    const created = expectOk(await createEnrollmentToken(env.deps, env.system, { name: 'x', maxUses: null, ownership: 'corporate', expiresInHours: 1 }));
    expectOk(await revokeEnrollmentToken(env.deps, env.system, created.token.id));
    expect(await enrollDevice(deps, { token: created.text, csrPem: opensslCsr(), device: laptop }, origin)).toMatchObject({ code: 'ENROLLMENT_TOKEN_REVOKED' });
    const short = await token({ expiresInHours: 1 });
    env.clock.advance(3_600_001);
    expect(await enrollDevice(deps, { token: short, csrPem: opensslCsr(), device: laptop }, origin)).toMatchObject({ code: 'ENROLLMENT_TOKEN_EXPIRED' });
    const weak = await enrollDevice(deps, { token: await token(), csrPem: opensslCsr('rsa1024'), device: laptop }, origin);
    expect(weak).toMatchObject({ ok: false, code: 'CSR_INVALID', details: { reason: 'CSR_WEAK_KEY' } });
  });

  it('applies the restrictions', async () => {
    const deps = { ...env.deps, issuer: pki.issuer };
    expectOk(await updateEnrollmentRestrictions(env.deps, env.system, { allowedPlatforms: ['linux', 'macos'], minOsVersion: { linux: '22.04' }, allowPersonal: false, maxDevicesPerUser: 1 }));
    expect(await enrollDevice(deps, { token: await token(), csrPem: opensslCsr(), device: { ...laptop, platform: 'windows', hardwareId: 'win-machine-1' } }, origin)).toMatchObject({ code: 'ENROLLMENT_PLATFORM_NOT_ALLOWED' });
    expect(await enrollDevice(deps, { token: await token(), csrPem: opensslCsr(), device: { ...laptop, osVersion: '20.04', hardwareId: 'old-machine-1' } }, origin)).toMatchObject({ code: 'ENROLLMENT_OS_TOO_OLD' });
    expect(await enrollDevice(deps, { token: await token({ ownership: 'personal' }), csrPem: opensslCsr(), device: { ...laptop, hardwareId: 'byod-machine-1' } }, origin)).toMatchObject({ code: 'ENROLLMENT_PERSONAL_NOT_ALLOWED' });
    const bob = expectOk(await createUser(env.deps, env.system, { email: 'bob@example.com', displayName: 'Bob' }));
    await enroll({ ...laptop, hardwareId: 'bob-machine-1' }, await token({ userId: bob.id }));
    expect(await enrollDevice(deps, { token: await token({ userId: bob.id }), csrPem: opensslCsr(), device: { ...laptop, hardwareId: 'bob-machine-2' } }, origin)).toMatchObject({ code: 'ENROLLMENT_DEVICE_LIMIT' });
    expectOk(await updateEnrollmentRestrictions(env.deps, env.system, { allowedPlatforms: ['linux', 'macos', 'windows', 'ios', 'ipados', 'android'], minOsVersion: { linux: null }, allowPersonal: true, maxDevicesPerUser: 15 }));
  });

  it('re-enrolling a machine keeps its record and revokes the old certificate', async () => {
    const first = await enroll({ ...laptop, hardwareId: 'machine-id-reenroll' }, await token());
    // Renewal supersedes the first certificate; it keeps working until re-enrollment revokes it.
    const renewed = expectOk(await renewDeviceCertificate({ ...env.deps, issuer: pki.issuer }, await session(first), opensslCsr()));
    expect((await session(first)).identity.state).toBe('superseded');
    const second = await enroll({ ...laptop, hardwareId: 'machine-id-reenroll', name: 'renamed' }, await token());
    expect(second.reenrolled).toBe(true);
    expect(second.device.id).toBe(first.device.id);
    expect(second.device.name).toBe('renamed');
    expect(await authenticateDevice(env.deps, { serialNumber: first.certificate.serialNumber, fingerprint: first.certificate.fingerprint }, origin)).toMatchObject({ code: 'DEVICE_CERTIFICATE_REVOKED' });
    expect(await authenticateDevice(env.deps, { serialNumber: renewed.serialNumber, fingerprint: renewed.fingerprint }, origin)).toMatchObject({ code: 'DEVICE_CERTIFICATE_REVOKED' });
    expect((await session(second)).device.id).toBe(first.device.id);
    expect(await authenticateDevice(env.deps, { serialNumber: second.certificate.serialNumber, fingerprint: first.certificate.fingerprint }, origin)).toMatchObject({ code: 'DEVICE_CERTIFICATE_INVALID' });
  });
});

describe('check-in and commands', () => {
  it('stores facts, runs a signed script once, and keeps history, not queue', async () => {
    const enrolled = await enroll({ ...laptop, hardwareId: 'machine-id-cmds' }, await token());
    const device = enrolled.device;
    let s = await session(enrolled);
    const first = expectOk(await checkInDevice(env.deps, s, { agentVersion: '0.1.0', facts: { encrypted: true, firewallOn: false }, inventory: { os: { id: 'debian' } }, software: [{ name: 'openssl', version: '3.0.15', source: 'dpkg' }], results: [] }));
    expect(first.commands).toEqual([]);
    expect(expectOk(await getDevice(env.deps, env.system, device.id)).facts).toMatchObject({ encrypted: true, firewallOn: false, agentVersion: '0.1.0' });
    expect(expectOk(await listDeviceSoftware(env.deps, env.system, device.id, {})).items).toEqual([{ name: 'openssl', version: '3.0.15', source: 'dpkg' }]);

    const [outcome] = expectOk(await requestDeviceAction({ ...env.deps, signer: pki.signer }, env.system, { deviceIds: [device.id], type: 'runScript', payload: { interpreter: 'sh', script: 'echo hello', timeoutSeconds: 10 } }));
    expect(outcome).toMatchObject({ status: 'queued' });
    s = await session(enrolled);
    const second = expectOk(await checkInDevice(env.deps, s, { agentVersion: '0.1.0', results: [] }));
    const command = second.commands[0]!;
    expect(command).toMatchObject({ type: 'runScript', payload: { script: 'echo hello' } });
    const verifier = createVerify('sha256');
    verifier.update(commandSigningBytes({ id: command.id, deviceId: device.id, type: command.type, payload: command.payload, expiresAt: command.expiresAt }));
    expect(verifier.verify(pki.signingPublicKeyPem, Buffer.from(command.signature, 'base64'))).toBe(true);

    // A forged result for a command never sent refuses the whole check-in and changes nothing.
    const forged = await checkInDevice(env.deps, s, { agentVersion: '0.2.0', facts: { firewallOn: true }, results: [{ commandId: 'not-a-command', status: 'succeeded', finishedAt: new Date().toISOString() }] });
    expect(forged).toMatchObject({ ok: false, code: 'COMMAND_NOT_FOUND', details: { commandIds: ['not-a-command'] } });
    expect(expectOk(await getDevice(env.deps, env.system, device.id)).facts.firewallOn).toBe(false);

    const result = { commandId: command.id, status: 'succeeded' as const, exitCode: 0, output: 'hello\n', finishedAt: new Date().toISOString() };
    expect(expectOk(await checkInDevice(env.deps, s, { agentVersion: '0.1.0', results: [result] })).acknowledgedResults).toEqual([command.id]);
    // The same result again: acknowledged, applied once.
    expect(expectOk(await checkInDevice(env.deps, s, { agentVersion: '0.1.0', results: [result] })).acknowledgedResults).toEqual([command.id]);
    const history = expectOk(await listDeviceActions(env.deps, env.system, device.id, {})).items;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ id: command.id, status: 'succeeded', result: { exitCode: 0, output: 'hello\n' } });
    expect(await env.deps.stores.listPendingCommands(env.tenant.id, device.id)).toEqual([]);
  });

  it('does not pile up sync requests, expires what devices never take, and retires', async () => {
    const enrolled = await enroll({ ...laptop, hardwareId: 'machine-id-retire' }, await token());
    const deps = { ...env.deps, signer: pki.signer };
    const id = enrolled.device.id;
    expect(expectOk(await requestDeviceAction(deps, env.system, { deviceIds: [id], type: 'sync', ttlHours: 1 }))[0]?.status).toBe('queued');
    expect(expectOk(await requestDeviceAction(deps, env.system, { deviceIds: [id], type: 'sync', ttlHours: 1 }))[0]?.status).toBe('alreadyPending');
    expect(await requestDeviceAction(deps, env.system, { deviceIds: [id], type: 'wipe' })).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await requestDeviceAction(deps, env.system, { deviceIds: [id], type: 'runScript', payload: { interpreter: 'cmd', script: 'x', timeoutSeconds: 1 } })).toMatchObject({ code: 'VALIDATION_FAILED' });
    env.clock.advance(3_600_001);
    expect(await expireCommands(env.deps)).toBeGreaterThanOrEqual(1);
    expect(expectOk(await listDeviceActions(env.deps, env.system, id, {})).items[0]).toMatchObject({ type: 'sync', status: 'expired' });

    const [retire] = expectOk(await requestDeviceAction(deps, env.system, { deviceIds: [id], type: 'retire' }));
    const s = await session(enrolled);
    const taken = expectOk(await checkInDevice(env.deps, s, { agentVersion: '0.1.0', results: [] })).commands;
    expect(taken.map((c) => c.type)).toEqual(['retire']);
    expectOk(await checkInDevice(env.deps, s, { agentVersion: '0.1.0', results: [{ commandId: retire!.commandId!, status: 'succeeded', finishedAt: new Date().toISOString() }] }));
    expect(expectOk(await getDevice(env.deps, env.system, id)).managementState).toBe('retired');
    expect(await authenticateDevice(env.deps, { serialNumber: enrolled.certificate.serialNumber, fingerprint: enrolled.certificate.fingerprint }, origin)).toMatchObject({ ok: false, code: 'DEVICE_CERTIFICATE_REVOKED' });
    expect(expectOk(await requestDeviceAction(deps, env.system, { deviceIds: [id], type: 'sync' }))[0]).toMatchObject({ status: 'refused', code: 'ACTION_NOT_ALLOWED' });
  });

  it('keeps no inventory or software of a personal device', async () => {
    const enrolled = await enroll({ ...laptop, hardwareId: 'machine-id-byod' }, await token({ ownership: 'personal' }));
    const s = await session(enrolled);
    expectOk(await checkInDevice(env.deps, s, { agentVersion: '0.1.0', facts: { encrypted: true }, inventory: { users: ['ada'] }, software: [{ name: 'steam', version: '1', source: 'dpkg' }], results: [] }));
    const device = expectOk(await getDevice(env.deps, env.system, enrolled.device.id));
    expect(device.inventory).toEqual({});
    expect(device.facts.encrypted).toBe(true);
    expect(expectOk(await listDeviceSoftware(env.deps, env.system, device.id, {})).items).toEqual([]);
  });

  it('lets a help desk operator act but not an auditor', async () => {
    const enrolled = await enroll({ ...laptop, hardwareId: 'machine-id-roles' }, await token());
    const deps = { ...env.deps, signer: pki.signer };
    const as = (role: 'helpDeskOperator' | 'readOnlyAuditor') => ({ ...env.system, actor: { type: 'user' as const, id: role, name: role }, grants: [{ role, scopeGroupIds: null }] });
    expect((await requestDeviceAction(deps, as('helpDeskOperator'), { deviceIds: [enrolled.device.id], type: 'lock' })).ok).toBe(true);
    expect(await requestDeviceAction(deps, as('readOnlyAuditor'), { deviceIds: [enrolled.device.id], type: 'lock' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await createEnrollmentToken(env.deps, as('helpDeskOperator'), { name: 'x', maxUses: 1, ownership: 'corporate', expiresInHours: 1 })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});
