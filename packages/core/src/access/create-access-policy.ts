import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import { authorize } from '../directory/authorize.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { accessPolicyChanged } from './access-policy-changed.js';
import { checkAccessPolicyReferences, type AccessPolicyReferenceStores } from './check-access-policy-references.js';
import type { AccessPolicy, AccessPolicyId } from './model.js';
import type { AccessPolicyStore } from './ports.js';
import { validateAccessPolicy, type AccessPolicyInput } from './validate-access-policy.js';

export type CreateAccessPolicyStores = Pick<AccessPolicyStore, 'insertAccessPolicy'> & AccessPolicyReferenceStores & AuditTrail & EventPublisher;

/**
 * Creates a conditional access policy (report-only unless the input says otherwise). Policies
 * are tenant-wide: admins scoped to groups may read them but not create them.
 */
export async function createAccessPolicy(deps: Deps<CreateAccessPolicyStores>, principal: Principal, input: AccessPolicyInput): Promise<Result<AccessPolicy, ErrorCode>> {
  const scope = authorize(principal, 'policy.write');
  if (!scope.ok) return scope;
  if (scope.value.kind !== 'tenant') return fail('FORBIDDEN', 'Admins scoped to groups cannot create conditional access policies.');
  const fields = validateAccessPolicy(input);
  if (!fields.ok) return fields;
  return deps.tx.transaction(async (s) => {
    const references = await checkAccessPolicyReferences(s, principal.tenantId, fields.value.conditions);
    if (!references.ok) return references;
    const now = deps.clock.now();
    const policy: AccessPolicy = { id: deps.ids.newId() as AccessPolicyId, tenantId: principal.tenantId, ...fields.value, version: 1, createdAt: now, updatedAt: now };
    if (!(await s.insertAccessPolicy(policy))) return fail('ACCESS_POLICY_NAME_TAKEN', `A conditional access policy named ${policy.name} exists already.`, { field: 'name' });
    await recordAudit(s, principal, now, 'accessPolicy.created', { type: 'accessPolicy', id: policy.id }, null, policy);
    s.publish(accessPolicyChanged(principal.tenantId, policy.id));
    return ok(policy);
  });
}
