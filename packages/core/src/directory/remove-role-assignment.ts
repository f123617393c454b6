import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { holdsTenantWide } from './authorize.js';
import type { RoleAssignment } from './model.js';
import type { RoleAssignmentStore } from './ports.js';

export type RemoveRoleAssignmentStores = Pick<RoleAssignmentStore, 'listRoleAssignments' | 'deleteRoleAssignment' | 'countGlobalAdmins'> & AuditTrail & EventPublisher;

/** Takes a role away. The tenant's last unscoped global admin keeps theirs. */
export async function removeRoleAssignment(deps: Deps<RemoveRoleAssignmentStores>, principal: Principal, userId: string, assignmentId: string): Promise<Result<{ readonly removed: true }, ErrorCode>> {
  if (!holdsTenantWide(principal, 'admins.manage')) return fail('FORBIDDEN', 'Removing roles needs tenant-wide admins.manage (global admin).');
  return deps.tx.transaction(async (s) => {
    const assignments = await s.listRoleAssignments(principal.tenantId, userId as RoleAssignment['userId']);
    const assignment = assignments.find((a) => a.id === assignmentId);
    if (assignment === undefined) return fail('ROLE_ASSIGNMENT_NOT_FOUND', `User ${userId} has no role assignment ${assignmentId}.`);
    if (assignment.role === 'globalAdmin' && assignment.scopeGroupIds === null) {
      const otherGlobal = assignments.some((a) => a.id !== assignment.id && a.role === 'globalAdmin' && a.scopeGroupIds === null);
      if (!otherGlobal && (await s.countGlobalAdmins(principal.tenantId)) <= 1) return fail('LAST_GLOBAL_ADMIN', 'This is the last global admin; make someone else global admin first.');
    }
    await s.deleteRoleAssignment(principal.tenantId, assignment.id);
    await recordAudit(s, principal, deps.clock.now(), 'admin.roleRemoved', { type: 'user', id: assignment.userId }, assignment, null);
    s.publish({ type: 'admin.changed', tenantId: principal.tenantId, subject: assignment.userId });
    return ok({ removed: true as const });
  });
}
