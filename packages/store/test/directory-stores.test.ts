import { describe, expect, it } from 'vitest';
import { WardError, type AccessToken, type ApiTokenId, type Credentials, type GroupId, type RoleAssignment, type RoleAssignmentId, type TenantId, type UserId } from '@ward/core';
import { touchGranularityMs } from '../src/index.js';
import { at, byteCompare, makeDevice, makeGroup, makeTenant, makeUser, t0 } from './support/fixtures.js';
import { useStoreSuite } from './support/store-suite.js';
import { walk } from './support/walk.js';
import { testDialects } from './support/test-database.js';

const uid = (s: string) => s as UserId;
const gid = (s: string) => s as GroupId;

describe.each(testDialects)('directory stores on %s', (dialect) => {
  const s = useStoreSuite(dialect);

  describe('tenants', () => {
    it('reads tenants by id and slug, and lists them by slug', async () => {
      const { stores } = s.set;
      expect(await stores.getTenant(s.tenant)).toEqual(makeTenant('tenant-a'));
      expect(await stores.getTenantBySlug('tenant-b')).toEqual(makeTenant('tenant-b'));
      expect(await stores.getTenant('nope' as TenantId)).toBeUndefined();
      expect(await stores.getTenantBySlug('nope')).toBeUndefined();
      expect((await stores.listTenants()).map((x) => x.slug)).toEqual(['tenant-a', 'tenant-b']);
    });

    it('refuses a taken slug with false', async () => {
      expect(await s.set.stores.insertTenant({ ...makeTenant('tenant-c'), slug: 'tenant-a' })).toBe(false);
      expect(await s.set.stores.getTenant('tenant-c' as TenantId)).toBeUndefined();
    });
  });

  describe('users', () => {
    it('round-trips every field, nulls, booleans, JSON and timestamps exactly', async () => {
      const { stores } = s.set;
      const user = makeUser(s.tenant, 'u-round', {
        givenName: 'Ada',
        surname: 'Lovelace',
        department: 'Engineering',
        jobTitle: 'Analyst',
        employeeId: 'E-1',
        attributes: { costCenter: '42', 'weird key': 'ü ☃ "quoted"' },
        disabled: true,
        createdAt: new Date('2023-01-02T03:04:05.678Z'),
        updatedAt: new Date('2023-06-07T08:09:10.011Z'),
      });
      expect(await stores.insertUser(user)).toBe(true);
      expect(await stores.getUser(s.tenant, user.id)).toEqual(user);
      expect(await stores.getUserByEmail(s.tenant, user.email)).toEqual(user);
      expect(await stores.getUser(s.other, user.id)).toBeUndefined();
    });

    it('refuses a taken e-mail on insert and update with false, within the tenant only', async () => {
      const { stores } = s.set;
      await stores.insertUser(makeUser(s.tenant, 'u-mail-1', { email: 'same@example.com' }));
      expect(await stores.insertUser(makeUser(s.tenant, 'u-mail-2', { email: 'same@example.com' }))).toBe(false);
      expect(await stores.getUser(s.tenant, uid('u-mail-2'))).toBeUndefined();
      expect(await stores.insertUser(makeUser(s.other, 'u-mail-2', { email: 'same@example.com' }))).toBe(true);
      await stores.insertUser(makeUser(s.tenant, 'u-mail-3'));
      expect(await stores.updateUser(makeUser(s.tenant, 'u-mail-3', { email: 'same@example.com' }))).toBe(false);
      expect((await stores.getUser(s.tenant, uid('u-mail-3')))?.email).toBe('u-mail-3@example.com');
      const renamed = makeUser(s.tenant, 'u-mail-3', { email: 'new@example.com', displayName: 'Renamed', updatedAt: at(5) });
      expect(await stores.updateUser(renamed)).toBe(true);
      expect(await stores.getUser(s.tenant, uid('u-mail-3'))).toEqual(renamed);
    });

    it('gets many users at once, ignoring unknown ids and other tenants', async () => {
      const { stores } = s.set;
      for (const id of ['gm-1', 'gm-2']) await stores.insertUser(makeUser(s.tenant, id));
      const found = await stores.getUsers(s.tenant, [uid('gm-1'), uid('gm-2'), uid('gm-missing'), uid('gm-1')]);
      expect(found.map((u) => u.id).sort()).toEqual(['gm-1', 'gm-2']);
      expect(await stores.getUsers(s.tenant, [])).toEqual([]);
      expect(await stores.getUsers(s.other, [uid('gm-1')])).toEqual([]);
    });

    it('deletes a user with memberships, role assignments, credentials and tokens', async () => {
      const { stores } = s.set;
      const user = makeUser(s.tenant, 'u-del');
      await stores.insertUser(user);
      await stores.insertGroup(makeGroup(s.tenant, 'g-del', { memberType: 'user' }));
      await stores.addMembers(s.tenant, gid('g-del'), [{ memberType: 'user', memberId: user.id }], t0);
      await stores.insertRoleAssignment({ id: 'ra-del' as RoleAssignmentId, tenantId: s.tenant, userId: user.id, role: 'globalAdmin', scopeGroupIds: null, createdAt: t0 });
      await stores.putCredentials(credentials(user.id));
      await stores.insertAccessToken(token('tok-del', user.id));
      await stores.deleteUser(s.tenant, user.id);
      expect(await stores.getUser(s.tenant, user.id)).toBeUndefined();
      expect(await stores.groupsOfMember(s.tenant, { memberType: 'user', memberId: user.id })).toEqual([]);
      expect((await stores.getGroup(s.tenant, gid('g-del')))?.memberCount).toBe(0);
      expect(await stores.listRoleAssignments(s.tenant, user.id)).toEqual([]);
      expect(await stores.getCredentials(s.tenant, user.id)).toBeUndefined();
      expect(await stores.getAccessToken('tok-del' as ApiTokenId)).toBeUndefined();
    });

    describe('listUsers', () => {
      const tenant = 'tenant-list' as TenantId;
      const names = ['alice', 'Bob', 'carol', 'Dave', 'émile', 'frank_1', 'grace%', 'heidi', 'ivan', 'judy', 'Mallory', 'oscar'];
      it('seeds users', async () => {
        const { stores } = s.set;
        await stores.insertTenant(makeTenant(tenant));
        await stores.insertGroup(makeGroup(tenant, 'ug-1', { memberType: 'user' }));
        await stores.insertGroup(makeGroup(tenant, 'ug-2', { memberType: 'user' }));
        for (const [i, name] of names.entries()) {
          const id = `lu-${String(i).padStart(2, '0')}`;
          await stores.insertUser(makeUser(tenant, id, { email: `${name.toLowerCase()}@corp.example`, displayName: `${name} Example`, department: i % 3 === 0 ? 'Sales' : 'Ops', disabled: i % 4 === 0, createdAt: at((i * 7) % 5) }));
          if (i % 2 === 0) await stores.addMembers(tenant, gid('ug-1'), [{ memberType: 'user', memberId: id }], t0);
          if (i % 5 === 0) await stores.addMembers(tenant, gid('ug-2'), [{ memberType: 'user', memberId: id }], t0);
        }
      });

      for (const sort of ['email', 'displayName', 'createdAt'] as const) {
        for (const order of ['asc', 'desc'] as const) {
          it(`pages by ${sort} ${order} in (key, id) order with nothing lost or repeated`, async () => {
            const all = await walk((cursor) => s.set.stores.listUsers(tenant, {}, { limit: 5, sort, order, ...(cursor ? { cursor } : {}) }));
            const key = (u: (typeof all)[number]) => (sort === 'email' ? u.email : sort === 'displayName' ? u.displayName.toLowerCase() : String(u.createdAt.getTime()).padStart(20, '0'));
            const expected = [...all].sort((a, b) => byteCompare(key(a), key(b)) || byteCompare(a.id, b.id));
            if (order === 'desc') expected.reverse();
            expect(all.map((u) => u.id)).toEqual(expected.map((u) => u.id));
            expect(all).toHaveLength(names.length);
          });
        }
      }

      it('filters by q on e-mail or display name, case-insensitively, with % and _ literal', async () => {
        const list = async (q: string) => (await s.set.stores.listUsers(tenant, { q }, { limit: 50, sort: 'email', order: 'asc' })).items.map((u) => u.email);
        expect(await list('ALICE')).toEqual(['alice@corp.example']);
        expect(await list('bob ex')).toEqual(['bob@corp.example']);
        expect(await list('ÉMILE')).toEqual(['émile@corp.example']);
        expect(await list('%')).toEqual(['grace%@corp.example']);
        expect(await list('_')).toEqual(['frank_1@corp.example']);
        expect(await list('k_1')).toEqual(['frank_1@corp.example']);
        expect(await list('a_i')).toEqual([]);
        expect(await list('\\')).toEqual([]);
        expect(await list('nobody')).toEqual([]);
      });

      it('filters by department, disabled, group and scope together', async () => {
        const ids = async (filter: Parameters<typeof s.set.stores.listUsers>[1]) => (await s.set.stores.listUsers(tenant, filter, { limit: 50, sort: 'email', order: 'asc' })).items.map((u) => u.id).sort();
        expect(await ids({ department: 'Sales' })).toEqual(['lu-00', 'lu-03', 'lu-06', 'lu-09']);
        expect(await ids({ disabled: true })).toEqual(['lu-00', 'lu-04', 'lu-08']);
        expect(await ids({ disabled: false, department: 'Sales' })).toEqual(['lu-03', 'lu-06', 'lu-09']);
        expect(await ids({ groupId: gid('ug-2') })).toEqual(['lu-00', 'lu-05', 'lu-10']);
        expect(await ids({ withinGroups: [gid('ug-2')] })).toEqual(['lu-00', 'lu-05', 'lu-10']);
        expect(await ids({ withinGroups: [gid('ug-1'), gid('ug-2')] })).toEqual(['lu-00', 'lu-02', 'lu-04', 'lu-05', 'lu-06', 'lu-08', 'lu-10']);
        expect(await ids({ withinGroups: [] })).toEqual([]);
        expect(await ids({ groupId: gid('ug-1'), withinGroups: [gid('ug-2')] })).toEqual(['lu-00', 'lu-10']);
      });

      it('tells whether a user is within groups', async () => {
        const { stores } = s.set;
        expect(await stores.isUserWithinGroups(tenant, uid('lu-05'), [gid('ug-1'), gid('ug-2')])).toBe(true);
        expect(await stores.isUserWithinGroups(tenant, uid('lu-05'), [gid('ug-1')])).toBe(false);
        expect(await stores.isUserWithinGroups(tenant, uid('lu-05'), [])).toBe(false);
      });

      it('refuses an invalid cursor, and one made for another sort or order, with INVALID_CURSOR', async () => {
        const { stores } = s.set;
        const first = await stores.listUsers(tenant, {}, { limit: 2, sort: 'email', order: 'asc' });
        expect(first.nextCursor).not.toBeNull();
        const cursor = first.nextCursor ?? '';
        for (const page of [
          { limit: 2, sort: 'email', order: 'asc', cursor: 'garbage!' },
          { limit: 2, sort: 'email', order: 'desc', cursor },
          { limit: 2, sort: 'createdAt', order: 'asc', cursor },
        ] as const) {
          await expect(stores.listUsers(tenant, {}, page)).rejects.toSatisfy((e: unknown) => e instanceof WardError && e.code === 'INVALID_CURSOR');
        }
      });
    });
  });

  describe('groups', () => {
    it('round-trips a group and finds it by name case-insensitively', async () => {
      const { stores } = s.set;
      const group = makeGroup(s.tenant, 'g-round', { name: 'Sales Laptops', description: 'Every sales laptop', membershipType: 'dynamic', rule: 'device.platform == "macos"', createdAt: at(1), updatedAt: at(2) });
      expect(await stores.insertGroup(group)).toBe(true);
      expect(await stores.getGroup(s.tenant, group.id)).toEqual(group);
      expect(await stores.getGroupByName(s.tenant, 'sales LAPTOPS')).toEqual(group);
      expect(await stores.getGroupByName(s.other, 'sales laptops')).toBeUndefined();
      expect((await stores.getGroups(s.tenant, [group.id, gid('missing')])).map((g) => g.id)).toEqual([group.id]);
    });

    it('refuses a name taken in another case, on insert and update', async () => {
      const { stores } = s.set;
      await stores.insertGroup(makeGroup(s.tenant, 'g-name-1', { name: 'Kiosks' }));
      expect(await stores.insertGroup(makeGroup(s.tenant, 'g-name-2', { name: 'KIOSKS' }))).toBe(false);
      expect(await stores.getGroup(s.tenant, gid('g-name-2'))).toBeUndefined();
      await stores.insertGroup(makeGroup(s.tenant, 'g-name-3', { name: 'Other' }));
      expect(await stores.updateGroup(makeGroup(s.tenant, 'g-name-3', { name: 'kiosks' }))).toBe(false);
      expect(await stores.updateGroup(makeGroup(s.tenant, 'g-name-3', { name: 'OTHER renamed', description: 'changed', updatedAt: at(9) }))).toBe(true);
      expect((await stores.getGroup(s.tenant, gid('g-name-3')))?.description).toBe('changed');
      // The name may change case without conflicting with itself.
      expect(await stores.updateGroup(makeGroup(s.tenant, 'g-name-1', { name: 'kiosks' }))).toBe(true);
    });

    it('adds, counts, lists, removes and clears members', async () => {
      const { stores } = s.set;
      const g = gid('g-mem');
      await stores.insertGroup(makeGroup(s.tenant, g, { memberType: 'device' }));
      await stores.insertDevice(makeDevice(s.tenant, 'd-label', { name: 'Front desk iPad' }));
      const members = Array.from({ length: 7 }, (_, i) => ({ memberType: 'device' as const, memberId: `m-${i}` }));
      expect(await stores.addMembers(s.tenant, g, [...members, members[0]!], at(3))).toBe(7);
      expect(await stores.addMembers(s.tenant, g, [members[1]!, { memberType: 'device', memberId: 'd-label' }], at(4))).toBe(1);
      expect((await stores.getGroup(s.tenant, g))?.memberCount).toBe(8);
      const listed = await walk((cursor) => stores.listMembers(s.tenant, g, { limit: 3, ...(cursor ? { cursor } : {}) }));
      expect(listed.map((m) => m.memberId)).toEqual(['d-label', 'm-0', 'm-1', 'm-2', 'm-3', 'm-4', 'm-5', 'm-6']);
      expect(listed[0]).toEqual({ groupId: g, memberType: 'device', memberId: 'd-label', label: 'Front desk iPad', addedAt: at(4) });
      expect(listed[1]).toEqual({ groupId: g, memberType: 'device', memberId: 'm-0', label: 'm-0', addedAt: at(3) });
      expect(await stores.groupsOfMember(s.tenant, { memberType: 'device', memberId: 'm-3' })).toEqual([g]);
      expect(await stores.removeMembers(s.tenant, g, [members[2]!, members[3]!, { memberType: 'device', memberId: 'never' }])).toBe(2);
      expect((await stores.getGroup(s.tenant, g))?.memberCount).toBe(6);
      await stores.clearMembers(s.tenant, g);
      expect((await stores.getGroup(s.tenant, g))?.memberCount).toBe(0);
      expect((await stores.listMembers(s.tenant, g, { limit: 10 })).items).toEqual([]);
      await expect(stores.listMembers(s.tenant, g, { limit: 10, cursor: 'nope' })).rejects.toSatisfy((e: unknown) => e instanceof WardError && e.code === 'INVALID_CURSOR');
    });

    it('labels user members with their e-mail', async () => {
      const { stores } = s.set;
      await stores.insertUser(makeUser(s.tenant, 'u-label', { email: 'label@example.com' }));
      await stores.insertGroup(makeGroup(s.tenant, 'g-users', { memberType: 'user' }));
      await stores.addMembers(s.tenant, gid('g-users'), [{ memberType: 'user', memberId: 'u-label' }], t0);
      expect((await stores.listMembers(s.tenant, gid('g-users'), { limit: 5 })).items.map((m) => m.label)).toEqual(['label@example.com']);
    });

    it('deletes a group with its memberships', async () => {
      const { stores } = s.set;
      await stores.insertGroup(makeGroup(s.tenant, 'g-gone'));
      await stores.addMembers(s.tenant, gid('g-gone'), [{ memberType: 'device', memberId: 'x' }], t0);
      await stores.deleteGroup(s.tenant, gid('g-gone'));
      expect(await stores.getGroup(s.tenant, gid('g-gone'))).toBeUndefined();
      expect(await stores.groupsOfMember(s.tenant, { memberType: 'device', memberId: 'x' })).toEqual([]);
    });

    it('lists groups with filters, search and keyset pages', async () => {
      const { stores } = s.set;
      const tenant = 'tenant-groups' as TenantId;
      await stores.insertTenant(makeTenant(tenant));
      const names = ['Alpha', 'beta', 'Gamma_1', 'delta%', 'Epsilon', 'zeta', 'Eta'];
      for (const [i, name] of names.entries()) {
        await stores.insertGroup(makeGroup(tenant, `lg-${i}`, { name, membershipType: i % 2 === 0 ? 'static' : 'dynamic', memberType: i < 4 ? 'user' : 'device', rule: i % 2 === 0 ? null : 'x', createdAt: at(i % 3) }));
      }
      const byName = await walk((cursor) => stores.listGroups(tenant, {}, { limit: 2, sort: 'name', order: 'asc', ...(cursor ? { cursor } : {}) }));
      expect(byName.map((g) => g.name)).toEqual(['Alpha', 'beta', 'delta%', 'Epsilon', 'Eta', 'Gamma_1', 'zeta']);
      const byCreatedDesc = await walk((cursor) => stores.listGroups(tenant, {}, { limit: 3, sort: 'createdAt', order: 'desc', ...(cursor ? { cursor } : {}) }));
      expect(byCreatedDesc.map((g) => g.id)).toEqual(['lg-5', 'lg-2', 'lg-4', 'lg-1', 'lg-6', 'lg-3', 'lg-0']);
      const names2 = async (filter: Parameters<typeof stores.listGroups>[1]) => (await stores.listGroups(tenant, filter, { limit: 50, sort: 'name', order: 'asc' })).items.map((g) => g.name);
      expect(await names2({ q: 'ETA' })).toEqual(['beta', 'Eta', 'zeta']);
      expect(await names2({ q: '%' })).toEqual(['delta%']);
      expect(await names2({ q: '_' })).toEqual(['Gamma_1']);
      expect(await names2({ membershipType: 'dynamic', memberType: 'user' })).toEqual(['beta', 'delta%']);
      expect((await stores.listDynamicGroups(tenant, 'device')).map((g) => g.name)).toEqual(['zeta']);
    });
  });

  describe('role assignments', () => {
    it('stores scopes as lists or null, counts unscoped global admins once per user', async () => {
      const { stores } = s.set;
      const tenant = 'tenant-roles' as TenantId;
      await stores.insertTenant(makeTenant(tenant));
      for (const id of ['admin-1', 'admin-2', 'admin-3']) await stores.insertUser(makeUser(tenant, id));
      const ra = (id: string, userId: string, role: RoleAssignment['role'], scope: string[] | null, ms: number): RoleAssignment => ({
        id: id as RoleAssignmentId,
        tenantId: tenant,
        userId: uid(userId),
        role,
        scopeGroupIds: scope?.map(gid) ?? null,
        createdAt: at(ms),
      });
      const assignments = [ra('ra-1', 'admin-1', 'globalAdmin', null, 1), ra('ra-2', 'admin-1', 'globalAdmin', null, 2), ra('ra-3', 'admin-2', 'globalAdmin', ['g1'], 3), ra('ra-4', 'admin-3', 'helpDeskOperator', [], 4), ra('ra-5', 'admin-2', 'readOnlyAuditor', ['g1', 'g2'], 5)];
      for (const a of assignments) await stores.insertRoleAssignment(a);
      expect(await stores.listRoleAssignments(tenant, uid('admin-2'))).toEqual([assignments[2], assignments[4]]);
      expect((await stores.listAllRoleAssignments(tenant)).map((a) => a.id)).toEqual(['ra-1', 'ra-2', 'ra-3', 'ra-5', 'ra-4']);
      expect(await stores.countGlobalAdmins(tenant)).toBe(1);
      expect(await stores.deleteRoleAssignment(tenant, 'ra-1' as RoleAssignmentId)).toBe(true);
      expect(await stores.deleteRoleAssignment(tenant, 'ra-1' as RoleAssignmentId)).toBe(false);
      expect(await stores.countGlobalAdmins(tenant)).toBe(1);
      await stores.deleteRoleAssignment(tenant, 'ra-2' as RoleAssignmentId);
      expect(await stores.countGlobalAdmins(tenant)).toBe(0);
      expect(typeof (await stores.countGlobalAdmins(tenant))).toBe('number');
    });
  });

  describe('credentials', () => {
    it('creates and replaces credentials, round-tripping nulls, counts and dates', async () => {
      const { stores } = s.set;
      await stores.insertUser(makeUser(s.tenant, 'u-cred'));
      expect(await stores.getCredentials(s.tenant, uid('u-cred'))).toBeUndefined();
      const first = credentials(uid('u-cred'));
      await stores.putCredentials(first);
      expect(await stores.getCredentials(s.tenant, uid('u-cred'))).toEqual(first);
      const second: Credentials = { ...first, passwordHash: null, totpSecretSealed: 'sealed', totpState: 'enabled', totpLastStep: 57_000_000_123, failedAttempts: 3, lockedUntil: at(60_000), passwordChangedAt: at(1) };
      await stores.putCredentials(second);
      expect(await stores.getCredentials(s.tenant, uid('u-cred'))).toEqual(second);
      expect(await stores.getCredentials(s.other, uid('u-cred'))).toBeUndefined();
    });
  });

  describe('access tokens', () => {
    it('round-trips, revokes once, revokes sessions, coalesces touches and lists newest first', async () => {
      const { stores } = s.set;
      const user = uid('u-tok');
      await stores.insertUser(makeUser(s.tenant, user));
      const api = token('tok-api-1', user, { role: 'readOnlyAuditor', scopeGroupIds: [gid('g-a')], createdAt: at(1) });
      const api2 = token('tok-api-2', user, { createdAt: at(2) });
      const session = token('tok-ses-1', user, { kind: 'session', createdAt: at(3) });
      for (const tok of [api, api2, session]) await stores.insertAccessToken(tok);
      expect(await stores.getAccessToken(api.id)).toEqual(api);
      expect((await stores.listAccessTokens(s.tenant, 'api')).map((x) => x.id)).toEqual(['tok-api-2', 'tok-api-1']);
      expect((await stores.listAccessTokens(s.tenant, 'session')).map((x) => x.id)).toEqual(['tok-ses-1']);
      expect(await stores.listAccessTokens(s.other, 'api')).toEqual([]);

      expect(await stores.revokeAccessToken(s.other, api.id, at(10))).toBe(false);
      expect(await stores.revokeAccessToken(s.tenant, api.id, at(10))).toBe(true);
      expect(await stores.revokeAccessToken(s.tenant, api.id, at(20))).toBe(true);
      expect((await stores.getAccessToken(api.id))?.revokedAt).toEqual(at(10));
      expect(await stores.revokeAccessToken(s.tenant, 'missing' as ApiTokenId, at(10))).toBe(false);

      await stores.revokeSessionsOfUser(s.tenant, user, at(30));
      expect((await stores.getAccessToken(session.id))?.revokedAt).toEqual(at(30));
      expect((await stores.getAccessToken(api2.id))?.revokedAt).toBeNull();

      await stores.touchAccessToken(api2.id, at(100));
      expect((await stores.getAccessToken(api2.id))?.lastUsedAt).toEqual(at(100));
      await stores.touchAccessToken(api2.id, at(100 + touchGranularityMs - 1));
      expect((await stores.getAccessToken(api2.id))?.lastUsedAt).toEqual(at(100));
      await stores.touchAccessToken(api2.id, at(100 + touchGranularityMs));
      expect((await stores.getAccessToken(api2.id))?.lastUsedAt).toEqual(at(100 + touchGranularityMs));
    });
  });
});

function credentials(userId: UserId): Credentials {
  return { userId, tenantId: 'tenant-a' as TenantId, passwordHash: '$argon2id$v=19$m=65536,t=3,p=4$abc$def', totpSecretSealed: null, totpState: 'none', totpLastStep: null, failedAttempts: 0, lockedUntil: null, passwordChangedAt: t0 };
}

function token(id: string, userId: UserId, over: Partial<AccessToken> = {}): AccessToken {
  return { id: id as ApiTokenId, tenantId: 'tenant-a' as TenantId, kind: 'api', userId, name: `token ${id}`, secretHash: 'ab'.repeat(32), role: null, scopeGroupIds: null, expiresAt: at(86_400_000), revokedAt: null, lastUsedAt: null, createdAt: t0, ...over };
}
