import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Origin, Principal } from '../kernel/context.js';
import type { AuthDeps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { defaultTenantSlug } from '../kernel/tenant.js';
import { mintAccessToken } from './issue-session.js';
import type { Credentials, User } from './model.js';
import type { AccessTokenStore, CredentialStore, TenantStore, UserStore } from './ports.js';
import { verifyTotp } from './totp.js';

export type SignInStores = Pick<TenantStore, 'getTenantBySlug'> & Pick<UserStore, 'getUserByEmail'> & CredentialStore & Pick<AccessTokenStore, 'insertAccessToken'> & AuditTrail;

/** Failed attempts before an account locks, and for how long. */
export const lockout = { attempts: 5, minutes: 15 } as const;
/** How long a console session lasts. */
export const sessionHours = 12;

/** A sign-in attempt. */
export interface SignInInput {
  readonly email: string;
  readonly password: string;
  readonly totpCode?: string;
  readonly tenant?: string;
}

/** A successful sign-in: the session bearer (shown once) and who signed in. */
export interface SignedIn {
  readonly bearer: string;
  readonly expiresAt: Date;
  readonly user: User;
}

/**
 * Password (argon2id) and, when enrolled, TOTP sign-in. Five failures lock the account for 15
 * minutes; the answer never says whether the e-mail exists. Success returns a session token.
 */
export async function signIn(deps: AuthDeps<SignInStores>, input: SignInInput, origin: Origin): Promise<Result<SignedIn, ErrorCode>> {
  const invalid = fail('INVALID_CREDENTIALS', 'The e-mail or password is wrong.');
  const tenant = await deps.stores.getTenantBySlug(input.tenant ?? defaultTenantSlug);
  if (tenant === undefined || input.password.length > 1024) {
    await deps.passwords.hash(input.password.slice(0, 1024));
    return invalid;
  }
  const user = await deps.stores.getUserByEmail(tenant.id, input.email.trim().toLowerCase());
  const credentials = user === undefined ? undefined : await deps.stores.getCredentials(tenant.id, user.id);
  if (user === undefined || credentials?.passwordHash == null || user.disabled) {
    // Hashing costs what verifying does, so an unknown e-mail answers as slowly as a known one.
    await deps.passwords.hash(input.password);
    return invalid;
  }
  const now = deps.clock.now();
  if (credentials.lockedUntil !== null && credentials.lockedUntil.getTime() > now.getTime()) {
    return fail('ACCOUNT_LOCKED', `Too many failed sign-ins; try again after ${credentials.lockedUntil.toISOString()}.`, { lockedUntil: credentials.lockedUntil.toISOString() });
  }
  const principal: Principal = { tenantId: tenant.id, userId: user.id, actor: { type: 'user', id: user.id, name: user.email }, grants: [], origin };
  const recordFailure = async (): Promise<void> => {
    const failedAttempts = credentials.failedAttempts + 1;
    const locks = failedAttempts >= lockout.attempts;
    const next: Credentials = { ...credentials, failedAttempts: locks ? 0 : failedAttempts, lockedUntil: locks ? new Date(now.getTime() + lockout.minutes * 60_000) : null };
    await deps.tx.transaction(async (s) => {
      await s.putCredentials(next);
      if (locks) await recordAudit(s, principal, now, 'user.lockedOut', { type: 'user', id: user.id }, null, { lockedUntil: next.lockedUntil });
    });
  };
  if (!(await deps.passwords.verify(credentials.passwordHash, input.password))) {
    await recordFailure();
    return invalid;
  }
  let totpLastStep = credentials.totpLastStep;
  if (credentials.totpState === 'enabled') {
    if (input.totpCode === undefined || input.totpCode === '') return fail('MFA_REQUIRED', 'Enter the code from your authenticator app.');
    const secret = credentials.totpSecretSealed === null ? undefined : deps.secrets.open(credentials.totpSecretSealed, `totp:${user.id}`);
    const step = secret === undefined ? undefined : verifyTotp(secret, input.totpCode, now, credentials.totpLastStep, deps.digests);
    if (step === undefined) {
      await recordFailure();
      return fail('INVALID_MFA_CODE', 'The authenticator code is wrong or was used already.');
    }
    totpLastStep = step;
  }
  const issued = mintAccessToken(deps.ids, deps.digests, {
    tenantId: tenant.id,
    kind: 'session',
    userId: user.id,
    name: `session ${origin.ip ?? origin.via}`,
    grant: null,
    now,
    expiresAt: new Date(now.getTime() + sessionHours * 3_600_000),
  });
  await deps.tx.transaction(async (s) => {
    await s.putCredentials({ ...credentials, failedAttempts: 0, lockedUntil: null, totpLastStep });
    await s.insertAccessToken(issued.token);
    await recordAudit(s, principal, now, 'user.signedIn', { type: 'user', id: user.id }, null, { sessionId: issued.token.id, mfa: credentials.totpState === 'enabled' });
  });
  return ok({ bearer: issued.bearer, expiresAt: issued.token.expiresAt, user });
}
