import type { TenantId } from '../kernel/brand.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { desiredStateChangeOf } from './desired-state-job.js';
import { findAffectedDevices, type AffectedDeviceStores } from './find-affected-devices.js';
import { recomputeDesiredState, type RecomputeDeps, type RecomputeDesiredStateStores, type RecomputeOutcome } from './recompute-desired-state.js';

export type DesiredStateJobStores = AffectedDeviceStores & RecomputeDesiredStateStores;

/**
 * Runs a `policy.recomputeDesiredState` job: finds the devices the change touches and recomputes
 * them. The job runner registers this for `desiredStateJobKind`; a malformed payload is
 * VALIDATION_FAILED (the runner drops it, retrying cannot help).
 */
export async function runDesiredStateJob(
  deps: Deps<DesiredStateJobStores> & Pick<RecomputeDeps, 'credentials'>,
  tenantId: TenantId,
  payload: Readonly<Record<string, unknown>>,
  onProgress?: (done: number, total: number) => void,
): Promise<Result<RecomputeOutcome, ErrorCode>> {
  const change = desiredStateChangeOf(payload);
  if (change === undefined) return fail('VALIDATION_FAILED', 'The desired-state job payload is malformed.');
  const deviceIds = await findAffectedDevices(deps.stores, tenantId, change);
  return ok(await recomputeDesiredState(deps, tenantId, deviceIds, onProgress));
}
