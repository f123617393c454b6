import { sql, type Selectable } from 'kysely';
import type { Group, GroupId, GroupMember, GroupMemberType, GroupMembershipType, GroupSort, GroupStore, MemberRef, Page, TenantId } from '@ward/core';
import type { GroupsTable } from '../database/schema.js';
import { afterPosition, checkLimit, cursorValue, readCursor, toPage, type KeysetSort } from './keyset.js';
import { containsPattern } from './like-pattern.js';
import { chunks, unlessUniqueViolation, type StoreContext } from './store-context.js';

const groupSortKeys: Record<GroupSort, { readonly column: 'name_key' | 'created_at'; readonly type: 'text' | 'time' }> = {
  name: { column: 'name_key', type: 'text' },
  createdAt: { column: 'created_at', type: 'time' },
};

/** Members are listed in primary-key order; a group's members all share one type. */
const memberSort: KeysetSort = { name: 'memberId', key: sql.ref('gm.member_type'), id: sql.ref('gm.member_id'), type: 'text' };

/**
 * {@link GroupStore} over `groups` and `group_members`. Names are unique case-insensitively
 * through the lower-cased `name_key`; `member_count` is kept by the member writes in the same
 * statement order, so it is exact without counting.
 */
export function createGroupStore(ctx: StoreContext): GroupStore {
  const { db, codec } = ctx;

  const toGroup = (row: Selectable<GroupsTable>): Group => ({
    id: row.id as GroupId,
    tenantId: row.tenant_id as TenantId,
    name: row.name,
    description: row.description,
    membershipType: row.membership_type as GroupMembershipType,
    memberType: row.member_type as GroupMemberType,
    rule: row.rule,
    memberCount: row.member_count,
    createdAt: codec.readTime(row.created_at),
    updatedAt: codec.readTime(row.updated_at),
  });

  const columns = (group: Group) => ({
    name: group.name,
    name_key: group.name.toLowerCase(),
    description: group.description,
    membership_type: group.membershipType,
    member_type: group.memberType,
    rule: group.rule,
    created_at: codec.time(group.createdAt),
    updated_at: codec.time(group.updatedAt),
  });

  return {
    async getGroup(tenantId, id) {
      const row = await db.selectFrom('groups').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return row && toGroup(row);
    },

    async getGroupByName(tenantId, name) {
      const row = await db.selectFrom('groups').selectAll().where('tenant_id', '=', tenantId).where('name_key', '=', name.toLowerCase()).executeTakeFirst();
      return row && toGroup(row);
    },

    async getGroups(tenantId, ids) {
      const groups: Group[] = [];
      for (const part of chunks([...new Set(ids)])) {
        const rows = await db.selectFrom('groups').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', part).execute();
        groups.push(...rows.map(toGroup));
      }
      return groups;
    },

    async insertGroup(group) {
      // A new group has no members yet, whatever memberCount says: the count follows the rows.
      const result = await db
        .insertInto('groups')
        .values({ tenant_id: group.tenantId, id: group.id, ...columns(group), member_count: 0 })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    async updateGroup(group) {
      return unlessUniqueViolation(ctx, async () => {
        await db.updateTable('groups').set(columns(group)).where('tenant_id', '=', group.tenantId).where('id', '=', group.id).execute();
      });
    },

    async deleteGroup(tenantId, id) {
      await ctx.atomically(async (t) => {
        await t.db.deleteFrom('group_members').where('tenant_id', '=', tenantId).where('group_id', '=', id).execute();
        await t.db.deleteFrom('groups').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
      });
    },

    async listGroups(tenantId, filter, page): Promise<Page<Group>> {
      const limit = checkLimit(page.limit);
      const { column, type } = groupSortKeys[page.sort];
      const sort: KeysetSort = { name: page.sort, key: sql.ref(`g.${column}`), id: sql.ref('g.id'), type };
      const position = readCursor(page.cursor, sort, page.order);
      let query = db.selectFrom('groups as g').selectAll('g').where('g.tenant_id', '=', tenantId);
      if (filter.q !== undefined && filter.q !== '') query = query.where(sql<boolean>`g.name_key like ${containsPattern(filter.q)} escape '\\'`);
      if (filter.membershipType !== undefined) query = query.where('g.membership_type', '=', filter.membershipType);
      if (filter.memberType !== undefined) query = query.where('g.member_type', '=', filter.memberType);
      if (position !== undefined) query = query.where(afterPosition(sort, page.order, position, codec));
      const rows = await query.orderBy(sort.key, page.order).orderBy(sort.id, page.order).limit(limit + 1).execute();
      return toPage(rows, limit, page.sort, page.order, (row) => ({ value: cursorValue(sort, row[column], codec), id: row.id }), toGroup);
    },

    async listDynamicGroups(tenantId, memberType) {
      const rows = await db
        .selectFrom('groups')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('member_type', '=', memberType)
        .where('membership_type', '=', 'dynamic')
        .orderBy('name_key')
        .execute();
      return rows.map(toGroup);
    },

    async addMembers(tenantId, groupId, members, at) {
      return ctx.atomically(async (t) => {
        let added = 0;
        for (const part of chunks(uniqueMembers(members))) {
          const result = await t.db
            .insertInto('group_members')
            .values(part.map((m) => ({ tenant_id: tenantId, group_id: groupId, member_type: m.memberType, member_id: m.memberId, added_at: codec.time(at) })))
            .onConflict((oc) => oc.doNothing())
            .executeTakeFirst();
          added += Number(result.numInsertedOrUpdatedRows ?? 0);
        }
        await adjustMemberCount(t, tenantId, groupId, added);
        return added;
      });
    },

    async removeMembers(tenantId, groupId, members) {
      return ctx.atomically(async (t) => {
        let removed = 0;
        for (const memberType of ['user', 'device'] as const) {
          const ids = uniqueMembers(members).filter((m) => m.memberType === memberType).map((m) => m.memberId);
          for (const part of chunks(ids)) {
            const result = await t.db
              .deleteFrom('group_members')
              .where('tenant_id', '=', tenantId)
              .where('group_id', '=', groupId)
              .where('member_type', '=', memberType)
              .where('member_id', 'in', part)
              .executeTakeFirst();
            removed += Number(result.numDeletedRows);
          }
        }
        await adjustMemberCount(t, tenantId, groupId, -removed);
        return removed;
      });
    },

    async clearMembers(tenantId, groupId) {
      await ctx.atomically(async (t) => {
        await t.db.deleteFrom('group_members').where('tenant_id', '=', tenantId).where('group_id', '=', groupId).execute();
        await t.db.updateTable('groups').set({ member_count: 0 }).where('tenant_id', '=', tenantId).where('id', '=', groupId).execute();
      });
    },

    async listMembers(tenantId, groupId, page): Promise<Page<GroupMember>> {
      const limit = checkLimit(page.limit);
      const position = readCursor(page.cursor, memberSort, 'asc');
      let query = db
        .selectFrom('group_members as gm')
        .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'gm.tenant_id').on('gm.member_type', '=', 'user').onRef('u.id', '=', 'gm.member_id'))
        .leftJoin('devices as d', (j) => j.onRef('d.tenant_id', '=', 'gm.tenant_id').on('gm.member_type', '=', 'device').onRef('d.id', '=', 'gm.member_id'))
        .select(['gm.group_id', 'gm.member_type', 'gm.member_id', 'gm.added_at', 'u.email', 'd.name'])
        .where('gm.tenant_id', '=', tenantId)
        .where('gm.group_id', '=', groupId);
      if (position !== undefined) query = query.where(afterPosition(memberSort, 'asc', position, codec));
      const rows = await query.orderBy('gm.member_type').orderBy('gm.member_id').limit(limit + 1).execute();
      return toPage(
        rows,
        limit,
        memberSort.name,
        'asc',
        (row) => ({ value: row.member_type, id: row.member_id }),
        (row): GroupMember => ({
          groupId: row.group_id as GroupId,
          memberType: row.member_type as GroupMemberType,
          memberId: row.member_id,
          // A member whose user or device is gone still shows, by id, until it is removed.
          label: row.email ?? row.name ?? row.member_id,
          addedAt: codec.readTime(row.added_at),
        }),
      );
    },

    async groupsOfMember(tenantId, member) {
      const rows = await db
        .selectFrom('group_members')
        .select('group_id')
        .where('tenant_id', '=', tenantId)
        .where('member_type', '=', member.memberType)
        .where('member_id', '=', member.memberId)
        .orderBy('group_id')
        .execute();
      return rows.map((r) => r.group_id as GroupId);
    },
  };
}

/** Moves a group's member count by the rows just added or removed. */
async function adjustMemberCount(ctx: StoreContext, tenantId: TenantId, groupId: GroupId, delta: number): Promise<void> {
  if (delta === 0) return;
  await ctx.db
    .updateTable('groups')
    .set((eb) => ({ member_count: eb('member_count', '+', delta) }))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', groupId)
    .execute();
}

function uniqueMembers(members: readonly MemberRef[]): MemberRef[] {
  const seen = new Map<string, MemberRef>();
  for (const m of members) seen.set(`${m.memberType}\u0000${m.memberId}`, m);
  return [...seen.values()];
}
