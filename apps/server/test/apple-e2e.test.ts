import { X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockApnsAuthority, MockApns, VirtualAppleDevice, type ReceivedPush } from '@ward/simulator';
import { freePort, poll } from './support/poll.js';
import { signInFirstAdmin, startWard, tempDataDir, type ServedWard } from './support/start-ward.js';

interface Device {
  id: string;
  platform: string;
  ownership: string;
  osVersion: string | null;
  facts: Record<string, unknown>;
}
interface Action {
  id: string;
  type: string;
  status: string;
}
interface DeviceProfileStatus {
  profileId: string;
  status: string;
  error: string | null;
}

// Apple MDM end to end over real sockets: the real `ward serve` process, a mock APNs (Apple's push
// service cannot be reached from here) and virtual Apple devices from the simulator, which speak
// Apple's protocol as an iPhone does: download the signed enrollment profile, get their identity
// over SCEP (3DES and SHA-1 like an iPhone), Authenticate, TokenUpdate, and run a command session
// each time APNs wakes them.
let trusting: () => Agent = () => { throw new Error('no server yet'); };

describe('Apple MDM end to end: ward serve + mock APNs + virtual iPhones (SQLite, loopback)', { timeout: 240_000 }, () => {
  const dataDir = tempDataDir('ward-apple-e2e-');
  const authority = createMockApnsAuthority();
  const apnsServer = authority.issueServerIdentity();
  const apns = new MockApns({ ...apnsServer, clientCaPem: authority.caCertificatePem });
  const devices = new Map<string, VirtualAppleDevice>();
  const sessions: Promise<unknown>[] = [];
  let ward: ServedWard | undefined;
  let token = '';
  let iphone: VirtualAppleDevice | undefined;
  let deviceId = '';

  const client = (): ServedWard['client'] => {
    if (ward === undefined) throw new Error('the server is not running');
    return ward.client;
  };
  const logs = (): string => `server stderr:\n${ward?.process.stderr.slice(-6000) ?? ''}`;
  const actions = async (): Promise<Action[]> => {
    const answer = await client().request<{ items: Action[] }>('GET', `/api/v1/devices/${deviceId}/actions?limit=100`, { token });
    expect(answer.status, answer.text).toBe(200);
    return answer.body.items;
  };
  const enrollmentUrl = async (ownership: 'corporate' | 'personal' = 'corporate'): Promise<URL> => {
    const made = await client().request<{ text: string }>('POST', '/api/v1/enrollment-tokens', { token, body: { name: `Apple ${ownership}`, ownership } });
    expect(made.status, made.text).toBe(201);
    return new URL(`/mdm/enroll?token=${encodeURIComponent(made.body.text)}`, ward?.url);
  };
  let agent: Agent | undefined;
  const trustingAgent = (): Agent => (agent ??= new Agent({ connect: { ca: ward?.caPem ?? '' } }));
  trusting = trustingAgent;
  const fetchStatus = async (url: URL): Promise<{ status: number; code: string | undefined }> => {
    const response = await fetch(url, { dispatcher: trustingAgent() });
    const body = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
    return { status: response.status, code: body.error?.code };
  };
  const newIphoneFromProfile = (profile: Uint8Array, index: number): VirtualAppleDevice =>
    new VirtualAppleDevice({
      kind: 'iPhone',
      index,
      seed: 'apple-e2e',
      enrollment: { profile },
      profileTrustAnchorsDer: [new Uint8Array(new X509Certificate(ward?.caPem ?? '').raw)],
      serverCaPem: ward?.caPem ?? '',
      signatureDigest: 'sha256',
      scepAlgorithms: 'strongest',
    });
  const newIphone = (url: URL, index: number): VirtualAppleDevice =>
    new VirtualAppleDevice({
      kind: 'iPhone',
      index,
      seed: 'apple-e2e',
      enrollment: { url },
      profileTrustAnchorsDer: [new Uint8Array(new X509Certificate(ward?.caPem ?? '').raw)],
      serverCaPem: ward?.caPem ?? '',
      signatureDigest: 'sha1',
      scepAlgorithms: 'iphone',
    });

  beforeAll(async () => {
    await apns.listen();
    // Every push APNs accepts wakes the device it names, as iOS does.
    apns.onPush((push: ReceivedPush) => {
      const device = devices.get(push.deviceToken);
      if (device !== undefined) sessions.push(device.wake().catch((error: unknown) => error));
    });
    const apnsCa = join(dirname(dataDir), 'apns-ca.pem');
    writeFileSync(apnsCa, authority.caCertificatePem);
    ward = await startWard(dataDir, { WARD_APNS_ORIGIN: apns.origin, WARD_APNS_CA_FILE: apnsCa, WARD_APPLE_ORGANIZATION: 'Example Corp' }, await freePort());
    token = await signInFirstAdmin(ward);
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled(sessions);
    for (const device of devices.values()) await device.close();
    await agent?.close();
    await ward?.stop();
    await apns.close();
  });

  it('refuses an enrollment profile before the push certificate is uploaded, and for a bad token', async () => {
    const early = await fetchStatus(await enrollmentUrl());
    expect(early.status).toBe(409);
    expect(early.code).toBe('APPLE_PUSH_NOT_CONFIGURED');
    const bad = await fetchStatus(new URL('/mdm/enroll?token=not-a-token', ward?.url));
    expect(bad.status).toBe(401);
    expect(bad.code).toBe('ENROLLMENT_TOKEN_INVALID');
  });

  it('takes the Apple push certificate through the admin API: CSR out, certificate in, topic read', async () => {
    const requested = await client().request<{ csrPem: string }>('POST', '/api/v1/apple/push-certificate/request', { token, body: {} });
    expect(requested.status, requested.text).toBe(201);
    const certificatePem = authority.issuePushCertificate(requested.body.csrPem, { topic: 'com.apple.mgmt.External.5f1d2c7a-8e3b-4c9d-a6f0-1b2c3d4e5f60' });
    const uploaded = await client().request<{ state: string; active: { topic: string } | null }>('PUT', '/api/v1/apple/push-certificate', { token, body: { certificate: certificatePem } });
    expect(uploaded.status, uploaded.text).toBe(200);
    expect(uploaded.body.active?.topic).toBe('com.apple.mgmt.External.5f1d2c7a-8e3b-4c9d-a6f0-1b2c3d4e5f60');
  });

  it('enrolls an iPhone from the signed profile over SCEP, and its first command session fills in its facts', async () => {
    iphone = newIphone(await enrollmentUrl(), 1);
    await iphone.enroll();
    devices.set(iphone.pushTokenHex, iphone);
    const listed = await poll('the iPhone in the device list', async () => (await client().request<{ items: Device[] }>('GET', '/api/v1/devices?platform=ios', { token })).body.items[0], { timeoutMs: 30_000, describe: logs });
    deviceId = listed.id;
    expect(listed.ownership).toBe('corporate');
    // The first TokenUpdate queues DeviceInformation and SecurityInfo and wakes the device through
    // APNs; its answers become the device's facts.
    const facts = await poll('facts from DeviceInformation and SecurityInfo', async () => {
      const device = (await client().request<Device>('GET', `/api/v1/devices/${deviceId}`, { token })).body;
      return device.facts.passcodeSet !== undefined && device.facts.osVersion === '18.1' ? device : undefined;
    }, { timeoutMs: 60_000, describe: logs });
    expect(facts.facts.osVersion).toBe('18.1');
  });

  it('installs an assigned passcode profile with InstallProfile and reports it succeeded', async () => {
    const profile = await client().request<{ id: string }>('POST', '/api/v1/profiles', {
      token,
      body: { name: 'iPhone passcode', kind: 'settings', platforms: ['ios'], body: { settings: { 'passcode.required': true, 'passcode.minimumLength': 8 } } },
    });
    expect(profile.status, profile.text).toBe(201);
    const assigned = await client().request('POST', `/api/v1/profiles/${profile.body.id}/assignments`, { token, body: { target: { type: 'allDevices' } } });
    expect(assigned.status, assigned.text).toBe(201);
    const status = await poll('the profile to be installed', async () => {
      const items = (await client().request<{ items: DeviceProfileStatus[] }>('GET', `/api/v1/devices/${deviceId}/configuration`, { token })).body.items;
      return items.find((p) => p.profileId === profile.body.id && p.status === 'succeeded');
    }, { timeoutMs: 60_000, describe: logs });
    expect(status.error).toBeNull();
    expect(iphone?.state.profiles.some((p) => p.PayloadIdentifier.endsWith(`.profile.${profile.body.id}`))).toBe(true);
  });

  it('locks the iPhone from the action API: APNs wakes it, it runs DeviceLock and the action succeeds', async () => {
    const lock = await client().request<{ commandId: string }>('POST', `/api/v1/devices/${deviceId}/actions`, { token, body: { type: 'lock' } });
    expect(lock.status, lock.text).toBe(202);
    const done = await poll('the lock action to succeed', async () => (await actions()).find((a) => a.type === 'lock' && a.status === 'succeeded'), { timeoutMs: 60_000, describe: logs });
    expect(done.status).toBe('succeeded');
    expect(iphone?.state.locked).toBe(true);
  });

  it('evaluates compliance from what DeviceInformation and SecurityInfo reported', async () => {
    const policy = await client().request<{ id: string }>('POST', '/api/v1/compliance-policies', {
      token,
      body: { name: 'iPhone baseline', platforms: ['ios'], rules: [{ id: 'passcode', kind: 'passcodeRequired' }, { id: 'os', kind: 'minOsVersion', version: '19.0' }] },
    });
    expect(policy.status, policy.text).toBe(201);
    const assigned = await client().request('POST', `/api/v1/compliance-policies/${policy.body.id}/assignments`, { token, body: { target: { type: 'allDevices' } } });
    expect(assigned.status, assigned.text).toBe(201);
    const explanation = await poll('the compliance evaluation', async () => {
      const answer = await client().request<{ policies: { policyId: string; rules: { ruleId: string; outcome: string }[] }[] }>('GET', `/api/v1/devices/${deviceId}/compliance`, { token });
      return answer.body.policies.find((p) => p.policyId === policy.body.id);
    }, { timeoutMs: 60_000, describe: logs });
    // iOS 18.1 is below the minimum; the passcode SecurityInfo reported is there.
    expect(explanation.rules.find((r) => r.ruleId === 'os')?.outcome).toBe('failed');
    expect(explanation.rules.find((r) => r.ruleId === 'passcode')?.outcome).toBe('passed');
  });

  it('enrolls a signed-in user\'s personal iPhone with User Enrollment (EnrollmentID, their Managed Apple Account)', async () => {
    const response = await fetch(new URL('/mdm/enroll?ownership=personal', ward?.url), { dispatcher: trustingAgent(), headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const profile = new Uint8Array(await response.arrayBuffer());
    const byod = new VirtualAppleDevice({
      kind: 'userEnrollment',
      index: 4,
      seed: 'apple-e2e',
      enrollment: { profile },
      profileTrustAnchorsDer: [new Uint8Array(new X509Certificate(ward?.caPem ?? '').raw)],
      serverCaPem: ward?.caPem ?? '',
    });
    await byod.enroll();
    devices.set(byod.pushTokenHex, byod);
    const personal = await poll('the personal device in the device list', async () => (await client().request<{ items: Device[] }>('GET', '/api/v1/devices?ownership=personal', { token })).body.items[0], { timeoutMs: 30_000, describe: logs });
    expect(personal.ownership).toBe('personal');
    // A personal device cannot be wiped, only retired.
    const wipe = await client().request<{ items: { status: string; code?: string }[] }>('POST', `/api/v1/devices/${personal.id}/actions`, { token, body: { type: 'wipe' } });
    expect(JSON.stringify(wipe.body)).toMatch(/refused|ACTION_NOT_ALLOWED|ACTION_NOT_SUPPORTED/);
  });

  it('refuses a second device that replays a used enrollment profile: the SCEP challenge is one-time', async () => {
    const profile = await download(await enrollmentUrl());
    const first = newIphoneFromProfile(profile, 2);
    await first.enroll();
    devices.set(first.pushTokenHex, first);
    const replay = newIphoneFromProfile(profile, 3);
    await expect(replay.enroll()).rejects.toThrow(/SCEP|FAILURE|badRequest/i);
    await replay.close();
  });
});

/** The downloaded bytes of a URL on Ward, with Ward's CA trusted. */
async function download(url: URL): Promise<Uint8Array> {
  const response = await fetch(url, { dispatcher: trusting() });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/x-apple-aspen-config');
  return new Uint8Array(await response.arrayBuffer());
}
