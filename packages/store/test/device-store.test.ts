import { describe, expect, it } from 'vitest';
import { compareVersions, WardError, type Device, type DeviceFilter, type DeviceId, type DeviceSort, type GroupId, type Platform, type TenantId, type UserId } from '@ward/core';
import { at, byteCompare, makeCommand, makeDevice, makeGroup, makeTenant, makeUser, t0 } from './support/fixtures.js';
import { useStoreSuite } from './support/store-suite.js';
import { testDialects } from './support/test-database.js';
import { walk } from './support/walk.js';

const did = (s: string) => s as DeviceId;
const gid = (s: string) => s as GroupId;

const platforms: Platform[] = ['linux', 'macos', 'windows', 'ios', 'ipados', 'android'];
const osVersions = [null, '10.2', '10.10', '17', '17.0', '17.0.1', '9.9.9', '14.2 (23C64)', 'beta', '10.0.19045', '2'];
const names = ['Alpha', 'beta', 'GAMMA', 'delta', 'Émile’s Mac', 'kiosk_1', 'kiosk%2', 'kioskX3', 'zulu', 'Yankee'];

/** A varied fleet: every sort key has ties and nulls, so (key, id) order and cursors are exercised. */
function fleet(tenant: TenantId): Device[] {
  return Array.from({ length: 61 }, (_, i) => {
    const id = `dev-${String((i * 37) % 61).padStart(3, '0')}`;
    return makeDevice(tenant, id, {
      name: `${names[i % names.length]!}${i % 3 === 0 ? '' : ` ${i % 4}`}`,
      platform: platforms[i % platforms.length]!,
      ownership: i % 5 === 0 ? 'personal' : i % 7 === 0 ? 'unknown' : 'corporate',
      managementState: i % 9 === 0 ? 'retirePending' : 'enrolled',
      complianceState: i % 4 === 0 ? 'noncompliant' : i % 4 === 1 ? 'compliant' : 'unknown',
      serialNumber: i % 2 === 0 ? `SN-${i}_X` : null,
      model: i % 3 === 0 ? `MacBook Pro ${i % 2 === 0 ? '14' : '16'}%` : null,
      osVersion: osVersions[i % osVersions.length]!,
      primaryUserId: i % 3 === 0 ? ('user-1' as UserId) : i % 3 === 1 ? ('user-2' as UserId) : null,
      enrolledAt: at((i % 6) * 1000),
      lastSeenAt: i % 4 === 3 ? null : at((i % 8) * 60_000),
      facts: { osVersion: osVersions[i % osVersions.length] ?? '1', encrypted: i % 2 === 0, screenLockSeconds: i },
      inventory: { raw: { nested: [i, 'x', null, true] } },
    });
  });
}

function sortKey(sort: DeviceSort, d: Device): string | number {
  switch (sort) {
    case 'name':
      return d.name.toLowerCase();
    case 'platform':
      return d.platform;
    case 'enrolledAt':
      return d.enrolledAt.getTime();
    case 'lastSeenAt':
      return d.lastSeenAt?.getTime() ?? Number.NEGATIVE_INFINITY;
    case 'osVersion':
      return d.osVersion ?? '';
  }
}

describe.each(testDialects)('device store on %s', (dialect) => {
  const s = useStoreSuite(dialect);
  const tenant = 'tenant-fleet' as TenantId;
  let devices: Device[] = [];

  it('round-trips a device with JSON facts and inventory, nulls and timestamps', async () => {
    const { stores } = s.set;
    const device = makeDevice(s.tenant, 'd-round', {
      name: 'Ada’s MacBook',
      platform: 'macos',
      ownership: 'personal',
      managementState: 'retirePending',
      complianceState: 'inGracePeriod',
      serialNumber: 'C02XYZ',
      model: 'MacBookPro18,3',
      manufacturer: 'Apple',
      osVersion: '14.4.1',
      primaryUserId: 'someone' as UserId,
      facts: { osVersion: '14.4.1', encrypted: true, firewallOn: false, screenLockSeconds: 300, totalStorageBytes: 994_662_584_320 },
      inventory: { hardware: { cpu: 'M1 Pro', cores: 10 }, list: [1, 2.5, 'three', null, false], empty: {}, unicode: 'ü ☃' },
      enrolledAt: at(1),
      lastSeenAt: at(2),
      createdAt: at(3),
      updatedAt: at(4),
    });
    await stores.insertDevice(device);
    expect(await stores.getDevice(s.tenant, device.id)).toEqual(device);
    expect(await stores.getDevice(s.other, device.id)).toBeUndefined();
    const updated: Device = { ...device, name: 'Renamed', osVersion: null, lastSeenAt: null, serialNumber: null, facts: {}, updatedAt: at(9) };
    await stores.updateDevice(updated);
    expect(await stores.getDevice(s.tenant, device.id)).toEqual(updated);
    expect((await stores.getDevices(s.tenant, [device.id, did('missing'), device.id])).map((d) => d.id)).toEqual([device.id]);
    expect(await stores.getDevices(s.tenant, [])).toEqual([]);
  });

  it('touches a device: only its last-seen time changes, and the last-seen sort and filter follow it', async () => {
    const { stores } = s.set;
    const device = makeDevice(s.tenant, 'd-touch', { name: 'Touch Me', facts: { osVersion: '14.1', encrypted: true }, inventory: { a: [1] }, lastSeenAt: null, updatedAt: at(5) });
    const twin = makeDevice(s.other, 'd-touch', { lastSeenAt: at(1) });
    await stores.insertDevice(device);
    await stores.insertDevice(twin);
    await stores.touchDevice(s.tenant, device.id, at(90_000));
    expect(await stores.getDevice(s.tenant, device.id)).toEqual({ ...device, lastSeenAt: at(90_000) });
    // Another tenant's device of the same id is not touched.
    expect(await stores.getDevice(s.other, twin.id)).toEqual(twin);
    const seenSince = await stores.listDevices(s.tenant, { lastSeenAfter: at(89_999) }, { limit: 10, sort: 'lastSeenAt', order: 'desc' });
    expect(seenSince.items.map((d) => d.id)).toEqual([device.id]);
    await stores.touchDevice(s.tenant, device.id, at(95_000));
    expect((await stores.getDevice(s.tenant, device.id))?.lastSeenAt).toEqual(at(95_000));
    // A device that does not exist: nothing happens, nothing is created.
    await stores.touchDevice(s.tenant, did('d-touch-missing'), at(1));
    expect(await stores.getDevice(s.tenant, did('d-touch-missing'))).toBeUndefined();
    await stores.deleteDevice(s.tenant, device.id);
    await stores.deleteDevice(s.other, twin.id);
  });

  it('keeps search current through updates and deletes', async () => {
    const { stores } = s.set;
    const search = async (q: string) => (await stores.listDevices(s.tenant, { q }, { limit: 10, sort: 'name', order: 'asc' })).items.map((d) => d.id);
    const device = makeDevice(s.tenant, 'd-search', { name: 'Reception Kiosk', serialNumber: 'QX-4411', model: 'Elo 15' });
    await stores.insertDevice(device);
    expect(await search('kiosk')).toEqual(['d-search']);
    expect(await search('qx-44')).toEqual(['d-search']);
    await stores.updateDevice({ ...device, lastSeenAt: at(1) });
    expect(await search('kiosk')).toEqual(['d-search']);
    await stores.updateDevice({ ...device, name: 'Lobby Display', serialNumber: null });
    expect(await search('kiosk')).toEqual([]);
    expect(await search('qx-44')).toEqual([]);
    expect(await search('lobby')).toEqual(['d-search']);
    expect(await search('elo 1')).toEqual(['d-search']);
    await stores.deleteDevice(s.tenant, device.id);
    expect(await search('lobby')).toEqual([]);
    await stores.insertDevice({ ...device, id: 'd-search-2' as DeviceId, name: 'Lobby Display' });
    expect(await search('lobby')).toEqual(['d-search-2']);
  });

  it('deletes a device and its memberships, keeping member counts right', async () => {
    const { stores } = s.set;
    await stores.insertDevice(makeDevice(s.tenant, 'd-del'));
    await stores.insertGroup(makeGroup(s.tenant, 'g-dev-del'));
    await stores.addMembers(s.tenant, gid('g-dev-del'), [{ memberType: 'device', memberId: 'd-del' }, { memberType: 'device', memberId: 'd-other' }], t0);
    await stores.deleteDevice(s.tenant, did('d-del'));
    expect(await stores.getDevice(s.tenant, did('d-del'))).toBeUndefined();
    expect(await stores.groupsOfMember(s.tenant, { memberType: 'device', memberId: 'd-del' })).toEqual([]);
    expect((await stores.getGroup(s.tenant, gid('g-dev-del')))?.memberCount).toBe(1);
  });

  describe('listDevices', () => {
    it('seeds a fleet', async () => {
      const { stores } = s.set;
      await stores.insertTenant(makeTenant(tenant));
      devices = fleet(tenant);
      for (const d of devices) await stores.insertDevice(d);
      // A device of another tenant never shows.
      await stores.insertDevice(makeDevice(s.other, 'dev-000', { name: 'Alpha' }));
      for (const u of ['user-1', 'user-2']) await stores.insertUser(makeUser(tenant, u));
      await stores.insertGroup(makeGroup(tenant, 'dg', { memberType: 'device' }));
      await stores.insertGroup(makeGroup(tenant, 'ug', { memberType: 'user' }));
      await stores.addMembers(tenant, gid('dg'), devices.filter((_, i) => i % 10 === 2).map((d) => ({ memberType: 'device', memberId: d.id })), t0);
      await stores.addMembers(tenant, gid('ug'), [{ memberType: 'user', memberId: 'user-2' }], t0);
    });

    for (const sort of ['name', 'lastSeenAt', 'enrolledAt', 'osVersion', 'platform'] as const) {
      for (const order of ['asc', 'desc'] as const) {
        it(`pages by ${sort} ${order}: (key, id) order, every device exactly once`, async () => {
          const listed = await walk((cursor) => s.set.stores.listDevices(tenant, {}, { limit: 7, sort, order, ...(cursor ? { cursor } : {}) }));
          const compareKeys = (a: Device, b: Device): number => {
            if (sort === 'osVersion') {
              if (a.osVersion === null || b.osVersion === null) return (a.osVersion === null ? 0 : 1) - (b.osVersion === null ? 0 : 1);
              return 0;
            }
            const ka = sortKey(sort, a);
            const kb = sortKey(sort, b);
            return typeof ka === 'number' && typeof kb === 'number' ? Math.sign(ka - kb) : byteCompare(String(ka), String(kb));
          };
          expect(new Set(listed.map((d) => d.id)).size).toBe(devices.length);
          expect(listed).toHaveLength(devices.length);
          if (sort === 'osVersion') {
            // Versions without digits have no key and sort with the unknown ones, first.
            const known = listed.filter((d) => d.osVersion !== null && /^\d/.test(d.osVersion));
            const inOrder = order === 'asc' ? known : [...known].reverse();
            for (let i = 1; i < inOrder.length; i++) expect(compareVersions(inOrder[i - 1]!.osVersion!, inOrder[i]!.osVersion!)).toBeLessThanOrEqual(0);
            return;
          }
          const expected = [...devices].sort((a, b) => compareKeys(a, b) || byteCompare(a.id, b.id));
          if (order === 'desc') expected.reverse();
          expect(listed.map((d) => d.id)).toEqual(expected.map((d) => d.id));
        });
      }
    }

    const cases: [string, DeviceFilter, (d: Device) => boolean][] = [
      ['q on name, any case', { q: 'ALPHA' }, (d) => d.name.toLowerCase().includes('alpha')],
      ['q on serial', { q: 'sn-1' }, (d) => (d.serialNumber ?? '').toLowerCase().includes('sn-1')],
      ['q on model', { q: 'book pro 14' }, (d) => (d.model ?? '').toLowerCase().includes('book pro 14')],
      ['q with a literal %', { q: '%' }, (d) => [d.name, d.serialNumber ?? '', d.model ?? ''].some((f) => f.includes('%'))],
      ['q with a literal _', { q: '_' }, (d) => [d.name, d.serialNumber ?? '', d.model ?? ''].some((f) => f.includes('_'))],
      ['q with _ amid text', { q: 'k_1' }, (d) => d.name.toLowerCase().includes('k_1')],
      ['q non-ASCII', { q: 'ÉMILE' }, (d) => d.name.toLowerCase().includes('émile')],
      ['q across two fields never matches', { q: 'alpha sn' }, () => false],
      ['platform list', { platform: ['ios', 'linux'] }, (d) => d.platform === 'ios' || d.platform === 'linux'],
      ['empty platform list', { platform: [] }, () => false],
      ['ownership', { ownership: 'personal' }, (d) => d.ownership === 'personal'],
      ['management state', { managementState: 'retirePending' }, (d) => d.managementState === 'retirePending'],
      ['compliance states', { complianceState: ['noncompliant', 'unknown'] }, (d) => d.complianceState !== 'compliant'],
      ['os version min', { osVersionMin: '10.10' }, (d) => hasVersion(d) && compareVersions(d.osVersion!, '10.10') >= 0],
      ['os version max', { osVersionMax: '17' }, (d) => hasVersion(d) && compareVersions(d.osVersion!, '17') <= 0],
      ['os version range', { osVersionMin: '10.2', osVersionMax: '14.2' }, (d) => hasVersion(d) && compareVersions(d.osVersion!, '10.2') >= 0 && compareVersions(d.osVersion!, '14.2') <= 0],
      ['primary user', { primaryUserId: 'user-1' as UserId }, (d) => d.primaryUserId === 'user-1'],
      ['last seen before', { lastSeenBefore: at(3 * 60_000) }, (d) => d.lastSeenAt !== null && d.lastSeenAt < at(3 * 60_000)],
      ['last seen after', { lastSeenAfter: at(3 * 60_000) }, (d) => d.lastSeenAt !== null && d.lastSeenAt > at(3 * 60_000)],
      ['device group', { groupId: gid('dg') }, (d) => inDeviceGroup(d)],
      ['user group, through the primary user', { groupId: gid('ug') }, (d) => d.primaryUserId === 'user-2'],
      ['within groups', { withinGroups: [gid('dg'), gid('ug')] }, (d) => inDeviceGroup(d) || d.primaryUserId === 'user-2'],
      ['within no group', { withinGroups: [] }, () => false],
      ['combined', { platform: ['macos', 'windows', 'ios'], complianceState: ['compliant', 'unknown'], withinGroups: [gid('ug')], q: 'a' }, (d) => ['macos', 'windows', 'ios'].includes(d.platform) && d.complianceState !== 'noncompliant' && d.primaryUserId === 'user-2' && searchable(d).includes('a')],
    ];
    function hasVersion(d: Device): boolean {
      return d.osVersion !== null && /^\d/.test(d.osVersion);
    }
    function inDeviceGroup(d: Device): boolean {
      return devices.findIndex((x) => x.id === d.id) % 10 === 2;
    }
    function searchable(d: Device): string {
      return [d.name, d.serialNumber ?? '', d.model ?? ''].join('\n').toLowerCase();
    }

    for (const [name, filter, predicate] of cases) {
      it(`filters: ${name}`, async () => {
        const expected = devices.filter(predicate).map((d) => d.id).sort(byteCompare);
        // Each case that can match must split the fleet, or it would prove nothing.
        if (!/never|empty|no group/.test(name)) expect(expected.length).toBeGreaterThan(0);
        expect(expected.length).toBeLessThan(devices.length);
        for (const sort of ['name', 'lastSeenAt'] as const) {
          const listed = await walk((cursor) => s.set.stores.listDevices(tenant, filter, { limit: 4, sort, order: 'desc', ...(cursor ? { cursor } : {}) }));
          expect(listed.map((d) => d.id).sort(byteCompare)).toEqual(expected);
        }
      });
    }

    it('checks scope of one device, directly or through its primary user', async () => {
      const { stores } = s.set;
      const direct = devices.find((_, i) => i % 10 === 2)!;
      const viaUser = devices.find((d, i) => d.primaryUserId === 'user-2' && i % 10 !== 2)!;
      const neither = devices.find((d, i) => d.primaryUserId !== 'user-2' && i % 10 !== 2)!;
      expect(await stores.isDeviceWithinGroups(tenant, direct.id, [gid('dg')])).toBe(true);
      expect(await stores.isDeviceWithinGroups(tenant, viaUser.id, [gid('dg'), gid('ug')])).toBe(true);
      expect(await stores.isDeviceWithinGroups(tenant, viaUser.id, [gid('dg')])).toBe(false);
      expect(await stores.isDeviceWithinGroups(tenant, neither.id, [gid('dg'), gid('ug')])).toBe(false);
      expect(await stores.isDeviceWithinGroups(tenant, direct.id, [])).toBe(false);
    });

    it('lists the devices of a user', async () => {
      const expected = devices.filter((d) => d.primaryUserId === 'user-1').map((d) => d.id).sort(byteCompare);
      expect(await s.set.stores.deviceIdsOfUser(tenant, 'user-1' as UserId)).toEqual(expected);
    });

    it('follows a cursor even after its row was deleted', async () => {
      const { stores } = s.set;
      const first = await stores.listDevices(tenant, {}, { limit: 5, sort: 'lastSeenAt', order: 'asc' });
      const rest = await walk((cursor) => stores.listDevices(tenant, {}, { limit: 50, sort: 'lastSeenAt', order: 'asc', cursor: cursor ?? first.nextCursor! }));
      expect(first.items.length + rest.length).toBe(devices.length);
    });

    it('refuses bad cursors and bad version bounds', async () => {
      const { stores } = s.set;
      const page = await stores.listDevices(tenant, {}, { limit: 3, sort: 'name', order: 'asc' });
      const code = (e: unknown) => (e instanceof WardError ? e.code : undefined);
      await expect(stores.listDevices(tenant, {}, { limit: 3, sort: 'lastSeenAt', order: 'asc', cursor: page.nextCursor! })).rejects.toSatisfy((e) => code(e) === 'INVALID_CURSOR');
      await expect(stores.listDevices(tenant, {}, { limit: 3, sort: 'name', order: 'desc', cursor: page.nextCursor! })).rejects.toSatisfy((e) => code(e) === 'INVALID_CURSOR');
      await expect(stores.listDevices(tenant, {}, { limit: 3, sort: 'name', order: 'asc', cursor: '%%%' })).rejects.toSatisfy((e) => code(e) === 'INVALID_CURSOR');
      // A well-formed cursor whose value does not fit the sort (a number for a text key).
      const forged = Buffer.from(JSON.stringify({ s: 'name', o: 'asc', v: 5, i: 'x' })).toString('base64url');
      await expect(stores.listDevices(tenant, {}, { limit: 3, sort: 'name', order: 'asc', cursor: forged })).rejects.toSatisfy((e) => code(e) === 'INVALID_CURSOR');
      await expect(stores.listDevices(tenant, { osVersionMin: 'beta' }, { limit: 3, sort: 'name', order: 'asc' })).rejects.toSatisfy((e) => code(e) === 'INVALID_FILTER');
    });
  });

  // Past the bounds where the store changes plans (a common search term, a large scope, a large
  // result), the answers must stay the same.
  describe('at the size where plans change', () => {
    const big = 'tenant-big' as TenantId;
    const count = 2100;
    const devices: Device[] = [];
    it('seeds 2,100 devices and a large group', async () => {
      const { stores, tx } = s.set;
      await stores.insertTenant(makeTenant(big));
      for (let i = 0; i < count; i++) {
        devices.push(makeDevice(big, `big-${String(i).padStart(5, '0')}`, {
          name: `Big ${String(i).padStart(4, '0')}`,
          platform: i % 2 === 0 ? 'windows' : 'macos',
          complianceState: i % 97 === 0 ? 'error' : 'compliant',
          serialNumber: `SER${i}`,
          primaryUserId: i % 500 === 0 ? ('big-user' as UserId) : null,
          lastSeenAt: i % 3 === 0 ? null : at(i * 1000),
        }));
      }
      await tx.transaction(async (st) => {
        for (const d of devices) await st.insertDevice(d);
        await st.insertGroup(makeGroup(big, 'big-dg', { memberType: 'device' }));
        await st.insertGroup(makeGroup(big, 'big-ug', { memberType: 'user' }));
        await st.addMembers(big, gid('big-dg'), devices.slice(0, 2050).map((d) => ({ memberType: 'device', memberId: d.id })), t0);
        await st.addMembers(big, gid('big-ug'), [{ memberType: 'user', memberId: 'big-user' }], t0);
      });
    });

    const bigCases: [string, DeviceFilter, (d: Device, i: number) => boolean][] = [
      ['a term matching every device', { q: 'big' }, () => true],
      ['a rare term', { q: 'ser77' }, (d) => (d.serialNumber ?? '').toLowerCase().includes('ser77')],
      ['a rare state', { complianceState: ['error'] }, (d) => d.complianceState === 'error'],
      ['a half-common value', { platform: ['windows'] }, (d) => d.platform === 'windows'],
      ['values every device has', { platform: ['windows', 'macos'], complianceState: ['compliant', 'error'] }, () => true],
      ['a last-seen range most devices are in', { lastSeenAfter: at(0) }, (d) => d.lastSeenAt !== null],
      ['a large device group', { groupId: gid('big-dg') }, (_, i) => i < 2050],
      ['a large scope with a small one', { withinGroups: [gid('big-dg'), gid('big-ug')] }, (d, i) => i < 2050 || d.primaryUserId === 'big-user'],
      ['a small user group', { groupId: gid('big-ug') }, (d) => d.primaryUserId === 'big-user'],
      ['a large group and a rare state', { groupId: gid('big-dg'), complianceState: ['error'] }, (d, i) => i < 2050 && d.complianceState === 'error'],
    ];
    for (const [name, filter, predicate] of bigCases) {
      it(`filters: ${name}`, async () => {
        const expected = devices.filter(predicate).map((d) => d.id).sort(byteCompare);
        expect(expected.length).toBeGreaterThan(0);
        for (const [sort, order] of [['name', 'asc'], ['lastSeenAt', 'desc']] as const) {
          const listed = await walk((cursor) => s.set.stores.listDevices(big, filter, { limit: 500, sort, order, ...(cursor ? { cursor } : {}) }));
          expect(listed.map((d) => d.id).sort(byteCompare)).toEqual(expected);
          const keys = listed.map((d) => (sort === 'name' ? d.name.toLowerCase() : (d.lastSeenAt?.getTime() ?? -Infinity)));
          const sorted = [...keys].sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : byteCompare(String(a), String(b))));
          expect(keys).toEqual(order === 'asc' ? sorted : sorted.reverse());
        }
      });
    }
  });
  describe('fleet counts', () => {
    const counts = 'tenant-counts' as TenantId;
    const hour = 3_600_000;
    const fleetDevices: Device[] = [];
    /** The state rows the store should answer, computed from the fixtures by hand. */
    const stateRows = (list: readonly Device[]) => {
      const rows = new Map<string, { platform: Platform; complianceState: string; ownership: string; managementState: string; count: number }>();
      for (const d of list) {
        const key = [d.platform, d.complianceState, d.ownership, d.managementState].join('/');
        const row = rows.get(key) ?? { platform: d.platform, complianceState: d.complianceState, ownership: d.ownership, managementState: d.managementState, count: 0 };
        rows.set(key, { ...row, count: row.count + 1 });
      }
      return [...rows.entries()].sort(([a], [b]) => byteCompare(a, b)).map(([, r]) => r);
    };
    const sortedStates = async (scope: Parameters<typeof s.set.stores.countDevicesByState>[1]) =>
      [...(await s.set.stores.countDevicesByState(counts, scope))].sort((a, b) => byteCompare([a.platform, a.complianceState, a.ownership, a.managementState].join('/'), [b.platform, b.complianceState, b.ownership, b.managementState].join('/')));

    it('seeds devices, groups and pending actions', async () => {
      const { stores } = s.set;
      await stores.insertTenant(makeTenant(counts));
      fleetDevices.push(
        makeDevice(counts, 'c-1', { platform: 'windows', osVersion: '10.0.19045', complianceState: 'compliant', enrolledAt: t0 }),
        // 23:00 UTC the day before t0, and 23:59 UTC on t0's day: the days are UTC days.
        makeDevice(counts, 'c-2', { platform: 'windows', osVersion: '10.0.22631', complianceState: 'noncompliant', enrolledAt: at(-13 * hour) }),
        makeDevice(counts, 'c-3', { platform: 'windows', osVersion: '10.0.22631', ownership: 'personal', enrolledAt: at(12 * hour - 60_000) }),
        makeDevice(counts, 'c-4', { platform: 'macos', osVersion: '14.5', complianceState: 'unknown', managementState: 'retirePending', enrolledAt: at(-40 * 24 * hour) }),
        makeDevice(counts, 'c-5', { platform: 'macos', osVersion: '14.5', managementState: 'retired', enrolledAt: at(-2 * 24 * hour) }),
        makeDevice(counts, 'c-6', { platform: 'linux', osVersion: null, complianceState: 'inGracePeriod', ownership: 'unknown', primaryUserId: 'u-scope' as UserId }),
        makeDevice(counts, 'c-7', { platform: 'windows', osVersion: '10.0.22631', enrolledAt: at(-36 * hour) }),
        makeDevice(counts, 'c-8', { platform: 'linux', osVersion: '22.04' }),
      );
      for (const d of fleetDevices) await stores.insertDevice(d);
      // Another tenant's devices and actions are never counted.
      await stores.insertDevice(makeDevice(s.other, 'c-1', { platform: 'windows', osVersion: '10.0.19045' }));
      await stores.enqueueCommand(makeCommand(s.other, 'cc-other', 'c-1', { type: 'lock' }));

      await stores.insertGroup(makeGroup(counts, 'cg-dev'));
      await stores.insertGroup(makeGroup(counts, 'cg-user', { memberType: 'user' }));
      await stores.addMembers(counts, gid('cg-dev'), [{ memberType: 'device', memberId: 'c-1' }, { memberType: 'device', memberId: 'c-4' }], t0);
      await stores.addMembers(counts, gid('cg-user'), [{ memberType: 'user', memberId: 'u-scope' }], t0);

      await stores.enqueueCommand(makeCommand(counts, 'cc-1', 'c-1', { type: 'lock' }));
      await stores.enqueueCommand(makeCommand(counts, 'cc-2', 'c-1', { type: 'sync', status: 'sent', sentAt: t0, deliveries: 1 }));
      await stores.enqueueCommand(makeCommand(counts, 'cc-3', 'c-2', { type: 'lock', expiresAt: at(0) }));
      await stores.enqueueCommand(makeCommand(counts, 'cc-4', 'c-4', { type: 'retire' }));
      await stores.enqueueCommand(makeCommand(counts, 'cc-5', 'c-7', { type: 'restart' }));
    });

    it('counts devices by platform, compliance, ownership and management state together, within a scope', async () => {
      expect(await sortedStates({})).toEqual(stateRows(fleetDevices));
      const inScope = fleetDevices.filter((d) => ['c-1', 'c-4', 'c-6'].includes(d.id));
      expect(await sortedStates({ withinGroups: [gid('cg-dev'), gid('cg-user')] })).toEqual(stateRows(inScope));
      expect(await s.set.stores.countDevicesByState(counts, { withinGroups: [] })).toEqual([]);
      expect(await s.set.stores.countDevicesByState('tenant-none' as TenantId, {})).toEqual([]);
    });

    it('names the most common OS versions per platform, ties to the higher version, retired devices left out', async () => {
      const { stores } = s.set;
      expect(await stores.countDevicesByOsVersion(counts, {}, 1)).toEqual([
        { platform: 'linux', osVersion: '22.04', count: 1 },
        { platform: 'macos', osVersion: '14.5', count: 1 },
        { platform: 'windows', osVersion: '10.0.22631', count: 3 },
      ]);
      expect(await stores.countDevicesByOsVersion(counts, {}, 5)).toEqual([
        { platform: 'linux', osVersion: '22.04', count: 1 },
        { platform: 'linux', osVersion: null, count: 1 },
        { platform: 'macos', osVersion: '14.5', count: 1 },
        { platform: 'windows', osVersion: '10.0.22631', count: 3 },
        { platform: 'windows', osVersion: '10.0.19045', count: 1 },
      ]);
      expect(await stores.countDevicesByOsVersion(counts, { withinGroups: [gid('cg-dev'), gid('cg-user')] }, 5)).toEqual([
        { platform: 'linux', osVersion: null, count: 1 },
        { platform: 'macos', osVersion: '14.5', count: 1 },
        { platform: 'windows', osVersion: '10.0.19045', count: 1 },
      ]);
      expect(await stores.countDevicesByOsVersion(counts, { withinGroups: [] }, 5)).toEqual([]);
    });

    it('counts enrollments per UTC day from a day on', async () => {
      const { stores } = s.set;
      const since = new Date('2024-04-29T00:00:00.000Z');
      expect(await stores.countEnrollmentsByDay(counts, {}, since)).toEqual([
        { day: '2024-04-29', count: 1 },
        { day: '2024-04-30', count: 2 },
        { day: '2024-05-01', count: 4 },
      ]);
      expect(await stores.countEnrollmentsByDay(counts, {}, new Date('2024-05-01T00:00:00.000Z'))).toEqual([{ day: '2024-05-01', count: 4 }]);
      expect(await stores.countEnrollmentsByDay(counts, { withinGroups: [gid('cg-dev'), gid('cg-user')] }, since)).toEqual([{ day: '2024-05-01', count: 2 }]);
      expect(await stores.countEnrollmentsByDay(counts, { withinGroups: [] }, since)).toEqual([]);
    });

    it('counts remote actions still waiting, by type, leaving expired ones out', async () => {
      const { stores } = s.set;
      const now = at(hour);
      expect(await stores.countPendingActionsByType(counts, {}, now)).toEqual([
        { type: 'lock', count: 1 },
        { type: 'restart', count: 1 },
        { type: 'retire', count: 1 },
        { type: 'sync', count: 1 },
      ]);
      expect(await stores.countPendingActionsByType(counts, { withinGroups: [gid('cg-dev')] }, now)).toEqual([
        { type: 'lock', count: 1 },
        { type: 'retire', count: 1 },
        { type: 'sync', count: 1 },
      ]);
      expect(await stores.countPendingActionsByType(counts, { withinGroups: [gid('cg-user')] }, now)).toEqual([]);
      expect(await stores.countPendingActionsByType(counts, {}, at(100 * hour))).toEqual([]);
    });
  });
});
