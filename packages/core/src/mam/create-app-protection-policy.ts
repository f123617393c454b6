import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { checkMamPolicyReferences, type MamPolicyReferenceStores } from './check-mam-policy-references.js';
import { authorizeMamPolicy } from './find-mam-policy.js';
import { mamPolicyChanged } from './mam-policy-changed.js';
import type { AppProtectionPolicy, AppProtectionPolicyId } from './model.js';
import type { AppProtectionPolicyStore } from './ports.js';
import { protectionPolicyHash } from './protection-policy.js';
import { validateAppProtectionPolicy, type AppProtectionPolicyInput } from './validate-app-protection-policy.js';

export type CreateAppProtectionPolicyStores = Pick<AppProtectionPolicyStore, 'insertAppProtectionPolicy'> & MamPolicyReferenceStores & AuditTrail & EventPublisher;

/** Creates an app protection policy; settings left out take {@link defaultProtectionSettings}. */
export async function createAppProtectionPolicy(deps: Deps<CreateAppProtectionPolicyStores>, principal: Principal, input: AppProtectionPolicyInput): Promise<Result<AppProtectionPolicy, ErrorCode>> {
  const allowed = authorizeMamPolicy(principal, 'policy.write');
  if (!allowed.ok) return allowed;
  const fields = validateAppProtectionPolicy(input);
  if (!fields.ok) return fields;
  return deps.tx.transaction(async (s) => {
    const targets = await checkMamPolicyReferences(s, principal.tenantId, fields.value.targets, 'APP_PROTECTION_POLICY_INVALID');
    if (!targets.ok) return targets;
    const now = deps.clock.now();
    const policy: AppProtectionPolicy = {
      id: deps.ids.newId() as AppProtectionPolicyId,
      tenantId: principal.tenantId,
      ...fields.value,
      targets: targets.value,
      hash: protectionPolicyHash((t) => deps.digests.sha256Hex(t), fields.value.settings, targets.value),
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    if (!(await s.insertAppProtectionPolicy(policy))) return fail('APP_PROTECTION_POLICY_NAME_TAKEN', `An app protection policy named ${policy.name} exists already.`, { field: 'name' });
    await recordAudit(s, principal, now, 'appProtectionPolicy.created', { type: 'appProtectionPolicy', id: policy.id }, null, policy);
    s.publish(mamPolicyChanged(principal.tenantId, 'protection', policy.id));
    return ok(policy);
  });
}
