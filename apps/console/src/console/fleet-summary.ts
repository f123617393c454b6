import type { ComplianceState, DeviceSummary, Platform } from '../api/types';

/** Counts the dashboard charts, from whatever set of devices it was given. */
export interface FleetSummary {
  /** How many devices the counts cover. */
  readonly devices: number;
  /** Whether they are the whole fleet, or only the most recently enrolled part of it. */
  readonly complete: boolean;
  readonly byPlatform: ReadonlyMap<Platform, number>;
  /** `platform version` → count, most common first. */
  readonly byOsVersion: readonly (readonly [string, number])[];
  readonly byCompliance: ReadonlyMap<ComplianceState, number>;
  /** The last `days` days, oldest first, as local dates (YYYY-MM-DD) and counts. */
  readonly enrolledPerDay: readonly (readonly [string, number])[];
}

function increment<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function localDay(at: Date): string {
  return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
}

/** Counts devices by platform, OS version, compliance state and day of enrollment. */
export function summarizeFleet(devices: readonly DeviceSummary[], complete: boolean, now: Date, days = 14): FleetSummary {
  const byPlatform = new Map<Platform, number>();
  const byOs = new Map<string, number>();
  const byCompliance = new Map<ComplianceState, number>();
  const perDay = new Map<string, number>();
  for (let i = days - 1; i >= 0; i--) perDay.set(localDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() - i)), 0);
  for (const device of devices) {
    increment(byPlatform, device.platform);
    increment(byOs, `${device.platform} ${device.osVersion ?? 'unknown'}`);
    increment(byCompliance, device.complianceState);
    const day = localDay(new Date(device.enrolledAt));
    if (perDay.has(day)) increment(perDay, day);
  }
  return {
    devices: devices.length,
    complete,
    byPlatform,
    byOsVersion: [...byOs].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
    byCompliance,
    enrolledPerDay: [...perDay],
  };
}
