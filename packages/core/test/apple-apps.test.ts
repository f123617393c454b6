import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAppVersion,
  authenticateAppleDevice,
  createApp,
  createAppConfigurationPolicy,
  createAppleEnrollmentChallenge,
  createAssignment,
  createEnrollmentToken,
  createUser,
  deleteAssignment,
  enqueueAppleCommands,
  enrollOverScep,
  getAppInstallStatus,
  getAppleAppCommand,
  getAppleAppPackage,
  reportAppleCommandStatus,
  resolveAppleDownloadRequest,
  resolveAppleRequest,
  runAppDesiredStateJob,
  updateAppleTokens,
  type App,
  type AppleAuthenticateMessage,
  type AppleCommandReport,
  type AppleCommandReply,
  type BoundAppleSession,
  type DeviceAppState,
  type User,
} from '../src/index.js';
import { openDevicePki, type DevicePki } from './support/device-pki.js';
import { expectOk, openCoreTestEnv, type CoreTestEnv } from './support/env.js';

// App delivery over Apple MDM on real SQLite stores: what the planner queues for required and
// unassigned apps, what InstallApplication, RemoveApplication and ManagedApplicationList answers
// record, the managed app configuration rendered at delivery, and who may fetch a package.

let env: CoreTestEnv;
let pki: DevicePki;
let csrDer: Uint8Array;
let ada: User;
let mail: App;
let notes: App;
let notesVersionId: string;
const origin = { via: 'agent' as const, ip: '192.0.2.10' };
const topic = 'com.apple.mgmt.External.4b7c2a1e-8f3d-4e6a-9b1c-0d2e3f4a5b6c';
let udidSeq = 0;

type Next = NonNullable<AppleCommandReply['next']>;

function rsaCsrDer(): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'ward-apple-apps-csr-'));
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
  ada = expectOk(await createUser(env.deps, env.system, { email: 'ada.mdm@example.com', displayName: 'Ada' }));
  mail = expectOk(await createApp(env.deps, env.system, { name: 'Mail', kind: 'appStore', identifier: 'com.example.mail', platforms: ['ios', 'ipados', 'macos'], details: { appStoreId: '361309726' } }));
  notes = expectOk(await createApp(env.deps, env.system, { name: 'Notes', kind: 'lineOfBusiness', identifier: 'org.example.notes', platforms: ['ios', 'ipados'] }));
  notesVersionId = expectOk(
    await addAppVersion(env.deps, env.system, notes.id, {
      format: 'ipa',
      identifier: 'org.example.notes',
      name: 'Ward Notes',
      version: '1.4.2',
      minimumOsVersion: '15.0',
      architecture: null,
      sha256: 'ab'.repeat(32),
      sizeBytes: 12_345,
      fileName: 'notes.ipa',
      icon: null,
    }),
  ).version.id;
  expectOk(
    await createAppConfigurationPolicy(env.deps, env.system, {
      name: 'Mail settings',
      settings: { account: '{{user.email}}', server: 'imap.example.com' },
      targets: { users: { include: 'allUsers', exclude: [] }, apps: ['com.example.mail'] },
    }),
  );
});
afterAll(async () => env.dispose());

/** Enrolls an Apple device through TokenUpdate (which plans its apps), for ada unless said otherwise. */
async function enroll(options: { ownership?: 'corporate' | 'personal'; productName?: string; user?: boolean } = {}): Promise<BoundAppleSession> {
  const text = expectOk(await createEnrollmentToken(env.deps, env.system, { name: 'apple', maxUses: 1, ownership: options.ownership ?? 'corporate', expiresInHours: 24, ...(options.user === false ? {} : { userId: ada.id }) })).text;
  const challenge = expectOk(await createAppleEnrollmentChallenge(env.deps, { kind: 'token', token: text })).challenge;
  const enrolled = expectOk(await enrollOverScep({ ...env.deps, issuer: pki.issuer }, { messageType: 'PKCSReq', csrDer, challenge }));
  const udid = `${(++udidSeq).toString(16).padStart(8, '0')}-0000-4000-8000-0000000a9915`;
  const certificate = { serialNumber: enrolled.certificate.serialNumber, fingerprint: enrolled.certificate.fingerprint };
  // A personal device of a known user is a User Enrollment: it names itself by EnrollmentID.
  const names = enrolled.identity.context.userEnrollment ? { enrollmentId: `UE-${udid}` } : { udid };
  const message: AppleAuthenticateMessage = { topic, ...names, ...('udid' in names ? { serialNumber: `APPS${udidSeq}` } : {}), productName: options.productName ?? 'iPhone17,1', osVersion: '18.1', buildVersion: '22B83' };
  expectOk(await authenticateAppleDevice(env.deps, expectOk(await resolveAppleRequest(env.deps, { certificate, origin })), message, origin));
  const bound = async (): Promise<BoundAppleSession> => {
    const session = expectOk(await resolveAppleRequest(env.deps, { certificate, origin, ...names }));
    if (session.kind !== 'bound') throw new Error('expected a bound session');
    return session;
  };
  expectOk(await updateAppleTokens(env.deps, await bound(), { topic, token: Uint8Array.of(9, 8, 7, udidSeq), pushMagic: `MAGIC-${udidSeq}` }));
  return bound();
}

async function report(session: BoundAppleSession, r: AppleCommandReport): Promise<AppleCommandReply> {
  return expectOk(await reportAppleCommandStatus(env.deps, session, r));
}

/** Idle, then acknowledges (emptily) every command until one of `type` comes; returns it. */
async function advanceTo(session: BoundAppleSession, type: string): Promise<Next> {
  let next = (await report(session, { channel: 'device', status: 'Idle' })).next;
  for (let i = 0; i < 20 && next !== undefined && next.requestType !== type; i++) next = (await report(session, { channel: 'device', status: 'Acknowledged', commandUuid: next.commandUuid, result: {} })).next;
  if (next?.requestType !== type) throw new Error(`no ${type} was handed out (last: ${next?.requestType ?? 'nothing'})`);
  return next;
}

async function queued(session: BoundAppleSession): Promise<{ requestType: string; payload: Readonly<Record<string, unknown>>; origin: string }[]> {
  return (await env.deps.stores.listAppleCommands(env.tenant.id, session.device.id)).map((c) => ({ requestType: c.requestType, payload: c.payload, origin: c.origin }));
}

async function rowOf(session: BoundAppleSession, appId: string): Promise<DeviceAppState | undefined> {
  return (await env.deps.stores.listDeviceAppStates(env.tenant.id, [session.device.id])).find((r) => r.appId === appId);
}

async function recomputeApp(appId: string): Promise<void> {
  expectOk(await runAppDesiredStateJob(env.deps, env.tenant.id, { type: 'app', appId }));
}

describe('App Store apps over MDM', () => {
  let assignmentId: string;
  let iphone: BoundAppleSession;

  beforeAll(async () => {
    assignmentId = expectOk(await createAssignment(env.deps, env.system, { itemKind: 'app', itemId: mail.id, target: { type: 'allDevices' }, intent: 'required' })).id;
    iphone = await enroll();
  });

  it('queues InstallApplication after the inventory at enrollment, renders the configuration for the primary user, and records Managed as installed', async () => {
    const commands = await queued(iphone);
    expect(commands.map((c) => c.requestType)).toEqual(['DeviceInformation', 'SecurityInfo', 'ProfileList', 'InstalledApplicationList', 'InstallApplication']);
    const hash = (await rowOf(iphone, mail.id))?.desiredHash;
    expect(commands[4]).toEqual({ requestType: 'InstallApplication', payload: { appId: mail.id, hash }, origin: 'apps' });
    expect(await rowOf(iphone, mail.id)).toMatchObject({ action: 'install', status: 'pending', item: { type: 'appleInstall', install: { source: { kind: 'appleAppStore', iTunesStoreId: '361309726', bundleId: 'com.example.mail' } } } });

    const sent = await advanceTo(iphone, 'InstallApplication');
    // Idle plans again but never queues the same app and item twice.
    expect((await queued(iphone)).filter((c) => c.requestType === 'InstallApplication')).toHaveLength(1);
    const delivery = expectOk(await getAppleAppCommand(env.deps, iphone, { requestType: 'InstallApplication', appId: mail.id, hash: hash ?? '' }));
    expect(delivery).toMatchObject({ status: 'install', item: { id: mail.id, source: { iTunesStoreId: '361309726' } }, configuration: { account: 'ada.mdm@example.com', server: 'imap.example.com' } });
    expect(expectOk(await getAppleAppCommand(env.deps, iphone, { requestType: 'InstallApplication', appId: mail.id, hash: 'f'.repeat(64) }))).toEqual({ status: 'stale' });
    expect(expectOk(await getAppleAppCommand(env.deps, iphone, { requestType: 'RemoveApplication', appId: mail.id, hash: hash ?? '' }))).toEqual({ status: 'stale' });

    await report(iphone, { channel: 'device', status: 'Acknowledged', commandUuid: sent.commandUuid, result: { Identifier: 'com.example.mail', State: 'Managed' } });
    expect(await rowOf(iphone, mail.id)).toMatchObject({ status: 'installed', reportedHash: hash, reportedStatus: 'installed', installed: { name: 'Mail', source: { kind: 'appleAppStore' } } });
    expect((await report(iphone, { channel: 'device', status: 'Idle' })).next).toBeUndefined();
    const status = expectOk(await getAppInstallStatus(env.deps, env.system, mail.id));
    expect(status.counts.installed).toBeGreaterThanOrEqual(1);
    expect(status.devices.items.find((d) => d.deviceId === iphone.device.id)?.status).toBe('installed');
  });

  it('installs again what the user removed (ManagedApplicationList no longer lists it)', async () => {
    expect((await report(iphone, { channel: 'device', status: 'Idle' })).next).toBeUndefined();
    // A query of every app Ward manages there (no Identifiers): the user deleted Mail.
    const [listed] = expectOk(await enqueueAppleCommands(env.deps, env.tenant.id, [{ deviceId: iphone.device.id, requestType: 'ManagedApplicationList', origin: 'apps' }]));
    const next = (await report(iphone, { channel: 'device', status: 'Idle' })).next;
    expect(next?.commandUuid).toBe(listed?.commandUuid);
    await report(iphone, { channel: 'device', status: 'Acknowledged', commandUuid: next?.commandUuid ?? '', managedApplications: [{ identifier: 'com.other.app', status: 'Managed' }] });
    expect(await rowOf(iphone, mail.id)).toMatchObject({ status: 'pending', reportedStatus: 'removed', installed: null });
    const again = await advanceTo(iphone, 'InstallApplication');
    expect(again.payload).toMatchObject({ appId: mail.id });
    await report(iphone, { channel: 'device', status: 'Acknowledged', commandUuid: again.commandUuid, result: { State: 'Managed' } });
    expect((await rowOf(iphone, mail.id))?.status).toBe('installed');
  });

  it('a refusal or an error is failed and not sent again until the app changes', async () => {
    const refused = await enroll();
    const sent = await advanceTo(refused, 'InstallApplication');
    await report(refused, { channel: 'device', status: 'Acknowledged', commandUuid: sent.commandUuid, result: { RejectionReason: 'CouldNotVerifyAppID' } });
    expect(await rowOf(refused, mail.id)).toMatchObject({ status: 'failed', error: expect.stringContaining('CouldNotVerifyAppID') });
    expect((await report(refused, { channel: 'device', status: 'Idle' })).next).toBeUndefined();

    const broken = await enroll();
    const next = await advanceTo(broken, 'InstallApplication');
    const errorChain = [{ errorCode: 12064, errorDomain: 'MCMDMErrorDomain', localizedDescription: 'App\u0000 Store unavailable', usEnglishDescription: null }];
    await report(broken, { channel: 'device', status: 'Error', commandUuid: next.commandUuid, errorChain });
    expect(await rowOf(broken, mail.id)).toMatchObject({ status: 'failed', error: 'App  Store unavailable (MCMDMErrorDomain 12064)' });
    expect((await report(broken, { channel: 'device', status: 'Idle' })).next).toBeUndefined();

    const declined = await enroll({ ownership: 'personal' });
    const offered = await advanceTo(declined, 'InstallApplication');
    await report(declined, { channel: 'device', status: 'Acknowledged', commandUuid: offered.commandUuid, result: { State: 'UserInstalledApp' } });
    expect(await rowOf(declined, mail.id)).toMatchObject({ status: 'failed', error: expect.stringContaining('user installed this app') });
  });

  it('unassigning removes what Ward installed with RemoveApplication and forgets the row; an unsent install is superseded', async () => {
    const waiting = await enroll();
    expect((await queued(waiting)).some((c) => c.requestType === 'InstallApplication')).toBe(true);
    expectOk(await deleteAssignment(env.deps, env.system, assignmentId));
    await recomputeApp(mail.id);
    // Never installed there: the row goes, and its queued install is dropped at the next plan.
    expect(await rowOf(waiting, mail.id)).toBeUndefined();
    const hash = (await rowOf(iphone, mail.id))?.desiredHash;
    expect(await rowOf(iphone, mail.id)).toMatchObject({ intent: null, action: 'remove', status: 'removing', item: { type: 'appleRemove' } });
    const removal = await advanceTo(iphone, 'RemoveApplication');
    expect(removal.payload).toEqual({ appId: mail.id, hash });
    expect(expectOk(await getAppleAppCommand(env.deps, iphone, { requestType: 'RemoveApplication', appId: mail.id, hash: hash ?? '' }))).toMatchObject({ status: 'remove', removal: { source: { bundleId: 'com.example.mail' } } });
    await report(iphone, { channel: 'device', status: 'Acknowledged', commandUuid: removal.commandUuid, result: {} });
    expect(await rowOf(iphone, mail.id)).toBeUndefined();

    // The stale InstallApplication of the device that never got it is skipped at delivery.
    const stale = (await queued(waiting)).find((c) => c.requestType === 'InstallApplication');
    expect(expectOk(await getAppleAppCommand(env.deps, waiting, { requestType: 'InstallApplication', appId: mail.id, hash: String(stale?.payload.hash) }))).toEqual({ status: 'stale' });
  });
});

describe('line-of-business apps over MDM', () => {
  let ipad: BoundAppleSession;
  let other: BoundAppleSession;
  let mac: BoundAppleSession;

  beforeAll(async () => {
    ipad = await enroll({ productName: 'iPad13,1' });
    other = await enroll({ user: false });
    mac = await enroll({ productName: 'Mac14,2' });
    expectOk(await createAssignment(env.deps, env.system, { itemKind: 'app', itemId: notes.id, target: { type: 'allDevices' }, intent: 'required' }));
    await recomputeApp(notes.id);
  });

  it('plans the .ipa by manifest, learns the outcome of Installing from ManagedApplicationList, and serves the package only to devices it is for', async () => {
    expect(await rowOf(mac, notes.id)).toMatchObject({ action: 'notApplicable', reason: expect.stringContaining('this device runs macos') });
    const sent = await advanceTo(ipad, 'InstallApplication');
    const row = await rowOf(ipad, notes.id);
    expect(row?.item).toMatchObject({ type: 'appleInstall', install: { version: '1.4.2', source: { kind: 'appleManifest', format: 'ipa', versionId: notesVersionId, bundleId: 'org.example.notes' } } });
    const delivery = expectOk(await getAppleAppCommand(env.deps, ipad, { requestType: 'InstallApplication', appId: notes.id, hash: row?.desiredHash ?? '' }));
    expect(delivery).toMatchObject({ status: 'install', configuration: null });

    expect(expectOk(await getAppleAppPackage(env.deps, ipad, notesVersionId))).toEqual({
      versionId: notesVersionId,
      format: 'ipa',
      sha256: 'ab'.repeat(32),
      sizeBytes: 12_345,
      fileName: 'notes.ipa',
      bundleId: 'org.example.notes',
      version: '1.4.2',
      title: 'Notes',
    });
    for (const [session, id] of [[mac, notesVersionId], [ipad, 'no-such-version'], [ipad, '../etc/passwd'], [ipad, 'x'.repeat(65)], [ipad, '']] as const) {
      expect(await getAppleAppPackage(env.deps, session, id)).toMatchObject({ ok: false, code: 'APP_PACKAGE_NOT_FOUND' });
    }

    await report(ipad, { channel: 'device', status: 'Acknowledged', commandUuid: sent.commandUuid, result: { Identifier: 'org.example.notes', State: 'Installing' } });
    expect(await rowOf(ipad, notes.id)).toMatchObject({ status: 'pending', reportedHash: row?.desiredHash, reportedStatus: null, installed: { source: { kind: 'appleManifest' } } });
    const commands = await queued(ipad);
    expect(commands.filter((c) => c.requestType === 'ManagedApplicationList')).toEqual([{ requestType: 'ManagedApplicationList', payload: { Identifiers: ['org.example.notes'] }, origin: 'apps' }]);
    // An Idle while it installs neither sends it again nor asks twice.
    const query = await advanceTo(ipad, 'ManagedApplicationList');
    expect((await queued(ipad)).filter((c) => c.requestType !== 'ManagedApplicationList')).toEqual([]);
    await report(ipad, { channel: 'device', status: 'Acknowledged', commandUuid: query.commandUuid, managedApplications: [{ identifier: 'org.example.notes', status: 'Managed' }] });
    expect(await rowOf(ipad, notes.id)).toMatchObject({ status: 'installed', reportedStatus: 'installed', installedVersion: '1.4.2' });
  });

  it('fails an install the device acknowledged and then stopped listing, without sending it again', async () => {
    const sent = await advanceTo(other, 'InstallApplication');
    await report(other, { channel: 'device', status: 'Acknowledged', commandUuid: sent.commandUuid, result: { State: 'Queued' } });
    const query = await advanceTo(other, 'ManagedApplicationList');
    await report(other, { channel: 'device', status: 'Acknowledged', commandUuid: query.commandUuid, managedApplications: [] });
    expect(await rowOf(other, notes.id)).toMatchObject({ status: 'failed', error: expect.stringContaining('stopped listing') });
    expect((await report(other, { channel: 'device', status: 'Idle' })).next).toBeUndefined();
  });

  it('identifies a download by its certificate alone, through the binding', async () => {
    const enrollment = await env.deps.stores.getAppleEnrollment(env.tenant.id, ipad.device.id);
    expect(enrollment?.udid).toBeTruthy();
    const resolved = expectOk(await resolveAppleDownloadRequest(env.deps, { certificate: { serialNumber: ipad.identity.serialNumber.toUpperCase(), fingerprint: ipad.identity.fingerprint }, origin }));
    expect(resolved.device.id).toBe(ipad.device.id);
    expect(await resolveAppleDownloadRequest(env.deps, { certificate: { serialNumber: ipad.identity.serialNumber, fingerprint: 'AA:BB' }, origin })).toMatchObject({ ok: false, code: 'APPLE_IDENTITY_UNKNOWN' });
    expect(await resolveAppleDownloadRequest(env.deps, { certificate: { serialNumber: 'deadbeef', fingerprint: ipad.identity.fingerprint }, origin })).toMatchObject({ ok: false, code: 'APPLE_IDENTITY_UNKNOWN' });
  });
});
