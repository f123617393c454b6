import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authenticateAppleDevice,
  checkOutAppleDevice,
  createAppleEnrollmentChallenge,
  createAssignment,
  createEnrollmentToken,
  createProfile,
  deleteAssignment,
  enrollOverScep,
  expireAppleCommands,
  getAppleDeliveryItem,
  getDeviceConfigurationStatus,
  listPendingAppleActions,
  recomputeDesiredState,
  recordAppleProfileSettings,
  reportAppleCommandStatus,
  requestAppleDeviceAction,
  resolveAppleRequest,
  skipAppleCommand,
  updateAppleTokens,
  updateProfile,
  type AppleAuthenticateMessage,
  type AppleCommandReport,
  type AppleCommandReply,
  type BoundAppleSession,
  type DeviceId,
} from '../src/index.js';
import { openDevicePki, type DevicePki } from './support/device-pki.js';
import { expectOk, openCoreTestEnv, type CoreTestEnv } from './support/env.js';

// Policy delivery and remote actions over Apple MDM, on real SQLite stores: what the planner
// queues, what answers record, what a ProfileList corrects, and how admin actions become
// Apple commands and history.

let env: CoreTestEnv;
let pki: DevicePki;
let csrDer: Uint8Array;
const naming = { identifierPrefix: 'com.example.ward' };
const origin = { via: 'agent' as const, ip: '192.0.2.9' };
const topic = 'com.apple.mgmt.External.e0bd1eac-1f17-4c8e-8a63-dd17d3dd35d9';
let udidSeq = 0;

const deps = () => ({ ...env.deps, appleProfiles: naming });

function rsaCsrDer(): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'ward-apple-csr-'));
  try {
    execFileSync('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-outform', 'DER', '-out', join(dir, 'csr.der'), '-subj', '/CN=ward-apple-test'], { stdio: 'ignore' });
    return new Uint8Array(readFileSync(join(dir, 'csr.der')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  env = await openCoreTestEnv();
  pki = await openDevicePki(env.clock);
  csrDer = rsaCsrDer();
});
afterAll(async () => env.dispose());

/** Enrolls an Apple device through TokenUpdate, with policy delivery configured. */
async function enroll(options: { ownership?: 'corporate' | 'personal'; productName?: string } = {}): Promise<BoundAppleSession> {
  const text = expectOk(await createEnrollmentToken(env.deps, env.system, { name: 'apple', maxUses: 1, ownership: options.ownership ?? 'corporate', expiresInHours: 24 })).text;
  const challenge = expectOk(await createAppleEnrollmentChallenge(env.deps, { kind: 'token', token: text })).challenge;
  const enrolled = expectOk(await enrollOverScep({ ...env.deps, issuer: pki.issuer }, { messageType: 'PKCSReq', csrDer, challenge }));
  const udid = `${(++udidSeq).toString(16).padStart(8, '0')}-0000-4000-8000-00000000d11e`;
  const certificate = { serialNumber: enrolled.certificate.serialNumber, fingerprint: enrolled.certificate.fingerprint };
  const message: AppleAuthenticateMessage = { topic, udid, serialNumber: `SN${udidSeq}`, productName: options.productName ?? 'iPad13,1', osVersion: '17.5', buildVersion: '21F79' };
  expectOk(await authenticateAppleDevice(env.deps, expectOk(await resolveAppleRequest(env.deps, { certificate, origin })), message, origin));
  const bound = async (): Promise<BoundAppleSession> => {
    const session = expectOk(await resolveAppleRequest(env.deps, { certificate, origin, udid }));
    if (session.kind !== 'bound') throw new Error('expected a bound session');
    return session;
  };
  expectOk(await updateAppleTokens(deps(), await bound(), { topic, token: Uint8Array.of(1, 2, 3, 4), pushMagic: 'MAGIC-1', unlockToken: Uint8Array.of(1, 2, 3) }));
  return bound();
}

async function report(session: BoundAppleSession, r: AppleCommandReport): Promise<AppleCommandReply> {
  return expectOk(await reportAppleCommandStatus(deps(), session, r));
}

/** Answers every command before the first one of `type` with an empty acknowledgement; returns that one. */
async function advanceTo(session: BoundAppleSession, type: string): Promise<NonNullable<AppleCommandReply['next']>> {
  let next = (await report(session, { channel: 'device', status: 'Idle' })).next;
  for (let i = 0; i < 20 && next !== undefined && next.requestType !== type; i++) next = (await report(session, { channel: 'device', status: 'Acknowledged', commandUuid: next.commandUuid })).next;
  if (next?.requestType !== type) throw new Error(`no ${type} was handed out`);
  return next;
}

async function queued(session: BoundAppleSession): Promise<{ requestType: string; payload: Readonly<Record<string, unknown>>; origin: string; status: string }[]> {
  return (await env.deps.stores.listAppleCommands(env.tenant.id, session.device.id)).map((c) => ({ requestType: c.requestType, payload: c.payload, origin: c.origin, status: c.status }));
}

async function rowOf(deviceId: DeviceId, profileId: string) {
  return (await env.deps.stores.listDeviceProfileStates(env.tenant.id, [deviceId])).find((r) => r.profileId === profileId);
}

async function recompute(deviceId: DeviceId): Promise<void> {
  await recomputeDesiredState(env.deps, env.tenant.id, [deviceId]);
}

describe('policy delivery over MDM', () => {
  let profileId: string;
  let assignmentId: string;

  beforeAll(async () => {
    profileId = expectOk(await createProfile(env.deps, env.system, { name: 'iPad passcode', kind: 'settings', platforms: ['ios', 'ipados', 'macos'], body: { settings: { 'passcode.required': true, 'restrictions.usbStorageDisabled': true } } })).id;
    assignmentId = expectOk(await createAssignment(env.deps, env.system, { itemKind: 'profile', itemId: profileId, target: { type: 'allDevices' } })).id;
  });

  it('queues the profile after the inventory at enrollment, renders it at delivery, and records the acknowledgement with per-setting outcomes', async () => {
    const session = await enroll();
    const commands = await queued(session);
    expect(commands.map((c) => c.requestType)).toEqual(['DeviceInformation', 'SecurityInfo', 'ProfileList', 'InstalledApplicationList', 'InstallProfile']);
    const install = commands[4];
    expect(install).toMatchObject({ origin: 'policy', payload: { profileId } });
    const hash = install?.payload.hash as string;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await rowOf(session.device.id, profileId)).toMatchObject({ action: 'install', desiredHash: hash, status: 'pending' });

    // Idle plans again but never queues the same profile and hash twice.
    const sent = await advanceTo(session, 'InstallProfile');
    expect(sent.payload).toEqual({ profileId, hash });
    expect((await queued(session)).filter((c) => c.requestType === 'InstallProfile')).toHaveLength(1);

    const delivery = expectOk(await getAppleDeliveryItem(env.deps, session, { profileId, hash }));
    expect(delivery).toMatchObject({ status: 'current', item: { id: profileId, hash, kind: 'settings', payload: { settings: { 'passcode.required': true } } } });
    const note = { id: 'restrictions.usbStorageDisabled', status: 'notApplicable' as const, error: 'Apple applies this on macOS only.' };
    expect(expectOk(await recordAppleProfileSettings(env.deps, session, { commandUuid: sent.commandUuid, settings: [note] }))).toEqual({ recorded: 1 });

    expect((await report(session, { channel: 'device', status: 'Acknowledged', commandUuid: sent.commandUuid })).next).toBeUndefined();
    expect(await rowOf(session.device.id, profileId)).toMatchObject({ status: 'succeeded', reportedHash: hash, reportedStatus: 'succeeded', settings: [note] });
    const status = expectOk(await getDeviceConfigurationStatus(env.deps, env.system, session.device.id));
    expect(status.find((p) => p.profileId === profileId)?.status).toBe('succeeded');
    // Nothing left to deliver: an Idle plans nothing and gets an empty answer.
    expect((await report(session, { channel: 'device', status: 'Idle' })).next).toBeUndefined();
  });

  it('records an Error with the ErrorChain text as failed and does not resend that version', async () => {
    const session = await enroll();
    const sent = await advanceTo(session, 'InstallProfile');
    const hash = sent.payload.hash as string;
    const errorChain = [{ errorCode: 4001, errorDomain: 'MCInstallationErrorDomain', localizedDescription: 'Profile\u0000 Installation Failed', usEnglishDescription: 'Profile Installation Failed\nbadly' }];
    expect((await report(session, { channel: 'device', status: 'Error', commandUuid: sent.commandUuid, errorChain })).next).toBeUndefined();
    const row = await rowOf(session.device.id, profileId);
    expect(row).toMatchObject({ status: 'failed', reportedHash: hash });
    expect(row?.error).toBe('Profile Installation Failed badly (MCInstallationErrorDomain 4001)');
    expect((await report(session, { channel: 'device', status: 'Idle' })).next).toBeUndefined();
    expect((await queued(session)).filter((c) => c.requestType === 'InstallProfile')).toEqual([]);
  });

  it('a ProfileList re-delivers what the user removed and removes what Ward no longer wants, never touching other profiles', async () => {
    const session = await enroll({ ownership: 'personal' });
    const sent = await advanceTo(session, 'InstallProfile');
    await report(session, { channel: 'device', status: 'Acknowledged', commandUuid: sent.commandUuid });
    expect((await rowOf(session.device.id, profileId))?.status).toBe('succeeded');

    const listed = [
      { identifier: 'com.example.ward.enrollment', uuid: null, displayName: 'MDM' },
      { identifier: 'com.example.ward.profile.00000000-dead-7000-8000-000000000000', uuid: null, displayName: 'Old Ward profile' },
      { identifier: 'com.example.other.profile.x', uuid: null, displayName: 'Not ours' },
      { identifier: 'com.example.wardrobe.profile.y', uuid: null, displayName: 'Not ours either' },
    ];
    const list = expectOk(await enqueueProfileList(session));
    const next = await report(session, { channel: 'device', status: 'Acknowledged', commandUuid: list, installedProfiles: listed });
    // The user removed Ward's profile: it is pending again and sent anew; the stray Ward profile is removed.
    expect(await rowOf(session.device.id, profileId)).toMatchObject({ reportedStatus: 'removed', status: 'pending' });
    const commands = await queued(session);
    expect(commands.filter((c) => c.requestType === 'RemoveProfile').map((c) => c.payload)).toEqual([{ Identifier: 'com.example.ward.profile.00000000-dead-7000-8000-000000000000' }]);
    expect(commands.filter((c) => c.requestType === 'InstallProfile')).toHaveLength(1);
    expect(next.next?.requestType).toBe('RemoveProfile');

    // The same list again queues nothing twice.
    const again = expectOk(await enqueueProfileList(session, next.next?.commandUuid));
    await report(session, { channel: 'device', status: 'Acknowledged', commandUuid: again, installedProfiles: listed });
    expect((await queued(session)).filter((c) => c.requestType === 'RemoveProfile' || c.requestType === 'InstallProfile')).toHaveLength(2);
  });

  it('an updated profile supersedes the unsent version; a stale one in flight is skipped; unassigning removes it', async () => {
    const session = await enroll();
    const first = await advanceTo(session, 'InstallProfile');
    await report(session, { channel: 'device', status: 'Acknowledged', commandUuid: first.commandUuid });

    expectOk(await updateProfile(env.deps, env.system, { id: profileId, expectedVersion: 1, profile: { name: 'iPad passcode', kind: 'settings', platforms: ['ios', 'ipados', 'macos'], body: { settings: { 'passcode.required': true, 'passcode.minimumLength': 8 } } } }));
    await recompute(session.device.id);
    const second = await advanceTo(session, 'InstallProfile');
    const v2 = second.payload.hash as string;
    expect(v2).not.toBe(first.payload.hash);
    // The old version in flight is stale by the time the adapter renders it.
    expect(expectOk(await getAppleDeliveryItem(env.deps, session, { profileId, hash: first.payload.hash as string }))).toEqual({ status: 'stale' });
    expect(expectOk(await getAppleDeliveryItem(env.deps, session, { profileId, hash: v2 })).status).toBe('current');

    expectOk(await updateProfile(env.deps, env.system, { id: profileId, expectedVersion: 2, profile: { name: 'iPad passcode', kind: 'settings', platforms: ['ios', 'ipados', 'macos'], body: { settings: { 'passcode.required': true, 'passcode.minimumLength': 10 } } } }));
    await recompute(session.device.id);
    expect(expectOk(await getAppleDeliveryItem(env.deps, session, { profileId, hash: v2 }))).toEqual({ status: 'stale' });
    // Skipping the stale one hands out the next version, planned on the Idle that follows.
    expect((await skipAppleCommand(env.deps, session, { channel: 'device', commandUuid: second.commandUuid, reason: { kind: 'stale' } })).ok).toBe(true);
    expect(await env.deps.stores.getAppleCommandResult(env.tenant.id, second.commandUuid)).toMatchObject({ status: 'canceled', result: { reason: 'superseded' } });
    const third = await advanceTo(session, 'InstallProfile');
    expect(third.payload.hash).not.toBe(v2);
    await report(session, { channel: 'device', status: 'Acknowledged', commandUuid: third.commandUuid });

    // Unassigned: the row is removing, RemoveProfile names Ward's identifier, the acknowledgement removes the row.
    expectOk(await deleteAssignment(env.deps, env.system, assignmentId));
    await recompute(session.device.id);
    expect((await rowOf(session.device.id, profileId))?.status).toBe('removing');
    const remove = await advanceTo(session, 'RemoveProfile');
    expect(remove.payload).toEqual({ Identifier: `com.example.ward.profile.${profileId}` });
    await report(session, { channel: 'device', status: 'Acknowledged', commandUuid: remove.commandUuid });
    expect(await rowOf(session.device.id, profileId)).toBeUndefined();
    assignmentId = expectOk(await createAssignment(env.deps, env.system, { itemKind: 'profile', itemId: profileId, target: { type: 'allDevices' } })).id;
  });

  it('a profile Apple cannot render on the platform is recorded notApplicable and not planned again', async () => {
    const session = await enroll();
    const sent = await advanceTo(session, 'InstallProfile');
    const hash = sent.payload.hash as string;
    const reply = expectOk(await skipAppleCommand(env.deps, session, { channel: 'device', commandUuid: sent.commandUuid.toUpperCase(), reason: { kind: 'notApplicable', reason: 'None of the settings applies to ipados.', settings: [{ id: 'passcode.required', status: 'notApplicable' }] } }));
    expect(reply.next).toBeUndefined();
    expect(await rowOf(session.device.id, profileId)).toMatchObject({ status: 'notApplicable', reportedHash: hash, error: 'None of the settings applies to ipados.' });
    expect((await report(session, { channel: 'device', status: 'Idle' })).next).toBeUndefined();
  });

  it('refuses hostile adapter calls, writing nothing', async () => {
    const session = await enroll();
    const other = await enroll();
    const sent = await advanceTo(session, 'InstallProfile');
    const before = await queued(session);
    // Another device's command, a queued (never sent) one, an unknown one.
    const unsent = (await env.deps.stores.listAppleCommands(env.tenant.id, other.device.id))[0]?.commandUuid ?? '';
    for (const commandUuid of [unsent, 'no-such-command']) {
      expect(await skipAppleCommand(env.deps, session, { channel: 'device', commandUuid, reason: { kind: 'stale' } })).toMatchObject(commandUuid === unsent ? { ok: false, code: 'APPLE_COMMAND_NOT_SENT' } : { ok: true });
      expect(await recordAppleProfileSettings(env.deps, session, { commandUuid, settings: [] })).toMatchObject({ ok: false, code: 'APPLE_COMMAND_NOT_SENT' });
    }
    expect(await skipAppleCommand(env.deps, session, { channel: 'user:ABC', commandUuid: sent.commandUuid, reason: { kind: 'stale' } })).toMatchObject({ ok: false, code: 'APPLE_COMMAND_NOT_SENT' });
    // Settings that are not catalog settings, or malformed: refused as a device's report would be.
    for (const settings of [[{ id: 'no.such.setting', status: 'notApplicable' as const }], [{ id: 'passcode.required', status: 'bogus' as 'failed' }], Array.from({ length: 201 }, () => ({ id: 'passcode.required', status: 'failed' as const }))]) {
      expect(await recordAppleProfileSettings(env.deps, session, { commandUuid: sent.commandUuid, settings })).toMatchObject({ ok: false, code: 'CONFIGURATION_REPORT_INVALID' });
    }
    expect(await skipAppleCommand(env.deps, session, { channel: 'device', commandUuid: sent.commandUuid, reason: { kind: 'notApplicable', reason: 'x', settings: [{ id: 'no.such.setting', status: 'notApplicable' }] } })).toMatchObject({ ok: false, code: 'CONFIGURATION_REPORT_INVALID' });
    expect(await queued(session)).toEqual(before);
    // A ProfileList of thousands of hostile identifiers is bounded and removes only Ward's namespace.
    const list = expectOk(await enqueueProfileList(session, sent.commandUuid));
    const hostile = Array.from({ length: 3000 }, (_, i) => ({ identifier: i % 2 === 0 ? `com.example.ward.profile.${'x'.repeat(i % 300)}` : `evil.${i}\u0000`, uuid: null, displayName: null }));
    await report(session, { channel: 'device', status: 'Acknowledged', commandUuid: list, installedProfiles: hostile });
    const removals = (await queued(session)).filter((c) => c.requestType === 'RemoveProfile');
    expect(removals.length).toBeGreaterThan(0);
    expect(removals.length).toBeLessThanOrEqual(500);
    expect(removals.every((c) => String(c.payload.Identifier).startsWith('com.example.ward.profile.'))).toBe(true);
  });
});

/** Queues a ProfileList (as an admin's refresh would) and hands it out, answering `inFlight` first. */
async function enqueueProfileList(session: BoundAppleSession, inFlight?: string): Promise<{ ok: true; value: string } | { ok: false; code: string; message: string }> {
  const { enqueueAppleCommands } = await import('../src/index.js');
  const outcome = expectOk(await enqueueAppleCommands(env.deps, env.tenant.id, [{ deviceId: session.device.id, requestType: 'ProfileList', origin: 'enrollment' }]));
  const uuid = outcome[0]?.commandUuid ?? '';
  let next = inFlight === undefined ? (await report(session, { channel: 'device', status: 'Idle' })).next : (await report(session, { channel: 'device', status: 'NotNow', commandUuid: inFlight })).next;
  for (let i = 0; i < 20 && next !== undefined && next.commandUuid !== uuid; i++) next = (await report(session, { channel: 'device', status: 'NotNow', commandUuid: next.commandUuid })).next;
  return next?.commandUuid === uuid ? { ok: true, value: uuid } : { ok: false, code: 'NOT_SENT', message: 'the ProfileList was not handed out' };
}

describe('remote actions on Apple devices', () => {
  const action = (input: { deviceIds: string[]; type: string; payload?: Record<string, unknown>; ttlHours?: number }) => requestAppleDeviceAction(deps(), env.system, input);

  it('lock becomes a DeviceLock linked to the action; progress then history; the same action pending is not queued twice', async () => {
    const session = await enroll();
    const [outcome] = expectOk(await action({ deviceIds: [session.device.id], type: 'lock', payload: { message: 'Return to IT', phoneNumber: '+1 555 0100' } }));
    expect(outcome).toMatchObject({ status: 'queued' });
    const actionId = outcome?.commandId ?? '';
    const lock = (await queued(session)).find((c) => c.requestType === 'DeviceLock');
    expect(lock).toMatchObject({ origin: actionId, payload: { Message: 'Return to IT', PhoneNumber: '+1 555 0100' } });
    expect(expectOk(await action({ deviceIds: [session.device.id], type: 'lock' }))[0]).toMatchObject({ status: 'alreadyPending', commandId: actionId });
    expect((await listPendingAppleActions(env.deps.stores, env.tenant.id, session.device.id))[0]).toMatchObject({ id: actionId, type: 'lock', status: 'pending' });

    const sent = await advanceTo(session, 'DeviceLock');
    expect((await listPendingAppleActions(env.deps.stores, env.tenant.id, session.device.id))[0]?.status).toBe('sent');
    await report(session, { channel: 'device', status: 'Acknowledged', commandUuid: sent.commandUuid, result: { MessageResult: 'Success' } });
    expect(await listPendingAppleActions(env.deps.stores, env.tenant.id, session.device.id)).toEqual([]);
    expect(await env.deps.stores.getCommandRecord(env.tenant.id, actionId as never)).toMatchObject({ type: 'lock', status: 'succeeded', requestedBy: env.system.actor.name, result: { commands: [{ requestType: 'DeviceLock', status: 'acknowledged' }] } });
  });

  it('sync and refreshInventory ask what the device is; personal devices keep their app list', async () => {
    const personal = await enroll({ ownership: 'personal' });
    const before = (await queued(personal)).length;
    expectOk(await action({ deviceIds: [personal.device.id], type: 'refreshInventory' }));
    expect((await queued(personal)).slice(before).map((c) => c.requestType)).toEqual(['DeviceInformation', 'SecurityInfo', 'ProfileList', 'CertificateList']);
    const corporate = await enroll();
    const n = (await queued(corporate)).length;
    expectOk(await action({ deviceIds: [corporate.device.id], type: 'sync' }));
    expect((await queued(corporate)).slice(n).map((c) => c.requestType)).toEqual(['DeviceInformation', 'SecurityInfo']);
  });

  it('refuses what a device may not take, per device, with stable codes', async () => {
    const personal = await enroll({ ownership: 'personal' });
    const ipad = await enroll();
    const mac = await enroll({ productName: 'MacBookPro18,3' });
    const refused = async (deviceId: string, type: string, code: string, payload?: Record<string, unknown>) => {
      expect(expectOk(await action({ deviceIds: [deviceId], type, ...(payload === undefined ? {} : { payload }) }))[0]).toMatchObject({ status: 'refused', code });
    };
    await refused(personal.device.id, 'wipe', 'ACTION_NOT_ALLOWED');
    await refused(ipad.device.id, 'runScript', 'ACTION_NOT_SUPPORTED', { interpreter: 'sh', script: 'id', timeoutSeconds: 5 });
    await refused(mac.device.id, 'clearPasscode', 'ACTION_NOT_SUPPORTED');
    await refused(ipad.device.id, 'enableLostMode', 'ACTION_NOT_ALLOWED', { message: 'Lost' });
    await refused(mac.device.id, 'disableLostMode', 'ACTION_NOT_SUPPORTED');
    await refused('no-such-device', 'lock', 'DEVICE_NOT_FOUND');
    // Malformed requests refuse the whole call.
    for (const [type, payload] of [
      ['explode', {}],
      ['restart', { force: true }],
      ['lock', { message: 'x'.repeat(501) }],
      ['lock', { message: 'line\u0007break' }],
      ['wipe', { pin: '12ab56' }],
      ['enableLostMode', { footnote: 'only a footnote' }],
    ] as const) {
      expect(await action({ deviceIds: [ipad.device.id], type, payload })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    }
    expect(await action({ deviceIds: [], type: 'lock' })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await requestAppleDeviceAction(deps(), { ...env.system, grants: [] }, { deviceIds: [ipad.device.id], type: 'lock' })).toMatchObject({ ok: false });
    // None of it queued anything beyond enrollment's commands.
    expect((await queued(ipad)).every((c) => c.origin === 'enrollment' || c.origin === 'policy')).toBe(true);

    // Corporate: wipe is EraseDevice; clearPasscode carries the escrowed UnlockToken; a Mac's lock takes a PIN.
    expect(expectOk(await action({ deviceIds: [ipad.device.id], type: 'wipe' }))[0]?.status).toBe('queued');
    expect(expectOk(await action({ deviceIds: [ipad.device.id], type: 'clearPasscode' }))[0]?.status).toBe('queued');
    expect(expectOk(await action({ deviceIds: [mac.device.id], type: 'lock', payload: { pin: '123456' } }))[0]?.status).toBe('queued');
    expect((await queued(ipad)).filter((c) => c.requestType === 'EraseDevice' || c.requestType === 'ClearPasscode').map((c) => c.payload)).toEqual([{}, { UnlockToken: { $data: 'AQID' } }]);
    expect((await queued(mac)).find((c) => c.requestType === 'DeviceLock')?.payload).toEqual({ PIN: '123456' });
  });

  it('hands devices that are not Apple MDM devices to the agent path, keeping the order asked', async () => {
    const ipad = await enroll();
    const seen: string[][] = [];
    const outcomes = expectOk(
      await requestAppleDeviceAction(deps(), env.system, { deviceIds: ['agent-1', ipad.device.id, 'agent-2'], type: 'restart' }, (rest) => {
        seen.push([...rest.deviceIds]);
        return Promise.resolve({ ok: true as const, value: rest.deviceIds.map((deviceId) => ({ deviceId, commandId: `agent-${deviceId}`, status: 'queued' as const })) });
      }),
    );
    expect(seen).toEqual([['agent-1', 'agent-2']]);
    expect(outcomes.map((o) => o.deviceId)).toEqual(['agent-1', ipad.device.id, 'agent-2']);
    expect(outcomes[0]?.commandId).toBe('agent-agent-1');
  });

  it('retire removes Ward profiles, then the enrollment profile; the CheckOut that follows completes it', async () => {
    const session = await enroll();
    const install = await advanceTo(session, 'InstallProfile');
    await report(session, { channel: 'device', status: 'Acknowledged', commandUuid: install.commandUuid });
    const profileId = install.payload.profileId as string;
    const [outcome] = expectOk(await action({ deviceIds: [session.device.id], type: 'retire' }));
    const actionId = outcome?.commandId ?? '';
    expect((await env.deps.stores.getDevice(env.tenant.id, session.device.id))?.managementState).toBe('retirePending');
    const removals = (await queued(session)).filter((c) => c.origin === actionId).map((c) => c.payload);
    expect(removals).toEqual([{ Identifier: `com.example.ward.profile.${profileId}` }, { Identifier: 'com.example.ward.enrollment' }]);
    // No policy is planned for a device being retired.
    expect((await queued(session)).filter((c) => c.origin === 'policy')).toEqual([]);
    const first = await advanceTo(session, 'RemoveProfile');
    const second = (await report(session, { channel: 'device', status: 'Acknowledged', commandUuid: first.commandUuid })).next;
    expect(second?.payload).toEqual({ Identifier: 'com.example.ward.enrollment' });
    expect(await rowOf(session.device.id, profileId)).toMatchObject({ reportedStatus: 'removed' });
    // Removing the MDM profile makes the device check out instead of answering.
    expectOk(await checkOutAppleDevice(env.deps, session));
    expect(await env.deps.stores.getCommandRecord(env.tenant.id, actionId as never)).toMatchObject({ type: 'retire', status: 'succeeded' });
    expect(await env.deps.stores.listAppleActions(env.tenant.id, session.device.id)).toEqual([]);
  });

  it('an action fails when a command errs and expires when the device never answers', async () => {
    const session = await enroll();
    const [restart] = expectOk(await action({ deviceIds: [session.device.id], type: 'restart' }));
    const sent = await advanceTo(session, 'RestartDevice');
    await report(session, { channel: 'device', status: 'Error', commandUuid: sent.commandUuid, errorChain: [{ errorCode: 12081, errorDomain: 'MCMDMErrorDomain', localizedDescription: 'Not now', usEnglishDescription: null }] });
    expect(await env.deps.stores.getCommandRecord(env.tenant.id, (restart?.commandId ?? '') as never)).toMatchObject({ status: 'failed', result: { commands: [{ status: 'error', error: 'Not now (MCMDMErrorDomain 12081)' }] } });

    const [shutdown] = expectOk(await action({ deviceIds: [session.device.id], type: 'shutdown', ttlHours: 1 }));
    env.clock.advance(2 * 3_600_000);
    await expireAppleCommands(env.deps);
    expect(await env.deps.stores.getCommandRecord(env.tenant.id, (shutdown?.commandId ?? '') as never)).toMatchObject({ type: 'shutdown', status: 'expired' });
  });
});
