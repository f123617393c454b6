import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { AuthDeps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { holdsTenantWide } from './authorize.js';
import { checkPassword, generatePassword } from './password-policy.js';
import type { AccessTokenStore, CredentialStore, UserStore } from './ports.js';

export type ResetAdminPasswordStores = Pick<UserStore, 'getUserByEmail'> & CredentialStore & Pick<AccessTokenStore, 'revokeSessionsOfUser'> & AuditTrail;

/**
 * Sets a new password (random unless given), clears a lockout, signs the user out everywhere and,
 * on request, removes their TOTP enrolment (a lost phone). The new password is returned once.
 */
export async function resetAdminPassword(
  deps: AuthDeps<ResetAdminPasswordStores>,
  principal: Principal,
  input: { readonly email: string; readonly password?: string; readonly resetTotp?: boolean },
): Promise<Result<{ readonly password: string; readonly generated: boolean }, ErrorCode>> {
  if (!holdsTenantWide(principal, 'admins.manage')) return fail('FORBIDDEN', 'Resetting passwords needs tenant-wide admins.manage (global admin).');
  if (input.password !== undefined) {
    const pw = checkPassword(input.password);
    if (!pw.ok) return pw;
  }
  const password = input.password ?? generatePassword((n) => deps.ids.randomBytes(n));
  const passwordHash = await deps.passwords.hash(password);
  return deps.tx.transaction(async (s) => {
    const user = await s.getUserByEmail(principal.tenantId, input.email.trim().toLowerCase());
    if (user === undefined) return fail('USER_NOT_FOUND', `No user with the e-mail ${input.email.slice(0, 254)}.`);
    const now = deps.clock.now();
    const existing = await s.getCredentials(principal.tenantId, user.id);
    const resetTotp = input.resetTotp === true;
    await s.putCredentials({
      userId: user.id,
      tenantId: principal.tenantId,
      passwordHash,
      totpSecretSealed: resetTotp ? null : (existing?.totpSecretSealed ?? null),
      totpState: resetTotp ? 'none' : (existing?.totpState ?? 'none'),
      totpLastStep: resetTotp ? null : (existing?.totpLastStep ?? null),
      failedAttempts: 0,
      lockedUntil: null,
      passwordChangedAt: now,
    });
    await s.revokeSessionsOfUser(principal.tenantId, user.id, now);
    await recordAudit(s, principal, now, 'user.passwordReset', { type: 'user', id: user.id }, null, { totpReset: resetTotp });
    return ok({ password, generated: input.password === undefined });
  });
}
