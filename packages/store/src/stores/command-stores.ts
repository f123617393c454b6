import { sql, type Insertable, type Selectable } from 'kysely';
import type { ActionType, CommandHistory, CommandId, CommandQueue, CommandRecord, DeviceId, FinalCommandState, PendingCommand, TenantId } from '@ward/core';
import { prepareQuery } from '../database/prepared-query.js';
import type { CommandHistoryTable, DeviceCommandsTable, TimestampColumn } from '../database/schema.js';
import { afterPosition, checkLimit, cursorValue, readCursor, toPage, type KeysetSort } from './keyset.js';
import { chunks, type StoreContext } from './store-context.js';

/** What selects a device's due commands. */
interface DueParams {
  readonly tenantId: string;
  readonly deviceId: string;
  readonly at: TimestampColumn;
  readonly redeliverBefore: TimestampColumn;
}

/** Oldest first, as commands are handed out: creation time, then id. */
function byCreation(a: PendingCommand, b: PendingCommand): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * {@link CommandQueue} over `device_commands`, which holds pending commands only.
 *
 * A command is expired at `at` when `expires_at <= at`: from that instant `takeCommands` no
 * longer hands it out and `takeExpiredCommands` takes it, so it is always in exactly one of the two.
 * Both take rows in one statement (`takeCommands` after one indexed read finds the types due,
 * which most check-ins find none of); on PostgreSQL over a `FOR UPDATE SKIP LOCKED` selection, so
 * two check-ins of one device (or two expiry jobs) never take the same command and never wait for
 * each other; on SQLite the immediate transaction serialises them. Commands of the type the
 * check-in fulfils itself leave in one `DELETE … RETURNING` instead of being marked sent first.
 */
export function createCommandQueue(ctx: StoreContext): CommandQueue {
  const { db, codec, dialect } = ctx;
  const toCommand = (row: Selectable<DeviceCommandsTable>): PendingCommand => ({
    id: row.id as CommandId,
    tenantId: row.tenant_id as TenantId,
    deviceId: row.device_id as DeviceId,
    type: row.type as ActionType,
    payload: codec.readJson(row.payload) as Record<string, unknown>,
    signature: row.signature,
    status: row.status as PendingCommand['status'],
    deliveries: row.deliveries,
    requestedBy: row.requested_by,
    createdAt: codec.readTime(row.created_at),
    sentAt: codec.readTimeOrNull(row.sent_at),
    expiresAt: codec.readTime(row.expires_at),
  });

  const toRow = (command: PendingCommand): Insertable<DeviceCommandsTable> => ({
    tenant_id: command.tenantId,
    id: command.id,
    device_id: command.deviceId,
    type: command.type,
    signature: command.signature,
    status: command.status,
    deliveries: command.deliveries,
    requested_by: command.requestedBy,
    created_at: codec.time(command.createdAt),
    sent_at: codec.timeOrNull(command.sentAt),
    expires_at: codec.time(command.expiresAt),
    payload: codec.json(command.payload),
  });

  /** A device's commands that are due: queued, or sent before `redeliverBefore`; not expired at `at`. */
  const dueQuery = (p: DueParams) =>
    db
      .selectFrom('device_commands')
      .where('tenant_id', '=', p.tenantId)
      .where('device_id', '=', p.deviceId)
      .where('expires_at', '>', p.at)
      .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'sent'), eb('sent_at', '<', p.redeliverBefore)])]));
  // Every check-in runs these: compiled once (see prepareQuery). The types due decide which of
  // the two writes below a check-in needs, if any; a device has a handful of commands at most.
  // Every statement here must reach its rows through the device's index. SQLite, which keeps no
  // statistics unless told to, otherwise picks the report index (tenant_id, type, expires_at)
  // whenever the statement names the type or wants distinct types, and then reads every pending
  // command of the tenant: during a "sync all" that is each check-in reading all ten thousand
  // queued syncs (the query-plan test in command-stores.test.ts holds this). So no DISTINCT here
  // (the caller dedupes a handful of rows), and the fulfilled type is filtered outside the device's selection.
  const dueTypes = prepareQuery(db, ['tenantId', 'deviceId', 'at', 'redeliverBefore'], (p: DueParams) => dueQuery(p).select('type'));
  const pendingById = prepareQuery(db, ['tenantId', 'id'], (p: { tenantId: string; id: string }) => db.selectFrom('device_commands').selectAll().where('tenant_id', '=', p.tenantId).where('id', '=', p.id));
  // One statement marks the due commands sent and returns them; on PostgreSQL over a locked
  // selection that skips rows another check-in holds, materialised so that it runs exactly once
  // whatever plan the update gets.
  const takeDue = prepareQuery(db, ['tenantId', 'deviceId', 'at', 'redeliverBefore', 'limit'], (p: DueParams & { limit: number }) => {
    const dueCommands = dueQuery(p).select(['tenant_id', 'id']).orderBy('created_at').orderBy('id').limit(p.limit);
    const sent = { status: 'sent', sent_at: p.at };
    if (dialect === 'postgres') {
      return db
        .with((cte) => cte('due').materialized(), () => dueCommands.forUpdate().skipLocked())
        .updateTable('device_commands as c')
        .from('due')
        .set((eb) => ({ ...sent, deliveries: eb('c.deliveries', '+', 1) }))
        .whereRef('c.tenant_id', '=', 'due.tenant_id')
        .whereRef('c.id', '=', 'due.id')
        .returningAll('c');
    }
    return db
      .updateTable('device_commands')
      .set((eb) => ({ ...sent, deliveries: eb('deliveries', '+', 1) }))
      .where(sql`(tenant_id, id)`, 'in', dueCommands)
      .returningAll();
  });
  // Fulfilled commands leave the queue in one statement; PostgreSQL's row locks make a second
  // check-in of the device delete (and so fulfil) nothing twice. The type is tested on the rows the
  // device's selection found, not inside it (see dueTypes).
  const fulfilDue = prepareQuery(db, ['tenantId', 'deviceId', 'at', 'redeliverBefore', 'type'], (p: DueParams & { type: string }) =>
    db
      .deleteFrom('device_commands')
      .where(sql`(tenant_id, id)`, 'in', dueQuery(p).select(['tenant_id', 'id']))
      .where('type', '=', p.type)
      .returningAll(),
  );
  const deleteById = prepareQuery(db, ['tenantId', 'id'], (p: { tenantId: string; id: string }) => db.deleteFrom('device_commands').where('tenant_id', '=', p.tenantId).where('id', '=', p.id));

  return {
    async enqueueCommand(command) {
      await db.insertInto('device_commands').values(toRow(command)).execute();
    },

    async enqueueCommands(commands) {
      // 12 parameters a row: 200 rows stay far below both databases' bound-parameter limits.
      for (const part of chunks(commands, 200)) await db.insertInto('device_commands').values(part.map(toRow)).execute();
    },

    async takeCommands(tenantId, deviceId, at, redeliverBefore, limit, fulfilledType) {
      checkLimit(limit);
      const due = { tenantId, deviceId, at: codec.time(at), redeliverBefore: codec.time(redeliverBefore) };
      // Most check-ins find nothing due: one indexed read then, and no write statement at all.
      const types = [...new Set((await dueTypes.execute(db, due)).map((row) => row.type))];
      if (types.length === 0) return [];
      const rows = fulfilledType !== undefined && types.includes(fulfilledType) ? await fulfilDue.execute(db, { ...due, type: fulfilledType }) : [];
      if (types.some((type) => type !== fulfilledType)) rows.push(...(await takeDue.execute(db, { ...due, limit })));
      return rows.map(toCommand).sort(byCreation);
    },

    async getPendingCommand(tenantId, id) {
      const [row] = await pendingById.execute(db, { tenantId, id });
      return row && toCommand(row);
    },

    async deletePendingCommand(tenantId, id) {
      return (await deleteById.executeChange(db, { tenantId, id })) > 0;
    },

    async listPendingCommands(tenantId, deviceId) {
      const rows = await db.selectFrom('device_commands').selectAll().where('tenant_id', '=', tenantId).where('device_id', '=', deviceId).orderBy('created_at').orderBy('id').execute();
      return rows.map(toCommand);
    },

    async listPendingCommandsOfType(tenantId, type, deviceIds) {
      const found: PendingCommand[] = [];
      for (const part of chunks([...new Set(deviceIds)])) {
        const rows = await db.selectFrom('device_commands').selectAll().where('tenant_id', '=', tenantId).where('device_id', 'in', part).where('type', '=', type).execute();
        found.push(...rows.map(toCommand));
      }
      return found.sort(byCreation);
    },

    async takeExpiredCommands(at, limit) {
      checkLimit(limit);
      let expired = db.selectFrom('device_commands').select(['tenant_id', 'id']).where('expires_at', '<=', codec.time(at)).orderBy('expires_at').limit(limit);
      let rows: Selectable<DeviceCommandsTable>[];
      if (dialect === 'postgres') {
        expired = expired.forUpdate().skipLocked();
        rows = await db
          .with((cte) => cte('expired').materialized(), () => expired)
          .deleteFrom('device_commands as c')
          .using('expired')
          .whereRef('c.tenant_id', '=', 'expired.tenant_id')
          .whereRef('c.id', '=', 'expired.id')
          .returningAll('c')
          .execute();
      } else {
        rows = await db.deleteFrom('device_commands').where(sql`(tenant_id, id)`, 'in', expired).returningAll().execute();
      }
      return rows.map(toCommand).sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime() || byCreation(a, b));
    },

    async clearPendingCommands(tenantId, deviceId) {
      const rows = await db.deleteFrom('device_commands').where('tenant_id', '=', tenantId).where('device_id', '=', deviceId).returningAll().execute();
      return rows.map(toCommand).sort(byCreation);
    },
  };
}

const historySort: KeysetSort = { name: 'completedAt', key: sql.ref('completed_at'), id: sql.ref('id'), type: 'time' };

/**
 * {@link CommandHistory} over `command_history`. A record whose id exists already is dropped by
 * `ON CONFLICT DO NOTHING`, which (unlike a failed insert) leaves a PostgreSQL transaction usable.
 */
export function createCommandHistory(ctx: StoreContext): CommandHistory {
  const { db, codec } = ctx;
  const toRecord = (row: Selectable<CommandHistoryTable>): CommandRecord => ({
    id: row.id as CommandId,
    tenantId: row.tenant_id as TenantId,
    deviceId: row.device_id as DeviceId,
    type: row.type as ActionType,
    status: row.status as FinalCommandState,
    result: row.result === null ? null : (codec.readJson(row.result) as Record<string, unknown> | null),
    requestedBy: row.requested_by,
    createdAt: codec.readTime(row.created_at),
    completedAt: codec.readTime(row.completed_at),
  });

  // Every result a device reports is recorded: compiled once (see prepareQuery).
  const insertRecord = prepareQuery(db, ['tenant_id', 'id', 'device_id', 'type', 'status', 'requested_by', 'created_at', 'completed_at', 'result'], (row: Insertable<CommandHistoryTable>) =>
    db
      .insertInto('command_history')
      .values(row)
      .onConflict((oc) => oc.columns(['tenant_id', 'id']).doNothing()),
  );

  return {
    async insertCommandRecord(record) {
      const inserted = await insertRecord.executeChange(db, {
        tenant_id: record.tenantId,
        id: record.id,
        device_id: record.deviceId,
        type: record.type,
        status: record.status,
        requested_by: record.requestedBy,
        created_at: codec.time(record.createdAt),
        completed_at: codec.time(record.completedAt),
        result: codec.jsonOrNull(record.result),
      });
      return inserted === 1;
    },

    async getCommandRecord(tenantId, id) {
      const row = await db.selectFrom('command_history').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },

    async listCommandRecords(tenantId, deviceId, page) {
      const limit = checkLimit(page.limit);
      const position = readCursor(page.cursor, historySort, 'desc');
      let query = db.selectFrom('command_history').selectAll().where('tenant_id', '=', tenantId).where('device_id', '=', deviceId);
      if (position !== undefined) query = query.where(afterPosition(historySort, 'desc', position, codec));
      const rows = await query.orderBy('completed_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
      return toPage(rows, limit, historySort.name, 'desc', (row) => ({ value: cursorValue(historySort, row.completed_at, codec), id: row.id }), toRecord);
    },
  };
}
