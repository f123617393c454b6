import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { CredentialStore } from '../directory/ports.js';
import { lockout } from '../directory/sign-in.js';
import { verifyTotp } from '../directory/totp.js';
import type { TenantId, UserId } from '../kernel/brand.js';
import type { Origin, Principal } from '../kernel/context.js';
import type { AuthDeps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';

/** An authenticator code typed as the second factor after a first factor that was not a password. */
export interface VerifyTotpSecondFactorInput {
  readonly tenantId: TenantId;
  readonly userId: UserId;
  /** The user's e-mail, for the audit record. */
  readonly userName: string;
  readonly code: string;
  readonly origin: Origin;
}

/**
 * Checks a TOTP code as the second factor of a user whose first factor the caller has verified
 * some other way than a password: a federated sign-in at an upstream provider (issue 6 §2). Core's
 * `signIn` checks a code only together with the password, which a federated user never typed. The
 * rules are the password path's: a code at or before the last used step is refused (no reuse), and
 * a wrong code counts towards the same lockout (five failures, fifteen minutes), which also refuses
 * every code while it lasts. Only a user with an enabled authenticator gets `ok`.
 */
export async function verifyTotpSecondFactor(deps: AuthDeps<CredentialStore & AuditTrail>, input: VerifyTotpSecondFactorInput): Promise<Result<{ readonly step: number }, ErrorCode>> {
  const { tenantId, userId } = input;
  const now = deps.clock.now();
  const principal: Principal = { tenantId, userId, actor: { type: 'user', id: userId, name: input.userName }, grants: [], origin: input.origin };
  const outcome = await deps.tx.transaction(async (s): Promise<Result<{ readonly step: number | undefined }, ErrorCode>> => {
    const credentials = await s.getCredentials(tenantId, userId);
    if (credentials?.totpState !== 'enabled' || credentials.totpSecretSealed === null) return fail('INVALID_MFA_CODE', 'This account has no authenticator app.');
    if (credentials.lockedUntil !== null && credentials.lockedUntil.getTime() > now.getTime()) {
      return fail('ACCOUNT_LOCKED', `Too many failed sign-ins; try again after ${credentials.lockedUntil.toISOString()}.`, { lockedUntil: credentials.lockedUntil.toISOString() });
    }
    const secret = deps.secrets.open(credentials.totpSecretSealed, `totp:${userId}`);
    const step = secret === undefined ? undefined : verifyTotp(secret, input.code, now, credentials.totpLastStep, deps.digests);
    if (step === undefined) {
      const failedAttempts = credentials.failedAttempts + 1;
      const locks = failedAttempts >= lockout.attempts;
      const lockedUntil = locks ? new Date(now.getTime() + lockout.minutes * 60_000) : null;
      await s.putCredentials({ ...credentials, failedAttempts: locks ? 0 : failedAttempts, lockedUntil });
      if (locks) await recordAudit(s, principal, now, 'user.lockedOut', { type: 'user', id: userId }, null, { lockedUntil });
      // Returned as a value, not a failure, so the transaction commits the counted attempt.
      return ok({ step: undefined });
    }
    await s.putCredentials({ ...credentials, failedAttempts: 0, lockedUntil: null, totpLastStep: step });
    return ok({ step });
  });
  if (!outcome.ok) return outcome;
  if (outcome.value.step === undefined) return fail('INVALID_MFA_CODE', 'The authenticator code is wrong or was used already.');
  return ok({ step: outcome.value.step });
}
