import { sql, type Selectable } from 'kysely';
import {
  type ComplianceActionOutcome,
  type ComplianceCause,
  type ComplianceHistoryEntry,
  type ComplianceHistoryId,
  type CompliancePolicyId,
  type ComplianceState,
  type DeviceComplianceRecord,
  type DeviceComplianceStore,
  type DeviceId,
  type DueDevice,
  type RuleResult,
  type ScheduledComplianceAction,
  type TenantId,
} from '@ward/core';
import type { ColumnCodec } from '../database/column-codec.js';
import type { ComplianceActionsTable, ComplianceHistoryTable, DeviceComplianceTable } from '../database/schema.js';
import { chunksByCost, insertRows, lastPerKey, rowsPerStatement, tupleIn } from './bulk-rows.js';
import { afterPosition, checkLimit, cursorValue, readCursor, toPage, type KeysetSort } from './keyset.js';
import { chunks, type StoreContext } from './store-context.js';

const historySort: KeysetSort = { name: 'at', key: sql.ref('at'), id: sql.ref('id'), type: 'time' };

const recordColumns = ['tenant_id', 'device_id', 'policy_id', 'policy_version', 'state', 'failing_since', 'grace_ends_at', 'reevaluate_at', 'evaluated_at', 'results'] as const;
const recordUpsert = `on conflict (tenant_id, device_id, policy_id) do update set ${recordColumns
  .slice(3)
  .map((c) => `${c} = excluded.${c}`)
  .join(', ')}`;
const ruleColumns = ['tenant_id', 'device_id', 'policy_id', 'rule_id', 'outcome'] as const;
// Two evaluations of one new device can race (a check-in and a group's job on PostgreSQL's read
// committed): neither sees the other's rows to delete first, so the later insert takes the outcome.
const ruleUpsert = 'on conflict (tenant_id, device_id, policy_id, rule_id) do update set outcome = excluded.outcome';
const historyColumns = ['tenant_id', 'id', 'device_id', 'policy_id', 'from_state', 'to_state', 'at', 'causes'] as const;
const actionColumns = ['tenant_id', 'device_id', 'policy_id', 'action_id', 'kind', 'failing_since', 'due_at'] as const;

/**
 * Scheduled actions after a sync. Same episode: attempts and done state stay, and a pending action
 * never claimed takes the new due time (a claimed one keeps the runner's: its claim or its retry).
 * Another episode starts afresh. When nothing changes (the usual check-in of a failing device)
 * nothing is written.
 */
const actionUpsert = `on conflict (tenant_id, device_id, policy_id, action_id) do update set
  kind = excluded.kind,
  due_at = case when compliance_actions.failing_since = excluded.failing_since and (compliance_actions.done_at is not null or compliance_actions.attempts > 0)
    then compliance_actions.due_at else excluded.due_at end,
  attempts = case when compliance_actions.failing_since = excluded.failing_since then compliance_actions.attempts else 0 end,
  done_at = case when compliance_actions.failing_since = excluded.failing_since then compliance_actions.done_at else null end,
  outcome = case when compliance_actions.failing_since = excluded.failing_since then compliance_actions.outcome else null end,
  failing_since = excluded.failing_since
  where compliance_actions.failing_since <> excluded.failing_since or compliance_actions.kind <> excluded.kind
    or (compliance_actions.done_at is null and compliance_actions.attempts = 0 and compliance_actions.due_at <> excluded.due_at)`;

/** Bound values of one (device, policy) pair. */
const pairParameters = 2;

const pairKey = (row: { readonly tenantId: string; readonly deviceId: string; readonly policyId: string }): string => `${row.tenantId}\u0000${row.deviceId}\u0000${row.policyId}`;

const actionKey = (...parts: readonly string[]): string => parts.join('\u0000');

/** A record's rule outcomes as one comparable string: rule ids sorted, each with its outcome. */
function outcomesSignature(outcomes: Iterable<{ readonly ruleId: string; readonly outcome: string }>): string {
  return [...outcomes]
    .map((o) => `${o.ruleId}\u0000${o.outcome}`)
    .sort()
    .join('\u0001');
}

/** A `device_compliance` row as the domain's record. */
export function complianceRecordFrom(codec: ColumnCodec, row: Selectable<DeviceComplianceTable>): DeviceComplianceRecord {
  return {
    tenantId: row.tenant_id as TenantId,
    deviceId: row.device_id as DeviceId,
    policyId: row.policy_id as CompliancePolicyId,
    policyVersion: row.policy_version,
    state: row.state as ComplianceState,
    failingSince: codec.readTimeOrNull(row.failing_since),
    graceEndsAt: codec.readTimeOrNull(row.grace_ends_at),
    reevaluateAt: codec.readTimeOrNull(row.reevaluate_at),
    evaluatedAt: codec.readTime(row.evaluated_at),
    results: codec.readJson(row.results) as RuleResult[],
  };
}

/** One result per rule id, the last winning (ids are unique within a policy; this keeps the key so). */
function uniqueResults(results: readonly RuleResult[]): RuleResult[] {
  return lastPerKey(results, (r) => r.ruleId);
}

function groupByTenant<T extends { readonly tenantId: TenantId }>(rows: readonly T[]): Map<TenantId, T[]> {
  const out = new Map<TenantId, T[]>();
  for (const row of rows) {
    let list = out.get(row.tenantId);
    if (list === undefined) out.set(row.tenantId, (list = []));
    list.push(row);
  }
  return out;
}

/**
 * {@link DeviceComplianceStore} over `device_compliance` (with its rule outcomes in
 * `device_compliance_rules`), `compliance_history` and `compliance_actions`.
 *
 * A record's rule outcomes are rewritten only when they changed, so the usual check-in (same
 * outcomes, new evaluation time) writes the record alone. Scheduled actions are claimed by moving
 * `due_at` to the end of the claim, so the one (due_at) index of pending actions serves both the
 * runner's claim and a lapsed claim's return.
 */
export function createDeviceComplianceStore(ctx: StoreContext): DeviceComplianceStore {
  const { db, codec, dialect } = ctx;

  const toRecord = (row: Selectable<DeviceComplianceTable>): DeviceComplianceRecord => complianceRecordFrom(codec, row);

  const toEntry = (row: Selectable<ComplianceHistoryTable>): ComplianceHistoryEntry => ({
    id: row.id as ComplianceHistoryId,
    tenantId: row.tenant_id as TenantId,
    deviceId: row.device_id as DeviceId,
    policyId: row.policy_id as CompliancePolicyId | null,
    from: row.from_state as ComplianceState,
    to: row.to_state as ComplianceState,
    causes: codec.readJson(row.causes) as ComplianceCause[],
    at: codec.readTime(row.at),
  });

  const toAction = (row: Selectable<ComplianceActionsTable>): ScheduledComplianceAction => ({
    tenantId: row.tenant_id as TenantId,
    deviceId: row.device_id as DeviceId,
    policyId: row.policy_id as CompliancePolicyId,
    actionId: row.action_id,
    kind: row.kind as ScheduledComplianceAction['kind'],
    failingSince: codec.readTime(row.failing_since),
    dueAt: codec.readTime(row.due_at),
    attempts: row.attempts,
    doneAt: codec.readTimeOrNull(row.done_at),
    outcome: row.outcome === null ? null : (codec.readJson(row.outcome) as ComplianceActionOutcome | null),
  });

  /** The stored outcome signature of each (device, policy) among these records of one tenant. */
  const storedSignatures = async (t: StoreContext, tenantId: TenantId, records: readonly DeviceComplianceRecord[]): Promise<Map<string, string>> => {
    const outcomes = new Map<string, { ruleId: string; outcome: string }[]>();
    for (const part of chunks(records, rowsPerStatement(dialect, pairParameters))) {
      const rows = await t.db
        .selectFrom('device_compliance_rules')
        .select(['device_id', 'policy_id', 'rule_id', 'outcome'])
        .where('tenant_id', '=', tenantId)
        .where(
          tupleIn(dialect, ['device_id', 'policy_id'],
            part.map((r) => [r.deviceId, r.policyId]),
          ),
        )
        .execute();
      for (const row of rows) {
        const key = pairKey({ tenantId, deviceId: row.device_id, policyId: row.policy_id });
        let list = outcomes.get(key);
        if (list === undefined) outcomes.set(key, (list = []));
        list.push({ ruleId: row.rule_id, outcome: row.outcome });
      }
    }
    return new Map([...outcomes].map(([key, list]) => [key, outcomesSignature(list)]));
  };

  return {
    async listDeviceComplianceRecords(tenantId, deviceIds) {
      const records: DeviceComplianceRecord[] = [];
      for (const part of chunks([...new Set(deviceIds)])) {
        const rows = await db.selectFrom('device_compliance').selectAll().where('tenant_id', '=', tenantId).where('device_id', 'in', part).orderBy('device_id').orderBy('policy_id').execute();
        records.push(...rows.map(toRecord));
      }
      return records;
    },

    async putDeviceComplianceRecords(records) {
      if (records.length === 0) return;
      await ctx.atomically(async (t) => {
        for (const [tenantId, ofTenant] of groupByTenant(lastPerKey(records, pairKey))) {
          const before = await storedSignatures(t, tenantId, ofTenant);
          const changed = ofTenant.filter((r) => (before.get(pairKey(r)) ?? '') !== outcomesSignature(uniqueResults(r.results)));

          for (const part of chunks(ofTenant, rowsPerStatement(dialect, recordColumns.length))) {
            const values = part.map((r) => [
              r.tenantId,
              r.deviceId,
              r.policyId,
              r.policyVersion,
              r.state,
              codec.timeOrNull(r.failingSince),
              codec.timeOrNull(r.graceEndsAt),
              codec.timeOrNull(r.reevaluateAt),
              codec.time(r.evaluatedAt),
              codec.json(r.results),
            ]);
            await t.db.executeQuery(insertRows(dialect, 'device_compliance', recordColumns, values, recordUpsert));
          }

          if (changed.length === 0) continue;
          // A record seen for the first time has no outcomes to remove.
          const stale = changed.filter((r) => before.has(pairKey(r)));
          for (const part of chunks(stale, rowsPerStatement(dialect, pairParameters))) {
            await t.db
              .deleteFrom('device_compliance_rules')
              .where('tenant_id', '=', tenantId)
              .where(
                tupleIn(dialect, ['device_id', 'policy_id'],
                  part.map((r) => [r.deviceId, r.policyId]),
                ),
              )
              .execute();
          }
          const ruleRows = changed.flatMap((r) => uniqueResults(r.results).map((result) => [r.tenantId, r.deviceId, r.policyId, result.ruleId, result.outcome]));
          for (const part of chunks(ruleRows, rowsPerStatement(dialect, ruleColumns.length))) {
            await t.db.executeQuery(insertRows(dialect, 'device_compliance_rules', ruleColumns, part, ruleUpsert));
          }
        }
      });
    },

    async deleteDeviceComplianceRecords(tenantId, keys) {
      return ctx.atomically(async (t) => {
        let deleted = 0;
        for (const part of chunks(
          lastPerKey(keys, (k) => `${k.deviceId}\u0000${k.policyId}`),
          rowsPerStatement(dialect, pairParameters),
        )) {
          const pairs = part.map((k) => [k.deviceId, k.policyId]);
          // Their rule outcomes first: the foreign key would cascade, but not without SQLite's pragma.
          await t.db.deleteFrom('device_compliance_rules').where('tenant_id', '=', tenantId).where(tupleIn(dialect, ['device_id', 'policy_id'], pairs)).execute();
          const result = await t.db.deleteFrom('device_compliance').where('tenant_id', '=', tenantId).where(tupleIn(dialect, ['device_id', 'policy_id'], pairs)).executeTakeFirst();
          deleted += Number(result.numDeletedRows);
        }
        return deleted;
      });
    },

    async listDeviceIdsWithCompliancePolicy(tenantId, policyId, page) {
      const limit = checkLimit(page.limit);
      let query = db.selectFrom('device_compliance').select('device_id').where('tenant_id', '=', tenantId).where('policy_id', '=', policyId);
      if (page.after !== undefined) query = query.where('device_id', '>', page.after);
      const rows = await query.orderBy('device_id').limit(limit).execute();
      return rows.map((r) => r.device_id as DeviceId);
    },

    async listDevicesDueForReevaluation(at, limit) {
      checkLimit(limit);
      // The index holds one entry per record; a device due under several policies appears more
      // than once, so read in batches along the index until `limit` distinct devices are found.
      const found = new Map<string, DueDevice>();
      const batch = limit * 2;
      let after: { readonly at: unknown; readonly tenantId: string; readonly deviceId: string } | undefined;
      for (;;) {
        let query = db
          .selectFrom('device_compliance')
          .select(['reevaluate_at', 'tenant_id', 'device_id'])
          .where('reevaluate_at', 'is not', null)
          .where('reevaluate_at', '<=', codec.time(at));
        if (after !== undefined) query = query.where(sql`(reevaluate_at, tenant_id, device_id)`, '>', sql`(${after.at}, ${after.tenantId}, ${after.deviceId})`);
        const rows = await query.orderBy('reevaluate_at').orderBy('tenant_id').orderBy('device_id').limit(batch).execute();
        for (const row of rows) {
          const key = `${row.tenant_id}\u0000${row.device_id}`;
          if (!found.has(key)) found.set(key, { tenantId: row.tenant_id as TenantId, deviceId: row.device_id as DeviceId });
          if (found.size === limit) return [...found.values()];
        }
        const last = rows[rows.length - 1];
        if (rows.length < batch || last === undefined) return [...found.values()];
        after = { at: last.reevaluate_at, tenantId: last.tenant_id, deviceId: last.device_id };
      }
    },

    async appendComplianceHistory(entries) {
      if (entries.length === 0) return;
      await ctx.atomically(async (t) => {
        for (const part of chunks(entries, rowsPerStatement(dialect, historyColumns.length))) {
          const values = part.map((e) => [e.tenantId, e.id, e.deviceId, e.policyId, e.from, e.to, codec.time(e.at), codec.json(e.causes)]);
          // An entry appended twice (a retried job) is kept once.
          await t.db.executeQuery(insertRows(dialect, 'compliance_history', historyColumns, values, 'on conflict (tenant_id, id) do nothing'));
        }
      });
    },

    async listComplianceHistory(tenantId, deviceId, page) {
      const limit = checkLimit(page.limit);
      const position = readCursor(page.cursor, historySort, 'desc');
      let query = db.selectFrom('compliance_history').selectAll().where('tenant_id', '=', tenantId).where('device_id', '=', deviceId);
      if (position !== undefined) query = query.where(afterPosition(historySort, 'desc', position, codec));
      const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
      return toPage(rows, limit, historySort.name, 'desc', (row) => ({ value: cursorValue(historySort, row.at, codec), id: row.id }), toEntry);
    },

    async syncComplianceActions(plans) {
      if (plans.length === 0) return;
      await ctx.atomically(async (t) => {
        for (const [tenantId, ofTenant] of groupByTenant(lastPerKey(plans, pairKey))) {
          // Rows of actions no longer planned go: every row of a pair that is not failing, and of a
          // failing pair the rows whose action is not in its plan.
          const planned = (p: (typeof ofTenant)[number]) => (p.failingSince === null ? [] : lastPerKey(p.actions, (a) => a.actionId));
          for (const part of chunksByCost(dialect, ofTenant, (p) => pairParameters + 3 * planned(p).length)) {
            const keep = part.flatMap((p) => planned(p).map((a) => [p.deviceId, p.policyId, a.actionId]));
            let query = t.db
              .deleteFrom('compliance_actions')
              .where('tenant_id', '=', tenantId)
              .where(
                tupleIn(dialect, ['device_id', 'policy_id'],
                  part.map((p) => [p.deviceId, p.policyId]),
                ),
              );
            if (keep.length > 0) query = query.where((eb) => eb.not(tupleIn(dialect, ['device_id', 'policy_id', 'action_id'], keep)));
            await query.execute();
          }

          const rows = ofTenant.flatMap((p) => {
            const failingSince = p.failingSince;
            if (failingSince === null) return [];
            return planned(p).map((a) => [p.tenantId, p.deviceId, p.policyId, a.actionId, a.kind, codec.time(failingSince), codec.time(a.dueAt)]);
          });
          for (const part of chunks(rows, rowsPerStatement(dialect, actionColumns.length))) {
            await t.db.executeQuery(insertRows(dialect, 'compliance_actions', actionColumns, part, actionUpsert, { attempts: '0' }));
          }
        }
      });
    },

    async claimDueComplianceActions(at, leaseUntil, limit) {
      checkLimit(limit);
      return ctx.atomically(async (t) => {
        let due = t.db
          .selectFrom('compliance_actions')
          .select(['tenant_id', 'device_id', 'policy_id', 'action_id', 'due_at'])
          .where('done_at', 'is', null)
          .where('due_at', '<=', codec.time(at))
          .orderBy('due_at')
          .limit(limit);
        // Two runners never claim one action and never wait for each other; SQLite's immediate
        // transaction serialises them anyway.
        if (dialect === 'postgres') due = due.forUpdate().skipLocked();
        const picked = await due.execute();
        if (picked.length === 0) return [];
        const order = new Map(picked.map((p, i) => [actionKey(p.tenant_id, p.device_id, p.policy_id, p.action_id), i]));
        const claimed = await t.db
          .updateTable('compliance_actions')
          .set((eb) => ({ due_at: codec.time(leaseUntil), attempts: eb('attempts', '+', 1) }))
          .where(
            tupleIn(dialect, ['tenant_id', 'device_id', 'policy_id', 'action_id'],
              picked.map((p) => [p.tenant_id, p.device_id, p.policy_id, p.action_id]),
            ),
          )
          .returningAll()
          .execute();
        return claimed.map(toAction).sort((a, b) => (order.get(actionKey(a.tenantId, a.deviceId, a.policyId, a.actionId)) ?? 0) - (order.get(actionKey(b.tenantId, b.deviceId, b.policyId, b.actionId)) ?? 0));
      });
    },

    async completeComplianceAction(key, failingSince, at, outcome) {
      const result = await db
        .updateTable('compliance_actions')
        .set({ done_at: codec.time(at), outcome: codec.json(outcome) })
        .where('tenant_id', '=', key.tenantId)
        .where('device_id', '=', key.deviceId)
        .where('policy_id', '=', key.policyId)
        .where('action_id', '=', key.actionId)
        .where('failing_since', '=', codec.time(failingSince))
        .where('done_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async retryComplianceAction(key, failingSince, dueAt) {
      const result = await db
        .updateTable('compliance_actions')
        .set({ due_at: codec.time(dueAt) })
        .where('tenant_id', '=', key.tenantId)
        .where('device_id', '=', key.deviceId)
        .where('policy_id', '=', key.policyId)
        .where('action_id', '=', key.actionId)
        .where('failing_since', '=', codec.time(failingSince))
        .where('done_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async listComplianceActionsOfDevice(tenantId, deviceId) {
      const rows = await db
        .selectFrom('compliance_actions')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('device_id', '=', deviceId)
        .orderBy('policy_id')
        .orderBy('due_at')
        .orderBy('action_id')
        .execute();
      return rows.map(toAction);
    },
  };
}

