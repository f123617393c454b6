import { sql, type Selectable } from 'kysely';
import type { GroupId, Page, TenantId, User, UserId, UserSort, UserStore } from '@ward/core';
import type { UsersTable } from '../database/schema.js';
import { afterPosition, checkLimit, cursorValue, readCursor, toPage, type KeysetSort } from './keyset.js';
import { containsPattern } from './like-pattern.js';
import { chunks, unlessUniqueViolation, type StoreContext } from './store-context.js';
import { dropMemberships } from './drop-memberships.js';
import { groupsAreSmall } from './groups-are-small.js';

const userSortKeys: Record<UserSort, { readonly column: 'email' | 'display_name_key' | 'created_at'; readonly type: 'text' | 'time' }> = {
  email: { column: 'email', type: 'text' },
  displayName: { column: 'display_name_key', type: 'text' },
  createdAt: { column: 'created_at', type: 'time' },
};

/** {@link UserStore} over `users`; display names sort and match case-insensitively. */
export function createUserStore(ctx: StoreContext): UserStore {
  const { db, codec } = ctx;

  const toUser = (row: Selectable<UsersTable>): User => ({
    id: row.id as UserId,
    tenantId: row.tenant_id as TenantId,
    email: row.email,
    displayName: row.display_name,
    givenName: row.given_name,
    surname: row.surname,
    department: row.department,
    jobTitle: row.job_title,
    employeeId: row.employee_id,
    attributes: codec.readJson(row.attributes) as Record<string, string>,
    disabled: codec.readBool(row.disabled),
    createdAt: codec.readTime(row.created_at),
    updatedAt: codec.readTime(row.updated_at),
  });

  const columns = (user: User) => ({
    email: user.email,
    display_name: user.displayName,
    display_name_key: user.displayName.toLowerCase(),
    given_name: user.givenName,
    surname: user.surname,
    department: user.department,
    job_title: user.jobTitle,
    employee_id: user.employeeId,
    attributes: codec.json(user.attributes),
    disabled: codec.bool(user.disabled),
    created_at: codec.time(user.createdAt),
    updated_at: codec.time(user.updatedAt),
  });

  /**
   * Membership of any of the groups: a probe per user for large groups, the member list (walked
   * by primary key) for small ones; see `groupsAreSmall`.
   */
  const memberOf = async (tenantId: TenantId, groupIds: readonly GroupId[]) =>
    (await groupsAreSmall(ctx, tenantId, groupIds)) !== undefined
      ? sql<boolean>`u.id in (select gm.member_id from group_members gm where gm.tenant_id = ${tenantId} and gm.group_id in (${sql.join(groupIds)}) and gm.member_type = 'user')`
      : sql<boolean>`exists (select 1 from group_members gm where gm.tenant_id = u.tenant_id and gm.group_id in (${sql.join(groupIds)}) and gm.member_type = 'user' and gm.member_id = u.id)`;

  return {
    async getUser(tenantId, id) {
      const row = await db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return row && toUser(row);
    },

    async getUserByEmail(tenantId, email) {
      const row = await db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId).where('email', '=', email).executeTakeFirst();
      return row && toUser(row);
    },

    async getUsers(tenantId, ids) {
      const users: User[] = [];
      for (const part of chunks([...new Set(ids)])) {
        const rows = await db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', part).execute();
        users.push(...rows.map(toUser));
      }
      return users;
    },

    async insertUser(user) {
      const result = await db
        .insertInto('users')
        .values({ tenant_id: user.tenantId, id: user.id, ...columns(user) })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    async updateUser(user) {
      return unlessUniqueViolation(ctx, async () => {
        await db.updateTable('users').set(columns(user)).where('tenant_id', '=', user.tenantId).where('id', '=', user.id).execute();
      });
    },

    async deleteUser(tenantId, id) {
      await ctx.atomically(async (t) => {
        await dropMemberships(t, tenantId, 'user', id);
        await t.db.deleteFrom('role_assignments').where('tenant_id', '=', tenantId).where('user_id', '=', id).execute();
        await t.db.deleteFrom('credentials').where('tenant_id', '=', tenantId).where('user_id', '=', id).execute();
        await t.db.deleteFrom('access_tokens').where('tenant_id', '=', tenantId).where('user_id', '=', id).execute();
        await t.db.deleteFrom('users').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
      });
    },

    async listUsers(tenantId, filter, page): Promise<Page<User>> {
      const limit = checkLimit(page.limit);
      const { column, type } = userSortKeys[page.sort];
      const sort: KeysetSort = { name: page.sort, key: sql.ref(`u.${column}`), id: sql.ref('u.id'), type };
      const position = readCursor(page.cursor, sort, page.order);
      if (filter.withinGroups?.length === 0) return { items: [], nextCursor: null };
      let query = db.selectFrom('users as u').selectAll('u').where('u.tenant_id', '=', tenantId);
      // The keyset bound first: SQLite takes the first bound on the sort key for its index range.
      if (position !== undefined) query = query.where(afterPosition(sort, page.order, position, codec));
      if (filter.q !== undefined && filter.q !== '') {
        const pattern = containsPattern(filter.q);
        query = query.where(sql<boolean>`(u.email like ${pattern} escape '\\' or u.display_name_key like ${pattern} escape '\\')`);
      }
      if (filter.department !== undefined) query = query.where('u.department', '=', filter.department);
      if (filter.disabled !== undefined) query = query.where('u.disabled', '=', codec.bool(filter.disabled));
      if (filter.groupId !== undefined) query = query.where(await memberOf(tenantId, [filter.groupId]));
      if (filter.withinGroups !== undefined) query = query.where(await memberOf(tenantId, filter.withinGroups));
      const rows = await query.orderBy(sort.key, page.order).orderBy(sort.id, page.order).limit(limit + 1).execute();
      return toPage(rows, limit, page.sort, page.order, (row) => ({ value: cursorValue(sort, row[column], codec), id: row.id }), toUser);
    },

    async isUserWithinGroups(tenantId, id, groupIds) {
      if (groupIds.length === 0) return false;
      const row = await db
        .selectFrom('group_members')
        .select('group_id')
        .where('tenant_id', '=', tenantId)
        .where('group_id', 'in', groupIds)
        .where('member_type', '=', 'user')
        .where('member_id', '=', id)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
