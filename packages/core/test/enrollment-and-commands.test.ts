import { createVerify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventBus } from '@ward/store';
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
  createGroup,
  changeGroupMembers,
  type CheckInOutcome,
  type Device,
  type DeviceId,
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

/** A device as enrollment would have recorded it, seeded straight into the store. */
function makeFleetDevice(id: DeviceId, at: Date): Device {
  return {
    id,
    tenantId: env.tenant.id,
    name: id,
    platform: 'linux',
    ownership: 'corporate',
    managementState: 'enrolled',
    complianceState: 'unknown',
    serialNumber: null,
    model: null,
    manufacturer: null,
    osVersion: '24.04',
    primaryUserId: null,
    facts: { osVersion: '24.04', agentVersion: '0.1.0' },
    inventory: {},
    enrolledAt: at,
    lastSeenAt: null,
    createdAt: at,
    updatedAt: at,
  };
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
    expect(await requestDeviceAction(deps, env.system, { deviceIds: [id], type: 'selfDestruct' })).toMatchObject({ code: 'VALIDATION_FAILED' });
    // Erasing is an Apple MDM action: an agent's device refuses it, and nothing is queued.
    expect(expectOk(await requestDeviceAction(deps, env.system, { deviceIds: [id], type: 'wipe' }))[0]).toMatchObject({ status: 'refused', code: 'ACTION_NOT_SUPPORTED' });
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

  it('writes only the last-seen time when a check-in reports nothing new, and the whole record when it does', async () => {
    const enrolled = await enroll({ ...laptop, hardwareId: 'machine-id-touch' }, await token());
    const id = enrolled.device.id;
    expectOk(await checkInDevice(env.deps, await session(enrolled), { agentVersion: '0.1.0', facts: { encrypted: true }, inventory: { os: { id: 'debian' } }, results: [] }));
    const reported = expectOk(await getDevice(env.deps, env.system, id));
    env.clock.advance(60_000);
    expectOk(await checkInDevice(env.deps, await session(enrolled), { agentVersion: '0.1.0', facts: { encrypted: true }, results: [] }));
    const quiet = expectOk(await getDevice(env.deps, env.system, id));
    expect(quiet).toEqual({ ...reported, lastSeenAt: env.clock.now() });
    env.clock.advance(60_000);
    // A new agent version is a fact that changed.
    expectOk(await checkInDevice(env.deps, await session(enrolled), { agentVersion: '0.2.0', results: [] }));
    const upgraded = expectOk(await getDevice(env.deps, env.system, id));
    expect(upgraded).toEqual({ ...reported, facts: { ...reported.facts, agentVersion: '0.2.0' }, lastSeenAt: env.clock.now(), updatedAt: env.clock.now() });
    env.clock.advance(60_000);
    // Inventory reported again counts as a change, as before.
    expectOk(await checkInDevice(env.deps, await session(enrolled), { agentVersion: '0.2.0', inventory: { os: { id: 'ubuntu' } }, results: [] }));
    expect(expectOk(await getDevice(env.deps, env.system, id))).toMatchObject({ inventory: { os: { id: 'ubuntu' } }, lastSeenAt: env.clock.now(), updatedAt: env.clock.now() });
  });

  it('queues "sync all" in chunks: each chunk commits and wakes its devices while later ones are written', async () => {
    const deps = { ...env.deps, signer: pki.signer };
    const now = env.clock.now();
    const fleet = Array.from({ length: 1_200 }, (_, i) => `fleet-${String(i).padStart(4, '0')}` as DeviceId);
    await env.deps.tx.transaction(async (st) => {
      for (const [i, id] of fleet.entries()) {
        await st.insertDevice({ ...makeFleetDevice(id, now), managementState: i === 700 ? 'retired' : 'enrolled' });
        await st.insertDeviceIdentity({ tenantId: env.tenant.id, serialNumber: `f1ee7${String(i).padStart(4, '0')}`, deviceId: id, fingerprint: `fp-${id}`, notBefore: now, notAfter: new Date(now.getTime() + 86_400_000), state: 'active', revokedAt: null, createdAt: now });
      }
    });
    const bus = createEventBus(env.database);
    // Wake-ups delivered together (one commit's) form one burst.
    const bursts: string[][] = [];
    let open: string[] | undefined;
    let earlyCheckIn: Promise<CheckInOutcome> | undefined;
    const off = bus.subscribe('device.wake', (event) => {
      if (open === undefined) {
        bursts.push((open = []));
        queueMicrotask(() => (open = undefined));
      }
      open.push(event.subject);
      // The first woken device checks in at once, while the request goes on.
      earlyCheckIn ??= (async () => {
        const early = await authenticateDevice(env.deps, { serialNumber: 'f1ee70000', fingerprint: 'fp-fleet-0000' }, origin);
        const outcome = expectOk(await checkInDevice(env.deps, expectOk(early), { agentVersion: '0.1.0', results: [] }));
        checkedInWhileRequesting = !requestDone;
        return outcome;
      })();
    });
    const auditBefore = (await env.deps.stores.readAuditHead(env.tenant.id))?.seq ?? 0;
    let requestDone = false;
    let checkedInWhileRequesting = false;
    const asked = [...fleet.slice(0, 600), 'no-such-device', ...fleet.slice(600)];
    const outcomes = expectOk(await requestDeviceAction(deps, env.system, { deviceIds: asked, type: 'sync' }).finally(() => (requestDone = true)));
    const early = await earlyCheckIn!;
    off();

    expect(checkedInWhileRequesting).toBe(true);
    // The early check-in is the sync: fulfilled there, not sent to the device to be echoed back.
    expect(early.commands).toEqual([]);
    const history = expectOk(await listDeviceActions(env.deps, env.system, 'fleet-0000', {}));
    expect(history.items.map((a) => [a.type, a.status])).toEqual([['sync', 'succeeded']]);
    expect(outcomes.map((o) => o.deviceId)).toEqual(asked);
    expect(outcomes[600]).toMatchObject({ status: 'refused', code: 'DEVICE_NOT_FOUND', commandId: null });
    expect(outcomes[701]).toMatchObject({ deviceId: 'fleet-0700', status: 'refused', code: 'ACTION_NOT_ALLOWED' });
    const queued = outcomes.filter((o) => o.status === 'queued');
    expect(queued).toHaveLength(1_199);
    expect(new Set(queued.map((o) => o.commandId)).size).toBe(1_199);
    // Chunks of 500 asked ids, one burst each; the unknown id and the retired device (both in the second) wake nothing.
    expect(bursts.map((b) => b.length)).toEqual([500, 498, 201]);
    expect(bursts.flat().sort()).toEqual(fleet.filter((_, i) => i !== 700));
    // Each queued command audited once; the fulfilled one's completion is history, not audit.
    expect(((await env.deps.stores.readAuditHead(env.tenant.id))?.seq ?? 0) - auditBefore).toBe(1_199);
    expect((await env.deps.stores.listAudit(env.tenant.id, { action: 'device.actionCompleted', targetId: 'fleet-0000' }, { limit: 5 })).items).toEqual([]);
    const audited = await env.deps.stores.listAudit(env.tenant.id, { action: 'device.actionRequested', targetId: 'fleet-1199' }, { limit: 5 });
    expect(audited.items.map((e) => (e.after as { commandId: string }).commandId)).toEqual([outcomes[1200]?.commandId]);

    // Asked again: every device but the one that synced already has one pending.
    const again = expectOk(await requestDeviceAction(deps, env.system, { deviceIds: fleet, type: 'sync' }));
    expect(again.filter((o) => o.status === 'alreadyPending').map((o) => o.commandId)).toEqual(queued.slice(1).map((o) => o.commandId));
    expect(again.filter((o) => o.status === 'queued').map((o) => o.deviceId)).toEqual(['fleet-0000']);
    expect(((await env.deps.stores.readAuditHead(env.tenant.id))?.seq ?? 0) - auditBefore).toBe(1_200);
    for (const id of fleet) await env.deps.stores.clearPendingCommands(env.tenant.id, id);
  });

  it('queues an action only for the devices within a group-scoped operator’s groups', async () => {
    const deps = { ...env.deps, signer: pki.signer };
    const now = env.clock.now();
    const ids = ['scoped-in-1', 'scoped-in-2', 'scoped-out'] as DeviceId[];
    for (const id of ids) await env.deps.stores.insertDevice(makeFleetDevice(id, now));
    const group = expectOk(await createGroup(env.deps, env.system, { name: 'Scoped devices', membershipType: 'static', memberType: 'device' }));
    expectOk(await changeGroupMembers(env.deps, env.system, group.id, { add: ['scoped-in-1', 'scoped-in-2'] }));
    const operator = { ...env.system, actor: { type: 'user' as const, id: 'scoped-op', name: 'scoped-op' }, grants: [{ role: 'helpDeskOperator' as const, scopeGroupIds: [group.id] }] };
    const outcomes = expectOk(await requestDeviceAction(deps, operator, { deviceIds: ['scoped-out', 'scoped-in-1', 'scoped-in-2'], type: 'lock' }));
    expect(outcomes.map((o) => [o.deviceId, o.status, o.code])).toEqual([
      ['scoped-out', 'refused', 'DEVICE_NOT_FOUND'],
      ['scoped-in-1', 'queued', undefined],
      ['scoped-in-2', 'queued', undefined],
    ]);
    expect(await env.deps.stores.listPendingCommands(env.tenant.id, 'scoped-out' as DeviceId)).toEqual([]);
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
