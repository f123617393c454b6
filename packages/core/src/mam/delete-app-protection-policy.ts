import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import type { Result } from '../kernel/result.js';
import { findAppProtectionPolicy } from './find-mam-policy.js';
import { protectionPolicyKind } from './mam-policy-kind.js';
import type { AppProtectionPolicyStore } from './ports.js';
import { deleteMamPolicy } from './delete-mam-policy.js';

export type DeleteAppProtectionPolicyStores = Pick<AppProtectionPolicyStore, 'getAppProtectionPolicy' | 'deleteAppProtectionPolicy'> & AuditTrail & EventPublisher;

/**
 * Removes a protection policy. Registered apps it protected keep enforcing the last policy they
 * received (their data stays sealed) but no longer count as protected for conditional access,
 * until another policy reaches them or an admin wipes them.
 */
export async function deleteAppProtectionPolicy(deps: Deps<DeleteAppProtectionPolicyStores>, principal: Principal, id: string): Promise<Result<{ readonly deleted: true }, ErrorCode>> {
  return deleteMamPolicy(deps, principal, protectionPolicyKind, id, findAppProtectionPolicy, (s, tenantId, policyId) => s.deleteAppProtectionPolicy(tenantId, policyId));
}
