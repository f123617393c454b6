import type { DeviceId, TenantId } from '../kernel/brand.js';
import type { EventPublisher } from '../kernel/events.js';
import type { AssignmentSubject } from './model.js';
import type { ChunkOutcome } from './recompute-in-chunks.js';

/** What one device's rows must become: rows to write, keys to delete, and whether to wake it. */
export interface DeviceRowChanges<W, K> {
  readonly writes: readonly W[];
  readonly deletes: readonly K[];
  readonly wake: boolean;
}

/** How one kind of per-device row (a profile's, an app's) is reconciled and stored. */
export interface ChunkRows<R, W, K> {
  /** The key that deletes `row`. */
  keyOf(row: R): K;
  /** What a live device's rows must become. */
  reconcile(subject: AssignmentSubject, existing: readonly R[]): DeviceRowChanges<W, K>;
  write(writes: readonly W[]): Promise<void>;
  /** Deletes the rows of these keys, returning how many there were. */
  delete(keys: readonly K[]): Promise<number>;
}

/**
 * Brings one chunk's stored rows to what its devices need: each subject's rows are reconciled; a
 * retired device, or one with rows but no longer a subject (it was deleted), loses them all (it
 * will never check in to remove anything). Only changes are written, and `device.wake` is
 * published for each device that now has something to install or remove.
 */
export async function reconcileChunkDevices<R extends { readonly deviceId: DeviceId }, W, K>(
  s: EventPublisher,
  tenantId: TenantId,
  subjects: readonly AssignmentSubject[],
  rows: readonly R[],
  kind: ChunkRows<R, W, K>,
): Promise<ChunkOutcome> {
  const rowsByDevice = new Map<string, R[]>();
  for (const row of rows) {
    const list = rowsByDevice.get(row.deviceId);
    if (list === undefined) rowsByDevice.set(row.deviceId, [row]);
    else list.push(row);
  }
  const writes: W[] = [];
  const deletes: K[] = [];
  const wake: DeviceId[] = [];
  const seen = new Set<string>();
  for (const subject of subjects) {
    const device = subject.device;
    seen.add(device.id);
    const existing = rowsByDevice.get(device.id) ?? [];
    if (device.managementState === 'retired') {
      for (const row of existing) deletes.push(kind.keyOf(row));
      continue;
    }
    const result = kind.reconcile(subject, existing);
    writes.push(...result.writes);
    deletes.push(...result.deletes);
    if (result.wake) wake.push(device.id);
  }
  for (const [deviceId, existing] of rowsByDevice) if (!seen.has(deviceId)) for (const row of existing) deletes.push(kind.keyOf(row));
  if (writes.length > 0) await kind.write(writes);
  const removed = deletes.length > 0 ? await kind.delete(deletes) : 0;
  for (const deviceId of wake) s.publish({ type: 'device.wake', tenantId, subject: deviceId });
  return { written: writes.length, deleted: removed, woken: wake.length };
}
