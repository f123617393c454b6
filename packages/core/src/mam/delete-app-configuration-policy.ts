import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import type { Result } from '../kernel/result.js';
import { findAppConfigurationPolicy } from './find-mam-policy.js';
import { configurationPolicyKind } from './mam-policy-kind.js';
import type { AppConfigurationPolicyStore } from './ports.js';
import { deleteMamPolicy } from './delete-mam-policy.js';

export type DeleteAppConfigurationPolicyStores = Pick<AppConfigurationPolicyStore, 'getAppConfigurationPolicy' | 'deleteAppConfigurationPolicy'> & AuditTrail & EventPublisher;

/** Removes a configuration policy; apps receive the configuration without its keys at their next check-in. */
export async function deleteAppConfigurationPolicy(deps: Deps<DeleteAppConfigurationPolicyStores>, principal: Principal, id: string): Promise<Result<{ readonly deleted: true }, ErrorCode>> {
  return deleteMamPolicy(deps, principal, configurationPolicyKind, id, findAppConfigurationPolicy, (s, tenantId, policyId) => s.deleteAppConfigurationPolicy(tenantId, policyId));
}
