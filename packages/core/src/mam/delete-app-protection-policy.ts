import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import { ok, type Result } from '../kernel/result.js';
import { findAppProtectionPolicy } from './find-mam-policy.js';
import { mamPolicyChanged } from './mam-policy-changed.js';
import type { AppProtectionPolicyStore } from './ports.js';

export type DeleteAppProtectionPolicyStores = Pick<AppProtectionPolicyStore, 'getAppProtectionPolicy' | 'deleteAppProtectionPolicy'> & AuditTrail & EventPublisher;

/**
 * Removes a protection policy. Registered apps it protected keep enforcing the last policy they
 * received (their data stays sealed) but no longer count as protected for conditional access,
 * until another policy reaches them or an admin wipes them.
 */
export async function deleteAppProtectionPolicy(deps: Deps<DeleteAppProtectionPolicyStores>, principal: Principal, id: string): Promise<Result<{ readonly deleted: true }, ErrorCode>> {
  return deps.tx.transaction(async (s) => {
    const found = await findAppProtectionPolicy(s, principal, 'policy.write', id);
    if (!found.ok) return found;
    const policy = found.value;
    await s.deleteAppProtectionPolicy(principal.tenantId, policy.id);
    await recordAudit(s, principal, deps.clock.now(), 'appProtectionPolicy.deleted', { type: 'appProtectionPolicy', id: policy.id }, policy, null);
    s.publish(mamPolicyChanged(principal.tenantId, 'protection', policy.id));
    return ok({ deleted: true as const });
  });
}
