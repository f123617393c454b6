import { complianceStates, type ComplianceState } from '../devices/model.js';
import type { TenantId } from '../kernel/brand.js';
import type { CompliancePolicyId } from './model.js';

/**
 * A calendar day in UTC, `YYYY-MM-DD`. Snapshots are keyed by the UTC day so that every node of a
 * cluster, whatever its local zone, names the same day the same way; text in this form sorts in
 * time order.
 */
export type ComplianceDay = string;

/** One day's counts of devices per compliance state, overall or against one policy. */
export interface ComplianceSnapshot {
  readonly tenantId: TenantId;
  readonly day: ComplianceDay;
  /** Null: devices by their overall state (retired ones left out); otherwise records of that policy. */
  readonly policyId: CompliancePolicyId | null;
  /** Every state is present (0 when none). */
  readonly byState: Readonly<Record<ComplianceState, number>>;
  /** When the counts were taken: the first snapshot of the day wins. */
  readonly recordedAt: Date;
}

/** Which snapshots to read: one series (overall or one policy), days `fromDay` to `toDay` inclusive. */
export interface ComplianceSnapshotQuery {
  readonly policyId: CompliancePolicyId | null;
  readonly fromDay: ComplianceDay;
  readonly toDay: ComplianceDay;
}

/**
 * Daily compliance counts per tenant: one row per (tenant, policy or overall, day). Rows are few
 * (tenants × (policies + 1) × retained days) and old ones are pruned, so the table never grows
 * with the fleet or with time.
 */
export interface ComplianceHistoryStore {
  /**
   * Counts the tenant's devices by their current overall `complianceState` (retired devices left
   * out) and its records by state for every policy that exists (a policy with no records counts
   * zeros), in one aggregate `INSERT … SELECT`, and stores them as the snapshot of `day` taken
   * at `recordedAt`. A (policy, day) row already stored is kept as it is (`ON CONFLICT DO
   * NOTHING`), so any number of nodes and restarts record a day once. Returns the rows written.
   */
  recordComplianceSnapshot(tenantId: TenantId, day: ComplianceDay, recordedAt: Date): Promise<number>;
  /** The snapshots of one series within the days, oldest first; days without one are absent. */
  listComplianceSnapshots(tenantId: TenantId, query: ComplianceSnapshotQuery): Promise<readonly ComplianceSnapshot[]>;
  /** Removes snapshots (every tenant) of days before `beforeDay`; returns how many. */
  pruneComplianceSnapshots(beforeDay: ComplianceDay): Promise<number>;
}

const dayMs = 86_400_000;

/** The UTC day of an instant. */
export function complianceDayOf(at: Date): ComplianceDay {
  return at.toISOString().slice(0, 10);
}

/** `day` moved by `days` (negative: earlier). `day` must be a {@link ComplianceDay}. */
export function addComplianceDays(day: ComplianceDay, days: number): ComplianceDay {
  return complianceDayOf(new Date(Date.parse(`${day}T00:00:00.000Z`) + days * dayMs));
}

/** A day of a series: its counts, or nulls for a day with no snapshot (the server was down). */
export interface ComplianceHistoryPoint {
  readonly day: ComplianceDay;
  /** Devices counted that day; null when no snapshot was taken. */
  readonly total: number | null;
  readonly byState: Readonly<Record<ComplianceState, number>> | null;
}

/**
 * Every day from `fromDay` to `toDay` inclusive, oldest first, with the snapshot of that day or
 * nulls: a missing day stays a gap rather than a made-up zero. Snapshots outside the range are
 * ignored; of two for one day (which the store's key forbids) the first is kept.
 */
export function complianceHistoryPoints(snapshots: readonly ComplianceSnapshot[], fromDay: ComplianceDay, toDay: ComplianceDay): readonly ComplianceHistoryPoint[] {
  const byDay = new Map<ComplianceDay, ComplianceSnapshot>();
  for (const s of snapshots) if (!byDay.has(s.day)) byDay.set(s.day, s);
  const points: ComplianceHistoryPoint[] = [];
  for (let day = fromDay; day <= toDay; day = addComplianceDays(day, 1)) {
    const s = byDay.get(day);
    if (s === undefined) points.push({ day, total: null, byState: null });
    else points.push({ day, total: complianceStates.reduce((n, state) => n + s.byState[state], 0), byState: s.byState });
  }
  return points;
}
