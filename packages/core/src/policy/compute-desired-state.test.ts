import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assign, group, now, profile, rootPem, subject, wgKeyA } from '../../test/support/policy-fixtures.js';
import { computeDesiredState, type PolicySnapshot } from './compute-desired-state.js';
import { configurationItemHash } from './configuration-item-hash.js';
import type { Assignment, IssuedCredential, Profile } from './model.js';

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

function snapshot(profiles: readonly Profile[], assignments: readonly Assignment[]): PolicySnapshot {
  return { profiles: new Map(profiles.map((p) => [p.id, p])), assignments, filters: new Map() };
}

const passcode8 = profile('p-a', { kind: 'settings', body: { settings: { 'passcode.minimumLength': 8, 'firewall.enabled': true } } }, { name: 'Baseline' });
const passcode12 = profile('p-b', { kind: 'settings', body: { settings: { 'passcode.minimumLength': 12, 'screenLock.timeoutSeconds': 300 } } }, { name: 'Finance' });
const root = profile('root-1', { kind: 'certificate', body: { type: 'trustedRoot', name: 'Example Root', certificatePem: rootPem } });
const deviceCert = profile('cert-1', { kind: 'certificate', body: { type: 'issued', scope: 'device', subject: 'CN={{device.id}}', validityDays: 365 } });
const userCert = profile('cert-u', { kind: 'certificate', body: { type: 'issued', scope: 'user', subject: 'CN={{user.email}}', validityDays: 365 } });
const credential: IssuedCredential = { certificatePem: rootPem, chainPem: rootPem, privateKeyPem: '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----\n' };
const eapWifi = profile('w-1', {
  kind: 'wifi',
  body: { ssid: 'Corp', hidden: false, autoJoin: true, security: 'wpa2Enterprise', eap: { method: 'tls', identity: '{{user.upn}}', serverNames: ['radius.example.com'], trustedRootProfileIds: [root.id], clientCertificateProfileId: deviceCert.id }, proxy: { type: 'none' } },
});
const mail = profile('m-1', { kind: 'email', body: { accountType: 'exchange', accountName: 'Work', emailAddress: '{{user.email}}', username: '{{user.upn}}', exchange: { host: 'outlook.office365.com', ssl: true } } }, { platforms: ['macos', 'ios'] });

const all = [passcode8, passcode12, root, deviceCert, userCert, eapWifi, mail];

describe('computeDesiredState', () => {
  it('renders assigned profiles with variables substituted and a hash each', () => {
    const s = snapshot(all, [assign(eapWifi.id, { type: 'allDevices' })]);
    const [item] = computeDesiredState(subject(), s, new Map([[deviceCert.id, credential]]), now, sha);
    expect(item?.action).toBe('install');
    expect(item?.item?.payload).toEqual({
      ssid: 'Corp', hidden: false, autoJoin: true, security: 'wpa2Enterprise', proxy: { type: 'none' },
      eap: { method: 'tls', identity: 'ada@example.com', serverNames: ['radius.example.com'], trustedRootsPem: [rootPem], clientCertificate: credential },
    });
    expect(item?.item?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes the canonical JSON of the item: stable across key order and runs, different when anything changes', () => {
    const s = snapshot(all, [assign(passcode8.id, { type: 'allDevices' })]);
    const first = computeDesiredState(subject(), s, new Map(), now, sha)[0]?.item;
    const again = computeDesiredState(subject(), s, new Map(), new Date(now.getTime() + 86_400_000), sha)[0]?.item;
    expect(again?.hash).toBe(first?.hash);
    const reordered = profile('p-a', { kind: 'settings', body: { settings: { 'firewall.enabled': true, 'passcode.minimumLength': 8 } } }, { name: 'Baseline' });
    expect(computeDesiredState(subject(), snapshot([reordered], s.assignments), new Map(), now, sha)[0]?.item?.hash).toBe(first?.hash);
    const changed = profile('p-a', { kind: 'settings', body: { settings: { 'firewall.enabled': true, 'passcode.minimumLength': 9 } } }, { name: 'Baseline' });
    expect(computeDesiredState(subject(), snapshot([changed], s.assignments), new Map(), now, sha)[0]?.item?.hash).not.toBe(first?.hash);
    const renamed = { ...passcode8, name: 'Renamed' };
    expect(computeDesiredState(subject(), snapshot([renamed], s.assignments), new Map(), now, sha)[0]?.item?.hash).not.toBe(first?.hash);
    // The hash is over the canonical form: pinned so that an accidental change of the scheme shows up.
    if (first === null || first === undefined) throw new Error('no item');
    expect(first.hash).toBe(sha('{"id":"p-a","kind":"settings","name":"Baseline","payload":{"settings":{"firewall.enabled":true,"passcode.minimumLength":8}}}'));
    expect(configurationItemHash(sha, first)).toBe(first.hash);
  });

  it('renders per device: two devices of one profile get different hashes when variables differ', () => {
    const s = snapshot(all, [assign(mail.id, { type: 'allDevices' })]);
    const a = computeDesiredState(subject({ device: { platform: 'macos' } }), s, new Map(), now, sha)[0];
    const b = computeDesiredState(subject({ device: { platform: 'macos' }, user: { ...subject().user!, email: 'bob@example.com', attributes: {} } }), s, new Map(), now, sha)[0];
    expect(a?.item?.payload).toMatchObject({ emailAddress: 'ada@example.com' });
    expect(b?.item?.payload).toMatchObject({ emailAddress: 'bob@example.com' });
    expect(a?.item?.hash).not.toBe(b?.item?.hash);
  });

  it('puts a setting two profiles set differently in conflict on both, withholds only that setting', () => {
    const s = snapshot(all, [assign(passcode8.id, { type: 'allDevices' }), assign(passcode12.id, group('finance'))]);
    const items = computeDesiredState(subject({ groups: ['finance'] }), s, new Map(), now, sha);
    const conflict = [{ settingId: 'passcode.minimumLength', profileIds: ['p-a', 'p-b'] }];
    expect(items.map((i) => [i.profileId, i.action, i.conflicts, i.item?.payload])).toEqual([
      ['p-a', 'install', conflict, { settings: { 'firewall.enabled': true } }],
      ['p-b', 'install', conflict, { settings: { 'screenLock.timeoutSeconds': 300 } }],
    ]);
    // Without the Finance group there is no collision.
    const alone = computeDesiredState(subject(), s, new Map(), now, sha);
    expect(alone.map((i) => [i.profileId, i.conflicts, i.item?.payload])).toEqual([['p-a', [], { settings: { 'firewall.enabled': true, 'passcode.minimumLength': 8 } }]]);
  });

  it('is no conflict when profiles agree, and a profile whose every setting collides sends nothing', () => {
    const same = profile('p-c', { kind: 'settings', body: { settings: { 'passcode.minimumLength': 8 } } });
    const other = profile('p-d', { kind: 'settings', body: { settings: { 'passcode.minimumLength': 10 } } });
    const agree = computeDesiredState(subject(), snapshot([passcode8, same], [assign('p-a', { type: 'allDevices' }), assign('p-c', { type: 'allDevices' })]), new Map(), now, sha);
    expect(agree.every((i) => i.action === 'install' && i.conflicts.length === 0)).toBe(true);
    const clash = computeDesiredState(subject(), snapshot([same, other], [assign('p-c', { type: 'allDevices' }), assign('p-d', { type: 'allDevices' })]), new Map(), now, sha);
    expect(clash.map((i) => [i.action, i.item, i.conflicts.length])).toEqual([
      ['notApplicable', null, 1],
      ['notApplicable', null, 1],
    ]);
  });

  it('ignores collisions on settings the device platform cannot take', () => {
    const a = profile('s-1', { kind: 'settings', body: { settings: { 'restrictions.screenshotDisabled': true } } });
    const b = profile('s-2', { kind: 'settings', body: { settings: { 'restrictions.screenshotDisabled': false } } });
    const s = snapshot([a, b], [assign('s-1', { type: 'allDevices' }), assign('s-2', { type: 'allDevices' })]);
    expect(computeDesiredState(subject(), s, new Map(), now, sha).every((i) => i.conflicts.length === 0)).toBe(true);
    expect(computeDesiredState(subject({ device: { platform: 'ios' } }), s, new Map(), now, sha).every((i) => i.conflicts.length === 1)).toBe(true);
  });

  it('marks notApplicable with a reason: wrong platform, missing user, missing credential', () => {
    const s = snapshot(all, [assign(mail.id, { type: 'allDevices' }), assign(userCert.id, { type: 'allDevices' }), assign(eapWifi.id, { type: 'allDevices' })]);
    const linux = computeDesiredState(subject(), s, new Map(), now, sha);
    expect(linux.find((i) => i.profileId === mail.id)).toMatchObject({ action: 'notApplicable', reason: expect.stringContaining('this device runs linux') });
    expect(linux.find((i) => i.profileId === eapWifi.id)).toMatchObject({ action: 'notApplicable', reason: expect.stringContaining('has not issued') });
    const noUser = computeDesiredState(subject({ user: null, device: { platform: 'macos', primaryUserId: null } }), s, new Map([[deviceCert.id, credential]]), now, sha);
    expect(noUser.find((i) => i.profileId === mail.id)).toMatchObject({ action: 'notApplicable', item: null, reason: expect.stringContaining('{{user.email}}') });
    expect(noUser.find((i) => i.profileId === userCert.id)).toMatchObject({ action: 'notApplicable', reason: expect.stringContaining('no primary user') });
    expect(noUser.find((i) => i.profileId === eapWifi.id)).toMatchObject({ action: 'notApplicable', reason: expect.stringContaining('{{user.upn}}') });
  });

  it('renders WireGuard, custom and SCEP payloads as the wire contract has them', () => {
    const wg = profile('v-1', { kind: 'vpn', body: { connectionName: 'wg0', onDemand: { enabled: false, rules: [] }, type: 'wireguard', interface: { addresses: ['10.8.0.2/32'], dns: [] }, peers: [{ publicKey: wgKeyA, endpoint: 'vpn.example.com:51820', allowedIps: ['0.0.0.0/0'] }] } });
    const scep = profile('c-2', { kind: 'certificate', body: { type: 'scep', url: 'https://ndes.example.com/scep', challenge: 's3cret', subject: 'CN={{device.serial}}', keySize: 2048, keyUsage: ['digitalSignature'] } });
    const items = computeDesiredState(subject(), snapshot([wg, scep], [assign('v-1', { type: 'allDevices' }), assign('c-2', { type: 'allDevices' })]), new Map(), now, sha);
    expect(items.map((i) => i.item?.payload)).toEqual([
      { type: 'scep', url: 'https://ndes.example.com/scep', challenge: 's3cret', subject: 'CN=SN123', keySize: 2048, keyUsage: ['digitalSignature'] },
      wg.body,
    ]);
  });
});
