import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import type { Result } from '../kernel/result.js';
import type { MamPolicyReferenceStores } from './check-mam-policy-references.js';
import { findAppConfigurationPolicy } from './find-mam-policy.js';
import { configurationPolicyKind } from './mam-policy-kind.js';
import type { AppConfigurationPolicy } from './model.js';
import type { AppConfigurationPolicyStore } from './ports.js';
import { validateAppConfigurationPolicy, type AppConfigurationPolicyInput } from './validate-app-configuration-policy.js';
import { updateMamPolicy } from './update-mam-policy.js';

export type UpdateAppConfigurationPolicyStores = Pick<AppConfigurationPolicyStore, 'getAppConfigurationPolicy' | 'getAppConfigurationPolicyByName' | 'updateAppConfigurationPolicy'> &
  MamPolicyReferenceStores &
  AuditTrail &
  EventPublisher;

/** Changes to a configuration policy: fields left out keep their stored value; `settings` and `targets`, when given, replace the stored ones whole. */
export type AppConfigurationPolicyPatch = Partial<AppConfigurationPolicyInput> & {
  /** The version the caller edited; a different stored version is APP_CONFIGURATION_POLICY_VERSION_CONFLICT. */
  readonly expectedVersion?: number;
};

/** Updates a configuration policy. An update that changes nothing writes nothing. */
export async function updateAppConfigurationPolicy(deps: Deps<UpdateAppConfigurationPolicyStores>, principal: Principal, id: string, patch: AppConfigurationPolicyPatch): Promise<Result<AppConfigurationPolicy, ErrorCode>> {
  return updateMamPolicy(deps, principal, configurationPolicyKind, id, patch, {
    find: findAppConfigurationPolicy,
    validate: (before) =>
      validateAppConfigurationPolicy({
        name: patch.name ?? before.name,
        description: patch.description ?? before.description,
        settings: patch.settings ?? before.settings,
        targets: patch.targets ?? before.targets,
      }),
    getByName: (s, tenantId, name) => s.getAppConfigurationPolicyByName(tenantId, name),
    update: (s, policy: AppConfigurationPolicy) => s.updateAppConfigurationPolicy(policy),
  });
}
