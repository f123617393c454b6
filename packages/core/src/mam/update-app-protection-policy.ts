import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { checkMamPolicyReferences, type MamPolicyReferenceStores } from './check-mam-policy-references.js';
import { findAppProtectionPolicy } from './find-mam-policy.js';
import { mamPolicyChanged } from './mam-policy-changed.js';
import type { AppProtectionPolicy } from './model.js';
import type { AppProtectionPolicyStore } from './ports.js';
import { protectionPolicyHash } from './protection-policy.js';
import { validateAppProtectionPolicy, type AppProtectionPolicyInput } from './validate-app-protection-policy.js';

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
  return deps.tx.transaction(async (s) => {
    const found = await findAppProtectionPolicy(s, principal, 'policy.write', id);
    if (!found.ok) return found;
    const before = found.value;
    if (patch.expectedVersion !== undefined && patch.expectedVersion !== before.version) {
      return fail('APP_PROTECTION_POLICY_VERSION_CONFLICT', `The policy is at version ${before.version}, not ${patch.expectedVersion}; reload it and apply your change again.`, { version: before.version });
    }
    const fields = validateAppProtectionPolicy(
      { name: patch.name ?? before.name, description: patch.description ?? before.description, settings: patch.settings, targets: patch.targets ?? before.targets },
      before.settings,
    );
    if (!fields.ok) return fields;
    let targets = fields.value.targets;
    if (patch.targets !== undefined) {
      const checked = await checkMamPolicyReferences(s, principal.tenantId, targets, 'APP_PROTECTION_POLICY_INVALID');
      if (!checked.ok) return checked;
      targets = checked.value;
    }
    const candidate: AppProtectionPolicy = { ...before, ...fields.value, targets, hash: protectionPolicyHash((t) => deps.digests.sha256Hex(t), fields.value.settings, targets) };
    if (JSON.stringify(candidate) === JSON.stringify(before)) return ok(before);
    const now = deps.clock.now();
    const after: AppProtectionPolicy = { ...candidate, version: before.version + 1, updatedAt: now };
    const namesake = after.name.toLowerCase() === before.name.toLowerCase() ? undefined : await s.getAppProtectionPolicyByName(after.tenantId, after.name);
    if (namesake !== undefined && namesake.id !== after.id) return fail('APP_PROTECTION_POLICY_NAME_TAKEN', `An app protection policy named ${after.name} exists already.`, { field: 'name' });
    if (!(await s.updateAppProtectionPolicy(after))) {
      return fail('APP_PROTECTION_POLICY_VERSION_CONFLICT', 'The policy changed while this update was being made; reload it and apply your change again.');
    }
    await recordAudit(s, principal, now, 'appProtectionPolicy.updated', { type: 'appProtectionPolicy', id: after.id }, before, after);
    s.publish(mamPolicyChanged(principal.tenantId, 'protection', after.id));
    return ok(after);
  });
}
