import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivePushCertificate, DeviceId, TenantId } from '@ward/core';
import { createMockApnsAuthority, MockApns, type MockApnsAuthority } from '@ward/simulator';
import { ApnsDispatcher, type ApplePushTarget, type ApplePushTargets } from './apns-dispatcher.js';

const tenant = 'tenant-a' as TenantId;
const did = (n: number) => `device-${n}` as DeviceId;
const token = (n: number) => n.toString(16).padStart(64, 'c');

let authority: MockApnsAuthority;
let apns: MockApns;
let credential: ActivePushCertificate;
const dispatchers: ApnsDispatcher[] = [];

function credentialFrom(identity: { certificatePem: string; privateKeyPem: string; topic: string }, serial: string): ActivePushCertificate {
  const now = new Date();
  return { tenantId: tenant, topic: identity.topic, certificatePem: identity.certificatePem, privateKeyPem: identity.privateKeyPem, publicKeySha256: serial, serialNumber: serial, subject: '', notBefore: now, notAfter: new Date(now.getTime() + 86_400_000), uploadedAt: now };
}

/** The push channels TokenUpdate would have stored, in memory; records what it was told to forget. */
class ChannelTable implements ApplePushTargets {
  readonly channels = new Map<DeviceId, ApplePushTarget>();
  readonly forgotten: [TenantId, DeviceId, string][] = [];
  lookups = 0;
  add(n: number, topic = credential.topic): void {
    this.channels.set(did(n), { deviceId: did(n), deviceToken: token(n), pushMagic: `magic-${n}`, topic });
  }
  targetsOf(_tenantId: TenantId, deviceIds: readonly DeviceId[]): Promise<readonly ApplePushTarget[]> {
    this.lookups++;
    return Promise.resolve(deviceIds.flatMap((id) => this.channels.get(id) ?? []));
  }
  forgetToken(tenantId: TenantId, deviceId: DeviceId, deviceToken: string): Promise<void> {
    this.forgotten.push([tenantId, deviceId, deviceToken]);
    if (this.channels.get(deviceId)?.deviceToken === deviceToken) this.channels.delete(deviceId);
    return Promise.resolve();
  }
}

function dispatcher(targets: ApplePushTargets, credentialOf: () => ActivePushCertificate | null = () => credential): ApnsDispatcher {
  const created = new ApnsDispatcher({ targets, credentialOf: () => Promise.resolve(credentialOf()), windowMs: 50, client: { origin: apns.origin, ca: authority.caCertificatePem, sleep: () => Promise.resolve() } });
  dispatchers.push(created);
  return created;
}

beforeAll(async () => {
  authority = createMockApnsAuthority();
  apns = new MockApns({ ...authority.issueServerIdentity(), clientCaPem: authority.caCertificatePem });
  await apns.listen();
  credential = credentialFrom(authority.issuePushIdentity(), 'serial-1');
});
afterAll(async () => {
  await Promise.all(dispatchers.map((d) => d.close()));
  await apns.close();
});

describe('ApnsDispatcher against the mock APNs', () => {
  it('coalesces wake-ups arriving within the window into one batch', async () => {
    const table = new ChannelTable();
    for (const n of [1, 2, 3]) table.add(n);
    const d = dispatcher(table);
    const before = apns.received.length;
    const reports = await Promise.all([d.wake(tenant, [did(1)]), d.wake(tenant, [did(2), did(1)]), d.wake(tenant, [did(3)])]);
    expect(table.lookups).toBe(1);
    for (const report of reports) expect(report).toEqual({ sent: 3, unregistered: 0, failed: 0, skipped: 0 });
    expect(apns.received.slice(before).map((p) => [p.deviceToken, p.pushMagic, p.topic]).sort()).toEqual([1, 2, 3].map((n) => [token(n), `magic-${n}`, credential.topic]));
  });

  it('forgets tokens APNs reports unregistered and skips devices it cannot wake', async () => {
    const table = new ChannelTable();
    table.add(10);
    table.add(11);
    table.add(12, 'com.apple.mgmt.External.another-topic');
    apns.unregister(token(11));
    const d = dispatcher(table);
    const report = await d.wake(tenant, [did(10), did(11), did(12), did(13)]);
    expect(report).toEqual({ sent: 1, unregistered: 1, failed: 0, skipped: 2 });
    expect(table.forgotten).toEqual([[tenant, did(11), token(11)]]);
  });

  it('sends nothing for a tenant without an active certificate', async () => {
    const table = new ChannelTable();
    table.add(20);
    const d = dispatcher(table, () => null);
    const requests = apns.requestCount;
    expect(await d.wake(tenant, [did(20)])).toEqual({ sent: 0, unregistered: 0, failed: 0, skipped: 1 });
    expect(apns.requestCount).toBe(requests);
  });

  it('switches to the renewed certificate (same topic) on the next batch', async () => {
    const table = new ChannelTable();
    table.add(30);
    let current = credential;
    const d = dispatcher(table, () => current);
    expect((await d.wake(tenant, [did(30)])).sent).toBe(1);
    const connections = apns.connectionCount;
    current = credentialFrom(authority.issuePushIdentity({ topic: credential.topic }), 'serial-2');
    expect((await d.wake(tenant, [did(30)])).sent).toBe(1);
    expect(apns.connectionCount).toBeGreaterThan(connections);
  });

  it('flush sends a waiting batch at once', async () => {
    const table = new ChannelTable();
    table.add(40);
    const d = new ApnsDispatcher({ targets: table, credentialOf: () => Promise.resolve(credential), windowMs: 60_000, client: { origin: apns.origin, ca: authority.caCertificatePem } });
    dispatchers.push(d);
    const woken = d.wake(tenant, [did(40)]);
    await d.flush();
    expect(await woken).toMatchObject({ sent: 1 });
  });
});
