import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { AuthDeps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { CredentialStore } from './ports.js';
import { verifyTotp } from './totp.js';

/** Enables TOTP once the user proves their app holds the pending secret. */
export async function confirmTotpEnrollment(deps: AuthDeps<CredentialStore & AuditTrail>, principal: Principal, code: string): Promise<Result<{ readonly enabled: true }, ErrorCode>> {
  if (principal.userId === null || principal.actor.type !== 'user') return fail('FORBIDDEN', 'Only a signed-in admin can enrol an authenticator.');
  const userId = principal.userId;
  return deps.tx.transaction(async (s) => {
    const credentials = await s.getCredentials(principal.tenantId, userId);
    if (credentials?.totpState !== 'pending' || credentials.totpSecretSealed === null) return fail('TOTP_NOT_PENDING', 'Start the enrolment first.');
    const secret = deps.secrets.open(credentials.totpSecretSealed, `totp:${userId}`);
    const now = deps.clock.now();
    const step = secret === undefined ? undefined : verifyTotp(secret, code, now, null, deps.digests);
    if (step === undefined) return fail('INVALID_MFA_CODE', 'The code does not match; check the time on your phone and try the next code.');
    await s.putCredentials({ ...credentials, totpState: 'enabled', totpLastStep: step });
    await recordAudit(s, principal, now, 'user.totpEnabled', { type: 'user', id: userId }, null, null);
    return ok({ enabled: true as const });
  });
}
