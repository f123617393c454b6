import { sql, type Insertable, type Selectable } from 'kysely';
import type {
  AppleChannel,
  AppleCommand,
  AppleCommandQueue,
  AppleCommandResult,
  AppleCommandResults,
  AppleCommandStatus,
  AppleErrorChainEntry,
  AppleRequestType,
  AppleResultStatus,
  DeviceId,
  TenantId,
} from '@ward/core';
import type { AppleCommandResultsTable, AppleCommandsTable } from '../database/schema.js';
import { afterPosition, checkLimit, cursorValue, readCursor, toPage, type KeysetSort } from './keyset.js';
import { chunks, type StoreContext } from './store-context.js';

/** Oldest first, as commands are handed out: creation time, then CommandUUID. */
function byCreation(a: AppleCommand, b: AppleCommand): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || (a.commandUuid < b.commandUuid ? -1 : a.commandUuid > b.commandUuid ? 1 : 0);
}

/**
 * {@link AppleCommandQueue} over `apple_commands`, which holds pending commands only. A command
 * is expired at `at` when `expires_at <= at`: from then on `nextAppleCommand` skips it and
 * `takeExpiredAppleCommands` takes it. A device sends one request at a time, and every use runs
 * in the request's transaction, so handing out needs no row locks beyond the transaction's.
 */
export function createAppleCommandQueue(ctx: StoreContext): AppleCommandQueue {
  const { db, codec, dialect } = ctx;
  const toCommand = (row: Selectable<AppleCommandsTable>): AppleCommand => ({
    tenantId: row.tenant_id as TenantId,
    deviceId: row.device_id as DeviceId,
    channel: row.channel as AppleChannel,
    commandUuid: row.command_uuid,
    requestType: row.request_type as AppleRequestType,
    payload: codec.readJson(row.payload) as Record<string, unknown>,
    status: row.status as AppleCommandStatus,
    origin: row.origin,
    createdAt: codec.readTime(row.created_at),
    sentAt: codec.readTimeOrNull(row.sent_at),
    expiresAt: codec.readTime(row.expires_at),
  });
  const toRow = (c: AppleCommand): Insertable<AppleCommandsTable> => ({
    tenant_id: c.tenantId,
    command_uuid: c.commandUuid,
    device_id: c.deviceId,
    channel: c.channel,
    request_type: c.requestType,
    status: c.status,
    origin: c.origin,
    created_at: codec.time(c.createdAt),
    sent_at: codec.timeOrNull(c.sentAt),
    expires_at: codec.time(c.expiresAt),
    payload: codec.json(c.payload),
  });

  return {
    async enqueueAppleCommands(commands) {
      // 11 parameters a row: 200 rows stay far below both databases' bound-parameter limits.
      for (const part of chunks(commands, 200)) await db.insertInto('apple_commands').values(part.map(toRow)).execute();
    },

    async getAppleCommand(tenantId, commandUuid) {
      const row = await db.selectFrom('apple_commands').selectAll().where('tenant_id', '=', tenantId).where('command_uuid', '=', commandUuid).executeTakeFirst();
      return row && toCommand(row);
    },

    async nextAppleCommand(tenantId, deviceId, channel, at, options) {
      let query = db
        .selectFrom('apple_commands')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('device_id', '=', deviceId)
        .where('channel', '=', channel)
        .where('expires_at', '>', codec.time(at))
        .where('status', 'in', options.includeNotNow ? ['queued', 'sent', 'notNow'] : ['queued', 'sent']);
      if (options.exceptUuid !== undefined) query = query.where('command_uuid', '<>', options.exceptUuid);
      const row = await query.orderBy('created_at').orderBy('command_uuid').limit(1).executeTakeFirst();
      return row && toCommand(row);
    },

    async setAppleCommandStatus(tenantId, commandUuid, status, sentAt) {
      const result = await db
        .updateTable('apple_commands')
        .set(sentAt === undefined ? { status } : { status, sent_at: codec.time(sentAt) })
        .where('tenant_id', '=', tenantId)
        .where('command_uuid', '=', commandUuid)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async setAppleCommandPayload(tenantId, commandUuid, payload) {
      const result = await db.updateTable('apple_commands').set({ payload: codec.json(payload) }).where('tenant_id', '=', tenantId).where('command_uuid', '=', commandUuid).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async deleteAppleCommand(tenantId, commandUuid) {
      const result = await db.deleteFrom('apple_commands').where('tenant_id', '=', tenantId).where('command_uuid', '=', commandUuid).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async listAppleCommands(tenantId, deviceId) {
      const rows = await db.selectFrom('apple_commands').selectAll().where('tenant_id', '=', tenantId).where('device_id', '=', deviceId).orderBy('created_at').orderBy('command_uuid').execute();
      return rows.map(toCommand);
    },

    async clearAppleCommands(tenantId, deviceId) {
      const rows = await db.deleteFrom('apple_commands').where('tenant_id', '=', tenantId).where('device_id', '=', deviceId).returningAll().execute();
      return rows.map(toCommand).sort(byCreation);
    },

    async takeExpiredAppleCommands(at, limit) {
      checkLimit(limit);
      let expired = db.selectFrom('apple_commands').select(['tenant_id', 'command_uuid']).where('expires_at', '<=', codec.time(at)).orderBy('expires_at').limit(limit);
      let rows: Selectable<AppleCommandsTable>[];
      if (dialect === 'postgres') {
        // Two expiry jobs on two nodes never take the same rows, nor wait for each other.
        expired = expired.forUpdate().skipLocked();
        rows = await db
          .with((cte) => cte('expired').materialized(), () => expired)
          .deleteFrom('apple_commands as c')
          .using('expired')
          .whereRef('c.tenant_id', '=', 'expired.tenant_id')
          .whereRef('c.command_uuid', '=', 'expired.command_uuid')
          .returningAll('c')
          .execute();
      } else {
        rows = await db.deleteFrom('apple_commands').where(sql`(tenant_id, command_uuid)`, 'in', expired).returningAll().execute();
      }
      return rows.map(toCommand).sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime() || byCreation(a, b));
    },
  };
}

const resultSort: KeysetSort = { name: 'completedAt', key: sql.ref('completed_at'), id: sql.ref('command_uuid'), type: 'time' };

/**
 * {@link AppleCommandResults} over `apple_command_results`. A result whose CommandUUID is there
 * already is dropped by `ON CONFLICT DO NOTHING`, which leaves a PostgreSQL transaction usable.
 */
export function createAppleCommandResults(ctx: StoreContext): AppleCommandResults {
  const { db, codec } = ctx;
  const toResult = (row: Selectable<AppleCommandResultsTable>): AppleCommandResult => ({
    tenantId: row.tenant_id as TenantId,
    deviceId: row.device_id as DeviceId,
    channel: row.channel as AppleChannel,
    commandUuid: row.command_uuid,
    requestType: row.request_type as AppleRequestType,
    origin: row.origin,
    status: row.status as AppleResultStatus,
    result: row.result === null ? null : (codec.readJson(row.result) as Record<string, unknown> | null),
    errorChain: row.error_chain === null ? null : (codec.readJson(row.error_chain) as AppleErrorChainEntry[] | null),
    createdAt: codec.readTime(row.created_at),
    completedAt: codec.readTime(row.completed_at),
  });
  const toRow = (r: AppleCommandResult): Insertable<AppleCommandResultsTable> => ({
    tenant_id: r.tenantId,
    command_uuid: r.commandUuid,
    device_id: r.deviceId,
    channel: r.channel,
    request_type: r.requestType,
    origin: r.origin,
    status: r.status,
    created_at: codec.time(r.createdAt),
    completed_at: codec.time(r.completedAt),
    result: codec.jsonOrNull(r.result),
    error_chain: codec.jsonOrNull(r.errorChain),
  });

  return {
    async insertAppleCommandResults(results) {
      let added = 0;
      for (const part of chunks(results, 200)) {
        const inserted = await db
          .insertInto('apple_command_results')
          .values(part.map(toRow))
          .onConflict((oc) => oc.columns(['tenant_id', 'command_uuid']).doNothing())
          .executeTakeFirst();
        added += Number(inserted.numInsertedOrUpdatedRows ?? 0n);
      }
      return added;
    },

    async getAppleCommandResult(tenantId, commandUuid) {
      const row = await db.selectFrom('apple_command_results').selectAll().where('tenant_id', '=', tenantId).where('command_uuid', '=', commandUuid).executeTakeFirst();
      return row && toResult(row);
    },

    async listAppleCommandResults(tenantId, deviceId, page) {
      const limit = checkLimit(page.limit);
      const position = readCursor(page.cursor, resultSort, 'desc');
      let query = db.selectFrom('apple_command_results').selectAll().where('tenant_id', '=', tenantId).where('device_id', '=', deviceId);
      if (position !== undefined) query = query.where(afterPosition(resultSort, 'desc', position, codec));
      const rows = await query.orderBy('completed_at', 'desc').orderBy('command_uuid', 'desc').limit(limit + 1).execute();
      return toPage(rows, limit, resultSort.name, 'desc', (row) => ({ value: cursorValue(resultSort, row.completed_at, codec), id: row.command_uuid }), toResult);
    },
  };
}
