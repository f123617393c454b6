import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { TenantId, UserId } from '../kernel/brand.js';
import type { Origin, Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { RecoveryCodeStore } from './passkey-ports.js';
import type { CredentialStore } from './ports.js';
import { normalizeRecoveryCode, recoveryCodeHash } from './recovery-code-text.js';
import { lockout } from './sign-in.js';

/** A recovery code typed in place of a second factor. */
export interface UseRecoveryCodeInput {
  readonly tenantId: TenantId;
  readonly userId: UserId;
  /** The user's e-mail, for the audit record. */
  readonly userName: string;
  readonly code: string;
  readonly origin: Origin;
}

/**
 * Spends one recovery code as the second factor of a user whose password the caller has just
 * verified. Each code works once (the store's conditional update decides between two concurrent
 * uses). A wrong code counts towards the same lockout as a wrong password or TOTP code (five
 * failures, fifteen minutes), so the codes cannot be guessed online either.
 */
export async function useRecoveryCode(deps: Deps<CredentialStore & RecoveryCodeStore & AuditTrail>, input: UseRecoveryCodeInput): Promise<Result<{ readonly remaining: number }, ErrorCode>> {
  const { tenantId, userId } = input;
  const now = deps.clock.now();
  const principal: Principal = { tenantId, userId, actor: { type: 'user', id: userId, name: input.userName }, grants: [], origin: input.origin };
  const canonical = normalizeRecoveryCode(input.code);
  const outcome = await deps.tx.transaction(async (s): Promise<Result<{ readonly used: false } | { readonly used: true; readonly remaining: number }, ErrorCode>> => {
    const credentials = await s.getCredentials(tenantId, userId);
    if (credentials?.lockedUntil != null && credentials.lockedUntil.getTime() > now.getTime()) {
      return fail('ACCOUNT_LOCKED', `Too many failed sign-ins; try again after ${credentials.lockedUntil.toISOString()}.`, { lockedUntil: credentials.lockedUntil.toISOString() });
    }
    const used = canonical !== undefined && (await s.consumeRecoveryCode(tenantId, userId, recoveryCodeHash(deps.digests, tenantId, userId, canonical), now));
    if (!used) {
      if (credentials !== undefined) {
        const failedAttempts = credentials.failedAttempts + 1;
        const locks = failedAttempts >= lockout.attempts;
        const lockedUntil = locks ? new Date(now.getTime() + lockout.minutes * 60_000) : null;
        await s.putCredentials({ ...credentials, failedAttempts: locks ? 0 : failedAttempts, lockedUntil });
        if (locks) await recordAudit(s, principal, now, 'user.lockedOut', { type: 'user', id: userId }, null, { lockedUntil });
      }
      // Returned as a value, not a failure, so the transaction commits the counted attempt.
      return ok({ used: false as const });
    }
    if (credentials !== undefined && credentials.failedAttempts !== 0) await s.putCredentials({ ...credentials, failedAttempts: 0, lockedUntil: null });
    const remaining = await s.countUnusedRecoveryCodes(tenantId, userId);
    await recordAudit(s, principal, now, 'user.recoveryCodeUsed', { type: 'user', id: userId }, null, { remaining });
    return ok({ used: true as const, remaining });
  });
  if (!outcome.ok) return outcome;
  if (!outcome.value.used) return fail('INVALID_RECOVERY_CODE', 'That recovery code is wrong or was used already.');
  return ok({ remaining: outcome.value.remaining });
}
