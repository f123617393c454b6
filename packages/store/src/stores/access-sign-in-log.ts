import { sql, type Selectable } from 'kysely';
import type { ClientType, DeviceId, Page, SignInId, SignInLog, SignInOutcome, SignInPolicyResult, SignInRecord, SignInRisk, TenantId, UserId } from '@ward/core';
import type { AccessSignInsTable } from '../database/schema.js';
import { afterPosition, checkLimit, cursorValue, readCursor, toPage, type KeysetSort } from './keyset.js';
import type { StoreContext } from './store-context.js';

const sort: KeysetSort = { name: 'at', key: sql.ref('s.at'), id: sql.ref('s.id'), type: 'time' };

/**
 * {@link SignInLog} over `access_sign_ins`. Every list is newest first on (at, id); each filter
 * is served by an index (tenant, column, at, id), so the planner walks one range from the cursor.
 */
export function createAccessSignInLog(ctx: StoreContext): SignInLog {
  const { db, codec } = ctx;

  const toRecord = (row: Selectable<AccessSignInsTable>): SignInRecord => ({
    id: row.id as SignInId,
    tenantId: row.tenant_id as TenantId,
    at: codec.readTime(row.at),
    userId: row.user_id as UserId | null,
    userName: row.user_name,
    relyingPartyId: row.relying_party_id,
    deviceId: row.device_id as DeviceId | null,
    ip: row.ip,
    clientType: row.client_type as ClientType,
    userAgent: row.user_agent,
    outcome: row.outcome as SignInOutcome,
    failureReason: row.failure_reason,
    detail: row.detail,
    signInRisk: row.sign_in_risk as SignInRisk,
    policies: codec.readJson(row.policies) as SignInPolicyResult[],
  });

  return {
    async appendSignIn(record) {
      await db
        .insertInto('access_sign_ins')
        .values({
          tenant_id: record.tenantId,
          id: record.id,
          at: codec.time(record.at),
          user_id: record.userId,
          user_name: record.userName,
          relying_party_id: record.relyingPartyId,
          device_id: record.deviceId,
          ip: record.ip,
          client_type: record.clientType,
          user_agent: record.userAgent,
          outcome: record.outcome,
          failure_reason: record.failureReason,
          detail: record.detail,
          sign_in_risk: record.signInRisk,
          policies: codec.json(record.policies),
        })
        .execute();
    },

    async listSignIns(tenantId, filter, page): Promise<Page<SignInRecord>> {
      const limit = checkLimit(page.limit);
      const position = readCursor(page.cursor, sort, 'desc');
      let query = db.selectFrom('access_sign_ins as s').selectAll('s').where('s.tenant_id', '=', tenantId);
      if (filter.userId !== undefined) query = query.where('s.user_id', '=', filter.userId);
      if (filter.outcome !== undefined) query = query.where('s.outcome', '=', filter.outcome);
      if (filter.relyingPartyId !== undefined) query = query.where('s.relying_party_id', '=', filter.relyingPartyId);
      if (filter.from !== undefined) query = query.where('s.at', '>=', codec.time(filter.from));
      if (filter.to !== undefined) query = query.where('s.at', '<', codec.time(filter.to));
      if (position !== undefined) query = query.where(afterPosition(sort, 'desc', position, codec));
      const rows = await query.orderBy(sort.key, 'desc').orderBy(sort.id, 'desc').limit(limit + 1).execute();
      return toPage(rows, limit, sort.name, 'desc', (row) => ({ value: cursorValue(sort, row.at, codec), id: row.id }), toRecord);
    },

    async countFailedSignIns(tenantId, userId, since, reasons, cap) {
      if (reasons.length === 0 || cap < 1) return 0;
      // Counted over a capped subquery: a storm of failures costs at most `cap` index entries.
      const capped = db
        .selectFrom('access_sign_ins')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .where('at', '>=', codec.time(since))
        .where('outcome', '=', 'failure')
        .where('failure_reason', 'in', reasons)
        .limit(cap)
        .as('f');
      const row = await db.selectFrom(capped).select((eb) => eb.fn.countAll<number | string | bigint>().as('n')).executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    async pruneSignIns(before, limit) {
      const oldest = db.selectFrom('access_sign_ins').select('id').where('at', '<', codec.time(before)).orderBy('at').limit(checkLimit(limit));
      const result = await db.deleteFrom('access_sign_ins').where('id', 'in', oldest).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
