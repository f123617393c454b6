import type { TenantId } from '../kernel/brand.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { appDesiredStateChangeOf } from './app-desired-state-job.js';
import { findAppAffectedDevices, type AppAffectedDeviceStores } from './find-app-affected-devices.js';
import { recomputeDesiredApps, type AppRecomputeOutcome, type RecomputeDesiredAppsStores } from './recompute-desired-apps.js';

export type AppDesiredStateJobStores = AppAffectedDeviceStores & RecomputeDesiredAppsStores;

/**
 * Runs an `apps.recomputeDesiredApps` job, or the apps half of a `policy.recomputeDesiredState`
 * job (group, filter and device changes; profile changes concern no app): finds the devices the
 * change touches and recomputes their desired apps. A malformed payload is VALIDATION_FAILED
 * (the runner drops it, retrying cannot help).
 */
export async function runAppDesiredStateJob(
  deps: Deps<AppDesiredStateJobStores>,
  tenantId: TenantId,
  payload: Readonly<Record<string, unknown>>,
  onProgress?: (done: number, total: number) => void,
): Promise<Result<AppRecomputeOutcome, ErrorCode>> {
  if (payload.type === 'profile') return ok({ devices: 0, written: 0, deleted: 0, woken: 0 });
  const change = appDesiredStateChangeOf(payload);
  if (change === undefined) return fail('VALIDATION_FAILED', 'The desired-apps job payload is malformed.');
  const deviceIds = await findAppAffectedDevices(deps.stores, tenantId, change);
  return ok(await recomputeDesiredApps(deps, tenantId, deviceIds, onProgress));
}
