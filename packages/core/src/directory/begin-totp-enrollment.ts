import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { AuthDeps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { CredentialStore, UserStore } from './ports.js';
import { base32Encode, otpauthUri } from './totp.js';

/** The secret to put in an authenticator app, as text and as an otpauth:// URI for a QR code. */
export interface TotpEnrollment {
  readonly secret: string;
  readonly otpauthUri: string;
}

/**
 * Starts TOTP enrolment for the signed-in user: a new secret, pending until a first correct code
 * confirms it. An enabled TOTP must be reset by another admin (`ward admin reset --totp`).
 */
export async function beginTotpEnrollment(deps: AuthDeps<Pick<UserStore, 'getUser'> & CredentialStore & AuditTrail>, principal: Principal, issuer = 'Ward'): Promise<Result<TotpEnrollment, ErrorCode>> {
  if (principal.userId === null || principal.actor.type !== 'user') return fail('FORBIDDEN', 'Only a signed-in admin can enrol an authenticator.');
  const userId = principal.userId;
  return deps.tx.transaction(async (s) => {
    const user = await s.getUser(principal.tenantId, userId);
    const credentials = await s.getCredentials(principal.tenantId, userId);
    if (user === undefined || credentials === undefined) return fail('USER_NOT_FOUND', 'The signed-in user has no credentials.');
    if (credentials.totpState === 'enabled') return fail('TOTP_ALREADY_ENABLED', 'An authenticator is enrolled already; ask another admin to reset it.');
    const secret = deps.ids.randomBytes(20);
    await s.putCredentials({ ...credentials, totpSecretSealed: deps.secrets.seal(secret, `totp:${userId}`), totpState: 'pending', totpLastStep: null });
    await recordAudit(s, principal, deps.clock.now(), 'user.totpEnrollmentStarted', { type: 'user', id: userId }, null, null);
    return ok({ secret: base32Encode(secret), otpauthUri: otpauthUri(issuer, user.email, secret) });
  });
}
