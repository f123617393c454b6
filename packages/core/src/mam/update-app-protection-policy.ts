import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import type { Result } from '../kernel/result.js';
import type { MamPolicyReferenceStores } from './check-mam-policy-references.js';
import { findAppProtectionPolicy } from './find-mam-policy.js';
import { protectionPolicyKind } from './mam-policy-kind.js';
import type { AppProtectionPolicy } from './model.js';
import type { AppProtectionPolicyStore } from './ports.js';
import { validateAppProtectionPolicy, type AppProtectionPolicyInput } from './validate-app-protection-policy.js';
import { updateMamPolicy } from './update-mam-policy.js';

export type UpdateAppProtectionPolicyStores = Pick<AppProtectionPolicyStore, 'getAppProtectionPolicy' | 'getAppProtectionPolicyByName' | 'updateAppProtectionPolicy'> &
  MamPolicyReferenceStores &
  AuditTrail &
  EventPublisher;

/**
 * Changes to a protection policy: fields left out keep their stored value; `settings` merges over
 * the stored settings at every depth (one setting may be named alone); `targets`, when given,
 * replaces the stored targets whole.
 */
export type AppProtectionPolicyPatch = Partial<AppProtectionPolicyInput> & {
  /** The version the caller edited; a different stored version is APP_PROTECTION_POLICY_VERSION_CONFLICT. */
  readonly expectedVersion?: number;
};

/**
 * Updates a protection policy. An update that changes nothing writes nothing. Apps pick the new
 * policy up at their next check-in (its `policyVersion` changes when what they receive changes).
 */
export async function updateAppProtectionPolicy(deps: Deps<UpdateAppProtectionPolicyStores>, principal: Principal, id: string, patch: AppProtectionPolicyPatch): Promise<Result<AppProtectionPolicy, ErrorCode>> {
  return updateMamPolicy(deps, principal, protectionPolicyKind, id, patch, {
    find: findAppProtectionPolicy,
    validate: (before) =>
      validateAppProtectionPolicy(
        { name: patch.name ?? before.name, description: patch.description ?? before.description, settings: patch.settings, targets: patch.targets ?? before.targets },
        before.settings,
      ),
    getByName: (s, tenantId, name) => s.getAppProtectionPolicyByName(tenantId, name),
    update: (s, policy: AppProtectionPolicy) => s.updateAppProtectionPolicy(policy),
  });
}
