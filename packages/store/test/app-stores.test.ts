import { describe, expect, it } from 'vitest';
import {
  appInstallStatuses,
  WardError,
  type App,
  type AppId,
  type AppSort,
  type AppVersion,
  type AppVersionId,
  type DesiredAppStateWrite,
  type DeviceId,
  type ReportedAppStateWrite,
  type SortOrder,
  type TenantId,
} from '@ward/core';
import { firstKeyColumn } from './support/first-key-column.js';
import { at, byteCompare, makeDevice, t0 } from './support/fixtures.js';
import { seedTenantDevices } from './support/seed-devices.js';
import { useStoreSuite } from './support/store-suite.js';
import { testDialects } from './support/test-database.js';
import { walk } from './support/walk.js';

const appId = (s: string) => s as AppId;
const vid = (s: string) => s as AppVersionId;
const did = (s: string) => s as DeviceId;

function app(tenantId: TenantId, id: string, over: Partial<App> = {}): App {
  return {
    id: appId(id),
    tenantId,
    name: `App ${id}`,
    description: 'Notes "for" everyone ✓',
    publisher: 'Example Ltd',
    identifier: `com.example.${id}`,
    platforms: ['linux'],
    iconSha256: null,
    currentVersionId: null,
    version: 1,
    createdAt: t0,
    updatedAt: t0,
    kind: 'lineOfBusiness',
    details: {},
    ...over,
  } as App;
}

function version(tenantId: TenantId, id: string, appIdValue: string, over: Partial<AppVersion> = {}): AppVersion {
  return {
    id: vid(id),
    tenantId,
    appId: appId(appIdValue),
    version: '1.0.0',
    format: 'deb',
    identifier: `com.example.${appIdValue}`,
    name: 'Example',
    minimumOsVersion: null,
    architecture: 'amd64',
    sha256: 'c'.repeat(64),
    sizeBytes: 1234,
    fileName: 'example_1.0.0_amd64.deb',
    createdAt: t0,
    supersededAt: null,
    ...over,
  };
}

const png = (size: number) => {
  const bytes = new Uint8Array(size);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  for (let i = 16; i < size; i++) bytes[i] = i % 251;
  return bytes;
};

const installItem = (appIdValue: string, hash: string) =>
  ({ type: 'install', install: { id: appIdValue, hash, name: 'Firefox', version: '', source: { kind: 'flatpak', ref: 'org.mozilla.firefox', remote: 'flathub' } } }) as const;

function desired(tenantId: TenantId, deviceId: string, appIdValue: string, over: Partial<DesiredAppStateWrite> = {}): DesiredAppStateWrite {
  return {
    tenantId,
    deviceId: did(deviceId),
    appId: appId(appIdValue),
    intent: 'required',
    action: 'install',
    desiredHash: 'a'.repeat(64),
    item: installItem(appIdValue, 'a'.repeat(64)),
    reason: null,
    desiredAt: t0,
    status: 'pending',
    ...over,
  };
}

function reported(tenantId: TenantId, deviceId: string, appIdValue: string, over: Partial<ReportedAppStateWrite> = {}): ReportedAppStateWrite {
  return {
    tenantId,
    deviceId: did(deviceId),
    appId: appId(appIdValue),
    reportedHash: 'a'.repeat(64),
    reportedStatus: 'installed',
    installedVersion: '128.0',
    error: null,
    reportedAt: at(60_000),
    installed: { name: 'Firefox', source: { kind: 'flatpak', ref: 'org.mozilla.firefox', remote: 'flathub' } },
    status: 'installed',
    ...over,
  };
}

describe.each(testDialects)('app stores on %s', (dialect) => {
  const s = useStoreSuite(dialect);

  it('leads the primary key of every apps table with tenant_id', async () => {
    for (const table of ['apps', 'app_icons', 'app_versions', 'device_app_states']) {
      expect(await firstKeyColumn(s.t.database, table), table).toBe('tenant_id');
    }
  });

  describe('apps', () => {
    it('round-trips every kind, by id and by identifier case-insensitively, within the tenant', async () => {
      const { stores } = s.set;
      const apps: App[] = [
        app(s.tenant, 'a-store', { kind: 'appStore', details: { appStoreId: '284882215' }, identifier: 'com.facebook.Facebook', platforms: ['ios', 'ipados'] }),
        app(s.tenant, 'a-ms', { kind: 'microsoftStore', details: {}, identifier: '9WZDNCRFJ3TJ', platforms: ['windows'] }),
        app(s.tenant, 'a-flat', { kind: 'flathub', details: { remote: 'flathub' }, identifier: 'app/org.mozilla.firefox/x86_64/stable' }),
        app(s.tenant, 'a-snap', { kind: 'snap', details: { channel: 'latest/edge', classic: true }, identifier: 'code' }),
        app(s.tenant, 'a-repo', { kind: 'repository', details: { packageManagers: ['apt', 'dnf'] }, identifier: 'htop' }),
        app(s.tenant, 'a-web', { kind: 'web', details: { url: 'https://intranet.example.com/?a=1&b=2' }, identifier: 'com.example.intranet', platforms: ['ios', 'macos'] }),
        app(s.tenant, 'a-lob', { createdAt: new Date('2023-01-02T03:04:05.678Z'), updatedAt: new Date('2023-06-07T08:09:10.011Z') }),
      ];
      for (const a of apps) expect(await stores.insertApp(a, null)).toBe(true);
      for (const a of apps) expect(await stores.getApp(s.tenant, a.id)).toEqual(a);
      expect(await stores.getAppByIdentifier(s.tenant, 'COM.FACEBOOK.facebook')).toEqual(apps[0]);
      expect(await stores.getAppByIdentifier(s.other, 'com.facebook.Facebook')).toBeUndefined();
      expect(await stores.getApp(s.other, appId('a-store'))).toBeUndefined();
      expect((await stores.getApps(s.tenant, [appId('a-web'), appId('a-snap'), appId('nope'), appId('a-web')])).map((a) => a.id).sort()).toEqual(['a-snap', 'a-web']);
      expect((await stores.listAllApps(s.tenant)).map((a) => a.id)).toEqual(apps.map((a) => a.id).sort(byteCompare));
    });

    it('refuses a taken identifier (any case) or id with false, within the tenant only', async () => {
      const { stores } = s.set;
      expect(await stores.insertApp(app(s.tenant, 'a-dupe', { identifier: 'HTOP' }), null)).toBe(false);
      expect(await stores.insertApp(app(s.tenant, 'a-lob', { identifier: 'com.example.other' }), null)).toBe(false);
      expect(await stores.getApp(s.tenant, appId('a-dupe'))).toBeUndefined();
      expect(await stores.insertApp(app(s.other, 'a-lob', { identifier: 'htop' }), null)).toBe(true);
      // Inside a transaction the refusal leaves the transaction usable.
      const outcome = await s.set.tx.transaction(async (st) => {
        const first = await st.insertApp(app(s.tenant, 'a-tx', { identifier: 'htop' }), null);
        const second = await st.insertApp(app(s.tenant, 'a-tx', { identifier: 'com.example.tx' }), null);
        return { first, second };
      });
      expect(outcome).toEqual({ first: false, second: true });
    });

    it('updates only from the previous version, keeping createdAt and the icon unless told', async () => {
      const { stores } = s.set;
      const icon = { png: png(2000), sha256: 'd'.repeat(64) };
      const base = app(s.tenant, 'a-icon', { identifier: 'com.example.icon' });
      expect(await stores.insertApp({ ...base, iconSha256: icon.sha256 }, icon)).toBe(true);
      expect(await stores.getAppIcon(s.tenant, base.id)).toEqual(icon);
      expect(await stores.getAppIcon(s.other, base.id)).toBeUndefined();
      const v2 = { ...base, name: 'Renamed', version: 2, iconSha256: icon.sha256, currentVersionId: vid('v-x'), updatedAt: at(1000), createdAt: at(99_999) };
      expect(await stores.updateApp(v2)).toBe(true);
      expect(await stores.getApp(s.tenant, base.id)).toEqual({ ...v2, createdAt: t0 });
      expect(await stores.getAppIcon(s.tenant, base.id)).toEqual(icon);
      // A stale version writes nothing.
      expect(await stores.updateApp({ ...v2, name: 'Lost', version: 2 })).toBe(false);
      expect(await stores.updateApp({ ...v2, tenantId: s.other, version: 3 })).toBe(false);
      expect((await stores.getApp(s.tenant, base.id))?.name).toBe('Renamed');
      const bigger = { png: png(256 * 1024), sha256: 'e'.repeat(64) };
      expect(await stores.updateApp({ ...v2, version: 3, iconSha256: bigger.sha256 }, bigger)).toBe(true);
      expect(await stores.getAppIcon(s.tenant, base.id)).toEqual(bigger);
      expect(await stores.updateApp({ ...v2, version: 4, iconSha256: null }, null)).toBe(true);
      expect(await stores.getAppIcon(s.tenant, base.id)).toBeUndefined();
    });

    it('pages through every sort and order, with filters', async () => {
      const { stores } = s.set;
      const tenant = 'tenant-app-pages' as TenantId;
      await stores.insertTenant({ id: tenant, slug: 'tenant-app-pages', name: 'Pages', createdAt: t0 });
      for (let i = 0; i < 23; i++) {
        const kind = i % 2 === 0 ? { kind: 'snap', details: { channel: 'stable', classic: false } } : { kind: 'web', details: { url: 'https://x.example' }, platforms: ['macos', 'windows'] };
        // Names repeat: the id breaks ties.
        await stores.insertApp(app(tenant, `p-${String(i).padStart(2, '0')}`, { name: `Tool ${i % 5}`, identifier: `tool${i}`, publisher: i === 7 ? 'Acme 100%_Corp' : 'Other', createdAt: at(i * 1000), updatedAt: at(-i * 1000), ...kind } as Partial<App>), null);
      }
      const sorts: AppSort[] = ['name', 'createdAt', 'updatedAt'];
      const orders: SortOrder[] = ['asc', 'desc'];
      for (const sort of sorts) {
        for (const order of orders) {
          const all = await walk((cursor) => stores.listApps(tenant, {}, { limit: 4, sort, order, ...(cursor ? { cursor } : {}) }));
          expect(all).toHaveLength(23);
          const key = (a: App) => (sort === 'name' ? a.name.toLowerCase() : sort === 'createdAt' ? a.createdAt.getTime() : a.updatedAt.getTime());
          const expected = [...all].sort((a, b) => {
            const ka = key(a);
            const kb = key(b);
            const c = ka < kb ? -1 : ka > kb ? 1 : byteCompare(a.id, b.id);
            return order === 'asc' ? c : -c;
          });
          expect(all.map((a) => a.id), `${sort} ${order}`).toEqual(expected.map((a) => a.id));
        }
      }
      const q = await stores.listApps(tenant, { q: '100%_' }, { limit: 50, sort: 'name', order: 'asc' });
      expect(q.items.map((a) => a.id)).toEqual(['p-07']);
      expect((await stores.listApps(tenant, { q: 'TOOL1' }, { limit: 50, sort: 'name', order: 'asc' })).items.length).toBe(11);
      expect((await stores.listApps(tenant, { kind: 'web' }, { limit: 50, sort: 'name', order: 'asc' })).items.length).toBe(11);
      expect((await stores.listApps(tenant, { platform: 'windows' }, { limit: 50, sort: 'name', order: 'asc' })).items.every((a) => a.kind === 'web')).toBe(true);
      expect((await stores.listApps(s.other, { q: 'tool' }, { limit: 50, sort: 'name', order: 'asc' })).items).toEqual([]);
    });

    it('refuses a cursor of another sort or a forged one with INVALID_CURSOR, and a bad limit', async () => {
      const { stores } = s.set;
      const first = await stores.listApps(s.tenant, {}, { limit: 1, sort: 'name', order: 'asc' });
      expect(first.nextCursor).not.toBeNull();
      await expect(stores.listApps(s.tenant, {}, { limit: 1, sort: 'createdAt', order: 'asc', cursor: first.nextCursor ?? '' })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
      await expect(stores.listApps(s.tenant, {}, { limit: 1, sort: 'name', order: 'asc', cursor: 'e30' })).rejects.toBeInstanceOf(WardError);
      await expect(stores.listApps(s.tenant, {}, { limit: 0, sort: 'name', order: 'asc' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    });
  });

  describe('versions', () => {
    it('round-trips, refuses a version twice per app, lists newest first and supersedes', async () => {
      const { stores } = s.set;
      await stores.insertApp(app(s.tenant, 'a-ver', { identifier: 'com.example.ver' }), null);
      const v1 = version(s.tenant, 'v-1', 'a-ver', { version: '1.0.0', createdAt: at(1000) });
      // Larger than 2^32: sizes are 64-bit on both dialects.
      const v2 = version(s.tenant, 'v-2', 'a-ver', { version: '2.0.0', createdAt: at(2000), sizeBytes: 5 * 1024 ** 3, minimumOsVersion: '22.04', architecture: null, sha256: 'f'.repeat(64) });
      expect(await stores.insertAppVersion(v1)).toBe(true);
      expect(await stores.insertAppVersion(v2)).toBe(true);
      expect(await stores.insertAppVersion({ ...v1, id: vid('v-3') })).toBe(false);
      expect(await stores.getAppVersion(s.tenant, vid('v-2'))).toEqual(v2);
      expect(await stores.getAppVersion(s.other, vid('v-2'))).toBeUndefined();
      expect((await stores.listAppVersions(s.tenant, appId('a-ver'))).map((v) => v.id)).toEqual(['v-2', 'v-1']);
      expect((await stores.getAppVersions(s.tenant, [vid('v-1'), vid('v-9')])).map((v) => v.id)).toEqual(['v-1']);
      expect(await stores.supersedeAppVersion(s.tenant, vid('v-1'), at(2000))).toBe(true);
      expect(await stores.supersedeAppVersion(s.other, vid('v-1'), at(3000))).toBe(false);
      expect((await stores.getAppVersion(s.tenant, vid('v-1')))?.supersededAt).toEqual(at(2000));
      // A version of an app that does not exist is a broken invariant, not a refusal.
      await expect(stores.insertAppVersion(version(s.tenant, 'v-orphan', 'a-none'))).rejects.toThrow();
    });

    it('tells the blob sweep which files any tenant still names, and deletes versions and icon with their app', async () => {
      const { stores } = s.set;
      expect(await stores.isAppPackageBlobReferenced('f'.repeat(64))).toBe(true);
      expect(await stores.isAppPackageBlobReferenced('0'.repeat(64))).toBe(false);
      await stores.insertApp(app(s.other, 'a-shared', { identifier: 'com.example.shared' }), { png: png(100), sha256: '1'.repeat(64) });
      await stores.insertAppVersion(version(s.other, 'v-shared', 'a-shared', { sha256: '0'.repeat(64) }));
      expect(await stores.isAppPackageBlobReferenced('0'.repeat(64))).toBe(true);
      expect(await stores.deleteApp(s.tenant, appId('a-shared'))).toBe(false);
      expect(await stores.deleteApp(s.other, appId('a-shared'))).toBe(true);
      expect(await stores.deleteApp(s.other, appId('a-shared'))).toBe(false);
      expect(await stores.getAppVersion(s.other, vid('v-shared'))).toBeUndefined();
      expect(await stores.getAppIcon(s.other, appId('a-shared'))).toBeUndefined();
      expect(await stores.isAppPackageBlobReferenced('0'.repeat(64))).toBe(false);
    });
  });

  describe('device app states', () => {
    const tenant = 'tenant-app-states' as TenantId;
    const device = (i: number) => `ad-${String(i).padStart(4, '0')}`;

    it('stores 2,000 desired rows in bulk, then changes 10 without touching the reported side', async () => {
      const { stores } = s.set;
      await seedTenantDevices(s.set, tenant, 'States', 1000, device, { platform: 'linux' });
      const rows = Array.from({ length: 1000 }, (_, i) => [
        desired(tenant, device(i), 'app-1'),
        desired(tenant, device(i), 'app-2', { action: 'notApplicable', desiredHash: null, item: null, reason: 'The app is for macos; this device runs linux.', status: 'notApplicable' }),
      ]).flat();
      await stores.upsertDesiredAppStates(rows);
      const states = await stores.listDeviceAppStates(tenant, [did(device(0)), did(device(999))]);
      expect(states).toHaveLength(4);
      expect(states.find((x) => x.deviceId === device(999) && x.appId === 'app-1')).toEqual({
        ...desired(tenant, device(999), 'app-1'),
        reportedHash: null,
        reportedStatus: null,
        installedVersion: null,
        error: null,
        reportedAt: null,
        installed: null,
      });
      expect(await stores.countAppStates(tenant, appId('app-1'))).toEqual({ ...Object.fromEntries(appInstallStatuses.map((x) => [x, 0])), pending: 1000 });

      expect(await stores.recordReportedAppStates([reported(tenant, device(3), 'app-1')])).toBe(1);
      const removal = { type: 'remove', remove: { id: 'app-1', hash: 'b'.repeat(64), name: 'Firefox', source: { kind: 'flatpak', ref: 'org.mozilla.firefox', remote: 'flathub' } } } as const;
      const changed = Array.from({ length: 10 }, (_, i) => desired(tenant, device(i), 'app-1', { intent: 'uninstall', action: 'remove', desiredHash: 'b'.repeat(64), item: removal, desiredAt: at(120_000), status: 'removing' }));
      await stores.upsertDesiredAppStates(changed);
      const after = await stores.listDeviceAppStates(tenant, Array.from({ length: 12 }, (_, i) => did(device(i))));
      const a1 = after.filter((x) => x.appId === 'app-1');
      expect(a1.filter((x) => x.action === 'remove').map((x) => x.deviceId)).toEqual(Array.from({ length: 10 }, (_, i) => device(i)));
      expect(a1.find((x) => x.deviceId === device(3))).toEqual({
        ...desired(tenant, device(3), 'app-1', { intent: 'uninstall', action: 'remove', desiredHash: 'b'.repeat(64), item: removal, desiredAt: at(120_000), status: 'removing' }),
        reportedHash: 'a'.repeat(64),
        reportedStatus: 'installed',
        installedVersion: '128.0',
        error: null,
        reportedAt: at(60_000),
        installed: { name: 'Firefox', source: { kind: 'flatpak', ref: 'org.mozilla.firefox', remote: 'flathub' } },
      });
      expect(await stores.countAppStates(tenant, appId('app-1'))).toMatchObject({ pending: 990, removing: 10 });
      expect(await stores.countAppStates(s.other, appId('app-1'))).toMatchObject({ pending: 0, removing: 0 });
    });

    it('records reports for existing rows only, clears fields, and refuses rows of unknown devices', async () => {
      const { stores } = s.set;
      const written = await stores.recordReportedAppStates([
        reported(tenant, device(20), 'app-1', { reportedStatus: 'failed', status: 'failed', error: 'apt: E: Unable to locate package ✗', installed: null, installedVersion: null }),
        reported(tenant, device(21), 'app-unknown'),
        reported(s.other, device(20), 'app-1'),
      ]);
      expect(written).toBe(1);
      expect((await stores.listDeviceAppStates(tenant, [did(device(20))])).find((x) => x.appId === 'app-1')).toMatchObject({ status: 'failed', error: 'apt: E: Unable to locate package ✗', installed: null });
      expect(await stores.recordReportedAppStates([reported(tenant, device(20), 'app-1', { reportedHash: null, reportedStatus: null, reportedAt: null, error: null, installed: null, status: 'pending' })])).toBe(1);
      expect((await stores.listDeviceAppStates(tenant, [did(device(20))])).find((x) => x.appId === 'app-1')).toMatchObject({ reportedHash: null, reportedStatus: null, reportedAt: null, status: 'pending' });
      await expect(stores.upsertDesiredAppStates([desired(tenant, device(40), 'app-atomic'), desired(tenant, 'ad-nowhere', 'app-atomic')])).rejects.toThrow();
      expect(await stores.countAppStates(tenant, appId('app-atomic'))).toMatchObject({ pending: 0 });
      await stores.upsertDesiredAppStates([]);
      expect(await stores.recordReportedAppStates([])).toBe(0);
      expect(await stores.deleteDeviceAppStates(tenant, [])).toBe(0);
    });

    it('pages an app rows by device with a status filter, lists device ids, and deletes rows', async () => {
      const { stores } = s.set;
      const pages: number[] = [];
      const every = await walk(async (cursor) => {
        const p = await stores.listAppStates(tenant, appId('app-1'), {}, { limit: 333, ...(cursor ? { cursor } : {}) });
        pages.push(p.items.length);
        return p;
      });
      expect(every.map((x) => x.deviceId)).toEqual(Array.from({ length: 1000 }, (_, i) => device(i)));
      expect(pages).toEqual([333, 333, 333, 1]);
      const removing = await walk((cursor) => stores.listAppStates(tenant, appId('app-1'), { status: 'removing' }, { limit: 3, ...(cursor ? { cursor } : {}) }));
      expect(removing).toHaveLength(10);
      expect(await stores.listDeviceIdsWithAppState(tenant, appId('app-1'), { limit: 2, after: did(device(997)) })).toEqual([device(998), device(999)]);
      expect(await stores.deleteDeviceAppStates(tenant, [{ deviceId: did(device(0)), appId: appId('app-1') }, { deviceId: did(device(1)), appId: appId('app-1') }, { deviceId: did(device(1)), appId: appId('app-1') }])).toBe(2);
      expect(await stores.deleteDeviceAppStates(s.other, [{ deviceId: did(device(2)), appId: appId('app-1') }])).toBe(0);
      expect(await stores.countAppStates(tenant, appId('app-1'))).toMatchObject({ removing: 8, pending: 990 });
      // Rows go with their device.
      await stores.deleteDevice(tenant, did(device(999)));
      expect(await stores.listDeviceAppStates(tenant, [did(device(999))])).toEqual([]);
    });

    it('reads the os-release of Linux devices from their inventory, and nothing of others', async () => {
      const { stores } = s.set;
      await stores.insertDevice(makeDevice(tenant, 'lx-deb', { platform: 'linux', inventory: { os: { id: 'ubuntu', idLike: 'debian', versionId: '24.04' }, packages: { count: 3000 } } }));
      await stores.insertDevice(makeDevice(tenant, 'lx-rpm', { platform: 'linux', inventory: { os: { id: 'fedora', idLike: null } } }));
      await stores.insertDevice(makeDevice(tenant, 'lx-none', { platform: 'linux', inventory: {} }));
      await stores.insertDevice(makeDevice(tenant, 'mac', { platform: 'macos', inventory: { os: { id: 'ubuntu' } } }));
      const releases = await stores.getLinuxReleases(tenant, [did('lx-deb'), did('lx-rpm'), did('lx-none'), did('mac'), did('missing')]);
      expect(Object.fromEntries(releases)).toEqual({ 'lx-deb': { id: 'ubuntu', idLike: 'debian' }, 'lx-rpm': { id: 'fedora', idLike: null } });
      expect((await stores.getLinuxReleases(s.other, [did('lx-deb')])).size).toBe(0);
    });
  });

  describe('installed app inventory', () => {
    const tenant = 'tenant-app-inventory' as TenantId;

    it('counts devices per name and version across the fleet, pages, filters and lists the devices', async () => {
      const { stores } = s.set;
      await stores.insertTenant({ id: tenant, slug: 'tenant-app-inventory', name: 'Inventory', createdAt: t0 });
      for (let i = 0; i < 6; i++) await stores.insertDevice(makeDevice(tenant, `inv-${i}`, { platform: 'linux', name: `host-${i}` }));
      await stores.insertDevice(makeDevice(s.other, 'inv-0', { platform: 'linux' }));
      for (let i = 0; i < 6; i++) {
        await stores.replaceDeviceSoftware(tenant, did(`inv-${i}`), [
          { name: 'Firefox', version: i < 4 ? '128.0' : '129.0', source: 'dpkg' },
          // The same package from two sources counts the device once.
          ...(i === 0 ? [{ name: 'firefox', version: '128.0', source: 'flatpak' }] : []),
          { name: `tool-${i % 2}`, version: '1', source: 'rpm' },
          { name: '100%_weird', version: '0.1', source: 'dpkg' },
        ]);
      }
      await stores.replaceDeviceSoftware(s.other, did('inv-0'), [{ name: 'Firefox', version: '128.0', source: 'dpkg' }]);
      const all = await walk((cursor) => stores.searchInstalledApps(tenant, {}, { limit: 2, ...(cursor ? { cursor } : {}) }));
      expect(all).toEqual([
        { name: '100%_weird', version: '0.1', deviceCount: 6 },
        { name: 'Firefox', version: '128.0', deviceCount: 4 },
        { name: 'Firefox', version: '129.0', deviceCount: 2 },
        { name: 'tool-0', version: '1', deviceCount: 3 },
        { name: 'tool-1', version: '1', deviceCount: 3 },
      ]);
      expect((await stores.searchInstalledApps(tenant, { q: 'FIRE' }, { limit: 50 })).items.map((x) => x.version)).toEqual(['128.0', '129.0']);
      expect((await stores.searchInstalledApps(tenant, { q: '%_' }, { limit: 50 })).items.map((x) => x.name)).toEqual(['100%_weird']);
      expect((await stores.searchInstalledApps(tenant, { q: 'fire', version: '129.0' }, { limit: 50 })).items).toEqual([{ name: 'Firefox', version: '129.0', deviceCount: 2 }]);
      expect((await stores.searchInstalledApps(s.other, {}, { limit: 50 })).items).toEqual([{ name: 'Firefox', version: '128.0', deviceCount: 1 }]);
      await expect(stores.searchInstalledApps(tenant, {}, { limit: 2, cursor: 'bm90IGEgY3Vyc29y' })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });

      const devices = await walk((cursor) => stores.listInstalledAppDevices(tenant, { name: 'firefox' }, { limit: 2, ...(cursor ? { cursor } : {}) }));
      expect(devices.map((d) => `${d.deviceId}/${d.version}/${d.source}`)).toEqual(['inv-0/128.0/dpkg', 'inv-0/128.0/flatpak', 'inv-1/128.0/dpkg', 'inv-2/128.0/dpkg', 'inv-3/128.0/dpkg', 'inv-4/129.0/dpkg', 'inv-5/129.0/dpkg']);
      expect(devices[0]).toEqual({ deviceId: 'inv-0', deviceName: 'host-0', platform: 'linux', version: '128.0', source: 'dpkg' });
      expect((await stores.listInstalledAppDevices(tenant, { name: 'Firefox', version: '129.0' }, { limit: 50 })).items.map((d) => d.deviceId)).toEqual(['inv-4', 'inv-5']);
      expect((await stores.listInstalledAppDevices(s.other, { name: 'Firefox', version: '129.0' }, { limit: 50 })).items).toEqual([]);
    });
  });
});
