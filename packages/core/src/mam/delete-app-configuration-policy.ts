import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import { ok, type Result } from '../kernel/result.js';
import { findAppConfigurationPolicy } from './find-mam-policy.js';
import { mamPolicyChanged } from './mam-policy-changed.js';
import type { AppConfigurationPolicyStore } from './ports.js';

export type DeleteAppConfigurationPolicyStores = Pick<AppConfigurationPolicyStore, 'getAppConfigurationPolicy' | 'deleteAppConfigurationPolicy'> & AuditTrail & EventPublisher;

/** Removes a configuration policy; apps receive the configuration without its keys at their next check-in. */
export async function deleteAppConfigurationPolicy(deps: Deps<DeleteAppConfigurationPolicyStores>, principal: Principal, id: string): Promise<Result<{ readonly deleted: true }, ErrorCode>> {
  return deps.tx.transaction(async (s) => {
    const found = await findAppConfigurationPolicy(s, principal, 'policy.write', id);
    if (!found.ok) return found;
    const policy = found.value;
    await s.deleteAppConfigurationPolicy(principal.tenantId, policy.id);
    await recordAudit(s, principal, deps.clock.now(), 'appConfigurationPolicy.deleted', { type: 'appConfigurationPolicy', id: policy.id }, policy, null);
    s.publish(mamPolicyChanged(principal.tenantId, 'configuration', policy.id));
    return ok({ deleted: true as const });
  });
}
