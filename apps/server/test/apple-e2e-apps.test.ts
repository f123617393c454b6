import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePlist, parsePlist, type PlistDict } from '@ward/apple';
import { createMockApnsAuthority, MockApns, VirtualAppleDevice, type AppleDeviceKind, type ReceivedPush } from '@ward/simulator';
import { freePort, poll } from './support/poll.js';
import { signInFirstAdmin, startWard, tempDataDir, type ServedWard } from './support/start-ward.js';

interface AppStatus {
  counts: Record<string, number>;
  items: { deviceId: string; status: string; action: string; error: string | null; installedVersion: string | null }[];
}
interface MdmCommand {
  requestType: string;
  status: string;
  source: string;
  result: Record<string, unknown> | null;
}
interface Enrollment {
  udid: string | null;
}

const topic = 'com.apple.mgmt.External.3e9a7c51-2b4d-4f8e-a1c6-5d0b9e8f7a62';
const mailStoreId = 361309726;

/** A minimal .ipa as `zip` makes it: Payload/<name>.app with an XML Info.plist and an executable. */
function buildIpa(dir: string, info: PlistDict): Buffer {
  const app = join(dir, 'Payload', 'WardNotes.app');
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, 'Info.plist'), encodePlist(info));
  writeFileSync(join(app, 'WardNotes'), Buffer.alloc(64 * 1024, 7));
  execFileSync('zip', ['-q', '-r', '-X', 'notes.ipa', 'Payload'], { cwd: dir });
  return readFileSync(join(dir, 'notes.ipa'));
}

// App delivery over Apple MDM end to end, over real sockets: `ward serve`, a mock APNs and virtual
// iPhones. An App Store app assigned as required reaches the device as InstallApplication with its
// iTunesStoreID and the managed app configuration rendered for the device's user; an uploaded .ipa
// goes by manifest, which the device fetches with its MDM identity and checks against the hash;
// unassigning removes it; and nobody fetches a manifest that is not theirs.
describe('apps over Apple MDM end to end (SQLite, loopback)', { timeout: 300_000 }, () => {
  const dataDir = tempDataDir('ward-apple-apps-');
  const authority = createMockApnsAuthority();
  const apns = new MockApns({ ...authority.issueServerIdentity(), clientCaPem: authority.caCertificatePem });
  const byToken = new Map<string, VirtualAppleDevice>();
  const all: VirtualAppleDevice[] = [];
  const sessions: Promise<unknown>[] = [];
  const ids = new Map<VirtualAppleDevice, string>();
  let ward: ServedWard | undefined;
  let token = '';
  let ada = { id: '', email: 'ada.apps@example.com' };
  let iphone: VirtualAppleDevice;
  let other: VirtualAppleDevice;
  let personal: VirtualAppleDevice;

  const client = (): ServedWard['client'] => {
    if (ward === undefined) throw new Error('the server is not running');
    return ward.client;
  };
  const logs = (): string => `server stderr:\n${ward?.process.stderr.slice(-6000) ?? ''}`;
  const idOf = (device: VirtualAppleDevice): string => ids.get(device) ?? '';
  const call = async <T,>(method: string, path: string, body?: unknown, expected = 200): Promise<T> => {
    const answer = await client().request<T>(method, path, { token, ...(body === undefined ? {} : { body }) });
    expect(answer.status, answer.text).toBe(expected);
    return answer.body;
  };
  const statusOf = async (appId: string, device: VirtualAppleDevice): Promise<AppStatus['items'][number] | undefined> => (await call<AppStatus>('GET', `/api/v1/apps/${appId}/status?limit=100`)).items.find((i) => i.deviceId === idOf(device));
  const commands = async (device: VirtualAppleDevice): Promise<MdmCommand[]> => (await call<{ items: MdmCommand[] }>('GET', `/api/v1/devices/${idOf(device)}/mdm-commands?limit=100`)).items;

  const enroll = async (kind: AppleDeviceKind, index: number, ownership: 'corporate' | 'personal', userId?: string): Promise<VirtualAppleDevice> => {
    const made = await call<{ text: string }>('POST', '/api/v1/enrollment-tokens', { name: `${kind} ${index}`, ownership, ...(userId === undefined ? {} : { userId }) }, 201);
    const device = new VirtualAppleDevice({
      kind,
      index,
      seed: 'apple-e2e-apps',
      enrollment: { url: new URL(`/mdm/enroll?token=${encodeURIComponent(made.text)}`, ward?.url) },
      profileTrustAnchorsDer: [new Uint8Array(new X509Certificate(ward?.caPem ?? '').raw)],
      serverCaPem: ward?.caPem ?? '',
      signatureDigest: 'sha256',
      scepAlgorithms: 'strongest',
    });
    all.push(device);
    device.addStoreApp(mailStoreId, { Identifier: 'com.example.mail', Name: 'Mail', ShortVersion: '4.2', BundleSize: 52_428_800 });
    await device.enroll();
    byToken.set(device.pushTokenHex, device);
    const udid = device.state.hardware.udid;
    const listed = await poll(`${kind} ${index} in the device list`, async () => {
      for (const d of (await call<{ items: { id: string }[] }>('GET', '/api/v1/devices?limit=200')).items) {
        if ((await call<{ enrollment: Enrollment | null }>('GET', `/api/v1/devices/${d.id}/mdm-enrollment`)).enrollment?.udid === udid) return d;
      }
      return undefined;
    }, { timeoutMs: 30_000, describe: logs });
    ids.set(device, listed.id);
    await poll(`${kind} ${index} facts`, async () => ((await call<{ facts: { osVersion?: string } }>('GET', `/api/v1/devices/${listed.id}`)).facts.osVersion !== undefined ? true : undefined), { timeoutMs: 60_000, describe: logs });
    return device;
  };

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
    const requested = await call<{ csrPem: string }>('POST', '/api/v1/apple/push-certificate/request', {}, 201);
    await call('PUT', '/api/v1/apple/push-certificate', { certificate: authority.issuePushCertificate(requested.csrPem, { topic }) });
    ada = { ...ada, id: (await call<{ id: string }>('POST', '/api/v1/users', { email: ada.email, displayName: 'Ada Lovelace' }, 201)).id };
    iphone = await enroll('iPhone', 1, 'corporate', ada.id);
    other = await enroll('iPhone', 2, 'corporate');
    personal = await enroll('iPhone', 3, 'personal');
  }, 240_000);

  afterAll(async () => {
    await Promise.allSettled(sessions);
    for (const device of all) await device.close();
    await ward?.stop();
    await apns.close();
  });

  it('installs a required App Store app with InstallApplication, its iTunesStoreID and the configuration rendered for the user; a personal device only as a managed app', async () => {
    const mail = await call<{ id: string }>('POST', '/api/v1/apps', { name: 'Mail', kind: 'appStore', identifier: 'com.example.mail', platforms: ['ios', 'ipados'], details: { appStoreId: String(mailStoreId) } }, 201);
    await call('POST', '/api/v1/app-configuration-policies', { name: 'Mail account', settings: { account: '{{user.email}}', server: 'imap.example.com' }, targets: { users: { include: 'allUsers', exclude: [] }, apps: ['com.example.mail'] } }, 201);
    const assignment = await call<{ id: string }>('POST', `/api/v1/apps/${mail.id}/assignments`, { target: { type: 'allDevices' }, mode: 'include', intent: 'required' }, 201);

    // The assignment's job wakes the devices over APNs; each fetches and installs Mail.
    const installed = await poll('Mail installed on the iPhone', async () => ((await statusOf(mail.id, iphone))?.status === 'installed' ? true : undefined), { timeoutMs: 90_000, describe: logs });
    expect(installed).toBe(true);
    expect(iphone.state.managedApps.find((a) => a.Identifier === 'com.example.mail')).toEqual({
      Identifier: 'com.example.mail',
      Status: 'Managed',
      ManagementFlags: 1,
      iTunesStoreID: mailStoreId,
      Configuration: { account: ada.email, server: 'imap.example.com' },
    });
    const install = (await commands(iphone)).find((c) => c.requestType === 'InstallApplication');
    expect(install).toMatchObject({ status: 'acknowledged', source: 'apps', result: { Identifier: 'com.example.mail', State: 'Managed' } });

    // The device without a user gets the app without a configuration; the personal one as a
    // managed app kept out of backups, never a takeover, and no full app inventory is asked.
    await poll('Mail on the other devices', async () => ((await statusOf(mail.id, other))?.status === 'installed' && (await statusOf(mail.id, personal))?.status === 'installed' ? true : undefined), { timeoutMs: 90_000, describe: logs });
    expect(other.state.managedApps[0]).not.toHaveProperty('Configuration');
    expect(personal.state.managedApps[0]).toMatchObject({ Identifier: 'com.example.mail', ManagementFlags: 5 });
    expect((await commands(personal)).map((c) => c.requestType)).not.toContain('InstalledApplicationList');
    const counts = (await call<AppStatus>('GET', `/api/v1/apps/${mail.id}/status`)).counts;
    expect(counts.installed).toBe(3);

    // Unassigned: Ward removes what it installed, with RemoveApplication, and forgets the rows.
    await call('DELETE', `/api/v1/assignments/${assignment.id}`, undefined, 204);
    await poll('Mail removed from every device', async () => ((await call<AppStatus>('GET', `/api/v1/apps/${mail.id}/status`)).items.length === 0 ? true : undefined), { timeoutMs: 90_000, describe: logs });
    for (const device of [iphone, other, personal]) {
      expect(device.state.managedApps.some((a) => a.Identifier === 'com.example.mail')).toBe(false);
      expect((await commands(device)).find((c) => c.requestType === 'RemoveApplication')).toMatchObject({ status: 'acknowledged', source: 'apps' });
    }
  });

  it('delivers an uploaded .ipa by manifest over the device identity, checked against its hash, and refuses everyone it is not for', async () => {
    const notes = await call<{ id: string }>('POST', '/api/v1/apps', { name: 'Ward Notes', kind: 'lineOfBusiness', identifier: 'org.example.notes', platforms: ['ios', 'ipados'] }, 201);
    const ipa = buildIpa(join(dirname(dataDir), 'ipa'), {
      CFBundleIdentifier: 'org.example.notes',
      CFBundleShortVersionString: '1.4.2',
      CFBundleVersion: '142',
      CFBundleDisplayName: 'Ward Notes',
      CFBundleName: 'WardNotes',
      MinimumOSVersion: '15.0',
    });
    const sha256 = createHash('sha256').update(ipa).digest('hex');
    const uploaded = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(`/api/v1/apps/${notes.id}/versions?fileName=notes.ipa`, ward?.url);
      const req = request(url, { method: 'POST', ca: ward?.caPem, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'content-length': String(ipa.length) } }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (t: string) => (text += t)).on('end', () => { resolve({ status: res.statusCode ?? 0, body: text }); });
      });
      req.on('error', reject);
      req.end(ipa);
    });
    expect(uploaded.status, uploaded.body).toBe(201);
    const versionId = (JSON.parse(uploaded.body) as { version: { id: string; format: string; sha256: string } }).version.id;

    // Only the iPhone gets it: a static group of one device.
    const group = await call<{ id: string }>('POST', '/api/v1/groups', { name: 'Notes testers', membershipType: 'static', memberType: 'device' }, 201);
    await call('POST', `/api/v1/groups/${group.id}/members`, { memberIds: [idOf(iphone)] });
    await call('POST', `/api/v1/apps/${notes.id}/assignments`, { target: { type: 'group', groupId: group.id }, mode: 'include', intent: 'required' }, 201);

    // InstallApplication (ManifestURL) → the device fetches manifest and package → Installing →
    // ManagedApplicationList → Managed.
    await poll('Notes installed on the iPhone', async () => ((await statusOf(notes.id, iphone))?.status === 'installed' ? true : undefined), { timeoutMs: 90_000, describe: logs });
    expect(await statusOf(notes.id, iphone)).toMatchObject({ status: 'installed', installedVersion: '1.4.2', error: null });
    const manifestUrl = new URL(`/mdm/apps/${versionId}/manifest.plist`, ward?.url).toString();
    expect(iphone.state.managedApps.find((a) => a.Identifier === 'org.example.notes')).toMatchObject({ Status: 'Managed', ManifestURL: manifestUrl, ManagementFlags: 1 });
    const history = await commands(iphone);
    expect(history.find((c) => c.requestType === 'InstallApplication' && c.result?.Identifier === 'org.example.notes')).toMatchObject({ status: 'acknowledged', result: { State: 'Installing' } });
    expect(history.find((c) => c.requestType === 'ManagedApplicationList')).toMatchObject({ status: 'acknowledged', source: 'apps' });

    // What the device was served: the manifest names the package and its hash; the package resumes.
    const manifest = await iphone.fetchWithIdentity(manifestUrl);
    expect(manifest.status).toBe(200);
    const item = ((parsePlist(manifest.body) as PlistDict).items as PlistDict[])[0] as PlistDict;
    const asset = (item.assets as PlistDict[])[0] as PlistDict;
    expect(item.metadata).toEqual({ 'bundle-identifier': 'org.example.notes', 'bundle-version': '1.4.2', kind: 'software', title: 'Ward Notes' });
    expect(asset).toEqual({ kind: 'software-package', url: new URL(`/mdm/apps/${versionId}/package`, ward?.url).toString(), 'sha256-size': ipa.length, sha256s: [sha256] });
    const packageUrl = asset.url as string;
    const part = await iphone.fetchWithIdentity(packageUrl, { range: 'bytes=10-29', 'if-range': `"${sha256}"` });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 10-29/${ipa.length}`);
    expect(Buffer.from(part.body).equals(ipa.subarray(10, 30))).toBe(true);
    expect((await iphone.fetchWithIdentity(packageUrl, { range: `bytes=${ipa.length}-` })).status).toBe(416);

    // Another device's identity, a version that is nobody's install item, and no identity at all.
    for (const path of [`/mdm/apps/${versionId}/manifest.plist`, `/mdm/apps/${versionId}/package`]) {
      const refused = await other.fetchWithIdentity(new URL(path, ward?.url));
      expect(refused.status).toBe(404);
      expect(JSON.parse(Buffer.from(refused.body).toString('utf8'))).toMatchObject({ error: { code: 'APP_PACKAGE_NOT_FOUND' } });
      const anonymous = await client().request('GET', path);
      expect(anonymous.status).toBe(401);
    }
    const unknown = await iphone.fetchWithIdentity(new URL('/mdm/apps/0190c3a0-0000-7000-8000-000000000000/manifest.plist', ward?.url));
    expect(unknown.status).toBe(404);
    expect(other.state.managedApps.some((a) => a.Identifier === 'org.example.notes')).toBe(false);
  });
});
