import { sql } from 'kysely';
import type { AssignmentSubject, AssignmentTargetingStore, DeviceId, User } from '@ward/core';
import { createDeviceStore } from './device-store.js';
import { groupsAreSmall } from './groups-are-small.js';
import { checkLimit } from './keyset.js';
import { chunks, type StoreContext } from './store-context.js';
import { createUserStore } from './user-store.js';

/**
 * {@link AssignmentTargetingStore} over `devices`, `users` and `group_members`. Every read is a
 * fixed number of indexed queries per few hundred devices; device and user rows are read (and
 * decoded) by their own stores.
 */
export function createAssignmentTargetingStore(ctx: StoreContext): AssignmentTargetingStore {
  const { db } = ctx;
  const devices = createDeviceStore(ctx);
  const users = createUserStore(ctx);

  return {
    async getAssignmentSubjects(tenantId, deviceIds) {
      const found = (await devices.getDevices(tenantId, deviceIds)).filter((d) => d.managementState !== 'retired');
      if (found.length === 0) return [];
      const userIds = [...new Set(found.flatMap((d) => (d.primaryUserId === null ? [] : [d.primaryUserId])))];
      const usersById = new Map<string, User>((await users.getUsers(tenantId, userIds)).map((u) => [u.id, u]));

      // Memberships of both kinds, each over the (tenant, member type, member id) index.
      const groupsOf = new Map<string, Set<string>>();
      const members: { readonly type: 'device' | 'user'; readonly id: string }[] = [...found.map((d) => ({ type: 'device' as const, id: d.id })), ...userIds.map((id) => ({ type: 'user' as const, id }))];
      for (const memberType of ['device', 'user'] as const) {
        const ids = members.filter((m) => m.type === memberType).map((m) => m.id);
        for (const part of chunks(ids)) {
          const rows = await db
            .selectFrom('group_members')
            .select(['member_id', 'group_id'])
            .where('tenant_id', '=', tenantId)
            .where('member_type', '=', memberType)
            .where('member_id', 'in', part)
            .execute();
          for (const row of rows) {
            const key = `${memberType}:${row.member_id}`;
            let set = groupsOf.get(key);
            if (set === undefined) groupsOf.set(key, (set = new Set()));
            set.add(row.group_id);
          }
        }
      }

      return found.map((device): AssignmentSubject => {
        const user = device.primaryUserId === null ? null : (usersById.get(device.primaryUserId) ?? null);
        const groupIds = new Set(groupsOf.get(`device:${device.id}`));
        if (user !== null) for (const id of groupsOf.get(`user:${user.id}`) ?? []) groupIds.add(id);
        return { device, user, groupIds };
      });
    },

    async listGroupDeviceIds(tenantId, groupId, page) {
      const limit = checkLimit(page.limit);
      const group = await db.selectFrom('groups').select('member_type').where('tenant_id', '=', tenantId).where('id', '=', groupId).executeTakeFirst();
      if (group === undefined) return [];
      const after = page.after ?? '';
      if (group.member_type === 'device') {
        // A range of the membership primary key, in member id order.
        const rows = await db
          .selectFrom('group_members as gm')
          .innerJoin('devices as d', (j) => j.onRef('d.tenant_id', '=', 'gm.tenant_id').onRef('d.id', '=', 'gm.member_id'))
          .select('gm.member_id as id')
          .where('gm.tenant_id', '=', tenantId)
          .where('gm.group_id', '=', groupId)
          .where('gm.member_type', '=', 'device')
          .where('gm.member_id', '>', after)
          .where('d.management_state', '<>', 'retired')
          .orderBy('gm.member_id')
          .limit(limit)
          .execute();
        return rows.map((r) => r.id as DeviceId);
      }
      // A group of users reaches its members' devices. A small group: its members' devices,
      // sorted; a large one: a walk of the devices in id order, probing each primary user's
      // membership (most probes hit).
      const small = (await groupsAreSmall(ctx, tenantId, [groupId])) !== undefined;
      let query = db
        .selectFrom('devices as d')
        .select('d.id')
        .where('d.tenant_id', '=', tenantId)
        .where('d.id', '>', after)
        .where('d.management_state', '<>', 'retired')
        .where('d.primary_user_id', 'is not', null);
      query = small
        ? query.where(
            'd.primary_user_id',
            'in',
            db.selectFrom('group_members as gm').select('gm.member_id').where('gm.tenant_id', '=', tenantId).where('gm.group_id', '=', groupId).where('gm.member_type', '=', 'user'),
          )
        : query.where(sql<boolean>`exists (select 1 from group_members gm where gm.tenant_id = d.tenant_id and gm.group_id = ${groupId} and gm.member_type = 'user' and gm.member_id = d.primary_user_id)`);
      const rows = await query.orderBy('d.id').limit(limit).execute();
      return rows.map((r) => r.id as DeviceId);
    },

    async listTenantDeviceIds(tenantId, page) {
      const limit = checkLimit(page.limit);
      let query = db.selectFrom('devices').select('id').where('tenant_id', '=', tenantId).where('management_state', '<>', 'retired');
      if (page.after !== undefined) query = query.where('id', '>', page.after);
      if (page.withPrimaryUser === true) query = query.where('primary_user_id', 'is not', null);
      const rows = await query.orderBy('id').limit(limit).execute();
      return rows.map((r) => r.id as DeviceId);
    },
  };
}
