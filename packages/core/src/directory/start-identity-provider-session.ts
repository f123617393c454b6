import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Origin, Principal } from '../kernel/context.js';
import type { AuthDeps } from '../kernel/deps.js';
import type { TenantId, UserId } from '../kernel/brand.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { mintAccessToken } from './issue-session.js';
import type { AccessTokenStore, UserStore } from './ports.js';
import { sessionHours, type SignedIn } from './sign-in.js';

export type StartIdentityProviderSessionStores = Pick<UserStore, 'getUser'> & Pick<AccessTokenStore, 'insertAccessToken'> & AuditTrail;

/** A sign-in Ward's identity provider completed for the console's own client. */
export interface IdentityProviderSignIn {
  readonly tenantId: TenantId;
  readonly userId: UserId;
  /** How the user authenticated (`pwd`, `otp`, `hwk`…), from the provider's session: kept in the audit event. */
  readonly amr: readonly string[];
}

/**
 * Turns a sign-in through Ward's identity provider into a console session (issue 6 §8: one sign-in
 * story). The provider has already checked the password, the second factor and conditional
 * access for the console client; this only re-reads the user, so one disabled since the
 * authorization gets nothing, and issues the same kind of session the password form does.
 */
export async function startIdentityProviderSession(deps: AuthDeps<StartIdentityProviderSessionStores>, signInResult: IdentityProviderSignIn, origin: Origin): Promise<Result<SignedIn, ErrorCode>> {
  const user = await deps.stores.getUser(signInResult.tenantId, signInResult.userId);
  if (user === undefined || user.disabled) return fail('UNAUTHENTICATED', 'The account that signed in no longer exists or is disabled.');
  const now = deps.clock.now();
  const issued = mintAccessToken(deps.ids, deps.digests, {
    tenantId: user.tenantId,
    kind: 'session',
    userId: user.id,
    name: `session ${origin.ip ?? origin.via} (identity provider)`,
    grant: null,
    now,
    expiresAt: new Date(now.getTime() + sessionHours * 3_600_000),
  });
  const principal: Principal = { tenantId: user.tenantId, userId: user.id, actor: { type: 'user', id: user.id, name: user.email }, grants: [], origin };
  await deps.tx.transaction(async (s) => {
    await s.insertAccessToken(issued.token);
    await recordAudit(s, principal, now, 'user.signedIn', { type: 'user', id: user.id }, null, { sessionId: issued.token.id, via: 'identityProvider', amr: [...signInResult.amr] });
  });
  return ok({ bearer: issued.bearer, expiresAt: issued.token.expiresAt, user });
}
