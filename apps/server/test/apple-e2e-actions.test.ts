import { X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockApnsAuthority, MockApns, tokenUpdateMessage, VirtualAppleDevice, type AppleDeviceKind, type ReceivedPush } from '@ward/simulator';
import { freePort, poll } from './support/poll.js';
import { signInFirstAdmin, startWard, tempDataDir, type ServedWard } from './support/start-ward.js';

interface Device {
  id: string;
  name: string;
  platform: string;
  ownership: string;
  managementState: string;
  facts: Record<string, unknown>;
}
interface Action {
  id: string;
  type: string;
  status: string;
  result: { commands?: { requestType: string; status: string; error?: string }[] } | null;
}
interface MdmCommand {
  commandUuid: string;
  requestType: string;
  channel: string;
  status: string;
  source: string;
  actionId: string | null;
  result: Record<string, unknown> | null;
  errorChain: { errorCode: number; errorDomain: string; localizedDescription: string }[] | null;
}
interface Enrollment {
  udid: string | null;
  userEnrollment: boolean;
  state: string;
  unlockTokenEscrowed: boolean;
  userChannels: { userId: string }[];
}

const topic = 'com.apple.mgmt.External.7c4a1e2b-9d3f-4b5a-8e6c-2f1a0b9c8d7e';

// More of Apple MDM end to end over real sockets (see apple-e2e.test.ts for enrollment itself):
// the real `ward serve`, a mock APNs, and virtual iPhones and a Mac from the simulator. Each
// remote action and raw command goes out through the admin API, wakes the device through APNs
// and comes back as the device answers it: NotNow, errors, retire and the certificate it revokes.
describe('Apple MDM actions and commands end to end (SQLite, loopback)', { timeout: 300_000 }, () => {
  const dataDir = tempDataDir('ward-apple-actions-');
  const authority = createMockApnsAuthority();
  const apns = new MockApns({ ...authority.issueServerIdentity(), clientCaPem: authority.caCertificatePem });
  const byToken = new Map<string, VirtualAppleDevice>();
  const all: VirtualAppleDevice[] = [];
  const sessions: Promise<unknown>[] = [];
  let ward: ServedWard | undefined;
  let token = '';
  const ids = new Map<VirtualAppleDevice, string>();

  const client = (): ServedWard['client'] => {
    if (ward === undefined) throw new Error('the server is not running');
    return ward.client;
  };
  const logs = (): string => `server stderr:\n${ward?.process.stderr.slice(-6000) ?? ''}`;
  const idOf = (device: VirtualAppleDevice | undefined): string => {
    const id = device === undefined ? undefined : ids.get(device);
    if (id === undefined) throw new Error('the device is not enrolled');
    return id;
  };
  const get = async <T,>(path: string): Promise<T> => {
    const answer = await client().request<T>('GET', path, { token });
    expect(answer.status, answer.text).toBe(200);
    return answer.body;
  };
  const actions = async (device: VirtualAppleDevice): Promise<Action[]> => (await get<{ items: Action[] }>(`/api/v1/devices/${idOf(device)}/actions?limit=100`)).items;
  const commands = async (device: VirtualAppleDevice): Promise<MdmCommand[]> => (await get<{ items: MdmCommand[] }>(`/api/v1/devices/${idOf(device)}/mdm-commands?limit=100`)).items;
  const act = async (device: VirtualAppleDevice, type: string, payload?: Record<string, unknown>): Promise<{ status: number; body: { commandId?: string; error?: { code: string } } }> =>
    client().request('POST', `/api/v1/devices/${idOf(device)}/actions`, { token, body: { type, ...(payload === undefined ? {} : { payload }) } });
  const actionEnded = (device: VirtualAppleDevice, id: string): Promise<Action> =>
    poll(`action ${id} to end`, async () => (await actions(device)).find((a) => a.id === id && !['pending', 'sent'].includes(a.status)), { timeoutMs: 60_000, describe: logs });
  const send = async (device: VirtualAppleDevice, body: Record<string, unknown>): Promise<string> => {
    const queued = await client().request<{ commandUuid: string }>('POST', `/api/v1/devices/${idOf(device)}/mdm-commands`, { token, body });
    expect(queued.status, queued.text).toBe(202);
    return queued.body.commandUuid;
  };
  const commandIn = (device: VirtualAppleDevice, uuid: string, statuses: readonly string[]): Promise<MdmCommand> =>
    poll(`command ${uuid} to be ${statuses.join(' or ')}`, async () => (await commands(device)).find((c) => c.commandUuid === uuid && statuses.includes(c.status)), { timeoutMs: 60_000, describe: logs });

  const enroll = async (kind: AppleDeviceKind, index: number, ownership: 'corporate' | 'personal'): Promise<VirtualAppleDevice> => {
    const made = await client().request<{ text: string }>('POST', '/api/v1/enrollment-tokens', { token, body: { name: `${kind} ${index}`, ownership } });
    expect(made.status, made.text).toBe(201);
    const device = new VirtualAppleDevice({
      kind,
      index,
      seed: 'apple-e2e-actions',
      enrollment: { url: new URL(`/mdm/enroll?token=${encodeURIComponent(made.body.text)}`, ward?.url) },
      profileTrustAnchorsDer: [new Uint8Array(new X509Certificate(ward?.caPem ?? '').raw)],
      serverCaPem: ward?.caPem ?? '',
      signatureDigest: 'sha256',
      scepAlgorithms: 'strongest',
    });
    all.push(device);
    await device.enroll();
    byToken.set(device.pushTokenHex, device);
    const udid = device.state.hardware.udid;
    const listed = await poll(`${kind} ${index} in the device list`, async () => {
      const items = (await get<{ items: Device[] }>('/api/v1/devices?limit=200')).items;
      for (const d of items) {
        const enrollment = (await get<{ enrollment: Enrollment | null }>(`/api/v1/devices/${d.id}/mdm-enrollment`)).enrollment;
        if (enrollment?.udid === udid) return d;
      }
      return undefined;
    }, { timeoutMs: 30_000, describe: logs });
    ids.set(device, listed.id);
    // The first command session (DeviceInformation, SecurityInfo, ProfileList) has run once the facts are in.
    await poll(`${kind} ${index} facts`, async () => ((await get<Device>(`/api/v1/devices/${listed.id}`)).facts.osVersion !== undefined ? true : undefined), { timeoutMs: 60_000, describe: logs });
    return device;
  };

  let iphone: VirtualAppleDevice | undefined;
  let personal: VirtualAppleDevice | undefined;
  let spare: VirtualAppleDevice | undefined;
  let mac: VirtualAppleDevice | undefined;

  beforeAll(async () => {
    await apns.listen();
    apns.onPush((push: ReceivedPush) => {
      const device = byToken.get(push.deviceToken);
      if (device !== undefined) sessions.push(device.wake().catch((error: unknown) => error));
    });
    const apnsCa = join(dirname(dataDir), 'apns-ca.pem');
    writeFileSync(apnsCa, authority.caCertificatePem);
    ward = await startWard(dataDir, { WARD_APNS_ORIGIN: apns.origin, WARD_APNS_CA_FILE: apnsCa, WARD_APPLE_ORGANIZATION: 'Example Corp' }, await freePort());
    token = await signInFirstAdmin(ward);
    const requested = await client().request<{ csrPem: string }>('POST', '/api/v1/apple/push-certificate/request', { token, body: {} });
    expect(requested.status, requested.text).toBe(201);
    const uploaded = await client().request('PUT', '/api/v1/apple/push-certificate', { token, body: { certificate: authority.issuePushCertificate(requested.body.csrPem, { topic }) } });
    expect(uploaded.status, uploaded.text).toBe(200);
    iphone = await enroll('iPhone', 1, 'corporate');
    personal = await enroll('iPhone', 2, 'personal');
    spare = await enroll('iPhone', 3, 'corporate');
    mac = await enroll('Mac', 4, 'corporate');
  }, 240_000);

  afterAll(async () => {
    await Promise.allSettled(sessions);
    for (const device of all) await device.close();
    await ward?.stop();
    await apns.close();
  });

  it('enrolls a Mac with its user channel, and sends a command on that channel', async () => {
    const device = (await get<Device>(`/api/v1/devices/${idOf(mac)}`));
    expect(device.platform).toBe('macos');
    const enrollment = (await get<{ enrollment: Enrollment }>(`/api/v1/devices/${idOf(mac)}/mdm-enrollment`)).enrollment;
    expect(enrollment).toMatchObject({ state: 'active', userEnrollment: false, unlockTokenEscrowed: false });
    expect(enrollment.userChannels.length).toBe(1);
    const channel = `user:${enrollment.userChannels[0]?.userId ?? ''}`;
    const uuid = await send(mac as VirtualAppleDevice, { requestType: 'ProfileList', channel });
    // APNs wakes the device channel; macOS runs the user channel's session for the signed-in user.
    // A wake that finds the device-channel session still running joins it, so wake until it ran.
    const done = await poll('the user-channel command to be acknowledged', async () => {
      await mac?.wake('user');
      return (await commands(mac as VirtualAppleDevice)).find((c) => c.commandUuid === uuid && c.status === 'acknowledged');
    }, { timeoutMs: 60_000, describe: logs });
    expect(done.channel).toBe(channel);
    expect(Array.isArray(done.result?.ProfileList)).toBe(true);
  });

  it('keeps a command the device answers NotNow and delivers it after its next Idle: a Settings command renames the device', async () => {
    iphone?.deferNextCommands(1);
    const uuid = await send(iphone as VirtualAppleDevice, { requestType: 'Settings', payload: { Settings: [{ Item: 'DeviceName', DeviceName: 'Front desk' }] } });
    const deferred = await commandIn(iphone as VirtualAppleDevice, uuid, ['notNow', 'acknowledged']);
    expect(deferred.status).toBe('notNow');
    expect(iphone?.state.hardware.deviceName).not.toBe('Front desk');
    // The device comes back on its own (a later push or unlock): Idle makes the command eligible again.
    await iphone?.wake();
    const done = await commandIn(iphone as VirtualAppleDevice, uuid, ['acknowledged']);
    expect(done).toMatchObject({ requestType: 'Settings', source: 'admin' });
    expect(iphone?.state.hardware.deviceName).toBe('Front desk');
  });

  it('records an Error with its ErrorChain and fails the action', async () => {
    iphone?.failRequestType('DeviceLock', [{ ErrorCode: 12064, ErrorDomain: 'MCMDMErrorDomain', LocalizedDescription: 'The device refused to lock.' }]);
    const lock = await act(iphone as VirtualAppleDevice, 'lock');
    expect(lock.status).toBe(202);
    const ended = await actionEnded(iphone as VirtualAppleDevice, lock.body.commandId ?? '');
    expect(ended.status).toBe('failed');
    expect(ended.result?.commands?.[0]).toMatchObject({ requestType: 'DeviceLock', status: 'error' });
    const command = (await commands(iphone as VirtualAppleDevice)).find((c) => c.actionId === lock.body.commandId);
    expect(command).toMatchObject({ status: 'error', source: 'action', errorChain: [{ errorCode: 12064, errorDomain: 'MCMDMErrorDomain', localizedDescription: 'The device refused to lock.' }] });
    iphone?.failRequestType('DeviceLock');
  });

  it('clears the passcode with the UnlockToken the device escrowed', async () => {
    expect((await get<{ enrollment: Enrollment }>(`/api/v1/devices/${idOf(iphone)}/mdm-enrollment`)).enrollment.unlockTokenEscrowed).toBe(true);
    // Held back from APNs for a moment, so the queued command can be read as it will go out.
    byToken.delete(iphone?.pushTokenHex ?? '');
    const cleared = await act(iphone as VirtualAppleDevice, 'clearPasscode');
    expect(cleared.status).toBe(202);
    const database = new Database(join(dataDir, 'ward.db'), { readonly: true, fileMustExist: true });
    try {
      const row = database.prepare("SELECT payload FROM apple_commands WHERE origin = ? AND request_type = 'ClearPasscode'").get(cleared.body.commandId) as { payload: string } | undefined;
      expect(JSON.parse(row?.payload ?? '{}')).toEqual({ UnlockToken: { $data: Buffer.from(iphone?.unlockToken ?? []).toString('base64') } });
    } finally {
      database.close();
    }
    byToken.set(iphone?.pushTokenHex ?? '', iphone as VirtualAppleDevice);
    await iphone?.wake();
    expect((await actionEnded(iphone as VirtualAppleDevice, cleared.body.commandId ?? '')).status).toBe('succeeded');
    expect(iphone?.state.passcodePresent).toBe(false);
    // A Mac has no UnlockToken: Apple offers ClearPasscode for iPhone and iPad only.
    expect((await act(mac as VirtualAppleDevice, 'clearPasscode')).body.error?.code).toBe('ACTION_NOT_SUPPORTED');
  });

  it('refuses to wipe a personal device and erases a corporate one', async () => {
    const refused = await act(personal as VirtualAppleDevice, 'wipe');
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('ACTION_NOT_ALLOWED');
    expect((await commands(personal as VirtualAppleDevice)).some((c) => c.requestType === 'EraseDevice')).toBe(false);
    expect(personal?.isEnrolled).toBe(true);
    const wipe = await act(spare as VirtualAppleDevice, 'wipe');
    expect(wipe.status).toBe(202);
    expect((await actionEnded(spare as VirtualAppleDevice, wipe.body.commandId ?? '')).status).toBe('succeeded');
    expect((await commands(spare as VirtualAppleDevice)).find((c) => c.actionId === wipe.body.commandId)).toMatchObject({ requestType: 'EraseDevice', status: 'acknowledged' });
    // The device acts on an answer once the server has taken it: erased just after the action settled.
    await poll('the spare iPhone erased', () => (spare?.isEnrolled === false ? true : undefined), { timeoutMs: 30_000, describe: logs });
  });

  it("retires the iPhone: Ward's profiles removed, then the enrollment profile, CheckOut, device retired, its certificate refused", async () => {
    const profile = await client().request<{ id: string }>('POST', '/api/v1/profiles', {
      token,
      body: { name: 'iPhone passcode', kind: 'settings', platforms: ['ios'], body: { settings: { 'passcode.required': true, 'passcode.minimumLength': 6 } } },
    });
    expect(profile.status, profile.text).toBe(201);
    const assigned = await client().request('POST', `/api/v1/profiles/${profile.body.id}/assignments`, { token, body: { target: { type: 'allDevices' } } });
    expect(assigned.status, assigned.text).toBe(201);
    await poll('the passcode profile on the iPhone', () => (iphone?.state.profiles.some((p) => p.PayloadIdentifier.endsWith(`.profile.${profile.body.id}`)) === true ? true : undefined), { timeoutMs: 60_000, describe: logs });

    const retire = await act(iphone as VirtualAppleDevice, 'retire');
    expect(retire.status).toBe(202);
    const ended = await actionEnded(iphone as VirtualAppleDevice, retire.body.commandId ?? '');
    expect(ended.status).toBe('succeeded');
    const removed = (await commands(iphone as VirtualAppleDevice)).filter((c) => c.actionId === retire.body.commandId).reverse();
    expect(removed.map((c) => c.requestType)).toEqual(['RemoveProfile', 'RemoveProfile']);
    await poll('the iPhone unenrolled', () => (iphone?.isEnrolled === false ? true : undefined), { timeoutMs: 30_000, describe: logs });
    expect(iphone?.state.profiles.some((p) => p.PayloadIdentifier.endsWith(`.profile.${profile.body.id}`))).toBe(false);
    const retired = await poll('the iPhone retired', async () => {
      const d = await get<Device>(`/api/v1/devices/${idOf(iphone)}`);
      return d.managementState === 'retired' ? d : undefined;
    }, { timeoutMs: 30_000, describe: logs });
    expect(retired.managementState).toBe('retired');
    expect((await get<{ enrollment: Enrollment }>(`/api/v1/devices/${idOf(iphone)}/mdm-enrollment`)).enrollment.state).toBe('checkedOut');

    // Its SCEP certificate was revoked at CheckOut: the same device signing with it is turned away.
    const device = iphone as VirtualAppleDevice;
    await expect(device.checkIn(tokenUpdateMessage(device.state, { topic, channel: 'device', token: device.pushToken, pushMagic: device.pushMagic }))).rejects.toThrow(/answered 40[13]/);
    const refused = await client().request<{ error: { code: string } }>('POST', `/api/v1/devices/${idOf(iphone)}/mdm-commands`, { token, body: { requestType: 'ProfileList' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('ACTION_NOT_ALLOWED');
  });
});
