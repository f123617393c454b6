import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authenticateAppleDevice,
  checkOutAppleDevice,
  createAppleEnrollmentChallenge,
  createEnrollmentToken,
  createUser,
  enqueueAppleCommands,
  enrollOverScep,
  expireAppleCommands,
  getAppleBootstrapToken,
  reportAppleCommandStatus,
  resolveAppleRequest,
  revokedAppleCertificates,
  setAppleBootstrapToken,
  updateAppleTokens,
  updateEnrollmentRestrictions,
  type AppleAuthenticateMessage,
  type AppleSession,
  type BoundAppleSession,
  type ScepEnrollment,
} from '../src/index.js';
import { openDevicePki, opensslCsr, type DevicePki } from './support/device-pki.js';
import { expectOk, openCoreTestEnv, type CoreTestEnv } from './support/env.js';

let env: CoreTestEnv;
let pki: DevicePki;
let rsaCsrDer: Uint8Array;
const origin = { via: 'agent' as const, ip: '192.0.2.7' };
const topic = 'com.apple.mgmt.External.e0bd1eac-1f17-4c8e-8a63-dd17d3dd35d9';

/** What the real capture in packages/apple/testdata/Authenticate.1.plist says (an iPad2,5 on iOS 9.3.5). */
const ipad: AppleAuthenticateMessage = { topic, udid: '663b07bb783e9ade1dae4fbb92ea12afc0ce5b69', serialNumber: 'F5JM992LF193', productName: 'iPad2,5', osVersion: '9.3.5', buildVersion: '13G36' };
const mac: AppleAuthenticateMessage = { topic, udid: '6362F867-FFF2-4EA6-905C-3C796DF4EF68', serialNumber: 'C02XK0AAJG5H', productName: 'MacBookPro16,1', modelName: 'MacBook Pro', osVersion: '14.5', buildVersion: '23F79', deviceName: 'Ada’s MacBook' };
const pushToken = Uint8Array.from(Buffer.from('R+juwGLC9ynsFwPBs+GPGXHYXwC+dkRdNAgLqnAbX1E=', 'base64'));

/** An RSA-2048 CSR, DER, as an iPhone's SCEP client makes one. */
function rsa2048CsrDer(): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'ward-apple-csr-'));
  try {
    execFileSync('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-outform', 'DER', '-out', join(dir, 'csr.der'), '-subj', '/CN=ward-apple-test'], { stdio: 'ignore' });
    return new Uint8Array(readFileSync(join(dir, 'csr.der')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function ecCsrDer(): Uint8Array {
  const pem = opensslCsr();
  return Uint8Array.from(Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));
}

beforeAll(async () => {
  env = await openCoreTestEnv();
  pki = await openDevicePki(env.clock);
  rsaCsrDer = rsa2048CsrDer();
});
afterAll(async () => env.dispose());

const scepDeps = () => ({ ...env.deps, issuer: pki.issuer });

async function tokenText(overrides: Partial<Parameters<typeof createEnrollmentToken>[2]> = {}): Promise<string> {
  return expectOk(await createEnrollmentToken(env.deps, env.system, { name: 'apple', maxUses: 1, ownership: 'corporate', expiresInHours: 24, ...overrides })).text;
}

async function challengeFor(text: string): Promise<string> {
  return expectOk(await createAppleEnrollmentChallenge(env.deps, { kind: 'token', token: text })).challenge;
}

async function scep(challenge: string): Promise<ScepEnrollment> {
  return expectOk(await enrollOverScep(scepDeps(), { messageType: 'PKCSReq', csrDer: rsaCsrDer, challenge }));
}

async function resolve(enrolled: ScepEnrollment, ids: { udid?: string; enrollmentId?: string } = {}): Promise<AppleSession> {
  return expectOk(await resolveAppleRequest(env.deps, { certificate: { serialNumber: enrolled.certificate.serialNumber, fingerprint: enrolled.certificate.fingerprint }, origin, ...ids }));
}

async function bound(enrolled: ScepEnrollment, ids: { udid?: string; enrollmentId?: string }): Promise<BoundAppleSession> {
  const session = await resolve(enrolled, ids);
  if (session.kind !== 'bound') throw new Error('expected a bound session');
  return session;
}

/** Enrollment through TokenUpdate, as a device does it. */
async function enrollApple(message: AppleAuthenticateMessage, text?: string): Promise<{ enrolled: ScepEnrollment; session: BoundAppleSession }> {
  const enrolled = await scep(await challengeFor(text ?? (await tokenText())));
  expectOk(await authenticateAppleDevice(env.deps, await resolve(enrolled), message, origin));
  const ids = message.udid === undefined ? { enrollmentId: message.enrollmentId ?? '' } : { udid: message.udid };
  expectOk(await updateAppleTokens(env.deps, await bound(enrolled, ids), { topic, token: pushToken, pushMagic: 'CEFDF0BD-E342-4A27-8742-E930EA116B0A', unlockToken: Uint8Array.of(1, 2, 3) }));
  return { enrolled, session: await bound(enrolled, ids) };
}

async function auditSeq(): Promise<number | undefined> {
  return (await env.deps.stores.readAuditHead(env.tenant.id))?.seq;
}

describe('enrollment over SCEP', () => {
  it('issues a pending identity for an RSA-2048 CSR, once per challenge', async () => {
    const text = await tokenText();
    const made = expectOk(await createAppleEnrollmentChallenge(env.deps, { kind: 'token', token: text }));
    expect(made).toMatchObject({ ownership: 'corporate', userEnrollment: false, tenantId: env.tenant.id });
    expect(made.challenge).toMatch(/^[0-9a-f]{64}$/);
    const enrolled = await scep(made.challenge);
    expect(enrolled.identity).toMatchObject({ state: 'pending', deviceId: null, tenantId: env.tenant.id });
    expect(enrolled.certificateDer[0]).toBe(0x30);
    expect((await resolve(enrolled)).kind).toBe('pending');

    // Reused: refused, and no second identity is recorded.
    const again = await enrollOverScep(scepDeps(), { messageType: 'PKCSReq', csrDer: rsaCsrDer, challenge: made.challenge });
    expect(again).toMatchObject({ ok: false, code: 'SCEP_CHALLENGE_INVALID' });
    // The token is not spent by the profile: only Authenticate counts it.
    const token = await env.deps.stores.listEnrollmentTokens(env.tenant.id, { limit: 500 });
    expect(token.items.find((t) => text.includes(t.id))?.uses).toBe(0);
  });

  it('refuses unknown, malformed and expired challenges and hostile CSRs, writing nothing', async () => {
    for (const challenge of [undefined, '', 'f'.repeat(64), 'x'.repeat(10_000), "' or 1=1 --"]) {
      expect(await enrollOverScep(scepDeps(), { messageType: 'PKCSReq', csrDer: rsaCsrDer, ...(challenge === undefined ? {} : { challenge }) })).toMatchObject({ ok: false, code: 'SCEP_CHALLENGE_INVALID' });
    }
    const challenge = await challengeFor(await tokenText());
    expect(await enrollOverScep(scepDeps(), { messageType: 'PKCSReq', csrDer: new Uint8Array(64 * 1024), challenge })).toMatchObject({ ok: false, code: 'CSR_INVALID' });
    expect(await enrollOverScep(scepDeps(), { messageType: 'PKCSReq', csrDer: Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x00), challenge })).toMatchObject({ ok: false, code: 'CSR_INVALID' });
    // A refused CSR leaves the challenge usable.
    expect((await enrollOverScep(scepDeps(), { messageType: 'PKCSReq', csrDer: ecCsrDer(), challenge })).ok).toBe(true);

    const late = await challengeFor(await tokenText());
    env.clock.advance(60 * 60_000 + 1);
    expect(await enrollOverScep(scepDeps(), { messageType: 'PKCSReq', csrDer: rsaCsrDer, challenge: late })).toMatchObject({ ok: false, code: 'SCEP_CHALLENGE_INVALID' });
  });

  it('refuses tokens that cannot admit a device, and personal devices when the tenant allows none', async () => {
    expect(await createAppleEnrollmentChallenge(env.deps, { kind: 'token', token: 'wrd_et.garbage' })).toMatchObject({ ok: false, code: 'ENROLLMENT_TOKEN_INVALID' });
    const short = await tokenText({ expiresInHours: 1 });
    env.clock.advance(3_600_001);
    expect(await createAppleEnrollmentChallenge(env.deps, { kind: 'token', token: short })).toMatchObject({ ok: false, code: 'ENROLLMENT_TOKEN_EXPIRED' });
    expectOk(await updateEnrollmentRestrictions(env.deps, env.system, { allowPersonal: false }));
    expect(await createAppleEnrollmentChallenge(env.deps, { kind: 'token', token: await tokenText({ ownership: 'personal' }) })).toMatchObject({ ok: false, code: 'ENROLLMENT_PERSONAL_NOT_ALLOWED' });
    expectOk(await updateEnrollmentRestrictions(env.deps, env.system, { allowPersonal: true }));
  });
});

describe('Authenticate and identity binding', () => {
  it('binds the identity to a new iPad, counts the token, and checks the UDID on every request after', async () => {
    const text = await tokenText();
    const enrolled = await scep(await challengeFor(text));
    const authenticated = expectOk(await authenticateAppleDevice(env.deps, await resolve(enrolled), ipad, origin));
    expect(authenticated.reenrolled).toBe(false);
    expect(authenticated.device).toMatchObject({ platform: 'ipados', ownership: 'corporate', serialNumber: 'F5JM992LF193', osVersion: '9.3.5', manufacturer: 'Apple', facts: { osVersion: '9.3.5', osBuild: '13G36' } });
    const tokens = await env.deps.stores.listEnrollmentTokens(env.tenant.id, { limit: 500 });
    expect(tokens.items.find((t) => text.includes(t.id))?.uses).toBe(1);

    const session = await bound(enrolled, { udid: ipad.udid ?? '' });
    expect(session.device.id).toBe(authenticated.device.id);
    expect(session.enrollment).toMatchObject({ state: 'authenticated', udid: ipad.udid, topic });
    for (const ids of [{}, { udid: '0000000000000000000000000000000000000000' }, { enrollmentId: ipad.udid ?? '' }]) {
      expect(await resolveAppleRequest(env.deps, { certificate: { serialNumber: enrolled.certificate.serialNumber, fingerprint: enrolled.certificate.fingerprint }, origin, ...ids })).toMatchObject({ ok: false, code: 'APPLE_DEVICE_MISMATCH' });
    }
    // A certificate Ward never issued as an Apple identity, or one whose fingerprint differs.
    expect(await resolveAppleRequest(env.deps, { certificate: { serialNumber: '01', fingerprint: 'AA' }, origin, udid: ipad.udid ?? '' })).toMatchObject({ ok: false, code: 'APPLE_IDENTITY_UNKNOWN' });
    expect(await resolveAppleRequest(env.deps, { certificate: { serialNumber: enrolled.certificate.serialNumber, fingerprint: 'AA:BB' }, origin, udid: ipad.udid ?? '' })).toMatchObject({ ok: false, code: 'APPLE_IDENTITY_UNKNOWN' });
    // Authenticate again on the bound identity changes nothing.
    const seq = await auditSeq();
    expect(expectOk(await authenticateAppleDevice(env.deps, session, ipad, origin)).device.id).toBe(authenticated.device.id);
    expect(await auditSeq()).toBe(seq);
  });

  it('refuses what the restrictions refuse and malformed messages, leaving the identity pending and the token unspent', async () => {
    expectOk(await updateEnrollmentRestrictions(env.deps, env.system, { minOsVersion: { ipados: '17.0' } }));
    const text = await tokenText();
    const enrolled = await scep(await challengeFor(text));
    const pending = await resolve(enrolled);
    let seq = await auditSeq();
    expect(await authenticateAppleDevice(env.deps, pending, { ...ipad, udid: '1111111111111111111111111111111111111111' }, origin)).toMatchObject({ ok: false, code: 'ENROLLMENT_OS_TOO_OLD' });
    expect(await auditSeq()).toBe(seq);
    expectOk(await updateEnrollmentRestrictions(env.deps, env.system, { minOsVersion: { ipados: null } }));
    seq = await auditSeq();
    const bad: [AppleAuthenticateMessage, string][] = [
      [{ ...ipad, productName: 'AppleTV11,1' }, 'ENROLLMENT_PLATFORM_NOT_ALLOWED'],
      [{ ...ipad, productName: undefined }, 'ENROLLMENT_PLATFORM_NOT_ALLOWED'],
      [{ ...ipad, udid: undefined }, 'VALIDATION_FAILED'],
      [{ ...ipad, udid: '../../etc/passwd' }, 'VALIDATION_FAILED'],
      [{ ...ipad, osVersion: 'nine' }, 'VALIDATION_FAILED'],
      [{ ...ipad, topic: 'bad topic\n' }, 'VALIDATION_FAILED'],
    ];
    for (const [message, code] of bad) expect(await authenticateAppleDevice(env.deps, pending, message, origin)).toMatchObject({ ok: false, code });
    const pushTopics = { pushTopicOf: () => Promise.resolve('com.apple.mgmt.External.other') };
    expect(await authenticateAppleDevice({ ...env.deps, pushTopics }, pending, ipad, origin)).toMatchObject({ ok: false, code: 'APPLE_TOPIC_MISMATCH' });
    expect(await auditSeq()).toBe(seq);
    expect((await resolve(enrolled)).kind).toBe('pending');
    const tokens = await env.deps.stores.listEnrollmentTokens(env.tenant.id, { limit: 500 });
    expect(tokens.items.find((t) => text.includes(t.id))?.uses).toBe(0);
  });

  it('a one-time token admits one device even when two profiles were installed', async () => {
    const text = await tokenText();
    const first = await scep(await challengeFor(text));
    const second = await scep(await challengeFor(text));
    expectOk(await authenticateAppleDevice(env.deps, await resolve(first), { ...mac, udid: 'AAAAAAAA-0000-0000-0000-000000000001' }, origin));
    expect(await authenticateAppleDevice(env.deps, await resolve(second), { ...mac, udid: 'AAAAAAAA-0000-0000-0000-000000000002' }, origin)).toMatchObject({ ok: false, code: 'ENROLLMENT_TOKEN_EXHAUSTED' });
    expect((await resolve(second)).kind).toBe('pending');
  });

  it('User Enrollment for a signed-in user binds the EnrollmentID, keeps hardware ids out, and limits devices per user', async () => {
    const user = expectOk(await createUser(env.deps, env.system, { email: 'byod@example.com', displayName: 'Byod' }));
    const principal = { ...env.system, userId: user.id };
    const made = expectOk(await createAppleEnrollmentChallenge(env.deps, { kind: 'user', principal }));
    expect(made).toMatchObject({ ownership: 'personal', userEnrollment: true });
    const enrolled = await scep(made.challenge);
    const message: AppleAuthenticateMessage = { topic, enrollmentId: 'ENR-7F3A9C21-BYOD', productName: 'iPhone15,2', osVersion: '17.5', serialNumber: 'SHOULD-NOT-BE-KEPT' };
    expect(await authenticateAppleDevice(env.deps, await resolve(enrolled), { ...message, enrollmentId: undefined, udid: 'ffffffffffffffffffffffffffffffffffffffff' }, origin)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    const device = expectOk(await authenticateAppleDevice(env.deps, await resolve(enrolled), message, origin)).device;
    expect(device).toMatchObject({ platform: 'ios', ownership: 'personal', primaryUserId: user.id, serialNumber: null, inventory: {} });
    expect((await bound(enrolled, { enrollmentId: 'ENR-7F3A9C21-BYOD' })).enrollment.userEnrollment).toBe(true);
    expect(await resolveAppleRequest(env.deps, { certificate: { serialNumber: enrolled.certificate.serialNumber, fingerprint: enrolled.certificate.fingerprint }, origin, udid: 'ffffffffffffffffffffffffffffffffffffffff' })).toMatchObject({ ok: false, code: 'APPLE_DEVICE_MISMATCH' });

    expectOk(await updateEnrollmentRestrictions(env.deps, env.system, { maxDevicesPerUser: 1 }));
    const other = await scep(expectOk(await createAppleEnrollmentChallenge(env.deps, { kind: 'user', principal })).challenge);
    expect(await authenticateAppleDevice(env.deps, await resolve(other), { ...message, enrollmentId: 'ENR-SECOND-DEVICE' }, origin)).toMatchObject({ ok: false, code: 'ENROLLMENT_DEVICE_LIMIT' });
    expectOk(await updateEnrollmentRestrictions(env.deps, env.system, { maxDevicesPerUser: 15 }));
    // Only corporate devices are sent EraseDevice; a User Enrollment is sent no DeviceLock either.
    const outcomes = expectOk(await enqueueAppleCommands(env.deps, env.tenant.id, [{ deviceId: device.id, requestType: 'EraseDevice', origin: 'action-1' }, { deviceId: device.id, requestType: 'DeviceLock', origin: 'action-2' }]));
    expect(outcomes.map((o) => o.code)).toEqual(['ACTION_NOT_ALLOWED', 'ACTION_NOT_ALLOWED']);
  });
});

describe('TokenUpdate and the command queue', () => {
  it('the first TokenUpdate completes enrollment: initial commands queued, desired state recomputed', async () => {
    const { session } = await enrollApple({ ...ipad, udid: '2222222222222222222222222222222222222222' });
    expect(session.enrollment).toMatchObject({ state: 'active', pushToken: Buffer.from(pushToken).toString('hex'), pushMagic: 'CEFDF0BD-E342-4A27-8742-E930EA116B0A', unlockToken: 'AQID' });
    const queued = await env.deps.stores.listAppleCommands(env.tenant.id, session.device.id);
    expect(queued.map((c) => c.requestType)).toEqual(['DeviceInformation', 'SecurityInfo', 'ProfileList', 'InstalledApplicationList']);
    expect(await env.deps.stores.listApplePushTargets(env.tenant.id, [session.device.id])).toEqual([{ deviceId: session.device.id, pushToken: Buffer.from(pushToken).toString('hex'), pushMagic: 'CEFDF0BD-E342-4A27-8742-E930EA116B0A', topic }]);
    // Another TokenUpdate refreshes the token only.
    expect(expectOk(await updateAppleTokens(env.deps, session, { topic, token: Uint8Array.of(9, 9), pushMagic: 'NEW-MAGIC' }))).toEqual({ enrollmentCompleted: false });
    expect(await env.deps.stores.listAppleCommands(env.tenant.id, session.device.id)).toHaveLength(4);
    expect(await updateAppleTokens(env.deps, session, { topic: 'com.apple.mgmt.External.other', token: Uint8Array.of(9), pushMagic: 'x' })).toMatchObject({ ok: false, code: 'APPLE_TOPIC_MISMATCH' });
    expect(await updateAppleTokens(env.deps, session, { topic, token: new Uint8Array(0), pushMagic: 'x' })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    // A user channel (macOS user) is its own row.
    expectOk(await updateAppleTokens(env.deps, session, { topic, token: Uint8Array.of(7), pushMagic: 'USER-MAGIC', user: { userId: 'A1B2C3D4-USER', userShortName: 'ada' } }));
    expect((await env.deps.stores.listAppleUserChannels(env.tenant.id, session.device.id)).map((c) => c.userShortName)).toEqual(['ada']);
  });

  it('Idle, Acknowledged, NotNow and Error follow Apple’s semantics, one command in flight', async () => {
    const { session } = await enrollApple({ ...ipad, udid: '3333333333333333333333333333333333333333' });
    const report = (r: Parameters<typeof reportAppleCommandStatus>[2]) => reportAppleCommandStatus(env.deps, session, r);
    const first = expectOk(await report({ channel: 'device', status: 'Idle' })).next;
    expect(first?.requestType).toBe('DeviceInformation');
    expect(first?.payload).toMatchObject({ Queries: expect.arrayContaining(['OSVersion', 'SerialNumber']) as unknown });
    // Sent again until answered: one command in flight.
    expect(expectOk(await report({ channel: 'device', status: 'Idle' })).next?.commandUuid).toBe(first?.commandUuid);

    const second = expectOk(await report({ channel: 'device', status: 'Acknowledged', commandUuid: first?.commandUuid ?? '', result: { QueryResponses: { OSVersion: '17.6' } }, facts: { osVersion: '17.6', supervised: true } })).next;
    expect(second?.requestType).toBe('SecurityInfo');
    expect(await env.deps.stores.getDevice(env.tenant.id, session.device.id)).toMatchObject({ osVersion: '17.6', facts: { osVersion: '17.6', supervised: true } });
    expect(await env.deps.stores.getAppleCommandResult(env.tenant.id, first?.commandUuid ?? '')).toMatchObject({ status: 'acknowledged', result: { QueryResponses: { OSVersion: '17.6' } } });

    // NotNow: put off until the next Idle; the next other command goes out meanwhile.
    const third = expectOk(await report({ channel: 'device', status: 'NotNow', commandUuid: second?.commandUuid ?? '' })).next;
    expect(third?.requestType).toBe('ProfileList');

    // Never sent, another device's, or queued but not sent: refused, nothing changes.
    const before = await env.deps.stores.listAppleCommands(env.tenant.id, session.device.id);
    const queuedOnly = before.find((c) => c.status === 'queued');
    for (const commandUuid of ['00000000-0000-7000-8000-000000000000', queuedOnly?.commandUuid ?? '', 'x'.repeat(64)]) {
      expect(await report({ channel: 'device', status: 'Acknowledged', commandUuid })).toMatchObject({ ok: false, code: 'APPLE_COMMAND_NOT_SENT' });
    }
    expect(await report({ channel: 'user:A1B2', status: 'Acknowledged', commandUuid: third?.commandUuid ?? '' })).toMatchObject({ ok: false, code: 'APPLE_COMMAND_NOT_SENT' });
    expect(await report({ channel: 'device', status: 'Acknowledged' })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await env.deps.stores.listAppleCommands(env.tenant.id, session.device.id)).toEqual(before);

    const fourth = expectOk(
      await report({
        channel: 'device',
        status: 'Error',
        commandUuid: (third?.commandUuid ?? '').toUpperCase(),
        errorChain: [{ errorCode: -909, errorDomain: 'NSOSStatusErrorDomain', localizedDescription: ' <NSOSStatusErrorDomain:-909>', usEnglishDescription: null }],
      }),
    ).next;
    expect(fourth?.requestType).toBe('InstalledApplicationList');
    expect(await env.deps.stores.getAppleCommandResult(env.tenant.id, third?.commandUuid ?? '')).toMatchObject({ status: 'error', errorChain: [{ errorCode: -909 }] });

    // A repeated answer is idempotent: recorded once, answered with the next command.
    const seq = await auditSeq();
    expect(expectOk(await report({ channel: 'device', status: 'Acknowledged', commandUuid: first?.commandUuid ?? '' })).next?.commandUuid).toBe(fourth?.commandUuid);
    expect(await auditSeq()).toBe(seq);

    const big = 'x'.repeat(100_000);
    expect(expectOk(await report({ channel: 'device', status: 'Acknowledged', commandUuid: fourth?.commandUuid ?? '', result: { InstalledApplicationList: [big] }, software: [{ name: 'Pages', version: '14.0', source: 'app' }] })).next).toBeUndefined();
    expect((await env.deps.stores.getAppleCommandResult(env.tenant.id, fourth?.commandUuid ?? ''))?.result).toMatchObject({ truncated: true });
    // Idle brings the NotNow'd command back.
    expect(expectOk(await report({ channel: 'device', status: 'Idle' })).next?.commandUuid).toBe(second?.commandUuid);
  });

  it('queues admin commands with validation, and expires the ones nobody answers', async () => {
    const { session } = await enrollApple({ ...ipad, udid: '4444444444444444444444444444444444444444' });
    const deviceId = session.device.id;
    expect(await enqueueAppleCommands(env.deps, env.tenant.id, [{ deviceId, requestType: 'RunArbitraryCode', origin: 'action' }])).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await enqueueAppleCommands(env.deps, env.tenant.id, [{ deviceId, requestType: 'DeviceLock', payload: { RequestType: 'EraseDevice' }, origin: 'action' }])).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await enqueueAppleCommands(env.deps, env.tenant.id, [{ deviceId, requestType: 'InstallProfile', payload: { Payload: 'x'.repeat(3 * 1024 * 1024) }, origin: 'policy' }])).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    const outcomes = expectOk(await enqueueAppleCommands(env.deps, env.tenant.id, [{ deviceId, requestType: 'EraseDevice', payload: { PIN: '123456' }, origin: 'action-9', ttlHours: 1 }, { deviceId: 'no-such-device', requestType: 'DeviceLock', origin: 'action-9' }]));
    expect(outcomes.map((o) => o.status)).toEqual(['queued', 'refused']);
    env.clock.advance(2 * 3_600_000);
    expect(await expireAppleCommands(env.deps)).toBeGreaterThanOrEqual(1);
    expect(await env.deps.stores.getAppleCommandResult(env.tenant.id, outcomes[0]?.commandUuid ?? '')).toMatchObject({ status: 'expired', requestType: 'EraseDevice' });
    env.clock.advance(72 * 3_600_000);
    await expireAppleCommands(env.deps);
    expect(await env.deps.stores.listAppleCommands(env.tenant.id, deviceId)).toEqual([]);
  });
});

describe('renewal, re-enrollment, CheckOut and the bootstrap token', () => {
  it('renews an active identity, supersedes the old one; a pending or unknown signer is refused', async () => {
    const udid = 'BBBBBBBB-0000-0000-0000-000000000001';
    const { enrolled, session } = await enrollApple({ ...mac, udid });
    const renewed = expectOk(await enrollOverScep(scepDeps(), { messageType: 'RenewalReq', csrDer: rsaCsrDer, signer: { serialNumber: enrolled.certificate.serialNumber, fingerprint: enrolled.certificate.fingerprint } }));
    expect(renewed.identity).toMatchObject({ state: 'active', deviceId: session.device.id });
    expect((await bound(enrolled, { udid })).identity.state).toBe('superseded');
    expect((await bound(renewed, { udid })).device.id).toBe(session.device.id);
    const pending = await scep(await challengeFor(await tokenText()));
    expect(await enrollOverScep(scepDeps(), { messageType: 'RenewalReq', csrDer: rsaCsrDer, signer: { serialNumber: pending.certificate.serialNumber, fingerprint: pending.certificate.fingerprint } })).toMatchObject({ ok: false, code: 'APPLE_NOT_AUTHENTICATED' });
    expect(await enrollOverScep(scepDeps(), { messageType: 'RenewalReq', csrDer: rsaCsrDer, signer: { serialNumber: 'abcdef', fingerprint: 'AA' } })).toMatchObject({ ok: false, code: 'APPLE_IDENTITY_UNKNOWN' });
  });

  it('re-enrolling the same UDID keeps the record and revokes the old certificates', async () => {
    const udid = 'CCCCCCCC-0000-0000-0000-000000000001';
    const first = await enrollApple({ ...mac, udid });
    expectOk(await enqueueAppleCommands(env.deps, env.tenant.id, [{ deviceId: first.session.device.id, requestType: 'RestartDevice', origin: 'action-3' }]));
    const second = await scep(await challengeFor(await tokenText()));
    const again = expectOk(await authenticateAppleDevice(env.deps, await resolve(second), { ...mac, udid, deviceName: 'Renamed Mac' }, origin));
    expect(again).toMatchObject({ reenrolled: true, device: { id: first.session.device.id, name: 'Renamed Mac' } });
    expect(await resolveAppleRequest(env.deps, { certificate: { serialNumber: first.enrolled.certificate.serialNumber, fingerprint: first.enrolled.certificate.fingerprint }, origin, udid })).toMatchObject({ ok: false, code: 'DEVICE_CERTIFICATE_REVOKED' });
    expect(await env.deps.stores.listAppleCommands(env.tenant.id, first.session.device.id)).toEqual([]);
    expect((await revokedAppleCertificates(env.deps)).map((r) => r.serialNumber)).toContain(first.enrolled.identity.serialNumber);
  });

  it('escrows a Mac’s bootstrap token, refuses an iPad’s', async () => {
    const { session } = await enrollApple({ ...mac, udid: 'DDDDDDDD-0000-0000-0000-000000000001' });
    expect(expectOk(await getAppleBootstrapToken(env.deps, session)).bootstrapToken).toBeNull();
    expectOk(await setAppleBootstrapToken(env.deps, session, Uint8Array.of(5, 6, 7)));
    expect(expectOk(await getAppleBootstrapToken(env.deps, session)).bootstrapToken).toEqual(Uint8Array.of(5, 6, 7));
    expect(await setAppleBootstrapToken(env.deps, session, new Uint8Array(9000))).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    const tablet = await enrollApple({ ...ipad, udid: '5555555555555555555555555555555555555555' });
    expect(await setAppleBootstrapToken(env.deps, tablet.session, Uint8Array.of(1))).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await getAppleBootstrapToken(env.deps, tablet.session)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
  });

  it('CheckOut retires the device, drops its secrets, revokes its certificate and cancels its commands', async () => {
    const udid = 'EEEEEEEE-0000-0000-0000-000000000001';
    const { enrolled, session } = await enrollApple({ ...mac, udid });
    expectOk(await setAppleBootstrapToken(env.deps, session, Uint8Array.of(1)));
    expectOk(await checkOutAppleDevice(env.deps, session));
    const deviceId = session.device.id;
    expect(await env.deps.stores.getDevice(env.tenant.id, deviceId)).toMatchObject({ managementState: 'retired' });
    expect(await env.deps.stores.getAppleEnrollment(env.tenant.id, deviceId)).toMatchObject({ state: 'checkedOut', pushToken: null, unlockToken: null, bootstrapToken: null });
    expect(await env.deps.stores.listAppleCommands(env.tenant.id, deviceId)).toEqual([]);
    const history = await env.deps.stores.listAppleCommandResults(env.tenant.id, deviceId, { limit: 50 });
    expect(history.items.map((r) => r.status)).toEqual(['canceled', 'canceled', 'canceled', 'canceled']);
    expect(await resolveAppleRequest(env.deps, { certificate: { serialNumber: enrolled.certificate.serialNumber, fingerprint: enrolled.certificate.fingerprint }, origin, udid })).toMatchObject({ ok: false, code: 'DEVICE_CERTIFICATE_REVOKED' });
    expect(expectOk(await enqueueAppleCommands(env.deps, env.tenant.id, [{ deviceId, requestType: 'DeviceLock', origin: 'action' }]))[0]?.code).toBe('ACTION_NOT_ALLOWED');
  });
});
