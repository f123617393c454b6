import type { TenantStore } from '../directory/ports.js';
import type { Clock } from '../kernel/ports.js';
import { addComplianceDays, complianceDayOf, type ComplianceHistoryStore } from './compliance-history.js';

/** The recurring job (any tenant) that records today's compliance snapshot of every tenant. */
export const recordComplianceSnapshotsJobKind = 'compliance.recordSnapshots';

/**
 * How often the snapshot job runs. A day is recorded once, at the first run of that day, so the
 * interval bounds how late after midnight (UTC) or after a restart the day's counts are taken;
 * the other runs of the day write nothing.
 */
export const recordComplianceSnapshotsEveryMs = 3_600_000;

/** Days of history kept: a year and a month, enough for a year-over-year look. */
export const complianceHistoryRetentionDays = 400;

export type RecordComplianceSnapshotsStores = Pick<TenantStore, 'listTenants'> & ComplianceHistoryStore;

/** What one run did. */
export interface ComplianceSnapshotRun {
  readonly day: string;
  readonly tenants: number;
  /** Rows written: 0 when every tenant's day was already recorded. */
  readonly written: number;
  /** Rows older than the retention removed. */
  readonly pruned: number;
}

/**
 * Records today's (UTC) compliance counts of every tenant, overall and per policy, unless already
 * recorded, then drops snapshots older than {@link complianceHistoryRetentionDays}. Idempotent per
 * (tenant, day, policy): the store keeps the first snapshot of a day, so several nodes running the
 * schedule, or a restart that runs it again, write each day once. Each tenant is one aggregate
 * statement; nothing loads devices.
 */
export async function recordComplianceSnapshots(deps: { readonly clock: Clock; readonly stores: RecordComplianceSnapshotsStores }): Promise<ComplianceSnapshotRun> {
  const now = deps.clock.now();
  const day = complianceDayOf(now);
  const tenants = await deps.stores.listTenants();
  let written = 0;
  for (const tenant of tenants) written += await deps.stores.recordComplianceSnapshot(tenant.id, day, now);
  const pruned = await deps.stores.pruneComplianceSnapshots(addComplianceDays(day, -complianceHistoryRetentionDays));
  return { day, tenants: tenants.length, written, pruned };
}
