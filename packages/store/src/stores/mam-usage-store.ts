import { sql } from 'kysely';
import type { AppUsageDay, AppUsageIncrement, AppUsageStore } from '@ward/core';
import { prepareQuery } from '../database/prepared-query.js';
import type { TimestampColumn } from '../database/schema.js';
import { checkLimit } from './keyset.js';
import type { StoreContext } from './store-context.js';

/** Increments of one statement merged by row key: PostgreSQL refuses an upsert that touches a row twice. */
function merge(increments: readonly AppUsageIncrement[]): AppUsageIncrement[] {
  const byKey = new Map<string, AppUsageIncrement>();
  for (const inc of increments) {
    const key = JSON.stringify([inc.tenantId, inc.appIdentifier.toLowerCase(), inc.day, inc.userId]);
    const seen = byKey.get(key);
    if (seen === undefined) byKey.set(key, inc);
    else {
      const last = seen.lastUsedAt === null || (inc.lastUsedAt !== null && inc.lastUsedAt > seen.lastUsedAt) ? inc.lastUsedAt : seen.lastUsedAt;
      byKey.set(key, { ...seen, launches: seen.launches + inc.launches, lastUsedAt: last });
    }
  }
  return [...byKey.values()];
}

/** One row of `mam_app_usage` as written. */
interface UsageRow {
  tenant_id: string;
  app_key: string;
  day: string;
  user_id: string;
  app_identifier: string;
  launches: number;
  last_used_at: TimestampColumn | null;
}

/**
 * {@link AppUsageStore} over `mam_app_usage`: one row per (tenant, app, day, user). A check-in
 * upserts its rows (adding launches, raising the last use), so no two users' check-ins touch the
 * same row; the report groups a range of days per app.
 */
export function createAppUsageStore(ctx: StoreContext): AppUsageStore {
  const { db, codec } = ctx;
  const upsert = (rows: readonly UsageRow[]) =>
    db
      .insertInto('mam_app_usage')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'app_key', 'day', 'user_id']).doUpdateSet({
          launches: sql`mam_app_usage.launches + excluded.launches`,
          // Written out rather than max()/greatest(): SQLite's max() is NULL when either side is.
          last_used_at: sql`case when excluded.last_used_at is null then mam_app_usage.last_used_at
            when mam_app_usage.last_used_at is null or excluded.last_used_at > mam_app_usage.last_used_at then excluded.last_used_at
            else mam_app_usage.last_used_at end`,
        }),
      );
  // A check-in usually reports one day: that upsert is compiled once (see prepareQuery).
  const upsertOne = prepareQuery(db, ['tenant_id', 'app_key', 'day', 'user_id', 'app_identifier', 'launches', 'last_used_at'], (row: UsageRow) => upsert([row]));
  return {
    async addAppUsage(increments) {
      if (increments.length === 0) return;
      const rows = merge(increments).map((inc): UsageRow => ({
        tenant_id: inc.tenantId,
        app_key: inc.appIdentifier.toLowerCase(),
        day: inc.day,
        user_id: inc.userId,
        app_identifier: inc.appIdentifier,
        launches: inc.launches,
        last_used_at: codec.timeOrNull(inc.lastUsedAt),
      }));
      const [only] = rows;
      if (rows.length === 1 && only !== undefined) await upsertOne.executeChange(db, only);
      else await upsert(rows).execute();
    },

    async listAppUsage(tenantId, query, limit): Promise<readonly AppUsageDay[]> {
      let q = db
        .selectFrom('mam_app_usage')
        .select([
          'app_key',
          'day',
          sql<string>`max(app_identifier)`.as('app_identifier'),
          // cast: PostgreSQL sums bigint to numeric, which pg returns as text.
          sql<number>`cast(sum(launches) as bigint)`.as('launches'),
          sql<number>`count(*)`.as('active_users'),
          sql<Date | number | null>`max(last_used_at)`.as('last_used_at'),
        ])
        .where('tenant_id', '=', tenantId)
        .where('day', '>=', query.fromDay)
        .where('day', '<=', query.toDay);
      if (query.appIdentifier !== undefined) q = q.where('app_key', '=', query.appIdentifier.toLowerCase());
      const rows = await q.groupBy(['app_key', 'day']).orderBy('app_key').orderBy('day').limit(checkLimit(limit)).execute();
      return rows.map((row) => ({
        appIdentifier: row.app_identifier,
        day: row.day,
        launches: row.launches,
        activeUsers: row.active_users,
        lastUsedAt: codec.readTimeOrNull(row.last_used_at),
      }));
    },

    async pruneAppUsage(beforeDay, limit) {
      const oldest = db.selectFrom('mam_app_usage').select(['tenant_id', 'app_key', 'day', 'user_id']).where('day', '<', beforeDay).orderBy('day').limit(checkLimit(limit)).$asTuple('tenant_id', 'app_key', 'day', 'user_id');
      const result = await db
        .deleteFrom('mam_app_usage')
        .where((eb) => eb(eb.refTuple('tenant_id', 'app_key', 'day', 'user_id'), 'in', oldest))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
