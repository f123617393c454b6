import { describe, expect, it } from 'vitest';
import { appAssignment, appFixture, appVersionFixture, deviceAppStateFixture } from '../../test/support/app-fixtures.js';
import { testDigests } from '../../test/support/deterministic-ports.js';
import { now, subject, tenantId } from '../../test/support/policy-fixtures.js';
import type { DeviceId } from '../kernel/brand.js';
import type { Assignment } from '../policy/model.js';
import { appItemOf, appRemovalOf } from './app-item-hash.js';
import { computeDesiredApps } from './compute-desired-apps.js';
import { linuxPackageFamily } from './linux-package-family.js';
import type { AppSnapshot } from './load-app-snapshot.js';
import type { App, AppId, AppVersion, AppVersionId, DeviceAppState } from './model.js';
import { needsAppDelivery, planDeviceApps } from './plan-device-apps.js';
import { reconcileDeviceApps } from './reconcile-device-apps.js';
import { resolveAppIntents } from './resolve-app-intents.js';

const sha = (text: string): string => testDigests.sha256Hex(text);
const h = (c: string): string => c.repeat(64);
const deviceId = 'd-1' as DeviceId;
const agent = { facts: { osVersion: '24.04.1', agentVersion: '0.1.0' } };

const app = appFixture;

const version = (id: string, appId: string, over: Partial<AppVersion> = {}): AppVersion => appVersionFixture(id, appId, { sha256: h('c'), ...over });

const assign = appAssignment;

function snapshot(apps: App[], assignments: Assignment[], versions: AppVersion[] = []): AppSnapshot {
  return { apps: new Map(apps.map((a) => [a.id, a])), versions: new Map(versions.map((v) => [v.id, v])), assignments, filters: new Map() };
}

function row(appId: string, fields: Partial<DeviceAppState> = {}): DeviceAppState {
  return deviceAppStateFixture(deviceId, appId, {
    desiredHash: h('a'),
    item: { type: 'install', install: { id: appId, hash: h('a'), name: 'Tool', version: '1', source: { kind: 'apt', package: 'tool' } } },
    ...fields,
  });
}

describe('linuxPackageFamily', () => {
  it.each([
    [{ id: 'ubuntu', idLike: 'debian' }, 'deb'],
    [{ id: 'linuxmint', idLike: 'ubuntu debian' }, 'deb'],
    [{ id: 'pop', idLike: null }, 'deb'],
    [{ id: 'fedora', idLike: null }, 'rpm'],
    [{ id: 'rocky', idLike: 'rhel centos fedora' }, 'rpm'],
    [{ id: 'somederivative', idLike: 'rhel fedora' }, 'rpm'],
    [{ id: 'opensuse-tumbleweed', idLike: 'opensuse suse' }, undefined],
    [{ id: 'arch', idLike: null }, undefined],
    [{ id: null, idLike: null }, undefined],
    [{ id: '  UBUNTU ', idLike: '' }, 'deb'],
  ] as const)('%j → %s', (release, family) => {
    expect(linuxPackageFamily(release)).toBe(family);
  });
  it('knows nothing of a device that never reported os-release', () => {
    expect(linuxPackageFamily(undefined)).toBeUndefined();
  });
});

describe('resolveAppIntents', () => {
  it('lets exclude win over everything and required over uninstall, and pushes no available intent', () => {
    const assignments = [
      assign('a-both', 'uninstall'),
      assign('a-both', 'required', { group: 'g-1' }),
      assign('a-gone', 'uninstall'),
      assign('a-excl', 'required'),
      assign('a-excl', 'required', { mode: 'exclude', group: 'g-1' }),
      assign('a-portal', 'available'),
      assign('a-mam', 'availableWithoutEnrollment'),
      { ...assign('p-1', 'required'), itemKind: 'profile' as const },
    ];
    const intents = resolveAppIntents(subject({ groups: ['g-1'] }), assignments, new Map(), now);
    expect(Object.fromEntries(intents)).toEqual({ 'a-both': 'required', 'a-gone': 'uninstall' });
    expect(resolveAppIntents(subject({ groups: [], device: { managementState: 'retired' } }), assignments, new Map(), now).size).toBe(0);
  });
});

describe('computeDesiredApps', () => {
  const apps = [
    app('flat', { kind: 'flathub', details: { remote: 'flathub' }, identifier: 'org.mozilla.firefox', platforms: ['linux'] }),
    app('snap', { kind: 'snap', details: { channel: 'latest/edge', classic: true }, identifier: 'code', platforms: ['linux'] }),
    app('repo', { kind: 'repository', details: { packageManagers: ['apt', 'dnf'] }, identifier: 'htop', platforms: ['linux'] }),
    app('repo-dnf', { kind: 'repository', details: { packageManagers: ['dnf'] }, identifier: 'htop2', platforms: ['linux'] }),
    app('lob', { currentVersionId: 'v-1' as AppVersionId }),
    app('lob-new', {}),
    app('ios', { kind: 'appStore', details: { appStoreId: '1' }, identifier: 'com.x.y', platforms: ['ios', 'macos'] }),
    app('web', { kind: 'web', details: { url: 'https://x.example' }, platforms: ['linux', 'macos'] }),
    app('mac', { platforms: ['macos'] }),
  ];
  const snap = snapshot(
    apps,
    apps.map((a) => assign(a.id, a.id === 'snap' ? 'uninstall' : 'required')),
    [version('v-1', 'lob')],
  );

  it('turns each assigned app into the source this Debian device takes, or a reason', () => {
    const desired = computeDesiredApps(subject({ device: agent }), snap, { id: 'ubuntu', idLike: 'debian' }, now, sha);
    const byId = Object.fromEntries(desired.map((d) => [d.appId, d]));
    expect(byId['flat']?.item).toEqual({ type: 'install', install: appItemOf(sha, { id: 'flat', name: 'App flat', version: '', source: { kind: 'flatpak', ref: 'org.mozilla.firefox', remote: 'flathub' } }) });
    expect(byId['snap']).toMatchObject({ intent: 'uninstall', action: 'remove', item: { type: 'remove', remove: { source: { kind: 'snap', name: 'code', channel: 'latest/edge', classic: true } } } });
    expect(byId['repo']?.item).toMatchObject({ install: { source: { kind: 'apt', package: 'htop' } } });
    expect(byId['repo-dnf']).toMatchObject({ action: 'notApplicable', reason: expect.stringContaining('uses apt') });
    expect(byId['lob']?.item).toMatchObject({ install: { version: '2.0.1', source: { kind: 'package', format: 'deb', url: '/agent/v1/app-packages/v-1', sha256: h('c'), size: 4096, identifier: 'com.example.lob', version: '2.0.1' } } });
    expect(byId['lob-new']).toMatchObject({ action: 'notApplicable', reason: expect.stringContaining('No version') });
    expect(byId['ios']).toMatchObject({ action: 'notApplicable', reason: expect.stringContaining('for ios, macos') });
    expect(byId['web']).toMatchObject({ action: 'notApplicable', reason: expect.stringContaining('web clips') });
    expect(byId['mac']).toMatchObject({ action: 'notApplicable', reason: expect.stringContaining('this device runs linux') });
    expect(desired.map((d) => d.appId)).toEqual([...desired.map((d) => d.appId)].sort());
    for (const d of desired) expect(d.hash).toBe(d.item === null ? null : d.item.type === 'install' || d.item.type === 'appleInstall' ? d.item.install.hash : d.item.remove.hash);
  });

  it('hands a Fedora device dnf and refuses it the .deb; an unknown distribution only an unambiguous tool', () => {
    const fedora = Object.fromEntries(computeDesiredApps(subject({ device: agent }), snap, { id: 'fedora', idLike: null }, now, sha).map((d) => [d.appId, d]));
    expect(fedora['repo']?.item).toMatchObject({ install: { source: { kind: 'dnf', package: 'htop' } } });
    expect(fedora['lob']).toMatchObject({ action: 'notApplicable', reason: expect.stringContaining('.rpm packages') });
    const unknown = Object.fromEntries(computeDesiredApps(subject({ device: agent }), snap, undefined, now, sha).map((d) => [d.appId, d]));
    expect(unknown['repo']).toMatchObject({ action: 'notApplicable', reason: expect.stringContaining('apt or dnf') });
    expect(unknown['repo-dnf']?.item).toMatchObject({ install: { source: { kind: 'dnf' } } });
    expect(unknown['lob']?.action).toBe('install');
  });

  it('gives nothing to a device without the agent, and respects the minimum OS', () => {
    const noAgent = computeDesiredApps(subject(), snap, { id: 'ubuntu', idLike: null }, now, sha);
    expect(noAgent.every((d) => d.action === 'notApplicable')).toBe(true);
    const old = snapshot([app('lob', { currentVersionId: 'v-2' as AppVersionId })], [assign('lob', 'required')], [version('v-2', 'lob', { minimumOsVersion: '25.10' })]);
    expect(computeDesiredApps(subject({ device: agent }), old, undefined, now, sha)[0]).toMatchObject({ action: 'notApplicable', reason: expect.stringContaining('needs OS 25.10') });
  });

  it('hashes the same item the same everywhere, and a new version differently', () => {
    const a = computeDesiredApps(subject({ device: agent }), snap, undefined, now, sha);
    const b = computeDesiredApps(subject({ device: agent }), snap, undefined, now, sha);
    expect(a).toEqual(b);
    const next = snapshot([app('lob', { currentVersionId: 'v-9' as AppVersionId })], [assign('lob', 'required')], [version('v-9', 'lob', { version: '2.0.2' })]);
    const lobBefore = a.find((d) => d.appId === 'lob')?.hash;
    expect(computeDesiredApps(subject({ device: agent }), next, undefined, now, sha)[0]?.hash).not.toBe(lobBefore);
    const removal = appRemovalOf(sha, { id: 'x', name: 'X', source: { kind: 'apt', package: 'x' } });
    expect(removal.hash).not.toBe(appItemOf(sha, { id: 'x', name: 'X', version: '', source: { kind: 'apt', package: 'x' } }).hash);
  });
});

describe('deriveAppStatus', () => {
  it.each([
    [{}, 'pending'],
    [{ reportedHash: h('a'), reportedStatus: 'installed' }, 'installed'],
    [{ reportedHash: h('a'), reportedStatus: 'failed' }, 'failed'],
    [{ reportedHash: h('b'), reportedStatus: 'failed' }, 'pending'],
    [{ reportedHash: h('a'), reportedStatus: 'notApplicable' }, 'notApplicable'],
    [{ reportedHash: h('a'), reportedStatus: 'removed' }, 'pending'],
    [{ action: 'notApplicable', desiredHash: null, item: null }, 'notApplicable'],
    [{ action: 'remove', reportedHash: h('b'), reportedStatus: 'installed' }, 'removing'],
    [{ action: 'remove', reportedHash: h('a'), reportedStatus: 'removed' }, 'removed'],
    [{ action: 'remove', reportedHash: h('a'), reportedStatus: 'notApplicable' }, 'removed'],
    [{ action: 'remove', reportedHash: h('a'), reportedStatus: 'failed' }, 'failed'],
  ] as const)('%j → %s', (fields, status) => {
    expect(row('a1', fields as Partial<DeviceAppState>).status).toBe(status);
  });
});

describe('planDeviceApps', () => {
  it('sends what the device has not confirmed, not a failed version again, at most 50 at once', () => {
    const removal = { type: 'remove' as const, remove: { id: 'r1', hash: h('r'), name: 'Old', source: { kind: 'snap' as const, name: 'old', channel: 'stable', classic: false } } };
    const rows = [
      row('a1'),
      row('a2', { reportedHash: h('a'), reportedStatus: 'installed' }),
      row('a3', { reportedHash: h('a'), reportedStatus: 'failed' }),
      row('a4', { reportedHash: h('a'), reportedStatus: 'removed' }),
      row('a5', { action: 'notApplicable', desiredHash: null, item: null }),
      row('r1', { intent: 'uninstall', action: 'remove', desiredHash: h('r'), item: removal }),
      row('r2', { intent: null, action: 'remove', desiredHash: h('r'), item: { ...removal, remove: { ...removal.remove, id: 'r2' } }, reportedHash: h('r'), reportedStatus: 'removed' }),
    ];
    const plan = planDeviceApps(rows);
    expect(plan?.install.map((i) => i.id)).toEqual(['a1', 'a4']);
    expect(plan?.remove.map((i) => i.id)).toEqual(['r1']);
    expect(needsAppDelivery(rows)).toBe(true);
    expect(planDeviceApps([rows[1]!, rows[2]!, rows[4]!])).toBeUndefined();
    expect(needsAppDelivery([rows[1]!, rows[2]!])).toBe(false);
    const many = Array.from({ length: 120 }, (_, i) => row(`m-${String(i).padStart(3, '0')}`));
    const first = planDeviceApps(many);
    expect(first?.install).toHaveLength(50);
    expect(first?.install[0]?.id).toBe('m-000');
  });
});

describe('reconcileDeviceApps', () => {
  const installed = { name: 'Tool', source: { kind: 'apt' as const, package: 'tool' } };

  it('writes only what changed, and wakes only for new work', () => {
    const current = row('a1');
    const same = reconcileDeviceApps(tenantId, deviceId, [current], [{ appId: 'a1' as AppId, intent: 'required', action: 'install', item: current.item, hash: h('a'), reason: null }], now, sha);
    expect(same).toEqual({ writes: [], deletes: [], wake: false });
    const na = reconcileDeviceApps(tenantId, deviceId, [], [{ appId: 'a9' as AppId, intent: 'required', action: 'notApplicable', item: null, hash: null, reason: 'x' }], now, sha);
    expect(na).toMatchObject({ writes: [{ appId: 'a9', status: 'notApplicable' }], wake: false });
  });

  it('turns an app no longer assigned into a removal of what Ward installed, and drops the rest', () => {
    const had = row('a1', { reportedHash: h('a'), reportedStatus: 'installed', installed });
    const never = row('a2', { reportedHash: h('a'), reportedStatus: 'failed' });
    const out = reconcileDeviceApps(tenantId, deviceId, [had, never], [], now, sha);
    const removal = appRemovalOf(sha, { id: 'a1', name: 'Tool', source: installed.source });
    expect(out.writes).toEqual([{ tenantId, deviceId, appId: 'a1', intent: null, action: 'remove', desiredHash: removal.hash, item: { type: 'remove', remove: removal }, reason: null, desiredAt: now, status: 'removing' }]);
    expect(out.deletes).toEqual([{ deviceId, appId: 'a2' }]);
    expect(out.wake).toBe(true);
    // Recomputing again changes nothing.
    const again = reconcileDeviceApps(tenantId, deviceId, [{ ...had, ...out.writes[0]! }], [], now, sha);
    expect(again).toEqual({ writes: [], deletes: [], wake: false });
  });
});
