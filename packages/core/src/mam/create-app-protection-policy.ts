import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import type { Result } from '../kernel/result.js';
import type { MamPolicyReferenceStores } from './check-mam-policy-references.js';
import { protectionPolicyKind } from './mam-policy-kind.js';
import type { AppProtectionPolicy } from './model.js';
import type { AppProtectionPolicyStore } from './ports.js';
import { validateAppProtectionPolicy, type AppProtectionPolicyInput } from './validate-app-protection-policy.js';
import { createMamPolicy } from './create-mam-policy.js';

export type CreateAppProtectionPolicyStores = Pick<AppProtectionPolicyStore, 'insertAppProtectionPolicy'> & MamPolicyReferenceStores & AuditTrail & EventPublisher;

/** Creates an app protection policy; settings left out take {@link defaultProtectionSettings}. */
export async function createAppProtectionPolicy(deps: Deps<CreateAppProtectionPolicyStores>, principal: Principal, input: AppProtectionPolicyInput): Promise<Result<AppProtectionPolicy, ErrorCode>> {
  return createMamPolicy(deps, principal, protectionPolicyKind, () => validateAppProtectionPolicy(input), (s, policy: AppProtectionPolicy) => s.insertAppProtectionPolicy(policy));
}
