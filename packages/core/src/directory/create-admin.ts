import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { RoleAssignmentId, UserId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { AuthDeps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { holdsTenantWide } from './authorize.js';
import type { RoleAssignment, User } from './model.js';
import { checkPassword, generatePassword } from './password-policy.js';
import type { CredentialStore, GroupStore, RoleAssignmentStore, UserStore } from './ports.js';
import { refreshUserMemberships, type MembershipStores } from './refresh-memberships.js';
import { validateGrant } from './validate-grant.js';
import { validateUserFields } from './validate-user-fields.js';

export type CreateAdminStores = Pick<UserStore, 'getUserByEmail' | 'insertUser'> &
  Pick<GroupStore, 'getGroups'> &
  Pick<RoleAssignmentStore, 'insertRoleAssignment' | 'listRoleAssignments'> &
  CredentialStore &
  MembershipStores &
  AuditTrail &
  EventPublisher;

/** A new admin: an e-mail (an existing directory user, or a new one), a role and an optional scope. */
export interface CreateAdminInput {
  readonly email: string;
  readonly displayName?: string;
  readonly role: string;
  readonly scopeGroupIds?: readonly string[] | null;
  /** Omitted: a random password is generated and returned once. */
  readonly password?: string;
}

/** The admin and, when Ward generated it, the one-time password to hand over. */
export interface CreatedAdmin {
  readonly user: User;
  readonly assignment: RoleAssignment;
  readonly generatedPassword: string | null;
}

/**
 * Makes a directory user an admin: creates the user if the e-mail is new, grants the role, and
 * sets a password if the user has none. Needs tenant-wide `admins.manage`.
 */
export async function createAdmin(deps: AuthDeps<CreateAdminStores>, principal: Principal, input: CreateAdminInput): Promise<Result<CreatedAdmin, ErrorCode>> {
  if (!holdsTenantWide(principal, 'admins.manage')) return fail('FORBIDDEN', 'Creating admins needs tenant-wide admins.manage (global admin).');
  if (input.password !== undefined) {
    const pw = checkPassword(input.password);
    if (!pw.ok) return pw;
  }
  const email = input.email.trim().toLowerCase();
  const fields = validateUserFields({ email, displayName: input.displayName ?? email.split('@')[0] ?? email });
  if (!fields.ok) return fields;
  const password = input.password ?? generatePassword((n) => deps.ids.randomBytes(n));
  const passwordHash = await deps.passwords.hash(password);
  return deps.tx.transaction(async (s) => {
    const now = deps.clock.now();
    const grant = await validateGrant(s, principal.tenantId, input.role, input.scopeGroupIds);
    if (!grant.ok) return grant;
    let user = await s.getUserByEmail(principal.tenantId, email);
    if (user === undefined) {
      user = { id: deps.ids.newId() as UserId, tenantId: principal.tenantId, ...fields.value, createdAt: now, updatedAt: now };
      if (!(await s.insertUser(user))) return fail('USER_EMAIL_TAKEN', `A user with the e-mail ${email} exists already.`);
      await refreshUserMemberships(s, principal.tenantId, user, now);
      await recordAudit(s, principal, now, 'user.created', { type: 'user', id: user.id }, null, user);
    }
    const assignment: RoleAssignment = { id: deps.ids.newId() as RoleAssignmentId, tenantId: principal.tenantId, userId: user.id, role: grant.value.role, scopeGroupIds: grant.value.scopeGroupIds, createdAt: now };
    await s.insertRoleAssignment(assignment);
    await recordAudit(s, principal, now, 'admin.roleAssigned', { type: 'user', id: user.id }, null, assignment);
    const existing = await s.getCredentials(principal.tenantId, user.id);
    let generatedPassword: string | null = null;
    if (existing?.passwordHash == null || input.password !== undefined) {
      await s.putCredentials({
        userId: user.id,
        tenantId: principal.tenantId,
        passwordHash,
        totpSecretSealed: existing?.totpSecretSealed ?? null,
        totpState: existing?.totpState ?? 'none',
        totpLastStep: existing?.totpLastStep ?? null,
        failedAttempts: 0,
        lockedUntil: null,
        passwordChangedAt: now,
      });
      generatedPassword = input.password === undefined ? password : null;
      await recordAudit(s, principal, now, 'user.passwordSet', { type: 'user', id: user.id }, null, null);
    }
    s.publish({ type: 'admin.changed', tenantId: principal.tenantId, subject: user.id });
    return ok({ user, assignment, generatedPassword });
  });
}
