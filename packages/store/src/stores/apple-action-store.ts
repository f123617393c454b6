import type { Insertable, Selectable } from 'kysely';
import type { AppleAction, AppleActionStore, DeviceId, TenantId } from '@ward/core';
import type { AppleActionsTable } from '../database/schema.js';
import { chunks, type StoreContext } from './store-context.js';

/** {@link AppleActionStore} over `apple_actions`, which holds actions whose commands are pending. */
export function createAppleActionStore(ctx: StoreContext): AppleActionStore {
  const { db, codec } = ctx;
  const toAction = (row: Selectable<AppleActionsTable>): AppleAction => ({
    tenantId: row.tenant_id as TenantId,
    id: row.id,
    deviceId: row.device_id as DeviceId,
    type: row.type,
    commandUuids: codec.readJson(row.command_uuids) as string[],
    requestedBy: row.requested_by,
    createdAt: codec.readTime(row.created_at),
    expiresAt: codec.readTime(row.expires_at),
  });
  const toRow = (a: AppleAction): Insertable<AppleActionsTable> => ({
    tenant_id: a.tenantId,
    id: a.id,
    device_id: a.deviceId,
    type: a.type,
    command_uuids: codec.json(a.commandUuids),
    requested_by: a.requestedBy,
    created_at: codec.time(a.createdAt),
    expires_at: codec.time(a.expiresAt),
  });

  return {
    async insertAppleActions(actions) {
      // 8 parameters a row: 200 rows stay far below both databases' bound-parameter limits.
      for (const part of chunks(actions, 200)) await db.insertInto('apple_actions').values(part.map(toRow)).execute();
    },

    async getAppleAction(tenantId, id) {
      const row = await db.selectFrom('apple_actions').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return row && toAction(row);
    },

    async deleteAppleAction(tenantId, id) {
      const result = await db.deleteFrom('apple_actions').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async listAppleActions(tenantId, deviceId) {
      const rows = await db.selectFrom('apple_actions').selectAll().where('tenant_id', '=', tenantId).where('device_id', '=', deviceId).orderBy('created_at').orderBy('id').execute();
      return rows.map(toAction);
    },
  };
}
