import { recordAudit } from '../audit/record-audit.js';
import type { TenantId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { checkMamPolicyReferences, type MamPolicyReferenceStores } from './check-mam-policy-references.js';
import { mamPolicyChanged } from './mam-policy-changed.js';
import type { FindMamPolicy, MamPolicyFields, MamPolicyKind, MamPolicyRecord, MamPolicyWriteStores } from './mam-policy-kind.js';

/** How {@link updateMamPolicy} reads and writes one kind's policies. */
export interface MamPolicyUpdate<I extends string, T, S> {
  readonly find: FindMamPolicy<S, MamPolicyRecord<I, T>>;
  /** The fields after the patch, validated. */
  validate(before: MamPolicyRecord<I, T>): Result<MamPolicyFields<T>, ErrorCode>;
  getByName(stores: S, tenantId: TenantId, name: string): Promise<MamPolicyRecord<I, T> | undefined>;
  /** Stores the next version; false when the stored version moved meanwhile. */
  update(stores: S, policy: MamPolicyRecord<I, T>): Promise<boolean>;
}

/**
 * Updates a MAM policy of `kind`. An update that changes nothing writes nothing; targets are
 * checked only when the patch gives them; `expectedVersion`, when given, must be the stored one.
 */
export async function updateMamPolicy<I extends string, T, S extends MamPolicyReferenceStores & MamPolicyWriteStores>(
  deps: Deps<S>,
  principal: Principal,
  kind: MamPolicyKind<T>,
  id: string,
  patch: { readonly expectedVersion?: number; readonly targets?: unknown },
  io: MamPolicyUpdate<I, T, S>,
): Promise<Result<MamPolicyRecord<I, T>, ErrorCode>> {
  return deps.tx.transaction(async (s) => {
    const found = await io.find(s, principal, 'policy.write', id);
    if (!found.ok) return found;
    const before = found.value;
    if (patch.expectedVersion !== undefined && patch.expectedVersion !== before.version) {
      return fail(kind.versionConflict, `The policy is at version ${before.version}, not ${patch.expectedVersion}; reload it and apply your change again.`, { version: before.version });
    }
    const fields = io.validate(before);
    if (!fields.ok) return fields;
    let targets = fields.value.targets;
    if (patch.targets !== undefined) {
      const checked = await checkMamPolicyReferences(s, principal.tenantId, targets, kind.invalid);
      if (!checked.ok) return checked;
      targets = checked.value;
    }
    const candidate: MamPolicyRecord<I, T> = { ...before, ...fields.value, targets, hash: kind.hash((t) => deps.digests.sha256Hex(t), fields.value.settings, targets) };
    if (JSON.stringify(candidate) === JSON.stringify(before)) return ok(before);
    const now = deps.clock.now();
    const after: MamPolicyRecord<I, T> = { ...candidate, version: before.version + 1, updatedAt: now };
    const namesake = after.name.toLowerCase() === before.name.toLowerCase() ? undefined : await io.getByName(s, after.tenantId, after.name);
    if (namesake !== undefined && namesake.id !== after.id) return fail(kind.nameTaken, `An ${kind.noun} named ${after.name} exists already.`, { field: 'name' });
    if (!(await io.update(s, after))) {
      return fail(kind.versionConflict, 'The policy changed while this update was being made; reload it and apply your change again.');
    }
    await recordAudit(s, principal, now, `${kind.auditType}.updated`, { type: kind.auditType, id: after.id }, before, after);
    s.publish(mamPolicyChanged(principal.tenantId, kind.kind, after.id));
    return ok(after);
  });
}
