import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { RoleAssignmentId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { holdsTenantWide } from './authorize.js';
import type { RoleAssignment } from './model.js';
import type { GroupStore, RoleAssignmentStore, UserStore } from './ports.js';
import { validateGrant } from './validate-grant.js';

export type AssignRoleStores = Pick<UserStore, 'getUser'> & Pick<GroupStore, 'getGroups'> & Pick<RoleAssignmentStore, 'insertRoleAssignment'> & AuditTrail & EventPublisher;

/** Grants a role (optionally scoped to groups) to an existing directory user. */
export async function assignRole(
  deps: Deps<AssignRoleStores>,
  principal: Principal,
  userId: string,
  input: { readonly role: string; readonly scopeGroupIds?: readonly string[] | null },
): Promise<Result<RoleAssignment, ErrorCode>> {
  if (!holdsTenantWide(principal, 'admins.manage')) return fail('FORBIDDEN', 'Granting roles needs tenant-wide admins.manage (global admin).');
  return deps.tx.transaction(async (s) => {
    const user = await s.getUser(principal.tenantId, userId as RoleAssignment['userId']);
    if (user === undefined) return fail('USER_NOT_FOUND', `No user with id ${userId}.`);
    const grant = await validateGrant(s, principal.tenantId, input.role, input.scopeGroupIds);
    if (!grant.ok) return grant;
    const now = deps.clock.now();
    const assignment: RoleAssignment = { id: deps.ids.newId() as RoleAssignmentId, tenantId: principal.tenantId, userId: user.id, ...grant.value, createdAt: now };
    await s.insertRoleAssignment(assignment);
    await recordAudit(s, principal, now, 'admin.roleAssigned', { type: 'user', id: user.id }, null, assignment);
    s.publish({ type: 'admin.changed', tenantId: principal.tenantId, subject: user.id });
    return ok(assignment);
  });
}
