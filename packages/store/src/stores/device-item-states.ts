import { CompiledQuery, sql, type Selectable } from 'kysely';
import type { DeviceId, DeviceIdPage, Page, TenantId } from '@ward/core';
import type { Schema } from '../database/schema.js';
import { insertRows, lastPerKey, rowsPerStatement, tupleIn, valuesList } from './bulk-rows.js';
import { checkLimit, readCursor, toPage, type KeysetSort } from './keyset.js';
import { chunks, type StoreContext } from './store-context.js';

/** The tables holding one row per device and item (a profile, an app): desired and reported state. */
type DeviceItemStateTable = 'device_profile_states' | 'device_app_states';

/** Each table's item column, the third of its (tenant_id, device_id, item) key. */
interface ItemColumns {
  device_profile_states: 'profile_id';
  device_app_states: 'app_id';
}

/** An item's rows are listed by device id; the cursor names the last device. */
const byDevice: KeysetSort = { name: 'deviceId', key: sql.ref('device_id'), id: sql.ref('device_id'), type: 'text' };

/** Bound values per row of a delete by (device, item) keys. */
const keyParameters = 2;

/** Every status at zero: what a count reports for a status no row has. */
export function zeroCounts<S extends string>(statuses: readonly S[]): Record<S, number> {
  return Object.fromEntries(statuses.map((s) => [s, 0])) as Record<S, number>;
}

/**
 * The queries a per-device item state store shares, whichever the item: rows are read, written,
 * deleted, counted and paged the same way over the (tenant, device, item) key and the
 * (tenant, item, status) index. `desiredColumns` start with the key; on conflict all but the key
 * are replaced, so the reported side of a row survives recomputation.
 */
export function deviceItemStates<K extends DeviceItemStateTable, S>(ctx: StoreContext, table: K, itemColumn: ItemColumns[K], desiredColumns: readonly string[], toState: (row: Selectable<Schema[K]>) => S) {
  const { db, dialect } = ctx;
  const key = ['tenant_id', 'device_id', itemColumn] as const;
  const desiredUpsert = `on conflict (${key.join(', ')}) do update set ${desiredColumns
    .slice(key.length)
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}`;
  // Queries go over the tables' union, which Kysely can type (a generic table it cannot); `table`
  // is K, so the rows read are K's.
  const either: DeviceItemStateTable = table;
  const state = (row: Selectable<Schema[DeviceItemStateTable]>): S => toState(row as Selectable<Schema[K]>);
  const from = () => db.selectFrom(either);

  return {
    /** The rows of these devices, by device then item. */
    async listOfDevices(tenantId: TenantId, deviceIds: readonly DeviceId[]): Promise<S[]> {
      const states: S[] = [];
      for (const part of chunks([...new Set(deviceIds)])) {
        const rows = await from().selectAll().where('tenant_id', '=', tenantId).where('device_id', 'in', part).orderBy('device_id').orderBy(sql.ref(itemColumn)).execute();
        states.push(...rows.map(state));
      }
      return states;
    },

    /** Inserts or replaces the desired side of rows (each row's values in `desiredColumns` order, keyed by `rowKey`), in bulk statements. */
    async upsertDesired<R>(rows: readonly R[], rowKey: (row: R) => string, values: (row: R) => readonly unknown[], constants?: Readonly<Record<string, string>>): Promise<void> {
      const size = rowsPerStatement(dialect, desiredColumns.length);
      await ctx.atomically(async (t) => {
        for (const part of chunks(lastPerKey(rows, rowKey), size)) {
          await t.db.executeQuery(insertRows(dialect, table, desiredColumns, part.map(values), desiredUpsert, constants));
        }
      });
    },

    /**
     * Writes the reported side of existing rows (`columns` start with the key; each row's values in
     * that order), returning how many rows it changed. One UPDATE … FROM over a VALUES list: rows
     * that do not exist match nothing. PostgreSQL types the list's parameters as text, so the
     * columns of `postgresCasts` are cast to the type named.
     */
    async updateReported<R>(rows: readonly R[], rowKey: (row: R) => string, columns: readonly string[], values: (row: R) => readonly unknown[], postgresCasts: Readonly<Record<string, string>>): Promise<number> {
      const size = rowsPerStatement(dialect, columns.length);
      const assignments = columns
        .slice(key.length)
        .map((c) => `${c} = ${dialect === 'postgres' && postgresCasts[c] !== undefined ? `cast(v.${c} as ${postgresCasts[c]})` : `v.${c}`}`)
        .join(', ');
      const matches = key.map((c) => `${table}.${c} = v.${c}`).join(' and ');
      return ctx.atomically(async (t) => {
        let written = 0;
        for (const part of chunks(lastPerKey(rows, rowKey), size)) {
          const params: unknown[] = [];
          const list = valuesList(dialect, part.map(values), params);
          const result = await t.db.executeQuery(CompiledQuery.raw(`with v (${columns.join(', ')}) as (values ${list}) update ${table} set ${assignments} from v where ${matches}`, params));
          written += Number(result.numAffectedRows ?? 0);
        }
        return written;
      });
    },

    /** Deletes the rows of these (device, item) keys, returning how many there were. */
    async deleteKeys<R>(tenantId: TenantId, keys: readonly R[], deviceId: (key: R) => string, itemId: (key: R) => string): Promise<number> {
      const size = rowsPerStatement(dialect, keyParameters);
      return ctx.atomically(async (t) => {
        let deleted = 0;
        for (const part of chunks(lastPerKey(keys, (k) => `${deviceId(k)}\u0000${itemId(k)}`), size)) {
          const result = await t.db
            .deleteFrom(either)
            .where('tenant_id', '=', tenantId)
            .where(
              tupleIn(
                dialect,
                ['device_id', itemColumn],
                part.map((k) => [deviceId(k), itemId(k)]),
              ),
            )
            .executeTakeFirst();
          deleted += Number(result.numDeletedRows);
        }
        return deleted;
      });
    },

    /** One keyset page of the ids of devices with a row for the item, ascending. */
    async listDeviceIds(tenantId: TenantId, itemId: string, page: DeviceIdPage): Promise<DeviceId[]> {
      const limit = checkLimit(page.limit);
      let query = from().select('device_id').where('tenant_id', '=', tenantId).where(sql.ref(itemColumn), '=', itemId);
      if (page.after !== undefined) query = query.where('device_id', '>', page.after);
      const rows = await query.orderBy('device_id').limit(limit).execute();
      return rows.map((r) => r.device_id as DeviceId);
    },

    /** The item's rows per status, every status present. */
    async countByStatus<T extends string>(tenantId: TenantId, itemId: string, statuses: readonly T[]): Promise<Record<T, number>> {
      const rows = await from()
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('tenant_id', '=', tenantId)
        .where(sql.ref(itemColumn), '=', itemId)
        .groupBy('status')
        .execute();
      const counts = zeroCounts(statuses);
      for (const row of rows) counts[row.status as T] = row.n;
      return counts;
    },

    /** One page of the item's rows by device id, optionally of one status. */
    async listPage(tenantId: TenantId, itemId: string, status: string | undefined, page: { readonly limit: number; readonly cursor?: string }): Promise<Page<S>> {
      const limit = checkLimit(page.limit);
      const position = readCursor(page.cursor, byDevice, 'asc');
      let query = from().selectAll().where('tenant_id', '=', tenantId).where(sql.ref(itemColumn), '=', itemId);
      if (status !== undefined) query = query.where('status', '=', status);
      // The key and the id are one column: a plain bound seeks in either index.
      if (position !== undefined) query = query.where('device_id', '>', position.id);
      const rows = await query.orderBy('device_id').limit(limit + 1).execute();
      return toPage(rows, limit, byDevice.name, 'asc', (row) => ({ value: row.device_id, id: row.device_id }), state);
    },
  };
}
