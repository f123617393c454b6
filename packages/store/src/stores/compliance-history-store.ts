import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { ComplianceHistoryStore, ComplianceSnapshot, CompliancePolicyId, ComplianceState, TenantId } from '@ward/core';
import type { ComplianceSnapshotsTable } from '../database/schema.js';
import type { StoreContext } from './store-context.js';

/** The overall series' `policy_id`: a key column cannot hold null on PostgreSQL. */
const overall = '';

/** Each state's column, in the order of `complianceStates`. */
const stateColumns = {
  unknown: 'unknown',
  compliant: 'compliant',
  inGracePeriod: 'in_grace_period',
  noncompliant: 'noncompliant',
  error: 'error',
  notApplicable: 'not_applicable',
} as const satisfies Record<ComplianceState, keyof ComplianceSnapshotsTable>;

const states = Object.keys(stateColumns) as ComplianceState[];

/** `sum(case when <column> = '<state>' then 1 else 0 end) as <state column>` for every state. */
function countsByState(stateColumn: string): RawBuilder<unknown> {
  const column = sql.ref(stateColumn);
  return sql.join(
    states.map((state) => sql`coalesce(sum(case when ${column} = ${sql.lit(state)} then 1 else 0 end), 0) as ${sql.ref(stateColumns[state])}`),
  );
}

function snapshotFrom(codec: StoreContext['codec'], row: Selectable<ComplianceSnapshotsTable>): ComplianceSnapshot {
  return {
    tenantId: row.tenant_id as TenantId,
    day: row.day,
    policyId: row.policy_id === overall ? null : (row.policy_id as CompliancePolicyId),
    byState: Object.fromEntries(states.map((s) => [s, row[stateColumns[s]]])) as Record<ComplianceState, number>,
    recordedAt: codec.readTime(row.recorded_at),
  };
}

/**
 * {@link ComplianceHistoryStore}: a snapshot is one `INSERT … SELECT` that counts the device table
 * (overall) and the compliance records (per policy, left-joined from the policies so a policy
 * without devices gets zeros), keyed so that a second snapshot of a day writes nothing.
 */
export function createComplianceHistoryStore(ctx: StoreContext): ComplianceHistoryStore {
  const { db, codec, dialect } = ctx;
  // Parameters in a select list have no type PostgreSQL can infer from the target column.
  const typed = (value: unknown, pgType: 'text' | 'timestamptz'): RawBuilder<unknown> => (dialect === 'postgres' ? sql`cast(${value} as ${sql.raw(pgType)})` : sql`${value}`);
  const columns = sql.join(states.map((s) => sql.ref(stateColumns[s])));
  const selected = sql.join(states.map((s) => sql.ref(`s.${stateColumns[s]}`)));

  return {
    async recordComplianceSnapshot(tenantId, day, recordedAt) {
      const result = await sql`
        insert into compliance_snapshots (tenant_id, policy_id, day, ${columns}, recorded_at)
        select ${typed(tenantId, 'text')}, s.policy_id, ${typed(day, 'text')}, ${selected}, ${typed(codec.time(recordedAt), 'timestamptz')}
        from (
          select ${typed(overall, 'text')} as policy_id, ${countsByState('d.compliance_state')}
            from devices d
            where d.tenant_id = ${tenantId} and d.management_state <> 'retired'
          union all
          select p.id as policy_id, ${countsByState('r.state')}
            from compliance_policies p
            left join device_compliance r on r.tenant_id = p.tenant_id and r.policy_id = p.id
            where p.tenant_id = ${tenantId}
            group by p.id
        ) s
        where true
        on conflict (tenant_id, policy_id, day) do nothing`.execute(db);
      return Number(result.numAffectedRows ?? 0n);
    },

    async listComplianceSnapshots(tenantId, query) {
      const rows = await db
        .selectFrom('compliance_snapshots')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('policy_id', '=', query.policyId ?? overall)
        .where('day', '>=', query.fromDay)
        .where('day', '<=', query.toDay)
        .orderBy('day')
        .execute();
      return rows.map((row) => snapshotFrom(codec, row));
    },

    async pruneComplianceSnapshots(beforeDay) {
      const result = await db.deleteFrom('compliance_snapshots').where('day', '<', beforeDay).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
