import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { computeDesiredState } from '../policy/compute-desired-state.js';
import { loadPolicySnapshot, type PolicySnapshotStores } from '../policy/load-policy-snapshot.js';
import type { ConfigurationItem, IssuedCredential } from '../policy/model.js';
import type { AssignmentTargetingStore, ProfileCredentialSource } from '../policy/ports.js';
import { chunkCredentials } from '../policy/required-credentials.js';
import type { BoundAppleSession } from './resolve-apple-request.js';

export type GetAppleDeliveryItemStores = PolicySnapshotStores & Pick<AssignmentTargetingStore, 'getAssignmentSubjects'>;

/** Which version of which profile an InstallProfile command (its abstract payload) installs. */
export interface AppleDeliveryRequest {
  readonly profileId: string;
  readonly hash: string;
}

/**
 * What to send for an InstallProfile: `current` with the policy engine's rendered item
 * (variables substituted, Ward-issued certificates included) when the desired version is still
 * the one the command names; `stale` when the profile changed or is no longer assigned to the
 * device (a newer plan has queued what replaces it); `notApplicable` when the engine says the
 * profile does not apply to the device. The adapter renders a current item as an Apple
 * profile, and skips the others with {@link skipAppleCommand}.
 */
export type AppleDeliveryItem =
  | { readonly status: 'current'; readonly item: ConfigurationItem }
  | { readonly status: 'stale' }
  | { readonly status: 'notApplicable'; readonly reason: string };

/**
 * Renders one profile for one Apple device at delivery time (issue 5 §6), through the same path
 * the agent's check-in and the background recomputation use (`computeDesiredState`), so the hash
 * matches the one planned. Read-only but for Ward-issued certificates the CA may issue on first
 * use (hence a transaction). A session of a device that left management is DEVICE_RETIRED.
 */
export async function getAppleDeliveryItem(
  deps: Deps<GetAppleDeliveryItemStores> & { readonly credentials?: ProfileCredentialSource },
  session: BoundAppleSession,
  request: AppleDeliveryRequest,
): Promise<Result<AppleDeliveryItem, ErrorCode>> {
  const { tenantId, id: deviceId } = session.device;
  return deps.tx.transaction(async (s) => {
    const now = deps.clock.now();
    const [subject] = await s.getAssignmentSubjects(tenantId, [deviceId]);
    if (subject === undefined || subject.device.managementState === 'retired') return fail('DEVICE_RETIRED', 'This device has left management.');
    const snapshot = await loadPolicySnapshot(s, tenantId);
    if (!snapshot.profiles.has(request.profileId)) return ok({ status: 'stale' as const });
    const credentials = await chunkCredentials(deps.credentials, tenantId, [subject], snapshot, now);
    const desired = computeDesiredState(subject, snapshot, credentials.get(deviceId) ?? new Map<string, IssuedCredential>(), now, (text) => deps.digests.sha256Hex(text));
    const item = desired.find((d) => d.profileId === request.profileId);
    if (item === undefined) return ok({ status: 'stale' as const });
    if (item.action === 'notApplicable') return ok({ status: 'notApplicable' as const, reason: item.reason ?? 'The profile does not apply to this device.' });
    if (item.item === null || item.item.hash !== request.hash) return ok({ status: 'stale' as const });
    return ok({ status: 'current' as const, item: item.item });
  });
}
