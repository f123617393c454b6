import type { DeviceId, TenantId } from '../kernel/brand.js';
import type { Deps } from '../kernel/deps.js';
import type { EventPublisher } from '../kernel/events.js';
import { computeDesiredState, type PolicySnapshot } from './compute-desired-state.js';
import { loadPolicySnapshot, type PolicySnapshotStores } from './load-policy-snapshot.js';
import type { IssuedCredential } from './model.js';
import type { AssignmentTargetingStore, DesiredStateWrite, DeviceConfigurationStore, DeviceProfileKey, ProfileCredentialSource } from './ports.js';
import { reconcileChunkDevices } from './reconcile-chunk-devices.js';
import { reconcileDeviceStates } from './reconcile-device-states.js';
import { recomputeInChunks, type ChunkOutcome, type RecomputeOutcome } from './recompute-in-chunks.js';
import { chunkCredentials } from './required-credentials.js';

export type RecomputeDesiredStateStores = PolicySnapshotStores &
  Pick<AssignmentTargetingStore, 'getAssignmentSubjects'> &
  Pick<DeviceConfigurationStore, 'listDeviceProfileStates' | 'upsertDesiredStates' | 'deleteDeviceProfileStates'> &
  EventPublisher;

/** What recomputation is given: deps, and the CA's credential source when the server has one. */
export type RecomputeDeps = Deps<RecomputeDesiredStateStores> & { readonly credentials?: ProfileCredentialSource };

/** Devices per transaction: large enough to amortise round trips, small enough to hold the writer briefly. */
export const recomputeChunkSize = 500;

export type { RecomputeOutcome } from './recompute-in-chunks.js';

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
  return recomputeInChunks(deps.tx, deviceIds, recomputeChunkSize, (s, chunk) => recomputeChunk(s, deps, tenantId, chunk, snapshot), onProgress);
}

async function recomputeChunk(
  s: RecomputeDesiredStateStores,
  deps: Pick<RecomputeDeps, 'clock' | 'digests' | 'credentials'>,
  tenantId: TenantId,
  chunk: readonly DeviceId[],
  snapshot: PolicySnapshot,
): Promise<ChunkOutcome> {
  const now = deps.clock.now();
  const subjects = await s.getAssignmentSubjects(tenantId, chunk);
  const rows = await s.listDeviceProfileStates(tenantId, chunk);
  const credentials = await chunkCredentials(deps.credentials, tenantId, subjects, snapshot, now);
  const none = new Map<string, IssuedCredential>();
  const sha256Hex = (text: string): string => deps.digests.sha256Hex(text);
  return reconcileChunkDevices(s, tenantId, subjects, rows, {
    keyOf: (row): DeviceProfileKey => ({ deviceId: row.deviceId, profileId: row.profileId }),
    reconcile: (subject, existing) => reconcileDeviceStates(tenantId, subject.device.id, existing, computeDesiredState(subject, snapshot, credentials.get(subject.device.id) ?? none, now, sha256Hex), now),
    write: (writes: readonly DesiredStateWrite[]) => s.upsertDesiredStates(writes),
    delete: (keys) => s.deleteDeviceProfileStates(tenantId, keys),
  });
}
