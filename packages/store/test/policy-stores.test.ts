import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  profileStatuses,
  WardError,
  type Assignment,
  type AssignmentFilter,
  type AssignmentFilterId,
  type AssignmentId,
  type DesiredStateWrite,
  type DeviceId,
  type GroupId,
  type Profile,
  type ProfileId,
  type ProfileSort,
  type ReportedStateWrite,
  type SortOrder,
  type TenantId,
  type UserId,
} from '@ward/core';
import { createStores } from '../src/index.js';
import { firstKeyColumn } from './support/first-key-column.js';
import { at, byteCompare, makeDevice, makeGroup, makeUser, t0 } from './support/fixtures.js';
import { seedTenantDevices } from './support/seed-devices.js';
import { useStoreSuite } from './support/store-suite.js';
import { nodeDigests, openTestDatabase, sequentialIds, testDialects } from './support/test-database.js';
import { walk } from './support/walk.js';

const pid = (s: string) => s as ProfileId;
const did = (s: string) => s as DeviceId;
const gid = (s: string) => s as GroupId;
const aid = (s: string) => s as AssignmentId;
const fid = (s: string) => s as AssignmentFilterId;

function settingsProfile(tenantId: TenantId, id: string, over: Partial<Profile> = {}): Profile {
  return {
    id: pid(id),
    tenantId,
    name: `Profile ${id}`,
    description: '',
    platforms: ['macos', 'windows'],
    version: 1,
    createdAt: t0,
    updatedAt: t0,
    kind: 'settings',
    body: { settings: { 'passcode.required': true, 'passcode.minimumLength': 8, 'passcode.complexity': 'alphanumeric' } },
    ...over,
  } as Profile;
}

function wifiProfile(tenantId: TenantId, id: string): Profile {
  return {
    id: pid(id),
    tenantId,
    name: `Wi-Fi ${id}`,
    description: 'Office network "HQ" ✓',
    platforms: ['linux'],
    version: 1,
    createdAt: new Date('2023-01-02T03:04:05.678Z'),
    updatedAt: new Date('2023-06-07T08:09:10.011Z'),
    kind: 'wifi',
    body: { ssid: 'HQ', hidden: false, autoJoin: true, security: 'wpa2Personal', passphrase: 'correct horse battery', proxy: { type: 'manual', host: 'proxy.example.com', port: 3128 } },
  };
}

function assignment(tenantId: TenantId, id: string, itemId: string, over: Partial<Assignment> = {}): Assignment {
  return {
    id: aid(id),
    tenantId,
    itemKind: 'profile',
    itemId,
    target: { type: 'allDevices' },
    mode: 'include',
    filter: null,
    intent: 'required',
    createdAt: t0,
    ...over,
  };
}

function filter(tenantId: TenantId, id: string, over: Partial<AssignmentFilter> = {}): AssignmentFilter {
  return {
    id: fid(id),
    tenantId,
    name: `Filter ${id}`,
    description: '',
    platform: 'windows',
    rule: 'device.osVersion >= "10.0.22631"',
    createdAt: t0,
    updatedAt: t0,
    ...over,
  };
}

function desired(tenantId: TenantId, deviceId: string, profileId: string, over: Partial<DesiredStateWrite> = {}): DesiredStateWrite {
  return {
    tenantId,
    deviceId: did(deviceId),
    profileId: pid(profileId),
    action: 'install',
    desiredHash: 'a'.repeat(64),
    reason: null,
    conflicts: [],
    desiredAt: t0,
    status: 'pending',
    ...over,
  };
}

function reported(tenantId: TenantId, deviceId: string, profileId: string, over: Partial<ReportedStateWrite> = {}): ReportedStateWrite {
  return {
    tenantId,
    deviceId: did(deviceId),
    profileId: pid(profileId),
    reportedHash: 'a'.repeat(64),
    reportedStatus: 'succeeded',
    error: null,
    settings: [],
    reportedAt: at(60_000),
    status: 'succeeded',
    ...over,
  };
}

describe.each(testDialects)('policy stores on %s', (dialect) => {
  const s = useStoreSuite(dialect);

  it('leads the primary key of every policy-engine table with tenant_id', async () => {
    const tables = ['profiles', 'assignment_filters', 'assignments', 'device_profile_states', 'compliance_policies', 'device_compliance', 'device_compliance_rules', 'compliance_history', 'compliance_actions'];
    for (const table of tables) {
      expect(await firstKeyColumn(s.t.database, table), table).toBe('tenant_id');
    }
  });

  describe('profiles', () => {
    it('round-trips each kind with its secrets, by id and by name case-insensitively', async () => {
      const { stores } = s.set;
      const wifi = wifiProfile(s.tenant, 'p-wifi');
      const vpn: Profile = {
        ...settingsProfile(s.tenant, 'p-vpn', { name: 'VPN' }),
        kind: 'vpn',
        body: {
          connectionName: 'Corp',
          onDemand: { enabled: true, rules: [{ action: 'connect', ssids: ['Café'], interfaceType: 'wifi' }] },
          type: 'wireguard',
          interface: { addresses: ['10.0.0.2/32'], dns: ['10.0.0.1'], privateKey: 'cHJpdmF0ZQ==', mtu: 1420 },
          peers: [{ publicKey: 'cHVibGlj', presharedKey: 'c2hhcmVk', endpoint: 'vpn.example.com:51820', allowedIps: ['0.0.0.0/0'], persistentKeepaliveSeconds: 25 }],
        },
      };
      const scep: Profile = {
        ...settingsProfile(s.tenant, 'p-scep', { name: 'SCEP' }),
        kind: 'certificate',
        body: { type: 'scep', url: 'https://scep.example.com/', challenge: 's3cret', subject: 'CN={{device.serial}}', keySize: 2048, keyUsage: ['digitalSignature'] },
      };
      for (const p of [wifi, vpn, scep]) expect(await stores.insertProfile(p)).toBe(true);
      expect(await stores.getProfile(s.tenant, wifi.id)).toEqual(wifi);
      expect(await stores.getProfile(s.tenant, vpn.id)).toEqual(vpn);
      expect(await stores.getProfile(s.tenant, scep.id)).toEqual(scep);
      expect(await stores.getProfileByName(s.tenant, 'WI-FI P-WIFI')).toEqual(wifi);
      expect(await stores.getProfile(s.tenant, pid('p-missing'))).toBeUndefined();
      expect(await stores.getProfileByName(s.tenant, 'nope')).toBeUndefined();
      expect(await stores.getProfile(s.other, wifi.id)).toBeUndefined();
      expect(await stores.getProfileByName(s.other, wifi.name)).toBeUndefined();
    });

    it('refuses a taken name (any case) or id with false, within the tenant only', async () => {
      const { stores } = s.set;
      expect(await stores.insertProfile(settingsProfile(s.tenant, 'p-dup-1', { name: 'Baseline' }))).toBe(true);
      expect(await stores.insertProfile(settingsProfile(s.tenant, 'p-dup-2', { name: 'BASELINE' }))).toBe(false);
      expect(await stores.getProfile(s.tenant, pid('p-dup-2'))).toBeUndefined();
      expect(await stores.insertProfile(settingsProfile(s.tenant, 'p-dup-1', { name: 'Another name' }))).toBe(false);
      expect((await stores.getProfile(s.tenant, pid('p-dup-1')))?.name).toBe('Baseline');
      expect(await stores.insertProfile(settingsProfile(s.other, 'p-dup-2', { name: 'Baseline' }))).toBe(true);
    });

    it('updates only from the previous version, refusing a taken name, and keeps createdAt', async () => {
      const { stores } = s.set;
      await stores.insertProfile(settingsProfile(s.tenant, 'p-upd', { name: 'Upd' }));
      await stores.insertProfile(settingsProfile(s.tenant, 'p-upd-other', { name: 'Taken' }));
      const next = settingsProfile(s.tenant, 'p-upd', { name: 'Upd renamed', version: 2, description: 'v2', updatedAt: at(1000), createdAt: at(999_999) });
      expect(await stores.updateProfile({ ...next, version: 3 })).toBe(false);
      expect(await stores.updateProfile({ ...next, name: 'taken' })).toBe(false);
      expect(await stores.updateProfile({ ...next, id: pid('p-upd-missing') })).toBe(false);
      expect(await stores.updateProfile({ ...next, tenantId: s.other })).toBe(false);
      expect((await stores.getProfile(s.tenant, pid('p-upd')))?.version).toBe(1);
      expect(await stores.updateProfile(next)).toBe(true);
      expect(await stores.getProfile(s.tenant, pid('p-upd'))).toEqual({ ...next, createdAt: t0 });
      // A second writer that read version 1 loses.
      expect(await stores.updateProfile({ ...next, description: 'lost' })).toBe(false);
      expect((await stores.getProfile(s.tenant, pid('p-upd')))?.description).toBe('v2');
    });

    it('refuses a taken name inside a transaction with false and keeps the transaction usable', async () => {
      await s.set.stores.insertProfile(settingsProfile(s.tenant, 'p-tx-1', { name: 'Tx one' }));
      await s.set.stores.insertProfile(settingsProfile(s.tenant, 'p-tx-2', { name: 'Tx two' }));
      const outcome = await s.set.tx.transaction(async (st) => {
        const refused = await st.updateProfile(settingsProfile(s.tenant, 'p-tx-2', { name: 'TX ONE', version: 2 }));
        const written = await st.updateProfile(settingsProfile(s.tenant, 'p-tx-2', { name: 'Tx two b', version: 2 }));
        return { refused, written };
      });
      expect(outcome).toEqual({ refused: false, written: true });
      expect((await s.set.stores.getProfile(s.tenant, pid('p-tx-2')))?.name).toBe('Tx two b');
    });

    it('gets many profiles at once and lists all of a tenant by id', async () => {
      const { stores } = s.set;
      const found = await stores.getProfiles(s.tenant, [pid('p-wifi'), pid('p-vpn'), pid('p-missing'), pid('p-wifi')]);
      expect(found.map((p) => p.id).sort()).toEqual(['p-vpn', 'p-wifi']);
      expect(await stores.getProfiles(s.tenant, [])).toEqual([]);
      expect(await stores.getProfiles(s.other, [pid('p-wifi')])).toEqual([]);
      const all = await stores.listAllProfiles(s.tenant);
      expect(all.map((p) => p.id)).toEqual([...all.map((p) => p.id)].sort(byteCompare));
      expect(all.every((p) => p.tenantId === s.tenant)).toBe(true);
      expect(all.map((p) => p.id)).toContain('p-wifi');
    });

    it('pages through every sort and order, with filters', async () => {
      const { stores } = s.set;
      const tenant = 'tenant-profiles' as TenantId;
      await stores.insertTenant({ id: tenant, slug: 'tenant-profiles', name: 'Profiles', createdAt: t0 });
      for (let i = 0; i < 23; i++) {
        const base = settingsProfile(tenant, `pl-${String(i).padStart(2, '0')}`, {
          name: `${i % 2 === 0 ? 'Alpha' : 'beta'} 50%_${String(22 - i).padStart(2, '0')}`,
          // Ties on the time sorts: the id breaks them.
          createdAt: at(Math.floor(i / 3) * 1000),
          updatedAt: at((i % 4) * 1000),
          platforms: i % 3 === 0 ? ['linux'] : ['macos', 'windows'],
        });
        await stores.insertProfile(i % 5 === 0 ? { ...wifiProfile(tenant, base.id), name: base.name, createdAt: base.createdAt, updatedAt: base.updatedAt, platforms: base.platforms } : base);
      }
      const all = await stores.listAllProfiles(tenant);
      const expected = (sort: ProfileSort, order: SortOrder, list = all) =>
        [...list]
          .sort((a, b) => {
            const key = (p: Profile) => (sort === 'name' ? p.name.toLowerCase() : sort === 'createdAt' ? p.createdAt.getTime() : p.updatedAt.getTime());
            const ka = key(a);
            const kb = key(b);
            const c = typeof ka === 'string' && typeof kb === 'string' ? byteCompare(ka, kb) : (ka as number) - (kb as number);
            return (c !== 0 ? c : byteCompare(a.id, b.id)) * (order === 'asc' ? 1 : -1);
          })
          .map((p) => p.id);
      for (const sort of ['name', 'createdAt', 'updatedAt'] as const) {
        for (const order of ['asc', 'desc'] as const) {
          const got = await walk((cursor) => stores.listProfiles(tenant, {}, { limit: 4, sort, order, ...(cursor ? { cursor } : {}) }));
          expect(got.map((p) => p.id), `${sort} ${order}`).toEqual(expected(sort, order));
        }
      }
      const q = await walk((cursor) => stores.listProfiles(tenant, { q: 'ALPHA 50%_' }, { limit: 3, sort: 'name', order: 'asc', ...(cursor ? { cursor } : {}) }));
      expect(q.map((p) => p.id)).toEqual(expected('name', 'asc', all.filter((p) => p.name.startsWith('Alpha'))));
      expect((await stores.listProfiles(tenant, { q: '%' }, { limit: 50, sort: 'name', order: 'asc' })).items).toHaveLength(23);
      expect((await stores.listProfiles(tenant, { q: 'x%' }, { limit: 50, sort: 'name', order: 'asc' })).items).toHaveLength(0);
      const wifi = await walk((cursor) => stores.listProfiles(tenant, { kind: 'wifi' }, { limit: 2, sort: 'createdAt', order: 'desc', ...(cursor ? { cursor } : {}) }));
      expect(wifi.map((p) => p.id)).toEqual(expected('createdAt', 'desc', all.filter((p) => p.kind === 'wifi')));
      const linux = await walk((cursor) => stores.listProfiles(tenant, { platform: 'linux' }, { limit: 2, sort: 'name', order: 'asc', ...(cursor ? { cursor } : {}) }));
      expect(linux.map((p) => p.id)).toEqual(expected('name', 'asc', all.filter((p) => p.platforms.includes('linux'))));
      expect((await stores.listProfiles(tenant, { platform: 'ios' }, { limit: 5, sort: 'name', order: 'asc' })).items).toEqual([]);
      expect((await stores.listProfiles(s.other, { q: 'alpha 50%' }, { limit: 50, sort: 'name', order: 'asc' })).items).toEqual([]);
    });

    it('refuses a cursor of another sort or a forged one with INVALID_CURSOR, and a bad limit', async () => {
      const { stores } = s.set;
      const page = await stores.listProfiles(s.tenant, {}, { limit: 1, sort: 'name', order: 'asc' });
      expect(page.nextCursor).not.toBeNull();
      const cursor = page.nextCursor ?? '';
      await expect(stores.listProfiles(s.tenant, {}, { limit: 1, sort: 'createdAt', order: 'asc', cursor })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
      await expect(stores.listProfiles(s.tenant, {}, { limit: 1, sort: 'name', order: 'desc', cursor })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
      await expect(stores.listProfiles(s.tenant, {}, { limit: 1, sort: 'name', order: 'asc', cursor: 'garbage!' })).rejects.toBeInstanceOf(WardError);
      await expect(stores.listProfiles(s.tenant, {}, { limit: 0, sort: 'name', order: 'asc' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    it('deletes a profile of its own tenant only', async () => {
      const { stores } = s.set;
      await stores.insertProfile(settingsProfile(s.tenant, 'p-del'));
      expect(await stores.deleteProfile(s.other, pid('p-del'))).toBe(false);
      expect(await stores.deleteProfile(s.tenant, pid('p-del'))).toBe(true);
      expect(await stores.deleteProfile(s.tenant, pid('p-del'))).toBe(false);
      expect(await stores.getProfile(s.tenant, pid('p-del'))).toBeUndefined();
    });
  });

  describe('assignment filters', () => {
    it('round-trips, finds by name case-insensitively and lists by name', async () => {
      const { stores } = s.set;
      const a = filter(s.tenant, 'f-a', { name: 'Zeta builds', platform: null, description: 'any platform' });
      const b = filter(s.tenant, 'f-b', { name: 'alpha windows' });
      expect(await stores.insertAssignmentFilter(a)).toBe(true);
      expect(await stores.insertAssignmentFilter(b)).toBe(true);
      expect(await stores.getAssignmentFilter(s.tenant, a.id)).toEqual(a);
      expect(await stores.getAssignmentFilterByName(s.tenant, 'ALPHA WINDOWS')).toEqual(b);
      expect(await stores.getAssignmentFilter(s.tenant, fid('f-missing'))).toBeUndefined();
      expect(await stores.getAssignmentFilter(s.other, a.id)).toBeUndefined();
      expect((await stores.listAssignmentFilters(s.tenant)).map((f) => f.id)).toEqual(['f-b', 'f-a']);
      expect(await stores.listAssignmentFilters(s.other)).toEqual([]);
    });

    it('refuses a taken name with false on insert and update', async () => {
      const { stores } = s.set;
      await stores.insertAssignmentFilter(filter(s.tenant, 'f-n1', { name: 'Name one' }));
      await stores.insertAssignmentFilter(filter(s.tenant, 'f-n2', { name: 'Name two' }));
      expect(await stores.insertAssignmentFilter(filter(s.tenant, 'f-n3', { name: 'NAME ONE' }))).toBe(false);
      expect(await stores.getAssignmentFilter(s.tenant, fid('f-n3'))).toBeUndefined();
      expect(await stores.updateAssignmentFilter(filter(s.tenant, 'f-n2', { name: 'name one' }))).toBe(false);
      expect(await stores.updateAssignmentFilter(filter(s.tenant, 'f-missing', { name: 'Fresh' }))).toBe(false);
      const changed = filter(s.tenant, 'f-n2', { name: 'Name two b', rule: 'device.model == "X"', platform: 'macos', updatedAt: at(5000) });
      expect(await stores.updateAssignmentFilter(changed)).toBe(true);
      expect(await stores.getAssignmentFilter(s.tenant, changed.id)).toEqual(changed);
      expect(await stores.insertAssignmentFilter(filter(s.other, 'f-n3', { name: 'Name one' }))).toBe(true);
    });

    it('deletes an unused filter and refuses one in use with ASSIGNMENT_FILTER_IN_USE', async () => {
      const { stores } = s.set;
      await stores.insertAssignmentFilter(filter(s.tenant, 'f-used'));
      await stores.insertAssignmentFilter(filter(s.tenant, 'f-unused'));
      await stores.insertAssignment(assignment(s.tenant, 'a-uses-filter', 'p-any', { filter: { filterId: fid('f-used'), mode: 'exclude' } }));
      await expect(stores.deleteAssignmentFilter(s.tenant, fid('f-used'))).rejects.toMatchObject({ code: 'ASSIGNMENT_FILTER_IN_USE' });
      expect(await stores.getAssignmentFilter(s.tenant, fid('f-used'))).toBeDefined();
      expect(await stores.deleteAssignmentFilter(s.other, fid('f-unused'))).toBe(false);
      expect(await stores.deleteAssignmentFilter(s.tenant, fid('f-unused'))).toBe(true);
      expect(await stores.deleteAssignmentFilter(s.tenant, fid('f-unused'))).toBe(false);
      await stores.deleteAssignment(s.tenant, aid('a-uses-filter'));
      expect(await stores.deleteAssignmentFilter(s.tenant, fid('f-used'))).toBe(true);
    });
  });

  describe('assignments', () => {
    it('round-trips every target, filter and mode, and lists by kind, item, group and filter', async () => {
      const { stores } = s.set;
      await stores.insertGroup(makeGroup(s.tenant, 'g-as'));
      await stores.insertAssignmentFilter(filter(s.tenant, 'f-as'));
      const list = [
        assignment(s.tenant, 'as-1', 'p-as', { target: { type: 'group', groupId: gid('g-as') }, filter: { filterId: fid('f-as'), mode: 'include' } }),
        assignment(s.tenant, 'as-2', 'p-as', { target: { type: 'allUsers' }, mode: 'exclude', createdAt: at(7) }),
        assignment(s.tenant, 'as-3', 'p-as', { target: { type: 'allDevices' } }),
        assignment(s.tenant, 'as-4', 'cp-as', { itemKind: 'compliancePolicy', target: { type: 'group', groupId: gid('g-as') } }),
      ];
      for (const a of list) expect(await stores.insertAssignment(a)).toBe(true);
      for (const a of list) expect(await stores.getAssignment(s.tenant, a.id)).toEqual(a);
      expect(await stores.getAssignment(s.tenant, aid('as-missing'))).toBeUndefined();
      expect(await stores.getAssignment(s.other, aid('as-1'))).toBeUndefined();
      expect((await stores.listAssignments(s.tenant, 'compliancePolicy')).map((a) => a.id)).toContain('as-4');
      expect((await stores.listAssignments(s.tenant, 'compliancePolicy')).every((a) => a.itemKind === 'compliancePolicy')).toBe(true);
      expect((await stores.listAssignmentsOfItem(s.tenant, 'profile', 'p-as')).map((a) => a.id)).toEqual(['as-1', 'as-2', 'as-3']);
      expect(await stores.listAssignmentsOfItem(s.tenant, 'compliancePolicy', 'p-as')).toEqual([]);
      expect((await stores.listAssignmentsOfGroup(s.tenant, gid('g-as'))).map((a) => a.id)).toEqual(['as-1', 'as-4']);
      expect((await stores.listAssignmentsOfFilter(s.tenant, fid('f-as'))).map((a) => a.id)).toEqual(['as-1']);
      expect(await stores.listAssignments(s.other, 'profile')).toEqual([]);
      expect(await stores.listAssignmentsOfGroup(s.other, gid('g-as'))).toEqual([]);
    });

    it('refuses a second assignment of an item to the same target (group or not) with false', async () => {
      const { stores } = s.set;
      await stores.insertGroup(makeGroup(s.tenant, 'g-dup'));
      await stores.insertGroup(makeGroup(s.tenant, 'g-dup-2'));
      const group = { type: 'group', groupId: gid('g-dup') } as const;
      expect(await stores.insertAssignment(assignment(s.tenant, 'ad-1', 'p-dup', { target: group }))).toBe(true);
      expect(await stores.insertAssignment(assignment(s.tenant, 'ad-2', 'p-dup', { target: group, mode: 'exclude' }))).toBe(false);
      expect(await stores.insertAssignment(assignment(s.tenant, 'ad-3', 'p-dup', { target: { type: 'allDevices' } }))).toBe(true);
      expect(await stores.insertAssignment(assignment(s.tenant, 'ad-4', 'p-dup', { target: { type: 'allDevices' }, mode: 'exclude' }))).toBe(false);
      expect(await stores.insertAssignment(assignment(s.tenant, 'ad-5', 'p-dup', { target: { type: 'allUsers' } }))).toBe(true);
      expect(await stores.insertAssignment(assignment(s.tenant, 'ad-6', 'p-dup', { target: { type: 'group', groupId: gid('g-dup-2') } }))).toBe(true);
      expect(await stores.insertAssignment(assignment(s.tenant, 'ad-7', 'p-dup-other', { target: group }))).toBe(true);
      expect(await stores.insertAssignment(assignment(s.tenant, 'ad-8', 'p-dup', { itemKind: 'compliancePolicy', target: group }))).toBe(true);
      // The same id again.
      expect(await stores.insertAssignment(assignment(s.tenant, 'ad-1', 'p-dup-3'))).toBe(false);
      expect(await stores.getAssignment(s.tenant, aid('ad-2'))).toBeUndefined();
      expect((await stores.listAssignmentsOfItem(s.tenant, 'profile', 'p-dup')).map((a) => a.id)).toEqual(['ad-1', 'ad-3', 'ad-5', 'ad-6']);
      // Inside a transaction the refusal leaves it usable.
      const inTx = await s.set.tx.transaction(async (st) => [await st.insertAssignment(assignment(s.tenant, 'ad-9', 'p-dup', { target: group })), await st.insertAssignment(assignment(s.tenant, 'ad-10', 'p-dup-4'))]);
      expect(inTx).toEqual([false, true]);
    });

    it('refuses an assignment to a group or filter that does not exist, writing nothing', async () => {
      const { stores } = s.set;
      await expect(stores.insertAssignment(assignment(s.tenant, 'am-1', 'p-m', { target: { type: 'group', groupId: gid('g-nowhere') } }))).rejects.toThrow();
      await expect(stores.insertAssignment(assignment(s.tenant, 'am-2', 'p-m', { filter: { filterId: fid('f-nowhere'), mode: 'include' } }))).rejects.toThrow();
      // Another tenant's group is as missing as any.
      await stores.insertGroup(makeGroup(s.other, 'g-other-tenant'));
      await expect(stores.insertAssignment(assignment(s.tenant, 'am-3', 'p-m', { target: { type: 'group', groupId: gid('g-other-tenant') } }))).rejects.toThrow();
      expect(await stores.listAssignmentsOfItem(s.tenant, 'profile', 'p-m')).toEqual([]);
    });

    it('updates mode, filter and intent only, and deletes one or all of an item', async () => {
      const { stores } = s.set;
      await stores.insertAssignmentFilter(filter(s.tenant, 'f-upd'));
      const original = assignment(s.tenant, 'au-1', 'p-au');
      await stores.insertAssignment(original);
      await stores.insertAssignment(assignment(s.tenant, 'au-2', 'p-au', { target: { type: 'allUsers' } }));
      const changed: Assignment = { ...original, mode: 'exclude', filter: { filterId: fid('f-upd'), mode: 'exclude' }, intent: 'available', itemId: 'p-elsewhere', target: { type: 'allUsers' } };
      expect(await stores.updateAssignment(changed)).toBe(true);
      expect(await stores.getAssignment(s.tenant, original.id)).toEqual({ ...original, mode: 'exclude', filter: { filterId: 'f-upd', mode: 'exclude' }, intent: 'available' });
      expect(await stores.updateAssignment({ ...changed, filter: null })).toBe(true);
      expect((await stores.getAssignment(s.tenant, original.id))?.filter).toBeNull();
      expect(await stores.updateAssignment({ ...changed, id: aid('au-missing') })).toBe(false);
      expect(await stores.updateAssignment({ ...changed, tenantId: s.other })).toBe(false);
      expect(await stores.deleteAssignment(s.other, original.id)).toBe(false);
      expect(await stores.deleteAssignment(s.tenant, original.id)).toBe(true);
      expect(await stores.deleteAssignment(s.tenant, original.id)).toBe(false);
      await stores.insertAssignment(assignment(s.tenant, 'au-3', 'p-au', { target: { type: 'allDevices' } }));
      expect(await stores.deleteAssignmentsOfItem(s.other, 'profile', 'p-au')).toBe(0);
      expect(await stores.deleteAssignmentsOfItem(s.tenant, 'compliancePolicy', 'p-au')).toBe(0);
      expect(await stores.deleteAssignmentsOfItem(s.tenant, 'profile', 'p-au')).toBe(2);
      expect(await stores.listAssignmentsOfItem(s.tenant, 'profile', 'p-au')).toEqual([]);
    });

    it('goes with its group when the group is deleted', async () => {
      const { stores } = s.set;
      await stores.insertGroup(makeGroup(s.tenant, 'g-gone'));
      await stores.insertAssignment(assignment(s.tenant, 'ag-1', 'p-ag', { target: { type: 'group', groupId: gid('g-gone') } }));
      await stores.insertAssignment(assignment(s.tenant, 'ag-2', 'p-ag', { target: { type: 'allDevices' } }));
      await stores.deleteGroup(s.tenant, gid('g-gone'));
      expect((await stores.listAssignmentsOfItem(s.tenant, 'profile', 'p-ag')).map((a) => a.id)).toEqual(['ag-2']);
    });
  });

  describe('assignment targeting', () => {
    const tenant = 'tenant-targeting' as TenantId;

    it('loads subjects with their user and the groups of both, skipping retired and unknown devices', async () => {
      const { stores } = s.set;
      await stores.insertTenant({ id: tenant, slug: 'tenant-targeting', name: 'Targeting', createdAt: t0 });
      await stores.insertUser(makeUser(tenant, 'u-1'));
      await stores.insertUser(makeUser(tenant, 'u-2'));
      await stores.insertGroup(makeGroup(tenant, 'dg', { memberType: 'device' }));
      await stores.insertGroup(makeGroup(tenant, 'ug', { memberType: 'user' }));
      await stores.insertGroup(makeGroup(tenant, 'ug-2', { memberType: 'user' }));
      const devices = [
        makeDevice(tenant, 'd-1', { primaryUserId: 'u-1' as UserId }),
        makeDevice(tenant, 'd-2', { primaryUserId: 'u-2' as UserId }),
        makeDevice(tenant, 'd-3'),
        makeDevice(tenant, 'd-4', { managementState: 'retired', primaryUserId: 'u-1' as UserId }),
        makeDevice(tenant, 'd-5', { primaryUserId: 'u-gone' as UserId }),
        makeDevice(tenant, 'd-6', { managementState: 'retirePending', primaryUserId: 'u-1' as UserId }),
      ];
      for (const d of devices) await stores.insertDevice(d);
      await stores.addMembers(tenant, gid('dg'), ['d-1', 'd-3', 'd-4'].map((id) => ({ memberType: 'device', memberId: id })), t0);
      await stores.addMembers(tenant, gid('ug'), [{ memberType: 'user', memberId: 'u-1' }], t0);
      await stores.addMembers(tenant, gid('ug-2'), [{ memberType: 'user', memberId: 'u-1' }, { memberType: 'user', memberId: 'u-2' }], t0);
      // Another tenant's device with the same id is never seen.
      await stores.insertDevice(makeDevice(s.other, 'd-1'));

      const subjects = await stores.getAssignmentSubjects(tenant, [did('d-1'), did('d-2'), did('d-3'), did('d-4'), did('d-5'), did('d-6'), did('d-missing'), did('d-1')]);
      const byId = new Map(subjects.map((x) => [x.device.id, x]));
      expect([...byId.keys()].sort()).toEqual(['d-1', 'd-2', 'd-3', 'd-5', 'd-6']);
      expect(subjects).toHaveLength(5);
      expect(byId.get(did('d-1'))?.device).toEqual(devices[0]);
      expect(byId.get(did('d-1'))?.user).toEqual(makeUser(tenant, 'u-1'));
      expect([...(byId.get(did('d-1'))?.groupIds ?? [])].sort()).toEqual(['dg', 'ug', 'ug-2']);
      expect([...(byId.get(did('d-2'))?.groupIds ?? [])]).toEqual(['ug-2']);
      expect(byId.get(did('d-3'))?.user).toBeNull();
      expect([...(byId.get(did('d-3'))?.groupIds ?? [])]).toEqual(['dg']);
      // A primary user that no longer exists: no user, so allUsers does not reach the device.
      expect(byId.get(did('d-5'))?.user).toBeNull();
      expect(await stores.getAssignmentSubjects(tenant, [])).toEqual([]);
      expect(await stores.getAssignmentSubjects(s.other, [did('d-2')])).toEqual([]);
    });

    it('pages through the devices of a device group, a user group and the tenant', async () => {
      const { stores } = s.set;
      const page = async (read: (after: DeviceId | undefined) => Promise<readonly DeviceId[]>) => {
        const all: string[] = [];
        let after: DeviceId | undefined;
        for (;;) {
          const ids = await read(after);
          all.push(...ids);
          if (ids.length < 2) return all;
          after = ids[ids.length - 1];
        }
      };
      expect(await page((after) => stores.listGroupDeviceIds(tenant, gid('dg'), { limit: 2, ...(after ? { after } : {}) }))).toEqual(['d-1', 'd-3']);
      expect(await page((after) => stores.listGroupDeviceIds(tenant, gid('ug'), { limit: 2, ...(after ? { after } : {}) }))).toEqual(['d-1', 'd-6']);
      expect(await page((after) => stores.listGroupDeviceIds(tenant, gid('ug-2'), { limit: 2, ...(after ? { after } : {}) }))).toEqual(['d-1', 'd-2', 'd-6']);
      expect(await stores.listGroupDeviceIds(tenant, gid('missing'), { limit: 10 })).toEqual([]);
      expect(await stores.listGroupDeviceIds(s.other, gid('dg'), { limit: 10 })).toEqual([]);
      expect(await page((after) => stores.listTenantDeviceIds(tenant, { limit: 2, ...(after ? { after } : {}) }))).toEqual(['d-1', 'd-2', 'd-3', 'd-5', 'd-6']);
      expect(await page((after) => stores.listTenantDeviceIds(tenant, { limit: 2, withPrimaryUser: true, ...(after ? { after } : {}) }))).toEqual(['d-1', 'd-2', 'd-5', 'd-6']);
      await expect(stores.listTenantDeviceIds(tenant, { limit: 0 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    it('walks a large user group by device, probing membership', async () => {
      const { stores } = s.set;
      await stores.insertGroup(makeGroup(tenant, 'ug-large', { memberType: 'user' }));
      // Enough members to take the large-group plan; most of them have no device here.
      const members = Array.from({ length: 2100 }, (_, i) => ({ memberType: 'user' as const, memberId: `u-x-${String(i).padStart(4, '0')}` }));
      await stores.addMembers(tenant, gid('ug-large'), [...members, { memberType: 'user', memberId: 'u-2' }], t0);
      expect(await stores.listGroupDeviceIds(tenant, gid('ug-large'), { limit: 10 })).toEqual(['d-2']);
      expect(await stores.listGroupDeviceIds(tenant, gid('ug-large'), { limit: 10, after: did('d-2') })).toEqual([]);
    });

    it('loads the subjects of 500 devices in a handful of queries', async () => {
      const queries: string[] = [];
      const t = await openTestDatabase(dialect, { onQuery: (event) => queries.push(event.query.sql) });
      try {
        const set = createStores(t.database, { digests: nodeDigests, ids: sequentialIds() });
        const tn = 'tenant-bulk' as TenantId;
        await set.stores.insertTenant({ id: tn, slug: 'bulk', name: 'Bulk', createdAt: t0 });
        await set.stores.insertGroup(makeGroup(tn, 'dg', { memberType: 'device' }));
        await set.stores.insertGroup(makeGroup(tn, 'ug', { memberType: 'user' }));
        await set.tx.transaction(async (st) => {
          for (let i = 0; i < 500; i++) {
            const n = String(i).padStart(3, '0');
            if (i % 2 === 0) await st.insertUser(makeUser(tn, `u-${n}`));
            await st.insertDevice(makeDevice(tn, `d-${n}`, i % 2 === 0 ? { primaryUserId: `u-${n}` as UserId } : {}));
          }
          await st.addMembers(tn, gid('dg'), Array.from({ length: 250 }, (_, i) => ({ memberType: 'device' as const, memberId: `d-${String(i).padStart(3, '0')}` })), t0);
          await st.addMembers(tn, gid('ug'), Array.from({ length: 100 }, (_, i) => ({ memberType: 'user' as const, memberId: `u-${String(i * 2).padStart(3, '0')}` })), t0);
        });
        const ids = Array.from({ length: 500 }, (_, i) => did(`d-${String(i).padStart(3, '0')}`));
        queries.length = 0;
        const subjects = await set.stores.getAssignmentSubjects(tn, ids);
        expect(subjects).toHaveLength(500);
        expect(queries.length).toBeLessThanOrEqual(4);
        const d0 = subjects.find((x) => x.device.id === 'd-000');
        expect([...(d0?.groupIds ?? [])].sort()).toEqual(['dg', 'ug']);
        expect(subjects.find((x) => x.device.id === 'd-499')?.groupIds.size).toBe(0);
      } finally {
        await t.dispose();
      }
    });
  });

  describe('device configuration state', () => {
    const tenant = 'tenant-config' as TenantId;
    const device = (i: number) => `cd-${String(i).padStart(4, '0')}`;

    it('stores 2,000 desired rows in bulk, then changes 10 without touching the rest', async () => {
      const { stores } = s.set;
      await seedTenantDevices(s.set, tenant, 'Config', 1000, device);
      const rows = Array.from({ length: 1000 }, (_, i) => [desired(tenant, device(i), 'p-1'), desired(tenant, device(i), 'p-2', { action: 'notApplicable', desiredHash: null, reason: 'platform', status: 'notApplicable' })]).flat();
      await stores.upsertDesiredStates(rows);
      const states = await stores.listDeviceProfileStates(tenant, [did(device(0)), did(device(999))]);
      expect(states).toHaveLength(4);
      expect(states.find((x) => x.deviceId === device(999) && x.profileId === 'p-2')).toEqual({
        ...desired(tenant, device(999), 'p-2', { action: 'notApplicable', desiredHash: null, reason: 'platform', status: 'notApplicable' }),
        reportedHash: null,
        reportedStatus: null,
        error: null,
        settings: [],
        reportedAt: null,
      });
      expect(await stores.countProfileStates(tenant, pid('p-1'))).toEqual({ ...Object.fromEntries(profileStatuses.map((x) => [x, 0])), pending: 1000 });

      // A device reports; recomputation then changes 10 rows' desired side only.
      expect(await stores.recordReportedStates([reported(tenant, device(3), 'p-1', { settings: [{ id: 'passcode.required', status: 'succeeded' }] })])).toBe(1);
      const conflicts = [{ settingId: 'passcode.minimumLength', profileIds: [pid('p-1'), pid('p-9')] }];
      const changed = Array.from({ length: 10 }, (_, i) => desired(tenant, device(i), 'p-1', { desiredHash: 'b'.repeat(64), conflicts, desiredAt: at(120_000), status: 'conflict' }));
      await stores.upsertDesiredStates(changed);
      const after = await stores.listDeviceProfileStates(tenant, Array.from({ length: 12 }, (_, i) => did(device(i))));
      const p1 = after.filter((x) => x.profileId === 'p-1');
      expect(p1.filter((x) => x.desiredHash === 'b'.repeat(64)).map((x) => x.deviceId)).toEqual(Array.from({ length: 10 }, (_, i) => device(i)));
      expect(p1.find((x) => x.deviceId === device(3))).toMatchObject({ status: 'conflict', conflicts, reportedStatus: 'succeeded', reportedHash: 'a'.repeat(64), settings: [{ id: 'passcode.required', status: 'succeeded' }], reportedAt: at(60_000) });
      expect(p1.find((x) => x.deviceId === device(11))).toMatchObject({ status: 'pending', desiredHash: 'a'.repeat(64), conflicts: [] });
      expect(await stores.countProfileStates(tenant, pid('p-1'))).toMatchObject({ pending: 990, conflict: 10 });
      expect(await stores.countProfileStates(s.other, pid('p-1'))).toMatchObject({ pending: 0, conflict: 0 });
    });

    it('keeps the last of duplicate rows in one call', async () => {
      const { stores } = s.set;
      await stores.upsertDesiredStates([desired(tenant, device(20), 'p-dupe', { reason: 'first' }), desired(tenant, device(20), 'p-dupe', { reason: 'second', action: 'notApplicable', status: 'notApplicable' })]);
      const rows = (await stores.listDeviceProfileStates(tenant, [did(device(20))])).filter((x) => x.profileId === 'p-dupe');
      expect(rows).toEqual([expect.objectContaining({ reason: 'second', status: 'notApplicable' })]);
      await stores.upsertDesiredStates([]);
      expect(await stores.recordReportedStates([])).toBe(0);
      expect(await stores.deleteDeviceProfileStates(tenant, [])).toBe(0);
    });

    it('refuses rows of a device that does not exist, writing none of the call', async () => {
      const { stores } = s.set;
      await expect(stores.upsertDesiredStates([desired(tenant, device(40), 'p-atomic'), desired(tenant, 'cd-nowhere', 'p-atomic')])).rejects.toThrow();
      await expect(stores.upsertDesiredStates([desired(s.other, device(40), 'p-atomic')])).rejects.toThrow();
      expect(await stores.countProfileStates(tenant, pid('p-atomic'))).toMatchObject({ pending: 0 });
    });

    it('records reports for existing rows only, leaving the desired side', async () => {
      const { stores } = s.set;
      const written = await stores.recordReportedStates([
        reported(tenant, device(5), 'p-2', { reportedStatus: 'notApplicable', status: 'notApplicable', reportedHash: null }),
        reported(tenant, device(6), 'p-1', { reportedStatus: 'failed', status: 'failed', error: 'gsettings: no session bus ✗', settings: [{ id: 'screenLock.timeoutSeconds', status: 'failed', error: 'denied' }] }),
        reported(tenant, device(7), 'p-unknown'),
        reported(s.other, device(6), 'p-1'),
      ]);
      expect(written).toBe(2);
      const [row] = (await stores.listDeviceProfileStates(tenant, [did(device(6))])).filter((x) => x.profileId === 'p-1');
      expect(row).toEqual({
        ...desired(tenant, device(6), 'p-1', { desiredHash: 'b'.repeat(64), conflicts: [{ settingId: 'passcode.minimumLength', profileIds: [pid('p-1'), pid('p-9')] }], desiredAt: at(120_000) }),
        status: 'failed',
        reportedHash: 'a'.repeat(64),
        reportedStatus: 'failed',
        error: 'gsettings: no session bus ✗',
        settings: [{ id: 'screenLock.timeoutSeconds', status: 'failed', error: 'denied' }],
        reportedAt: at(60_000),
      });
      expect((await stores.listDeviceProfileStates(tenant, [did(device(7))])).map((x) => x.profileId)).toEqual(['p-1', 'p-2']);
      // A report of "no time" and no hash clears those fields.
      expect(await stores.recordReportedStates([reported(tenant, device(6), 'p-1', { reportedHash: null, reportedAt: null, reportedStatus: null, status: 'pending' })])).toBe(1);
      expect((await stores.listDeviceProfileStates(tenant, [did(device(6))])).find((x) => x.profileId === 'p-1')).toMatchObject({ reportedHash: null, reportedAt: null, reportedStatus: null, status: 'pending' });
    });

    it('counts by status for one profile and for all, and per setting with conflicts', async () => {
      const { stores } = s.set;
      const all = await stores.countAllProfileStates(tenant);
      expect(all.get(pid('p-1'))).toEqual(await stores.countProfileStates(tenant, pid('p-1')));
      expect(all.get(pid('p-2'))).toMatchObject({ notApplicable: 1000, pending: 0 });
      expect(all.get(pid('p-dupe'))).toMatchObject({ notApplicable: 1 });
      expect(Object.keys(all.get(pid('p-1')) ?? {}).sort()).toEqual([...profileStatuses].sort());
      expect((await stores.countAllProfileStates(s.other)).size).toBe(0);

      await stores.recordReportedStates([
        reported(tenant, device(30), 'p-1', { settings: [{ id: 'passcode.required', status: 'succeeded' }, { id: 'screenLock.timeoutSeconds', status: 'failed', error: 'x' }] }),
        reported(tenant, device(31), 'p-1', { settings: [{ id: 'passcode.required', status: 'succeeded' }, { id: 'screenLock.timeoutSeconds', status: 'notApplicable' }] }),
      ]);
      const settings = await stores.countSettingStates(tenant, pid('p-1'));
      expect(settings).toEqual([
        { settingId: 'passcode.minimumLength', status: 'conflict', count: 10 },
        { settingId: 'passcode.required', status: 'succeeded', count: 3 },
        { settingId: 'screenLock.timeoutSeconds', status: 'failed', count: 1 },
        { settingId: 'screenLock.timeoutSeconds', status: 'notApplicable', count: 1 },
      ]);
      expect(await stores.countSettingStates(tenant, pid('p-nothing'))).toEqual([]);
      expect(await stores.countSettingStates(s.other, pid('p-1'))).toEqual([]);
    });

    it('pages a profile rows by device, with a status filter, and its device ids', async () => {
      const { stores } = s.set;
      const pages: number[] = [];
      const every = await walk(async (cursor) => {
        const p = await stores.listProfileStates(tenant, pid('p-1'), {}, { limit: 333, ...(cursor ? { cursor } : {}) });
        pages.push(p.items.length);
        return p;
      });
      expect(every.map((x) => x.deviceId)).toEqual(Array.from({ length: 1000 }, (_, i) => device(i)));
      expect(pages).toEqual([333, 333, 333, 1]);
      const conflicted = await walk((cursor) => stores.listProfileStates(tenant, pid('p-1'), { status: 'conflict' }, { limit: 3, ...(cursor ? { cursor } : {}) }));
      expect(conflicted.map((x) => x.deviceId)).toEqual(['cd-0000', 'cd-0001', 'cd-0002', 'cd-0003', 'cd-0004', 'cd-0005', 'cd-0007', 'cd-0008', 'cd-0009']);
      expect((await stores.listProfileStates(s.other, pid('p-1'), {}, { limit: 10 })).items).toEqual([]);
      await expect(stores.listProfileStates(tenant, pid('p-1'), {}, { limit: 10, cursor: 'nope' })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });

      const ids: string[] = [];
      let afterId: DeviceId | undefined;
      for (;;) {
        const part = await stores.listDeviceIdsWithProfileState(tenant, pid('p-1'), { limit: 400, ...(afterId ? { after: afterId } : {}) });
        ids.push(...part);
        if (part.length < 400) break;
        afterId = part[part.length - 1];
      }
      expect(ids).toEqual(Array.from({ length: 1000 }, (_, i) => device(i)));
      expect(await stores.listDeviceIdsWithProfileState(s.other, pid('p-1'), { limit: 10 })).toEqual([]);
    });

    it('deletes rows by key in bulk, and with their device', async () => {
      const { stores } = s.set;
      const keys = Array.from({ length: 600 }, (_, i) => ({ deviceId: did(device(i)), profileId: pid('p-2') }));
      expect(await stores.deleteDeviceProfileStates(s.other, keys)).toBe(0);
      expect(await stores.deleteDeviceProfileStates(tenant, [...keys, { deviceId: did('cd-missing'), profileId: pid('p-2') }, keys[0]!])).toBe(600);
      expect(await stores.countProfileStates(tenant, pid('p-2'))).toMatchObject({ notApplicable: 400 });
      await stores.deleteDevice(tenant, did(device(999)));
      expect(await stores.listDeviceProfileStates(tenant, [did(device(999))])).toEqual([]);
      expect(await stores.countProfileStates(tenant, pid('p-2'))).toMatchObject({ notApplicable: 399 });
    });

    it('stores 20,000 rows as a few multi-row statements', async () => {
      const queries: string[] = [];
      const t = await openTestDatabase(dialect, { onQuery: (event) => queries.push(event.query.sql) });
      try {
        const set = createStores(t.database, { digests: nodeDigests, ids: sequentialIds() });
        const tn = 'tenant-many' as TenantId;
        await set.stores.insertTenant({ id: tn, slug: 'many', name: 'Many', createdAt: t0 });
        // Devices in bulk, straight to the table: this test is about the state rows.
        const deviceRows = Array.from({ length: 2000 }, (_, i) => `dv-${String(i).padStart(5, '0')}`);
        await set.tx.transaction(async (st) => {
          for (const id of deviceRows) await st.insertDevice(makeDevice(tn, id));
        });
        const rows = deviceRows.flatMap((id) => Array.from({ length: 10 }, (_, p) => desired(tn, id, `pp-${p}`)));
        queries.length = 0;
        await set.stores.upsertDesiredStates(rows);
        const inserts = queries.filter((q) => /^insert/i.test(q));
        expect(inserts.length).toBeLessThanOrEqual(dialect === 'sqlite' ? 7 : 4);
        const counted = await sql<{ n: number }>`select count(*) as n from device_profile_states where tenant_id = ${tn}`.execute(t.database.db);
        expect(Number(counted.rows[0]?.n)).toBe(20_000);
      } finally {
        await t.dispose();
      }
    });
  });
});
