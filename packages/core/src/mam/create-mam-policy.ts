import { recordAudit } from '../audit/record-audit.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { checkMamPolicyReferences, type MamPolicyReferenceStores } from './check-mam-policy-references.js';
import { authorizeMamPolicy } from './find-mam-policy.js';
import { mamPolicyChanged } from './mam-policy-changed.js';
import type { MamPolicyFields, MamPolicyKind, MamPolicyRecord, MamPolicyWriteStores } from './mam-policy-kind.js';

/**
 * Creates a MAM policy of `kind`: authorised tenant-wide, `validate`d, its targets checked, stored
 * by `insert` (false: the name is taken), audited, and announced so check-in caches recompile.
 */
export async function createMamPolicy<I extends string, T, S extends MamPolicyReferenceStores & MamPolicyWriteStores>(
  deps: Deps<S>,
  principal: Principal,
  kind: MamPolicyKind<T>,
  validate: () => Result<MamPolicyFields<T>, ErrorCode>,
  insert: (stores: S, policy: MamPolicyRecord<I, T>) => Promise<boolean>,
): Promise<Result<MamPolicyRecord<I, T>, ErrorCode>> {
  const allowed = authorizeMamPolicy(principal, 'policy.write');
  if (!allowed.ok) return allowed;
  const fields = validate();
  if (!fields.ok) return fields;
  return deps.tx.transaction(async (s) => {
    const targets = await checkMamPolicyReferences(s, principal.tenantId, fields.value.targets, kind.invalid);
    if (!targets.ok) return targets;
    const now = deps.clock.now();
    const policy: MamPolicyRecord<I, T> = {
      id: deps.ids.newId() as I,
      tenantId: principal.tenantId,
      ...fields.value,
      targets: targets.value,
      hash: kind.hash((t) => deps.digests.sha256Hex(t), fields.value.settings, targets.value),
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    if (!(await insert(s, policy))) return fail(kind.nameTaken, `An ${kind.noun} named ${policy.name} exists already.`, { field: 'name' });
    await recordAudit(s, principal, now, `${kind.auditType}.created`, { type: kind.auditType, id: policy.id }, null, policy);
    s.publish(mamPolicyChanged(principal.tenantId, kind.kind, policy.id));
    return ok(policy);
  });
}
