import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { appConfigurationPolicyHash } from './app-configuration-policy-hash.js';
import { checkMamPolicyReferences, type MamPolicyReferenceStores } from './check-mam-policy-references.js';
import { findAppConfigurationPolicy } from './find-mam-policy.js';
import { mamPolicyChanged } from './mam-policy-changed.js';
import type { AppConfigurationPolicy } from './model.js';
import type { AppConfigurationPolicyStore } from './ports.js';
import { validateAppConfigurationPolicy, type AppConfigurationPolicyInput } from './validate-app-configuration-policy.js';

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
  return deps.tx.transaction(async (s) => {
    const found = await findAppConfigurationPolicy(s, principal, 'policy.write', id);
    if (!found.ok) return found;
    const before = found.value;
    if (patch.expectedVersion !== undefined && patch.expectedVersion !== before.version) {
      return fail('APP_CONFIGURATION_POLICY_VERSION_CONFLICT', `The policy is at version ${before.version}, not ${patch.expectedVersion}; reload it and apply your change again.`, { version: before.version });
    }
    const fields = validateAppConfigurationPolicy({
      name: patch.name ?? before.name,
      description: patch.description ?? before.description,
      settings: patch.settings ?? before.settings,
      targets: patch.targets ?? before.targets,
    });
    if (!fields.ok) return fields;
    let targets = fields.value.targets;
    if (patch.targets !== undefined) {
      const checked = await checkMamPolicyReferences(s, principal.tenantId, targets, 'APP_CONFIGURATION_POLICY_INVALID');
      if (!checked.ok) return checked;
      targets = checked.value;
    }
    const candidate: AppConfigurationPolicy = { ...before, ...fields.value, targets, hash: appConfigurationPolicyHash((t) => deps.digests.sha256Hex(t), fields.value.settings, targets) };
    if (JSON.stringify(candidate) === JSON.stringify(before)) return ok(before);
    const now = deps.clock.now();
    const after: AppConfigurationPolicy = { ...candidate, version: before.version + 1, updatedAt: now };
    const namesake = after.name.toLowerCase() === before.name.toLowerCase() ? undefined : await s.getAppConfigurationPolicyByName(after.tenantId, after.name);
    if (namesake !== undefined && namesake.id !== after.id) return fail('APP_CONFIGURATION_POLICY_NAME_TAKEN', `An app configuration policy named ${after.name} exists already.`, { field: 'name' });
    if (!(await s.updateAppConfigurationPolicy(after))) {
      return fail('APP_CONFIGURATION_POLICY_VERSION_CONFLICT', 'The policy changed while this update was being made; reload it and apply your change again.');
    }
    await recordAudit(s, principal, now, 'appConfigurationPolicy.updated', { type: 'appConfigurationPolicy', id: after.id }, before, after);
    s.publish(mamPolicyChanged(principal.tenantId, 'configuration', after.id));
    return ok(after);
  });
}
