import { sql, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
import {
  WardError,
  type ComplianceReportScope,
  type ComplianceReportStore,
  type CompliancePolicyId,
  type ComplianceState,
  type DeviceComplianceRecord,
  type GroupId,
  type Page,
  type Platform,
  type RuleOutcome,
  type TenantId,
} from '@ward/core';
import type { DeviceComplianceTable } from '../database/schema.js';
import { complianceRecordFrom } from './device-compliance-store.js';
import { checkLimit, readCursor, toPage, type KeysetSort } from './keyset.js';
import type { StoreContext } from './store-context.js';

/** Soonest deadline first; the cursor's id holds the device and policy ids of its row. */
const graceSort: KeysetSort = { name: 'graceEndsAt', key: sql.ref('grace_ends_at'), id: sql.ref('device_id'), type: 'time' };

/**
 * Whether the device in `deviceColumn` is in one of the groups: directly, or through its primary
 * user. Uncorrelated subqueries, each read once (hashed); the users' devices are found from the
 * member list through the primary-user index, so a small group reads few devices.
 */
function deviceWithinGroups(tenantId: TenantId, deviceColumn: string, groupIds: readonly GroupId[]): RawBuilder<SqlBool> {
  const ids = sql.join(groupIds);
  const device = sql.ref(deviceColumn);
  return sql<SqlBool>`(${device} in (select gm.member_id from group_members gm where gm.tenant_id = ${tenantId} and gm.group_id in (${ids}) and gm.member_type = 'device')
    or ${device} in (select sd.id from devices sd where sd.tenant_id = ${tenantId} and sd.primary_user_id in
      (select gm.member_id from group_members gm where gm.tenant_id = ${tenantId} and gm.group_id in (${ids}) and gm.member_type = 'user')))`;
}

/** An empty list of groups admits nothing (an admin scoped to no group sees no device). */
function scopeIsEmpty(scope: ComplianceReportScope): boolean {
  return scope.withinGroups?.length === 0;
}

/**
 * {@link ComplianceReportStore}: each report is one GROUP BY (or one keyset page) over an index;
 * no report loads devices or records to count them.
 */
export function createComplianceReportStore(ctx: StoreContext): ComplianceReportStore {
  const { db, codec } = ctx;

  const toRecord = (row: Selectable<DeviceComplianceTable>): DeviceComplianceRecord => complianceRecordFrom(codec, row);

  return {
    async countDevicesByPlatformAndState(tenantId, scope) {
      if (scopeIsEmpty(scope)) return [];
      let query = db
        .selectFrom('devices as d')
        .select(['d.platform', 'd.compliance_state', (eb) => eb.fn.countAll<number>().as('n')])
        .where('d.tenant_id', '=', tenantId)
        .where('d.management_state', '<>', 'retired');
      if (scope.withinGroups !== undefined) query = query.where(deviceWithinGroups(tenantId, 'd.id', scope.withinGroups));
      const rows = await query.groupBy(['d.platform', 'd.compliance_state']).orderBy('d.platform').orderBy('d.compliance_state').execute();
      return rows.map((r) => ({ platform: r.platform as Platform, state: r.compliance_state as ComplianceState, count: r.n }));
    },

    async countComplianceByPolicy(tenantId, scope) {
      if (scopeIsEmpty(scope)) return [];
      let query = db
        .selectFrom('device_compliance as r')
        .select(['r.policy_id', 'r.state', (eb) => eb.fn.countAll<number>().as('n')])
        .where('r.tenant_id', '=', tenantId);
      if (scope.withinGroups !== undefined) query = query.where(deviceWithinGroups(tenantId, 'r.device_id', scope.withinGroups));
      const rows = await query.groupBy(['r.policy_id', 'r.state']).orderBy('r.policy_id').orderBy('r.state').execute();
      return rows.map((r) => ({ policyId: r.policy_id as CompliancePolicyId, state: r.state as ComplianceState, count: r.n }));
    },

    async countComplianceByRule(tenantId, scope) {
      if (scopeIsEmpty(scope)) return [];
      let query = db
        .selectFrom('device_compliance_rules as r')
        .select(['r.policy_id', 'r.rule_id', 'r.outcome', (eb) => eb.fn.countAll<number>().as('n')])
        .where('r.tenant_id', '=', tenantId);
      if (scope.withinGroups !== undefined) query = query.where(deviceWithinGroups(tenantId, 'r.device_id', scope.withinGroups));
      const rows = await query.groupBy(['r.policy_id', 'r.rule_id', 'r.outcome']).orderBy('r.policy_id').orderBy('r.rule_id').orderBy('r.outcome').execute();
      return rows.map((r) => ({ policyId: r.policy_id as CompliancePolicyId, ruleId: r.rule_id, outcome: r.outcome as RuleOutcome, count: r.n }));
    },

    async listRecordsInGrace(tenantId, filter, page): Promise<Page<DeviceComplianceRecord>> {
      const limit = checkLimit(page.limit);
      if (scopeIsEmpty(filter)) return { items: [], nextCursor: null };
      const position = readCursor(page.cursor, graceSort, 'asc');
      // The literal state matches the partial index's predicate, which a bound value would not.
      let query = db
        .selectFrom('device_compliance as r')
        .selectAll('r')
        .where('r.tenant_id', '=', tenantId)
        .where(sql<SqlBool>`r.state = 'inGracePeriod'`)
        .where('r.grace_ends_at', 'is not', null);
      if (position !== undefined) {
        const after = graceCursorId(position.id);
        const graceEndsAt = typeof position.value === 'number' ? codec.timeFromMillis(position.value) : null;
        query = query.where(sql<SqlBool>`(r.grace_ends_at, r.device_id, r.policy_id) > (${graceEndsAt}, ${after.deviceId}, ${after.policyId})`);
      }
      if (filter.policyId !== undefined) query = query.where('r.policy_id', '=', filter.policyId);
      if (filter.withinGroups !== undefined) query = query.where(deviceWithinGroups(tenantId, 'r.device_id', filter.withinGroups));
      const rows = await query.orderBy('r.grace_ends_at').orderBy('r.device_id').orderBy('r.policy_id').limit(limit + 1).execute();
      return toPage(
        rows,
        limit,
        graceSort.name,
        'asc',
        (row) => ({ value: row.grace_ends_at === null ? null : codec.readTime(row.grace_ends_at).getTime(), id: JSON.stringify([row.device_id, row.policy_id]) }),
        toRecord,
      );
    },
  };
}

/** The device and policy ids a grace-list cursor names; INVALID_CURSOR for anything else. */
function graceCursorId(id: string): { readonly deviceId: string; readonly policyId: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(id);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[0] !== 'string' || typeof parsed[1] !== 'string') {
    throw new WardError('INVALID_CURSOR', 'The cursor does not fit this list; start again from the first page.');
  }
  return { deviceId: parsed[0], policyId: parsed[1] };
}
