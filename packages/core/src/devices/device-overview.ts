import { actionTypes, type ActionType } from '../commands/model.js';
import { authorize } from '../directory/authorize.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { complianceStates, managementStates, ownerships, platforms, type ComplianceState, type ManagementState, type Ownership, type Platform } from './model.js';
import type { DeviceCountScope, DeviceStore } from './ports.js';

export type DeviceOverviewStores = Pick<DeviceStore, 'countDevicesByState' | 'countDevicesByOsVersion' | 'countEnrollmentsByDay' | 'countPendingActionsByType'>;

/** Bounds of the overview's inputs. */
export const deviceOverviewLimits = {
  osVersionsPerPlatform: { min: 1, max: 20, default: 5 },
  days: { min: 1, max: 90, default: 30 },
} as const;

/** What the overview is asked for. */
export interface DeviceOverviewInput {
  /** How many OS versions to name per platform; the rest are counted as `other`. */
  readonly osVersionsPerPlatform?: number;
  /** How many UTC days of enrollments, today included. */
  readonly days?: number;
}

/** The most common OS versions of one platform. */
export interface PlatformOsVersions {
  readonly platform: Platform;
  /** Devices of the platform (not retired). */
  readonly total: number;
  /** Most devices first; `osVersion` null for devices that have not reported one. */
  readonly versions: readonly { readonly osVersion: string | null; readonly count: number }[];
  /** Devices of the platform on any version not named. */
  readonly other: number;
}

/**
 * The fleet at a glance, within the caller's device scope. Retired devices are counted only in
 * `byManagementState` and `retired`: every other count is of devices still under management.
 */
export interface DeviceOverview {
  /** Devices under management (not retired). */
  readonly total: number;
  readonly retired: number;
  /** Every value present, 0 when none. */
  readonly byPlatform: Readonly<Record<Platform, number>>;
  readonly byComplianceState: Readonly<Record<ComplianceState, number>>;
  readonly byOwnership: Readonly<Record<Ownership, number>>;
  /** Retired devices included. */
  readonly byManagementState: Readonly<Record<ManagementState, number>>;
  /** Platforms that have devices, in the catalog order of platforms. */
  readonly osVersions: readonly PlatformOsVersions[];
  /** Every UTC day of the period, oldest first, today last; 0 for a day without enrollments. */
  readonly enrollmentsPerDay: readonly { readonly day: string; readonly count: number }[];
  /** Remote actions waiting for their device, by type. */
  readonly pendingActions: Readonly<Record<ActionType, number>>;
  readonly generatedAt: Date;
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

const dayMs = 86_400_000;

function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

function whole(value: number | undefined, bounds: { readonly min: number; readonly max: number; readonly default: number }, field: string): Result<number, 'INVALID_FILTER'> {
  if (value === undefined) return ok(bounds.default);
  if (!Number.isInteger(value) || value < bounds.min || value > bounds.max) return fail('INVALID_FILTER', `${field} must be a whole number from ${bounds.min} to ${bounds.max}.`, { field });
  return ok(value);
}

/**
 * Counts of the devices the principal may read: by platform, compliance state, ownership and
 * management state, the most common OS versions per platform, enrollments per day and remote
 * actions waiting for their devices. Each dimension is a grouped count in the store; no device is
 * loaded, so the answer costs the same for ten devices as for a hundred thousand rows scanned once.
 */
export async function deviceOverview(deps: Deps<DeviceOverviewStores>, principal: Principal, input: DeviceOverviewInput = {}): Promise<Result<DeviceOverview, ErrorCode>> {
  const scope = authorize(principal, 'devices.read');
  if (!scope.ok) return scope;
  const perPlatform = whole(input.osVersionsPerPlatform, deviceOverviewLimits.osVersionsPerPlatform, 'osVersionsPerPlatform');
  if (!perPlatform.ok) return perPlatform;
  const days = whole(input.days, deviceOverviewLimits.days, 'days');
  if (!days.ok) return days;

  const countScope: DeviceCountScope = scope.value.kind === 'groups' ? { withinGroups: scope.value.groupIds } : {};
  const tenantId = principal.tenantId;
  const now = deps.clock.now();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const since = new Date(today - (days.value - 1) * dayMs);
  const [states, versions, enrolled, pending] = await Promise.all([
    deps.stores.countDevicesByState(tenantId, countScope),
    deps.stores.countDevicesByOsVersion(tenantId, countScope, perPlatform.value),
    deps.stores.countEnrollmentsByDay(tenantId, countScope, since),
    deps.stores.countPendingActionsByType(tenantId, countScope, now),
  ]);

  const byPlatform = zeros(platforms);
  const byComplianceState = zeros(complianceStates);
  const byOwnership = zeros(ownerships);
  const byManagementState = zeros(managementStates);
  let total = 0;
  for (const row of states) {
    byManagementState[row.managementState] += row.count;
    if (row.managementState === 'retired') continue;
    total += row.count;
    byPlatform[row.platform] += row.count;
    byComplianceState[row.complianceState] += row.count;
    byOwnership[row.ownership] += row.count;
  }

  const named = new Map<Platform, { osVersion: string | null; count: number }[]>();
  for (const row of versions) {
    let list = named.get(row.platform);
    if (list === undefined) named.set(row.platform, (list = []));
    list.push({ osVersion: row.osVersion, count: row.count });
  }
  const osVersions = platforms
    .filter((p) => byPlatform[p] > 0)
    .map((platform) => {
      const list = named.get(platform) ?? [];
      const shown = list.reduce((sum, v) => sum + v.count, 0);
      return { platform, total: byPlatform[platform], versions: list, other: Math.max(0, byPlatform[platform] - shown) };
    });

  const perDay = new Map(enrolled.map((d) => [d.day, d.count]));
  const enrollmentsPerDay = Array.from({ length: days.value }, (_, i) => {
    const day = utcDay(new Date(since.getTime() + i * dayMs));
    return { day, count: perDay.get(day) ?? 0 };
  });

  const pendingActions = zeros(actionTypes);
  for (const row of pending) if (row.type in pendingActions) pendingActions[row.type] += row.count;

  return ok({ total, retired: byManagementState.retired, byPlatform, byComplianceState, byOwnership, byManagementState, osVersions, enrollmentsPerDay, pendingActions, generatedAt: now });
}
