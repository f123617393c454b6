import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher, JobEnqueuer } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { desiredStateJob } from '../policy/desired-state-job.js';
import { findUserInScope } from './find-user-in-scope.js';
import type { User, UserFields } from './model.js';
import type { UserStore } from './ports.js';
import { refreshUserMemberships, type MembershipStores } from './refresh-memberships.js';
import { validateUserFields } from './validate-user-fields.js';

export type UpdateUserStores = Pick<UserStore, 'getUser' | 'isUserWithinGroups' | 'updateUser'> & MembershipStores & AuditTrail & EventPublisher & JobEnqueuer;

/** Changes some of a user's fields; the others keep their values. Dynamic groups follow at once. */
export async function updateUser(deps: Deps<UpdateUserStores>, principal: Principal, id: string, patch: Partial<UserFields>): Promise<Result<User, ErrorCode>> {
  return deps.tx.transaction(async (s) => {
    const found = await findUserInScope(s, principal, 'directory.write', id);
    if (!found.ok) return found;
    const before = found.value;
    const fields = validateUserFields({ ...before, ...patch });
    if (!fields.ok) return fields;
    const now = deps.clock.now();
    const after: User = { ...before, ...fields.value, updatedAt: now };
    if (!(await s.updateUser(after))) return fail('USER_EMAIL_TAKEN', `A user with the e-mail ${after.email} exists already.`, { field: 'email' });
    await refreshUserMemberships(s, principal.tenantId, after, now);
    // The user's groups and attributes ({{user.email}}, …) reach their devices' profiles and policies.
    const deviceIds = await s.deviceIdsOfUser(principal.tenantId, after.id);
    if (deviceIds.length > 0) await s.enqueue(desiredStateJob(principal.tenantId, { type: 'devices', deviceIds }));
    await recordAudit(s, principal, now, 'user.updated', { type: 'user', id: after.id }, before, after);
    s.publish({ type: 'user.changed', tenantId: principal.tenantId, subject: after.id });
    return ok(after);
  });
}
