import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { accessPolicyChanged } from './access-policy-changed.js';
import { checkAccessPolicyReferences, type AccessPolicyReferenceStores } from './check-access-policy-references.js';
import { findAccessPolicy } from './find-access-policy.js';
import type { AccessPolicy } from './model.js';
import type { AccessPolicyStore } from './ports.js';
import { validateAccessPolicy, type AccessPolicyInput } from './validate-access-policy.js';

export type UpdateAccessPolicyStores = Pick<AccessPolicyStore, 'getAccessPolicy' | 'getAccessPolicyByName' | 'updateAccessPolicy'> & AccessPolicyReferenceStores & AuditTrail & EventPublisher;

/**
 * Changes to a policy: fields left out keep their stored value; `conditions`, `grant` and
 * `session`, when given, replace the stored ones whole (a partial condition would be ambiguous
 * about what an absent list means).
 */
export type AccessPolicyPatch = Partial<AccessPolicyInput> & {
  /** The version the caller edited; a different stored version is ACCESS_POLICY_VERSION_CONFLICT. */
  readonly expectedVersion?: number;
};

/** Updates a conditional access policy. An update that changes nothing writes nothing. */
export async function updateAccessPolicy(deps: Deps<UpdateAccessPolicyStores>, principal: Principal, id: string, patch: AccessPolicyPatch): Promise<Result<AccessPolicy, ErrorCode>> {
  return deps.tx.transaction(async (s) => {
    const found = await findAccessPolicy(s, principal, 'policy.write', id);
    if (!found.ok) return found;
    const before = found.value;
    if (patch.expectedVersion !== undefined && patch.expectedVersion !== before.version) {
      return fail('ACCESS_POLICY_VERSION_CONFLICT', `The policy is at version ${before.version}, not ${patch.expectedVersion}; reload it and apply your change again.`, { version: before.version });
    }
    const fields = validateAccessPolicy({
      name: patch.name ?? before.name,
      description: patch.description ?? before.description,
      state: patch.state ?? before.state,
      conditions: patch.conditions ?? before.conditions,
      grant: patch.grant ?? before.grant,
      session: patch.session ?? before.session,
    });
    if (!fields.ok) return fields;
    if (patch.conditions !== undefined) {
      const references = await checkAccessPolicyReferences(s, principal.tenantId, fields.value.conditions);
      if (!references.ok) return references;
    }
    const candidate: AccessPolicy = { ...before, ...fields.value };
    if (JSON.stringify(candidate) === JSON.stringify(before)) return ok(before);
    const now = deps.clock.now();
    const after: AccessPolicy = { ...candidate, version: before.version + 1, updatedAt: now };
    const namesake = after.name.toLowerCase() === before.name.toLowerCase() ? undefined : await s.getAccessPolicyByName(after.tenantId, after.name);
    if (namesake !== undefined && namesake.id !== after.id) return fail('ACCESS_POLICY_NAME_TAKEN', `A conditional access policy named ${after.name} exists already.`, { field: 'name' });
    if (!(await s.updateAccessPolicy(after))) {
      return fail('ACCESS_POLICY_VERSION_CONFLICT', 'The policy changed while this update was being made; reload it and apply your change again.');
    }
    await recordAudit(s, principal, now, 'accessPolicy.updated', { type: 'accessPolicy', id: after.id }, before, after);
    s.publish(accessPolicyChanged(principal.tenantId, after.id));
    return ok(after);
  });
}
