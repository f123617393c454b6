import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../database/dialect.js';
import { columnTypes } from './column-types.js';

/**
 * The policy engine: configuration profiles, assignment filters, assignments (of profiles and
 * compliance policies), desired and reported configuration per device, compliance policies, each
 * device's standing against them, its history and the scheduled actions for noncompliance.
 *
 * Per-device rows (configuration state, compliance records, scheduled actions, history) reference
 * their device and go with it. Configuration rows do not reference their profile: a deleted
 * profile's rows stay, as `removing`, until each device confirms the removal.
 */
export function policyEngine(dialect: Dialect): Migration {
  const t = columnTypes(dialect);
  const device = ['tenant_id', 'device_id'] as const;
  const deviceKey = ['tenant_id', 'id'];
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // Assignment targeting reads the groups of hundreds of members at once (`member_id IN (…)`).
      // Without statistics SQLite prefers scanning the tenant's memberships through the covering
      // primary key; with group_id in the member index, that index covers the query and is chosen.
      await db.schema.dropIndex('group_members_member_idx').execute();
      await db.schema.createIndex('group_members_member_idx').on('group_members').columns(['tenant_id', 'member_type', 'member_id', 'group_id']).execute();
      await db.schema
        .createTable('profiles')
        .addColumn('tenant_id', t.key, (c) => c.notNull().references('tenants.tenant_id').onDelete('cascade'))
        .addColumn('id', t.key, (c) => c.notNull())
        .addColumn('name', t.text, (c) => c.notNull())
        .addColumn('name_key', t.key, (c) => c.notNull())
        .addColumn('description', t.text, (c) => c.notNull())
        .addColumn('kind', t.key, (c) => c.notNull())
        .addColumn('version', t.integer, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addColumn('platforms', t.json, (c) => c.notNull())
        .addColumn('body', t.json, (c) => c.notNull())
        .addPrimaryKeyConstraint('profiles_pkey', ['tenant_id', 'id'])
        .addUniqueConstraint('profiles_name_key', ['tenant_id', 'name_key'])
        .execute();
      // The unique name constraint's index serves the name sort (name_key is unique, id breaks no tie).
      await db.schema.createIndex('profiles_created_at_idx').on('profiles').columns(['tenant_id', 'created_at', 'id']).execute();
      await db.schema.createIndex('profiles_updated_at_idx').on('profiles').columns(['tenant_id', 'updated_at', 'id']).execute();

      await db.schema
        .createTable('assignment_filters')
        .addColumn('tenant_id', t.key, (c) => c.notNull().references('tenants.tenant_id').onDelete('cascade'))
        .addColumn('id', t.key, (c) => c.notNull())
        .addColumn('name', t.text, (c) => c.notNull())
        .addColumn('name_key', t.key, (c) => c.notNull())
        .addColumn('description', t.text, (c) => c.notNull())
        .addColumn('platform', t.key)
        .addColumn('rule', t.text, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('assignment_filters_pkey', ['tenant_id', 'id'])
        .addUniqueConstraint('assignment_filters_name_key', ['tenant_id', 'name_key'])
        .execute();

      // `item_id` names a profile or a compliance policy (apps later), so it has no foreign key.
      // A deleted group takes its assignments with it; a filter in use cannot be deleted (NO ACTION:
      // checked at the end of the statement, so a tenant's cascade still goes through), since dropping it would widen what an assignment reaches.
      await db.schema
        .createTable('assignments')
        .addColumn('tenant_id', t.key, (c) => c.notNull().references('tenants.tenant_id').onDelete('cascade'))
        .addColumn('id', t.key, (c) => c.notNull())
        .addColumn('item_kind', t.key, (c) => c.notNull())
        .addColumn('item_id', t.key, (c) => c.notNull())
        .addColumn('target_type', t.key, (c) => c.notNull())
        .addColumn('group_id', t.key)
        .addColumn('mode', t.key, (c) => c.notNull())
        .addColumn('filter_id', t.key)
        .addColumn('filter_mode', t.key)
        .addColumn('intent', t.key, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('assignments_pkey', ['tenant_id', 'id'])
        .addForeignKeyConstraint('assignments_group_fkey', ['tenant_id', 'group_id'], 'groups', ['tenant_id', 'id'], (c) => c.onDelete('cascade'))
        .addForeignKeyConstraint('assignments_filter_fkey', ['tenant_id', 'filter_id'], 'assignment_filters', ['tenant_id', 'id'], (c) => c.onDelete('no action'))
        .execute();
      // One assignment per item and target. NULLs are distinct in a unique index, so the
      // group-less targets compare through ''; the leading columns also serve the per-kind and
      // per-item lists.
      await sql`create unique index assignments_target_key on assignments (tenant_id, item_kind, item_id, target_type, coalesce(group_id, ''))`.execute(db);
      await db.schema.createIndex('assignments_group_idx').on('assignments').columns(['tenant_id', 'group_id']).execute();
      await db.schema.createIndex('assignments_filter_idx').on('assignments').columns(['tenant_id', 'filter_id']).execute();

      // The largest policy table (devices × profiles), written in bulk by recomputation. The key
      // leads with the device: check-ins and recomputation read a device's rows together.
      await db.schema
        .createTable('device_profile_states')
        .addColumn('tenant_id', t.key, (c) => c.notNull())
        .addColumn('device_id', t.key, (c) => c.notNull())
        .addColumn('profile_id', t.key, (c) => c.notNull())
        .addColumn('status', t.key, (c) => c.notNull())
        .addColumn('action', t.key, (c) => c.notNull())
        .addColumn('desired_hash', t.text)
        .addColumn('reason', t.text)
        .addColumn('desired_at', t.timestamp, (c) => c.notNull())
        .addColumn('reported_hash', t.text)
        .addColumn('reported_status', t.key)
        .addColumn('error', t.text)
        .addColumn('reported_at', t.timestamp)
        .addColumn('conflicts', t.json, (c) => c.notNull())
        .addColumn('settings', t.json, (c) => c.notNull())
        .addPrimaryKeyConstraint('device_profile_states_pkey', ['tenant_id', 'device_id', 'profile_id'])
        .addForeignKeyConstraint('device_profile_states_device_fkey', [...device], 'devices', deviceKey, (c) => c.onDelete('cascade'))
        .execute();
      // Reports: counts by status and a status's devices in id order.
      await db.schema.createIndex('device_profile_states_status_idx').on('device_profile_states').columns(['tenant_id', 'profile_id', 'status', 'device_id']).execute();
      // A profile's devices in id order, whatever their status.
      await db.schema.createIndex('device_profile_states_profile_idx').on('device_profile_states').columns(['tenant_id', 'profile_id', 'device_id']).execute();

      await db.schema
        .createTable('compliance_policies')
        .addColumn('tenant_id', t.key, (c) => c.notNull().references('tenants.tenant_id').onDelete('cascade'))
        .addColumn('id', t.key, (c) => c.notNull())
        .addColumn('name', t.text, (c) => c.notNull())
        .addColumn('name_key', t.key, (c) => c.notNull())
        .addColumn('description', t.text, (c) => c.notNull())
        .addColumn('validity_days', t.integer, (c) => c.notNull())
        .addColumn('version', t.integer, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addColumn('platforms', t.json, (c) => c.notNull())
        .addColumn('rules', t.json, (c) => c.notNull())
        .addColumn('actions', t.json, (c) => c.notNull())
        .addPrimaryKeyConstraint('compliance_policies_pkey', ['tenant_id', 'id'])
        .addUniqueConstraint('compliance_policies_name_key', ['tenant_id', 'name_key'])
        .execute();
      await db.schema.createIndex('compliance_policies_created_at_idx').on('compliance_policies').columns(['tenant_id', 'created_at', 'id']).execute();
      await db.schema.createIndex('compliance_policies_updated_at_idx').on('compliance_policies').columns(['tenant_id', 'updated_at', 'id']).execute();

      // One record per device and policy. No foreign key to the policy: a deleted policy's records
      // stay until re-evaluation removes them with a history entry each.
      await db.schema
        .createTable('device_compliance')
        .addColumn('tenant_id', t.key, (c) => c.notNull())
        .addColumn('device_id', t.key, (c) => c.notNull())
        .addColumn('policy_id', t.key, (c) => c.notNull())
        .addColumn('policy_version', t.integer, (c) => c.notNull())
        .addColumn('state', t.key, (c) => c.notNull())
        .addColumn('failing_since', t.timestamp)
        .addColumn('grace_ends_at', t.timestamp)
        .addColumn('reevaluate_at', t.timestamp)
        .addColumn('evaluated_at', t.timestamp, (c) => c.notNull())
        .addColumn('results', t.json, (c) => c.notNull())
        .addPrimaryKeyConstraint('device_compliance_pkey', ['tenant_id', 'device_id', 'policy_id'])
        .addForeignKeyConstraint('device_compliance_device_fkey', [...device], 'devices', deviceKey, (c) => c.onDelete('cascade'))
        .execute();
      // A policy's devices in id order; with the state, the counts by policy and state read the
      // index alone.
      await db.schema.createIndex('device_compliance_policy_idx').on('device_compliance').columns(['tenant_id', 'policy_id', 'device_id', 'state']).execute();
      // The sweep: records due for re-evaluation by time alone, across tenants, earliest first.
      await sql`create index device_compliance_reevaluate_idx on device_compliance (reevaluate_at, tenant_id, device_id) where reevaluate_at is not null`.execute(db);
      // Devices in grace, soonest deadline first; only those rows.
      await sql`create index device_compliance_grace_idx on device_compliance (tenant_id, grace_ends_at, device_id, policy_id) where state = 'inGracePeriod'`.execute(db);

      // Each record's rule outcomes as rows, so the per-rule report is one GROUP BY over an index
      // rather than a walk through every record's JSON. They go with their record.
      await db.schema
        .createTable('device_compliance_rules')
        .addColumn('tenant_id', t.key, (c) => c.notNull())
        .addColumn('device_id', t.key, (c) => c.notNull())
        .addColumn('policy_id', t.key, (c) => c.notNull())
        .addColumn('rule_id', t.key, (c) => c.notNull())
        .addColumn('outcome', t.key, (c) => c.notNull())
        .addPrimaryKeyConstraint('device_compliance_rules_pkey', ['tenant_id', 'device_id', 'policy_id', 'rule_id'])
        .addForeignKeyConstraint(
          'device_compliance_rules_record_fkey',
          ['tenant_id', 'device_id', 'policy_id'],
          'device_compliance',
          ['tenant_id', 'device_id', 'policy_id'],
          (c) => c.onDelete('cascade'),
        )
        .execute();
      await db.schema.createIndex('device_compliance_rules_rule_idx').on('device_compliance_rules').columns(['tenant_id', 'policy_id', 'rule_id', 'outcome']).execute();

      await db.schema
        .createTable('compliance_history')
        .addColumn('tenant_id', t.key, (c) => c.notNull())
        .addColumn('id', t.key, (c) => c.notNull())
        .addColumn('device_id', t.key, (c) => c.notNull())
        .addColumn('policy_id', t.key)
        .addColumn('from_state', t.key, (c) => c.notNull())
        .addColumn('to_state', t.key, (c) => c.notNull())
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .addColumn('causes', t.json, (c) => c.notNull())
        .addPrimaryKeyConstraint('compliance_history_pkey', ['tenant_id', 'id'])
        .addForeignKeyConstraint('compliance_history_device_fkey', [...device], 'devices', deviceKey, (c) => c.onDelete('cascade'))
        .execute();
      // Newest first, as the history is listed.
      await sql`create index compliance_history_device_idx on compliance_history (tenant_id, device_id, at desc, id desc)`.execute(db);

      // Scheduled actions of current failing episodes only: rows go when the device stops failing.
      await db.schema
        .createTable('compliance_actions')
        .addColumn('tenant_id', t.key, (c) => c.notNull())
        .addColumn('device_id', t.key, (c) => c.notNull())
        .addColumn('policy_id', t.key, (c) => c.notNull())
        .addColumn('action_id', t.key, (c) => c.notNull())
        .addColumn('kind', t.key, (c) => c.notNull())
        .addColumn('failing_since', t.timestamp, (c) => c.notNull())
        .addColumn('due_at', t.timestamp, (c) => c.notNull())
        .addColumn('attempts', t.integer, (c) => c.notNull())
        .addColumn('done_at', t.timestamp)
        .addColumn('outcome', t.json)
        .addPrimaryKeyConstraint('compliance_actions_pkey', ['tenant_id', 'device_id', 'policy_id', 'action_id'])
        .addForeignKeyConstraint('compliance_actions_device_fkey', [...device], 'devices', deviceKey, (c) => c.onDelete('cascade'))
        .execute();
      // The runner's claim: pending actions by due time, across tenants.
      await sql`create index compliance_actions_due_idx on compliance_actions (due_at) where done_at is null`.execute(db);
    },
  };
}
