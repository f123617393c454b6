import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../database/dialect.js';
import { columnTypes } from './column-types.js';

/**
 * Tenants, the directory (users, groups, memberships, admins, credentials, tokens), devices, the
 * audit trail and the job queue. Every tenant-owned table leads its primary key and its indexes
 * with tenant_id, so one tenant's rows sit together and no query crosses tenants by accident.
 */
export function foundation(dialect: Dialect): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('tenants')
        .addColumn('tenant_id', t.key, (c) => c.primaryKey())
        .addColumn('slug', t.key, (c) => c.notNull().unique())
        .addColumn('name', t.text, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('users')
        .addColumn('tenant_id', t.key, (c) => c.notNull().references('tenants.tenant_id').onDelete('cascade'))
        .addColumn('id', t.key, (c) => c.notNull())
        .addColumn('email', t.key, (c) => c.notNull())
        .addColumn('display_name', t.text, (c) => c.notNull())
        .addColumn('display_name_key', t.key, (c) => c.notNull())
        .addColumn('given_name', t.text)
        .addColumn('surname', t.text)
        .addColumn('department', t.key)
        .addColumn('job_title', t.text)
        .addColumn('employee_id', t.text)
        .addColumn('disabled', t.boolean, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addColumn('attributes', t.json, (c) => c.notNull())
        .addPrimaryKeyConstraint('users_pkey', ['tenant_id', 'id'])
        .addUniqueConstraint('users_email_key', ['tenant_id', 'email'])
        .execute();
      await db.schema.createIndex('users_display_name_idx').on('users').columns(['tenant_id', 'display_name_key', 'id']).execute();
      await db.schema.createIndex('users_created_at_idx').on('users').columns(['tenant_id', 'created_at', 'id']).execute();
      await db.schema.createIndex('users_department_idx').on('users').columns(['tenant_id', 'department']).execute();

      await db.schema
        .createTable('groups')
        .addColumn('tenant_id', t.key, (c) => c.notNull().references('tenants.tenant_id').onDelete('cascade'))
        .addColumn('id', t.key, (c) => c.notNull())
        .addColumn('name', t.text, (c) => c.notNull())
        .addColumn('name_key', t.key, (c) => c.notNull())
        .addColumn('description', t.text, (c) => c.notNull())
        .addColumn('membership_type', t.key, (c) => c.notNull())
        .addColumn('member_type', t.key, (c) => c.notNull())
        .addColumn('rule', t.text)
        .addColumn('member_count', t.integer, (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('groups_pkey', ['tenant_id', 'id'])
        .addUniqueConstraint('groups_name_key', ['tenant_id', 'name_key'])
        .execute();
      await db.schema.createIndex('groups_created_at_idx').on('groups').columns(['tenant_id', 'created_at', 'id']).execute();
      await db.schema.createIndex('groups_types_idx').on('groups').columns(['tenant_id', 'member_type', 'membership_type']).execute();

      await db.schema
        .createTable('group_members')
        .addColumn('tenant_id', t.key, (c) => c.notNull())
        .addColumn('group_id', t.key, (c) => c.notNull())
        .addColumn('member_type', t.key, (c) => c.notNull())
        .addColumn('member_id', t.key, (c) => c.notNull())
        .addColumn('added_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('group_members_pkey', ['tenant_id', 'group_id', 'member_type', 'member_id'])
        .addForeignKeyConstraint('group_members_group_fkey', ['tenant_id', 'group_id'], 'groups', ['tenant_id', 'id'], (c) => c.onDelete('cascade'))
        .execute();
      await db.schema.createIndex('group_members_member_idx').on('group_members').columns(['tenant_id', 'member_type', 'member_id']).execute();

      await db.schema
        .createTable('role_assignments')
        .addColumn('tenant_id', t.key, (c) => c.notNull())
        .addColumn('id', t.key, (c) => c.notNull())
        .addColumn('user_id', t.key, (c) => c.notNull())
        .addColumn('role', t.key, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('scope_group_ids', t.json)
        .addPrimaryKeyConstraint('role_assignments_pkey', ['tenant_id', 'id'])
        .addForeignKeyConstraint('role_assignments_user_fkey', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'], (c) => c.onDelete('cascade'))
        .execute();
      await db.schema.createIndex('role_assignments_user_idx').on('role_assignments').columns(['tenant_id', 'user_id']).execute();

      await db.schema
        .createTable('credentials')
        .addColumn('tenant_id', t.key, (c) => c.notNull())
        .addColumn('user_id', t.key, (c) => c.notNull())
        .addColumn('password_hash', t.text)
        .addColumn('totp_secret_sealed', t.text)
        .addColumn('totp_state', t.key, (c) => c.notNull())
        .addColumn('totp_last_step', t.bigint)
        .addColumn('failed_attempts', t.integer, (c) => c.notNull())
        .addColumn('locked_until', t.timestamp)
        .addColumn('password_changed_at', t.timestamp)
        .addPrimaryKeyConstraint('credentials_pkey', ['tenant_id', 'user_id'])
        .addForeignKeyConstraint('credentials_user_fkey', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'], (c) => c.onDelete('cascade'))
        .execute();

      await db.schema
        .createTable('access_tokens')
        .addColumn('tenant_id', t.key, (c) => c.notNull())
        .addColumn('id', t.key, (c) => c.notNull())
        .addColumn('kind', t.key, (c) => c.notNull())
        .addColumn('user_id', t.key, (c) => c.notNull())
        .addColumn('name', t.text, (c) => c.notNull())
        .addColumn('secret_hash', t.text, (c) => c.notNull())
        .addColumn('role', t.key)
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        .addColumn('revoked_at', t.timestamp)
        .addColumn('last_used_at', t.timestamp)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('scope_group_ids', t.json)
        .addPrimaryKeyConstraint('access_tokens_pkey', ['tenant_id', 'id'])
        // Bearer tokens are resolved by id before the tenant is known.
        .addUniqueConstraint('access_tokens_id_key', ['id'])
        .addForeignKeyConstraint('access_tokens_user_fkey', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'], (c) => c.onDelete('cascade'))
        .execute();
      await db.schema.createIndex('access_tokens_list_idx').on('access_tokens').columns(['tenant_id', 'kind', 'created_at', 'id']).execute();
      await db.schema.createIndex('access_tokens_user_idx').on('access_tokens').columns(['tenant_id', 'user_id']).execute();

      await db.schema
        .createTable('devices')
        .addColumn('tenant_id', t.key, (c) => c.notNull().references('tenants.tenant_id').onDelete('cascade'))
        .addColumn('id', t.key, (c) => c.notNull())
        .addColumn('name', t.text, (c) => c.notNull())
        .addColumn('name_key', t.key, (c) => c.notNull())
        .addColumn('platform', t.key, (c) => c.notNull())
        .addColumn('ownership', t.key, (c) => c.notNull())
        .addColumn('management_state', t.key, (c) => c.notNull())
        .addColumn('compliance_state', t.key, (c) => c.notNull())
        .addColumn('serial_number', t.text)
        .addColumn('model', t.text)
        .addColumn('manufacturer', t.text)
        .addColumn('os_version', t.text)
        .addColumn('os_version_key', t.key, (c) => c.notNull())
        .addColumn('primary_user_id', t.key)
        .addColumn('search_text', t.text, (c) => c.notNull())
        .$call((b) => (dialect === 'sqlite' ? b.addColumn('search_id', 'integer') : b))
        .addColumn('enrolled_at', t.timestamp, (c) => c.notNull())
        .addColumn('last_seen_at', t.timestamp)
        .addColumn('last_seen_key', t.timestamp, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addColumn('facts', t.json, (c) => c.notNull())
        .addColumn('inventory', t.json, (c) => c.notNull())
        .addPrimaryKeyConstraint('devices_pkey', ['tenant_id', 'id'])
        .execute();
      // One index per sort, each ending in id: the keyset (sort value, id) walks it directly.
      await db.schema.createIndex('devices_name_idx').on('devices').columns(['tenant_id', 'name_key', 'id']).execute();
      await db.schema.createIndex('devices_enrolled_at_idx').on('devices').columns(['tenant_id', 'enrolled_at', 'id']).execute();
      await db.schema.createIndex('devices_platform_idx').on('devices').columns(['tenant_id', 'platform', 'id']).execute();
      await db.schema.createIndex('devices_os_version_idx').on('devices').columns(['tenant_id', 'os_version_key', 'id']).execute();
      await db.schema.createIndex('devices_last_seen_idx').on('devices').columns(['tenant_id', 'last_seen_key', 'id']).execute();
      // Filters that are not sorts.
      await db.schema.createIndex('devices_compliance_idx').on('devices').columns(['tenant_id', 'compliance_state']).execute();
      await db.schema.createIndex('devices_ownership_idx').on('devices').columns(['tenant_id', 'ownership']).execute();
      await db.schema.createIndex('devices_management_idx').on('devices').columns(['tenant_id', 'management_state']).execute();
      await db.schema.createIndex('devices_primary_user_idx').on('devices').columns(['tenant_id', 'primary_user_id']).execute();
      await deviceSearchIndex(db, dialect);

      await db.schema
        .createTable('audit_events')
        .addColumn('tenant_id', t.key, (c) => c.notNull().references('tenants.tenant_id').onDelete('cascade'))
        .addColumn('seq', t.bigint, (c) => c.notNull())
        .addColumn('id', t.key, (c) => c.notNull().unique())
        .addColumn('action', t.key, (c) => c.notNull())
        .addColumn('actor_type', t.key, (c) => c.notNull())
        .addColumn('actor_id', t.key, (c) => c.notNull())
        .addColumn('actor_name', t.text, (c) => c.notNull())
        .addColumn('target_type', t.key, (c) => c.notNull())
        .addColumn('target_id', t.key, (c) => c.notNull())
        .addColumn('occurred_at', t.timestamp, (c) => c.notNull())
        .addColumn('prev_hash', t.text, (c) => c.notNull())
        .addColumn('hash', t.text, (c) => c.notNull())
        .addColumn('origin', t.json, (c) => c.notNull())
        .addColumn('before', t.json, (c) => c.notNull())
        .addColumn('after', t.json, (c) => c.notNull())
        .addPrimaryKeyConstraint('audit_events_pkey', ['tenant_id', 'seq'])
        .execute();
      await db.schema.createIndex('audit_events_action_idx').on('audit_events').columns(['tenant_id', 'action', 'seq']).execute();
      await db.schema.createIndex('audit_events_actor_idx').on('audit_events').columns(['tenant_id', 'actor_id', 'seq']).execute();
      await db.schema.createIndex('audit_events_target_idx').on('audit_events').columns(['tenant_id', 'target_type', 'target_id', 'seq']).execute();
      await db.schema.createIndex('audit_events_occurred_at_idx').on('audit_events').columns(['tenant_id', 'occurred_at']).execute();

      // The chain head: appends lock this row, so concurrent writers queue instead of forking.
      await db.schema
        .createTable('audit_heads')
        .addColumn('tenant_id', t.key, (c) => c.primaryKey().references('tenants.tenant_id').onDelete('cascade'))
        .addColumn('seq', t.bigint, (c) => c.notNull())
        .addColumn('hash', t.text, (c) => c.notNull())
        .execute();

      // Jobs hold pending work only: a finished job is deleted, a job that gave up stays as `failed`.
      await db.schema
        .createTable('jobs')
        .addColumn('tenant_id', t.key, (c) => c.notNull())
        .addColumn('id', t.key, (c) => c.notNull())
        .addColumn('kind', t.key, (c) => c.notNull())
        .addColumn('state', t.key, (c) => c.notNull())
        .addColumn('unique_key', t.key)
        .addColumn('run_at', t.timestamp, (c) => c.notNull())
        .addColumn('attempts', t.integer, (c) => c.notNull())
        .addColumn('locked_by', t.key)
        .addColumn('locked_until', t.timestamp)
        .addColumn('last_error', t.text)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('payload', t.json, (c) => c.notNull())
        .addPrimaryKeyConstraint('jobs_pkey', ['tenant_id', 'id'])
        .execute();
      await db.schema.createIndex('jobs_due_idx').on('jobs').columns(['state', 'run_at']).execute();
      await db.schema.createIndex('jobs_lease_idx').on('jobs').columns(['state', 'locked_until']).execute();
      // Debouncing: at most one waiting job per unique key. Partial, so a running job with the
      // same key does not stop a newer request (the running one may have read older state).
      await sql`create unique index jobs_unique_key_idx on jobs (tenant_id, unique_key) where state = 'waiting' and unique_key is not null`.execute(db);

      // Recurring jobs: next_run_at is advanced with a compare-and-set, so each tick is enqueued
      // by exactly one process however many run.
      await db.schema
        .createTable('job_schedules')
        .addColumn('tenant_id', t.key, (c) => c.notNull())
        .addColumn('kind', t.key, (c) => c.notNull())
        .addColumn('every_ms', t.bigint, (c) => c.notNull())
        .addColumn('next_run_at', t.timestamp, (c) => c.notNull())
        .addColumn('payload', t.json, (c) => c.notNull())
        .addPrimaryKeyConstraint('job_schedules_pkey', ['tenant_id', 'kind'])
        .execute();
    },
  };
}

/**
 * Substring search over `search_text` that does not read every device: a trigram index. On
 * PostgreSQL a pg_trgm GIN index, which the planner weighs against the sort index by itself. On
 * SQLite a contentless FTS5 trigram table kept by triggers, keyed by `search_id`; the device store
 * consults it when a search term is rare (see device-store.ts).
 */
async function deviceSearchIndex(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') {
    // pg_trgm is a trusted extension: a database owner may create it. It exists once per
    // database, wherever it was installed, so its operator class is named with its schema.
    await sql`create extension if not exists pg_trgm with schema public`.execute(db);
    const found = await sql<{ schema: string }>`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db);
    const schema = found.rows[0]?.schema ?? 'public';
    await sql`create index devices_search_idx on devices using gin (search_text ${sql.id(schema, 'gin_trgm_ops')})`.execute(db);
    return;
  }
  await sql`create unique index devices_search_id_idx on devices (search_id)`.execute(db);
  await sql`create virtual table devices_search using fts5(search_text, content='', contentless_delete=1, tokenize='trigram')`.execute(db);
  await sql`create trigger devices_search_insert after insert on devices begin
    insert into devices_search (rowid, search_text) values (new.search_id, new.search_text);
  end`.execute(db);
  await sql`create trigger devices_search_delete after delete on devices begin
    delete from devices_search where rowid = old.search_id;
  end`.execute(db);
  // Check-ins rewrite the device row; only a changed search text touches the index.
  await sql`create trigger devices_search_update after update of search_text on devices when old.search_text is not new.search_text begin
    delete from devices_search where rowid = old.search_id;
    insert into devices_search (rowid, search_text) values (new.search_id, new.search_text);
  end`.execute(db);
}
