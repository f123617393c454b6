import { describe, expect, it } from 'vitest';
import { appAssignment, appFixture, appVersionFixture, deviceAppStateFixture } from '../../test/support/app-fixtures.js';
import { testDigests } from '../../test/support/deterministic-ports.js';
import { now, subject, tenantId } from '../../test/support/policy-fixtures.js';
import type { DeviceId } from '../kernel/brand.js';
import type { Assignment, AssignmentIntent } from '../policy/model.js';
import { appleAppItemOf, appleAppRemovalOf, removalItemOf, type AppleAppSource } from './apple-app-item.js';
import { computeDesiredApps } from './compute-desired-apps.js';
import type { AppSnapshot } from './load-app-snapshot.js';
import type { App, AppVersion, AppVersionId, DeviceAppState } from './model.js';
import { needsAppDelivery, planDeviceApps } from './plan-device-apps.js';
import { reconcileDeviceApps } from './reconcile-device-apps.js';

// Desired apps of devices enrolled in Apple MDM: which apps become InstallApplication items, and
// that the agent's plan never carries them.

const sha = (text: string): string => testDigests.sha256Hex(text);
const deviceId = 'd-1' as DeviceId;
const iphone = { platform: 'ios' as const, osVersion: '18.1', facts: { osVersion: '18.1' } };
const mac = { platform: 'macos' as const, osVersion: '15.1', facts: { osVersion: '15.1' } };
const macWithAgent = { ...mac, facts: { osVersion: '15.1', agentVersion: '0.1.0' } };

const app = (id: string, over: Partial<App>): App => appFixture(id, { platforms: ['ios', 'ipados', 'macos'], ...over });

const version = (id: string, appId: string, over: Partial<AppVersion>): AppVersion =>
  appVersionFixture(id, appId, { version: '1.4.2', format: 'ipa', name: 'Notes', minimumOsVersion: '15.0', architecture: null, sizeBytes: 8192, fileName: 'notes.ipa', ...over });

const assign = (itemId: string, intent: AssignmentIntent): Assignment => appAssignment(itemId, intent);

const apps = [
  app('mail', { kind: 'appStore', details: { appStoreId: '361309726' }, identifier: 'com.example.mail' }),
  app('notes', { currentVersionId: 'v-ipa' as AppVersionId }),
  app('tool', { currentVersionId: 'v-pkg' as AppVersionId, platforms: ['macos'] }),
  app('old', { currentVersionId: 'v-new' as AppVersionId, platforms: ['ios'] }),
  app('docs', { kind: 'web', details: { url: 'https://docs.example' } }),
  app('game', { kind: 'appStore', details: { appStoreId: '42' }, identifier: 'com.example.game' }),
  app('huge', { kind: 'appStore', details: { appStoreId: '98765432109876543210' }, identifier: 'com.example.huge' }),
];
const versions = [
  version('v-ipa', 'notes', {}),
  version('v-pkg', 'tool', { format: 'pkg', fileName: 'tool.pkg', minimumOsVersion: '13.0', version: '3.1' }),
  version('v-new', 'old', { minimumOsVersion: '19.0' }),
];
const snap: AppSnapshot = {
  apps: new Map(apps.map((a) => [a.id, a])),
  versions: new Map(versions.map((v) => [v.id, v])),
  assignments: [...apps.filter((a) => a.id !== 'game').map((a) => assign(a.id, 'required')), assign('game', 'uninstall')],
  filters: new Map(),
};

function byId(device: Parameters<typeof subject>[0], appleMdm: boolean): Record<string, ReturnType<typeof computeDesiredApps>[number]> {
  return Object.fromEntries(computeDesiredApps(subject(device), snap, undefined, now, sha, { appleMdm }).map((d) => [d.appId, d]));
}

const row = (appId: string, fields: Partial<DeviceAppState>): DeviceAppState => deviceAppStateFixture(deviceId, appId, fields);

describe('computeDesiredApps for Apple MDM devices', () => {
  it('sends an enrolled iPhone App Store apps by id and .ipa versions by manifest, and says why not the rest', () => {
    const desired = byId({ device: iphone }, true);
    const store: AppleAppSource = { kind: 'appleAppStore', iTunesStoreId: '361309726', bundleId: 'com.example.mail' };
    expect(desired['mail']).toEqual({ appId: 'mail', intent: 'required', action: 'install', item: { type: 'appleInstall', install: appleAppItemOf(sha, { id: 'mail', name: 'App mail', version: '', source: store }) }, hash: expect.any(String), reason: null });
    expect(desired['notes']?.item).toEqual({
      type: 'appleInstall',
      install: appleAppItemOf(sha, { id: 'notes', name: 'App notes', version: '1.4.2', source: { kind: 'appleManifest', format: 'ipa', versionId: 'v-ipa', sha256: 'c'.repeat(64), size: 8192, bundleId: 'com.example.notes', version: '1.4.2' } }),
    });
    expect(desired['tool']).toMatchObject({ action: 'notApplicable', reason: expect.stringContaining('this device runs ios') });
    expect(desired['old']).toMatchObject({ action: 'notApplicable', reason: expect.stringContaining('needs OS 19.0') });
    expect(desired['docs']).toMatchObject({ action: 'notApplicable', reason: expect.stringContaining('web clips') });
    expect(desired['huge']).toMatchObject({ action: 'notApplicable', reason: expect.stringContaining('64-bit') });
    expect(desired['game']).toMatchObject({ intent: 'uninstall', action: 'remove', item: { type: 'appleRemove', remove: appleAppRemovalOf(sha, { id: 'game', name: 'App game', source: { kind: 'appleAppStore', iTunesStoreId: '42', bundleId: 'com.example.game' } }) } });
    for (const d of Object.values(desired)) if (d.item !== null) expect(d.hash).toBe(d.item.type === 'appleInstall' || d.item.type === 'install' ? d.item.install.hash : d.item.remove.hash);
  });

  it('gives an iPhone that is not (or no longer) reachable over MDM nothing, with the reason', () => {
    const desired = Object.values(byId({ device: iphone }, false));
    expect(desired.every((d) => d.action === 'notApplicable')).toBe(true);
    expect(desired.find((d) => d.appId === 'mail')?.reason).toContain('not enrolled in it');
  });

  it('sends a Mac its .pkg by manifest over MDM, but through the agent when it runs one; App Store apps only over MDM', () => {
    const mdmOnly = byId({ device: mac }, true);
    expect(mdmOnly['tool']?.item).toMatchObject({ type: 'appleInstall', install: { source: { kind: 'appleManifest', format: 'pkg', versionId: 'v-pkg' } } });
    expect(mdmOnly['notes']).toMatchObject({ action: 'notApplicable', reason: expect.stringContaining('this device runs macos') });
    const both = byId({ device: macWithAgent }, true);
    expect(both['mail']?.item?.type).toBe('appleInstall');
    expect(both['tool']?.item).toMatchObject({ type: 'install', install: { source: { kind: 'package', format: 'pkg', url: '/agent/v1/app-packages/v-pkg' } } });
    const agentOnly = byId({ device: macWithAgent }, false);
    expect(agentOnly['mail']).toMatchObject({ action: 'notApplicable', reason: expect.stringContaining('Apple MDM') });
    expect(agentOnly['tool']?.item?.type).toBe('install');
  });

  it('makes the same Apple item hash the same, and never the same as an agent item', () => {
    expect(byId({ device: iphone }, true)).toEqual(byId({ device: iphone }, true));
    const source: AppleAppSource = { kind: 'appleAppStore', iTunesStoreId: '1', bundleId: 'x' };
    expect(appleAppItemOf(sha, { id: 'a', name: 'A', version: '', source }).hash).not.toBe(appleAppRemovalOf(sha, { id: 'a', name: 'A', source }).hash);
  });
});

describe('Apple rows in the agent path', () => {
  it('keeps Apple items out of the agent plan, so a Mac with both never gets them twice', () => {
    const desired = computeDesiredApps(subject({ device: macWithAgent }), snap, undefined, now, sha, { appleMdm: true });
    const { writes } = reconcileDeviceApps(tenantId, deviceId, [], desired, now, sha);
    const rows = writes.map((w) => row(w.appId, w));
    const plan = planDeviceApps(rows);
    expect(plan?.install.map((i) => i.id)).toEqual(['tool']);
    expect(plan?.remove).toEqual([]);
    expect(needsAppDelivery(rows.filter((r) => r.item?.type === 'appleInstall'))).toBe(false);
  });

  it('removes an app Apple MDM installed with RemoveApplication once it is no longer assigned', () => {
    const source: AppleAppSource = { kind: 'appleAppStore', iTunesStoreId: '361309726', bundleId: 'com.example.mail' };
    const installed = row('mail', { installed: { name: 'Mail', source }, reportedStatus: 'installed' });
    const { writes, deletes, wake } = reconcileDeviceApps(tenantId, deviceId, [installed, row('never', {})], [], now, sha);
    expect(deletes).toEqual([{ deviceId, appId: 'never' }]);
    expect(wake).toBe(true);
    expect(writes).toEqual([expect.objectContaining({ appId: 'mail', intent: null, action: 'remove', item: removalItemOf(sha, 'mail', { name: 'Mail', source }), status: 'removing' })]);
    expect(writes[0]?.item?.type).toBe('appleRemove');
    expect(removalItemOf(sha, 'x', { name: 'X', source: { kind: 'apt', package: 'x' } }).type).toBe('remove');
  });
});
