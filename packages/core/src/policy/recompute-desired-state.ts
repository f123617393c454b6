import type { DeviceId, TenantId } from '../kernel/brand.js';
import type { Deps } from '../kernel/deps.js';
import type { EventPublisher } from '../kernel/events.js';
import { computeDesiredState, type PolicySnapshot } from './compute-desired-state.js';
import { loadPolicySnapshot, type PolicySnapshotStores } from './load-policy-snapshot.js';
import type { DeviceProfileState, IssuedCredential } from './model.js';
import type { AssignmentTargetingStore, DesiredStateWrite, DeviceConfigurationStore, DeviceProfileKey, ProfileCredentialSource } from './ports.js';
import { reconcileDeviceStates } from './reconcile-device-states.js';
import { chunkCredentials } from './required-credentials.js';

export type RecomputeDesiredStateStores = PolicySnapshotStores &
  Pick<AssignmentTargetingStore, 'getAssignmentSubjects'> &
  Pick<DeviceConfigurationStore, 'listDeviceProfileStates' | 'upsertDesiredStates' | 'deleteDeviceProfileStates'> &
  EventPublisher;

/** What recomputation is given: deps, and the CA's credential source when the server has one. */
export type RecomputeDeps = Deps<RecomputeDesiredStateStores> & { readonly credentials?: ProfileCredentialSource };

/** Devices per transaction: large enough to amortise round trips, small enough to hold the writer briefly. */
export const recomputeChunkSize = 500;

/** What a recomputation did. */
export interface RecomputeOutcome {
  readonly devices: number;
  /** Rows inserted or changed. */
  readonly written: number;
  readonly deleted: number;
  /** Devices told to check in now. */
  readonly woken: number;
}

/**
 * Recomputes the desired configuration of these devices and stores what changed. The tenant's
 * policy is read once; devices go in chunks of 500, each chunk one transaction: subjects and rows
 * read in bulk, desired state computed in memory, only changed rows written, and `device.wake`
 * published for every device that now has something to install or remove. A device that no
 * longer exists, or is retired, loses its rows (it will never check in to remove anything).
 * Ward-issued certificates the chunk's devices need are fetched (or issued) in one call per chunk;
 * without a credential source such profiles are notApplicable with a reason.
 */
export async function recomputeDesiredState(
  deps: RecomputeDeps,
  tenantId: TenantId,
  deviceIds: readonly DeviceId[],
  onProgress?: (done: number, total: number) => void,
): Promise<RecomputeOutcome> {
  const snapshot = await loadPolicySnapshot(deps.stores, tenantId);
  let written = 0;
  let deleted = 0;
  let woken = 0;
  for (let i = 0; i < deviceIds.length; i += recomputeChunkSize) {
    const chunk = deviceIds.slice(i, i + recomputeChunkSize);
    const outcome = await deps.tx.transaction((s) => recomputeChunk(s, deps, tenantId, chunk, snapshot));
    written += outcome.written;
    deleted += outcome.deleted;
    woken += outcome.woken;
    onProgress?.(Math.min(i + recomputeChunkSize, deviceIds.length), deviceIds.length);
  }
  return { devices: deviceIds.length, written, deleted, woken };
}

async function recomputeChunk(
  s: RecomputeDesiredStateStores,
  deps: Pick<RecomputeDeps, 'clock' | 'digests' | 'credentials'>,
  tenantId: TenantId,
  chunk: readonly DeviceId[],
  snapshot: PolicySnapshot,
): Promise<Omit<RecomputeOutcome, 'devices'>> {
  const now = deps.clock.now();
  const subjects = await s.getAssignmentSubjects(tenantId, chunk);
  const rows = await s.listDeviceProfileStates(tenantId, chunk);
  const rowsByDevice = new Map<string, DeviceProfileState[]>();
  for (const row of rows) {
    const list = rowsByDevice.get(row.deviceId);
    if (list === undefined) rowsByDevice.set(row.deviceId, [row]);
    else list.push(row);
  }
  const writes: DesiredStateWrite[] = [];
  const deletes: DeviceProfileKey[] = [];
  const wake: DeviceId[] = [];
  const credentials = await chunkCredentials(deps.credentials, tenantId, subjects, snapshot, now);
  const none = new Map<string, IssuedCredential>();
  const sha256Hex = (text: string): string => deps.digests.sha256Hex(text);
  const seen = new Set<string>();
  for (const subject of subjects) {
    const device = subject.device;
    seen.add(device.id);
    const existing = rowsByDevice.get(device.id) ?? [];
    if (device.managementState === 'retired') {
      for (const row of existing) deletes.push({ deviceId: row.deviceId, profileId: row.profileId });
      continue;
    }
    const desired = computeDesiredState(subject, snapshot, credentials.get(device.id) ?? none, now, sha256Hex);
    const result = reconcileDeviceStates(tenantId, device.id, existing, desired, now);
    writes.push(...result.writes);
    deletes.push(...result.deletes);
    if (result.wake) wake.push(device.id);
  }
  for (const [deviceId, existing] of rowsByDevice) if (!seen.has(deviceId)) for (const row of existing) deletes.push({ deviceId: row.deviceId, profileId: row.profileId });
  if (writes.length > 0) await s.upsertDesiredStates(writes);
  const removed = deletes.length > 0 ? await s.deleteDeviceProfileStates(tenantId, deletes) : 0;
  for (const deviceId of wake) s.publish({ type: 'device.wake', tenantId, subject: deviceId });
  return { written: writes.length, deleted: removed, woken: wake.length };
}
