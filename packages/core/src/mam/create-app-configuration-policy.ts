import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { appConfigurationPolicyHash } from './app-configuration-policy-hash.js';
import { checkMamPolicyReferences, type MamPolicyReferenceStores } from './check-mam-policy-references.js';
import { authorizeMamPolicy } from './find-mam-policy.js';
import { mamPolicyChanged } from './mam-policy-changed.js';
import type { AppConfigurationPolicy, AppConfigurationPolicyId } from './model.js';
import type { AppConfigurationPolicyStore } from './ports.js';
import { validateAppConfigurationPolicy, type AppConfigurationPolicyInput } from './validate-app-configuration-policy.js';

export type CreateAppConfigurationPolicyStores = Pick<AppConfigurationPolicyStore, 'insertAppConfigurationPolicy'> & MamPolicyReferenceStores & AuditTrail & EventPublisher;

/** Creates an app configuration policy for SDK apps (and managed app configuration of enrolled devices). */
export async function createAppConfigurationPolicy(deps: Deps<CreateAppConfigurationPolicyStores>, principal: Principal, input: AppConfigurationPolicyInput): Promise<Result<AppConfigurationPolicy, ErrorCode>> {
  const allowed = authorizeMamPolicy(principal, 'policy.write');
  if (!allowed.ok) return allowed;
  const fields = validateAppConfigurationPolicy(input);
  if (!fields.ok) return fields;
  return deps.tx.transaction(async (s) => {
    const targets = await checkMamPolicyReferences(s, principal.tenantId, fields.value.targets, 'APP_CONFIGURATION_POLICY_INVALID');
    if (!targets.ok) return targets;
    const now = deps.clock.now();
    const policy: AppConfigurationPolicy = {
      id: deps.ids.newId() as AppConfigurationPolicyId,
      tenantId: principal.tenantId,
      ...fields.value,
      targets: targets.value,
      hash: appConfigurationPolicyHash((t) => deps.digests.sha256Hex(t), fields.value.settings, targets.value),
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    if (!(await s.insertAppConfigurationPolicy(policy))) return fail('APP_CONFIGURATION_POLICY_NAME_TAKEN', `An app configuration policy named ${policy.name} exists already.`, { field: 'name' });
    await recordAudit(s, principal, now, 'appConfigurationPolicy.created', { type: 'appConfigurationPolicy', id: policy.id }, null, policy);
    s.publish(mamPolicyChanged(principal.tenantId, 'configuration', policy.id));
    return ok(policy);
  });
}
