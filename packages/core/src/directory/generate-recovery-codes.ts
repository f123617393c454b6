import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { RecoveryCodeStore } from './passkey-ports.js';
import type { UserStore } from './ports.js';
import { formatRecoveryCode, normalizeRecoveryCode, recoveryCodeCount, recoveryCodeHash } from './recovery-code-text.js';
import { secondFactorOwner } from './webauthn-challenge.js';

/** A new set of recovery codes, shown this once. */
export interface RecoveryCodes {
  readonly codes: readonly string[];
  readonly generatedAt: Date;
}

/**
 * Gives the signed-in person ten new recovery codes, replacing any earlier set (used or not). Only
 * their hashes are stored; each code signs in once in place of a second factor.
 */
export async function generateRecoveryCodes(deps: Deps<Pick<UserStore, 'getUser'> & RecoveryCodeStore & AuditTrail>, principal: Principal): Promise<Result<RecoveryCodes, ErrorCode>> {
  const self = secondFactorOwner(principal);
  if (!self.ok) return self;
  const userId = self.value;
  const tenantId = principal.tenantId;
  const codes = Array.from({ length: recoveryCodeCount }, () => formatRecoveryCode(deps.ids.randomBytes(10)));
  const hashes = codes.map((code) => recoveryCodeHash(deps.digests, tenantId, userId, normalizeRecoveryCode(code) ?? code));
  const now = deps.clock.now();
  return deps.tx.transaction(async (s) => {
    const user = await s.getUser(tenantId, userId);
    if (user === undefined || user.disabled) return fail('USER_NOT_FOUND', 'The signed-in user does not exist.');
    await s.replaceRecoveryCodes(tenantId, userId, hashes, now);
    await recordAudit(s, principal, now, 'user.recoveryCodesGenerated', { type: 'user', id: userId }, null, { count: codes.length });
    return ok({ codes, generatedAt: now });
  });
}
