import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import type { Result } from '../kernel/result.js';
import type { MamPolicyReferenceStores } from './check-mam-policy-references.js';
import { configurationPolicyKind } from './mam-policy-kind.js';
import type { AppConfigurationPolicy } from './model.js';
import type { AppConfigurationPolicyStore } from './ports.js';
import { validateAppConfigurationPolicy, type AppConfigurationPolicyInput } from './validate-app-configuration-policy.js';
import { createMamPolicy } from './create-mam-policy.js';

export type CreateAppConfigurationPolicyStores = Pick<AppConfigurationPolicyStore, 'insertAppConfigurationPolicy'> & MamPolicyReferenceStores & AuditTrail & EventPublisher;

/** Creates an app configuration policy for SDK apps (and managed app configuration of enrolled devices). */
export async function createAppConfigurationPolicy(deps: Deps<CreateAppConfigurationPolicyStores>, principal: Principal, input: AppConfigurationPolicyInput): Promise<Result<AppConfigurationPolicy, ErrorCode>> {
  return createMamPolicy(deps, principal, configurationPolicyKind, () => validateAppConfigurationPolicy(input), (s, policy: AppConfigurationPolicy) => s.insertAppConfigurationPolicy(policy));
}
