import type { DeviceId, TenantId } from '../kernel/brand.js';
import type { Deps } from '../kernel/deps.js';
import type { EventPublisher } from '../kernel/events.js';
import type { AssignmentTargetingStore } from '../policy/ports.js';
import { reconcileChunkDevices } from '../policy/reconcile-chunk-devices.js';
import { recomputeInChunks, type ChunkOutcome, type RecomputeOutcome } from '../policy/recompute-in-chunks.js';
import { appleMdmDevices, type AppleMdmDeviceStores } from './apple-mdm-devices.js';
import { computeDesiredApps } from './compute-desired-apps.js';
import { loadAppSnapshot, type AppSnapshot, type AppSnapshotStores } from './load-app-snapshot.js';
import type { AppTargetingStore, DesiredAppStateWrite, DeviceAppKey, DeviceAppStateStore, LinuxRelease } from './ports.js';
import { reconcileDeviceApps } from './reconcile-device-apps.js';

export type RecomputeDesiredAppsStores = AppSnapshotStores &
  Pick<AssignmentTargetingStore, 'getAssignmentSubjects'> &
  AppTargetingStore &
  AppleMdmDeviceStores &
  Pick<DeviceAppStateStore, 'listDeviceAppStates' | 'upsertDesiredAppStates' | 'deleteDeviceAppStates'> &
  EventPublisher;

/** Devices per transaction, as for desired configuration. */
export const appRecomputeChunkSize = 500;

/** What a recomputation of desired apps did. */
export type AppRecomputeOutcome = RecomputeOutcome;

/**
 * Recomputes the desired apps of these devices and stores what changed. The tenant's apps and
 * assignments are read once; devices go in chunks of 500, each one transaction: subjects, rows and
 * Linux releases read in bulk, desired apps computed in memory, only changed rows written, and
 * `device.wake` published for each device that now has something to install or remove. A device
 * that no longer exists, or is retired, loses its rows.
 */
export async function recomputeDesiredApps(
  deps: Deps<RecomputeDesiredAppsStores>,
  tenantId: TenantId,
  deviceIds: readonly DeviceId[],
  onProgress?: (done: number, total: number) => void,
): Promise<AppRecomputeOutcome> {
  const snapshot = await loadAppSnapshot(deps.stores, tenantId);
  return recomputeInChunks(deps.tx, deviceIds, appRecomputeChunkSize, (s, chunk) => recomputeChunk(s, deps, tenantId, chunk, snapshot), onProgress);
}

async function recomputeChunk(
  s: RecomputeDesiredAppsStores,
  deps: Pick<Deps<unknown>, 'clock' | 'digests'>,
  tenantId: TenantId,
  chunk: readonly DeviceId[],
  snapshot: AppSnapshot,
): Promise<ChunkOutcome> {
  const now = deps.clock.now();
  const rows = await s.listDeviceAppStates(tenantId, chunk);
  // Nothing assigned and nothing to take back: the common case for a tenant without apps costs one read.
  if (snapshot.assignments.length === 0 && rows.length === 0) return { written: 0, deleted: 0, woken: 0 };
  const subjects = await s.getAssignmentSubjects(tenantId, chunk);
  const linux = subjects.filter((x) => x.device.platform === 'linux').map((x) => x.device.id);
  const releases = linux.length === 0 || snapshot.assignments.length === 0 ? new Map<DeviceId, LinuxRelease>() : await s.getLinuxReleases(tenantId, linux);
  const appleMdm = snapshot.assignments.length === 0 ? new Set<DeviceId>() : await appleMdmDevices(s, tenantId, subjects.map((x) => x.device));
  const sha256Hex = (text: string): string => deps.digests.sha256Hex(text);
  return reconcileChunkDevices(s, tenantId, subjects, rows, {
    keyOf: (row): DeviceAppKey => ({ deviceId: row.deviceId, appId: row.appId }),
    reconcile: (subject, existing) => reconcileDeviceApps(tenantId, subject.device.id, existing, computeDesiredApps(subject, snapshot, releases.get(subject.device.id), now, sha256Hex, { appleMdm: appleMdm.has(subject.device.id) }), now, sha256Hex),
    write: (writes: readonly DesiredAppStateWrite[]) => s.upsertDesiredAppStates(writes),
    delete: (keys) => s.deleteDeviceAppStates(tenantId, keys),
  });
}
