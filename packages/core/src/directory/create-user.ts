import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { UserId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { authorize } from './authorize.js';
import type { User, UserFields } from './model.js';
import type { UserStore } from './ports.js';
import { refreshUserMemberships, type MembershipStores } from './refresh-memberships.js';
import { validateUserFields } from './validate-user-fields.js';

export type CreateUserStores = Pick<UserStore, 'insertUser'> & MembershipStores & AuditTrail & EventPublisher;

/** Adds a user to the directory. Needs `directory.write` across the whole tenant. */
export async function createUser(deps: Deps<CreateUserStores>, principal: Principal, input: UserFields): Promise<Result<User, ErrorCode>> {
  const scope = authorize(principal, 'directory.write');
  if (!scope.ok) return scope;
  if (scope.value.kind !== 'tenant') return fail('FORBIDDEN', 'Admins scoped to groups cannot create users outside their scope.');
  const fields = validateUserFields(input);
  if (!fields.ok) return fields;
  return deps.tx.transaction(async (s) => {
    const now = deps.clock.now();
    const user: User = { id: deps.ids.newId() as UserId, tenantId: principal.tenantId, ...fields.value, createdAt: now, updatedAt: now };
    if (!(await s.insertUser(user))) return fail('USER_EMAIL_TAKEN', `A user with the e-mail ${user.email} exists already.`, { field: 'email' });
    await refreshUserMemberships(s, principal.tenantId, user, now);
    await recordAudit(s, principal, now, 'user.created', { type: 'user', id: user.id }, null, user);
    s.publish({ type: 'user.changed', tenantId: principal.tenantId, subject: user.id });
    return ok(user);
  });
}
