import type { Kysely, Migration } from 'kysely';

/**
 * Covering indexes for the fleet overview (`GET /api/v1/reports/devices`, issue 8: no console
 * page over 1 s at 100,000 devices). Each grouped count of the overview reads one narrow index in
 * its group order instead of every device row (facts and inventory included): the counts by
 * state, the most common OS versions, and the actions waiting by type. The enrollments per day
 * already had theirs (`devices_enrolled_at_idx`). On PostgreSQL they serve index-only scans.
 */
export function reportIndexes(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.createIndex('devices_state_count_idx').on('devices').columns(['tenant_id', 'platform', 'compliance_state', 'ownership', 'management_state']).execute();
      await db.schema.createIndex('devices_os_version_count_idx').on('devices').columns(['tenant_id', 'platform', 'os_version', 'management_state', 'os_version_key']).execute();
      await db.schema.createIndex('device_commands_pending_idx').on('device_commands').columns(['tenant_id', 'type', 'expires_at']).execute();
    },
  };
}
