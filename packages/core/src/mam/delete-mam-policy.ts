import { recordAudit } from '../audit/record-audit.js';
import type { TenantId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { ok, type Result } from '../kernel/result.js';
import { mamPolicyChanged } from './mam-policy-changed.js';
import type { FindMamPolicy, MamPolicyKind, MamPolicyRecord, MamPolicyWriteStores } from './mam-policy-kind.js';

/** Deletes a MAM policy of `kind`, audited and announced. */
export async function deleteMamPolicy<I extends string, T, S extends MamPolicyWriteStores>(
  deps: Deps<S>,
  principal: Principal,
  kind: MamPolicyKind<T>,
  id: string,
  find: FindMamPolicy<S, MamPolicyRecord<I, T>>,
  remove: (stores: S, tenantId: TenantId, id: I) => Promise<unknown>,
): Promise<Result<{ readonly deleted: true }, ErrorCode>> {
  return deps.tx.transaction(async (s) => {
    const found = await find(s, principal, 'policy.write', id);
    if (!found.ok) return found;
    const policy = found.value;
    await remove(s, principal.tenantId, policy.id);
    await recordAudit(s, principal, deps.clock.now(), `${kind.auditType}.deleted`, { type: kind.auditType, id: policy.id }, policy, null);
    s.publish(mamPolicyChanged(principal.tenantId, kind.kind, policy.id));
    return ok({ deleted: true as const });
  });
}
