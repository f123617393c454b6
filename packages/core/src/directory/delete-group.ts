import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import { ok, type Result } from '../kernel/result.js';
import { findGroupInScope } from './find-group-in-scope.js';
import type { GroupStore } from './ports.js';

export type DeleteGroupStores = Pick<GroupStore, 'getGroup' | 'deleteGroup'> & AuditTrail & EventPublisher;

/** Removes a group and its memberships (not its members). */
export async function deleteGroup(deps: Deps<DeleteGroupStores>, principal: Principal, id: string): Promise<Result<{ readonly deleted: true }, ErrorCode>> {
  return deps.tx.transaction(async (s) => {
    const found = await findGroupInScope(s, principal, 'groups.write', id);
    if (!found.ok) return found;
    await s.deleteGroup(principal.tenantId, found.value.id);
    await recordAudit(s, principal, deps.clock.now(), 'group.deleted', { type: 'group', id: found.value.id }, found.value, null);
    s.publish({ type: 'group.changed', tenantId: principal.tenantId, subject: found.value.id });
    return ok({ deleted: true as const });
  });
}
