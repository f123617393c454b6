import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import { ok, type Result } from '../kernel/result.js';
import { accessPolicyChanged } from './access-policy-changed.js';
import { findAccessPolicy } from './find-access-policy.js';
import type { AccessPolicyStore } from './ports.js';

export type DeleteAccessPolicyStores = Pick<AccessPolicyStore, 'getAccessPolicy' | 'deleteAccessPolicy'> & AuditTrail & EventPublisher;

/** Removes a conditional access policy; past sign-ins keep its name in the log. */
export async function deleteAccessPolicy(deps: Deps<DeleteAccessPolicyStores>, principal: Principal, id: string): Promise<Result<{ readonly deleted: true }, ErrorCode>> {
  return deps.tx.transaction(async (s) => {
    const found = await findAccessPolicy(s, principal, 'policy.write', id);
    if (!found.ok) return found;
    const policy = found.value;
    await s.deleteAccessPolicy(principal.tenantId, policy.id);
    await recordAudit(s, principal, deps.clock.now(), 'accessPolicy.deleted', { type: 'accessPolicy', id: policy.id }, policy, null);
    s.publish(accessPolicyChanged(principal.tenantId, policy.id));
    return ok({ deleted: true as const });
  });
}
